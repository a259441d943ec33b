"""Attention figures: one head, every head at once (model view), head view lines, token focus.

Pure functions: NumPy arrays and token lists in, a Plotly figure out; no Streamlit.
Shape legend: L layers, H heads, T query length, S key length.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.analysis.attention_maps import TokenFocus, as_array, block_mean
from dashboard.charts.common import (
    ATTENTION_COLORSCALE,
    MAX_LABELLED,
    ROW_PX,
    VALUE_FORMAT,
    ZERO_WIDTH,
    head_labels,
    head_name,
    hover,
    label_every_row,
    layer_labels,
    margins,
    safe_label,
    token_labels,
    token_tickangle,
    weight_range,
)
from dashboard.i18n import ENGLISH, Words

HEAD_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939")


def attention_heatmap(matrix, query_tokens: list[str], key_tokens: list[str], title: str = "",
                      value_name: str | None = None, fixed_unit: bool = False, words: Words = ENGLISH) -> go.Figure:
    """(T, S) weights as query rows × key columns, exact value (4 significant digits) on hover.

    Colour runs from 0 to the largest weight shown (rollout values near 0.1 stay visible), or is fixed
    to [0, 1] with ``fixed_unit``; every row and column is labelled up to MAX_LABELLED tokens.
    ``value_name``: what a weight is (already in the page's language), "attention" when None."""
    z = as_array(matrix)  # (T, S)
    zmin, zmax = weight_range(z, fixed_unit)
    value = f"%{{z:{VALUE_FORMAT}}}"
    value_line = words("hover.attention", v=value) if value_name is None else f"{value_name} {value}"
    fig = go.Figure(go.Heatmap(
        z=z, x=token_labels(key_tokens), y=token_labels(query_tokens), zmin=zmin, zmax=zmax,
        colorscale=ATTENTION_COLORSCALE,
        colorbar={"title": {"text": value_name or words("chart.attention"), "side": "right"}},
        hovertemplate=hover(words("hover.query", v="%{y}"), words("hover.key", v="%{x}"), value_line)))
    fig.update_yaxes(autorange="reversed", title_text=words("chart.query_row"), type="category")
    fig.update_xaxes(title_text=words("chart.key_column"), tickangle=token_tickangle(z.shape[1]), type="category")
    label_every_row(fig, "y", z.shape[0])
    label_every_row(fig, "x", z.shape[1])
    side = 260 + ROW_PX * min(z.shape[0], MAX_LABELLED) if z.shape[0] <= MAX_LABELLED else 1400
    fig.update_layout(title=title, height=side, margin=margins())
    return fig


def overview_factor(num_tokens: int, num_heads_total: int, max_cells: int) -> int:
    """Block size that keeps all heads' cells within max_cells.

    The default budget (160,000) keeps a 12 × 12 model exact at 32 tokens; past it, blocks are
    still a few screen pixels wide, so averaging loses nothing the eye could see, and Plotly
    draws the figure in a fraction of the time (measured in benchmarks/bench_browser.py).
    """
    side = max(1, int(math.sqrt(max_cells / max(num_heads_total, 1))))
    return max(1, math.ceil(num_tokens / side))


def model_view(attentions: np.ndarray, tokens: list[str], max_cells: int = 160_000,
               fixed_unit: bool = False, words: Words = ENGLISH) -> go.Figure:
    """All layers (rows of blocks) × heads (columns of blocks) as ONE tiled heatmap trace.

    One trace instead of L × H subplots keeps a 12 × 12 model responsive. When the cells would
    exceed max_cells, each head is block-averaged (mean over factor × factor token pairs) and the
    title says so. Colour follows the data (block means at 512 tokens are near 1/512, which a fixed
    [0, 1] scale draws white) unless ``fixed_unit``. Every query row is labelled with its token when
    there are at most MAX_LABELLED of them; hover names layer, head, query and key.
    """
    L, H, T, S = attentions.shape
    factor = overview_factor(max(T, S), L * H, max_cells)
    pooled = block_mean(as_array(attentions), factor)  # (L, H, T', S')
    Tp, Sp = pooled.shape[2:]
    if factor == 1:
        names = list(enumerate(tokens))
    else:
        names = [(start, min(start + factor, T) - 1) for start in range(0, T, factor)]
    # A NaN row / column after each block separates layers and heads; labels stay unique per category.
    tiled = np.full((L, Tp + 1, H, Sp + 1), np.nan, dtype=np.float32)
    tiled[:, :Tp, :, :Sp] = pooled.transpose(0, 2, 1, 3)  # (L, T', H, S')
    z = tiled.reshape(L * (Tp + 1), H * (Sp + 1))
    y = [_model_view_name(words, "query", layer, names[q]) if q < Tp else ZERO_WIDTH * (layer + 1)
         for layer in range(L) for q in range(Tp + 1)]
    x = [_model_view_name(words, "key", head, names[k]) if k < Sp else ZERO_WIDTH * (L + head + 2)
         for head in range(H) for k in range(Sp + 1)]
    value_key = "mean_attention" if factor > 1 else "attention"
    zmin, zmax = weight_range(pooled, fixed_unit)
    heatmap = go.Heatmap(
        z=z, x=x, y=y, zmin=zmin, zmax=zmax, colorscale=ATTENTION_COLORSCALE, hoverongaps=False,
        zsmooth="fast" if z.size > 250_000 else False,
        colorbar={"title": {"text": words(f"chart.{value_key}"), "side": "right"}},
        hovertemplate=hover("%{y}", "%{x}", words(f"hover.{value_key}", v=f"%{{z:{VALUE_FORMAT}}}")))
    # The layout is given whole at construction: update_xaxes / update_yaxes / update_layout parse every
    # property path ("margin.autoexpand") and cost 3x the build (README, "Where a page run's time goes").
    xaxis = {"type": "category", "tickvals": [x[head * (Sp + 1) + Sp // 2] for head in range(H)],
             "ticktext": head_labels(H, words), "side": "top", "tickangle": 0}
    token_rows = factor == 1 and Tp <= MAX_LABELLED
    yaxis, annotations, height = _model_view_rows(y, L, Tp, tokens if token_rows else None, words)
    title = (words("chart.all_heads", layers=L, heads=H) if factor == 1
             else words("chart.all_heads_averaged", layers=L, heads=H, f=factor, g=factor))
    layout = {"xaxis": xaxis, "yaxis": yaxis, "title": {"text": title},
              "height": height, "margin": {"l": 150 if token_rows else 80, "r": 110, "t": 90, "b": 10,
                                           "autoexpand": False}}
    if annotations:
        layout["annotations"] = annotations
    fig = go.Figure(heatmap, layout=layout)
    return fig


def _model_view_rows(y: list[str], L: int, Tp: int, tokens: list[str] | None, words: Words) -> tuple[dict, list, int]:
    """The model view's y axis, layer annotations and height. With ``tokens`` every query row is named by its
    token and the layer's name stands beside its block; else one tick per layer block."""
    if tokens is None:
        yaxis = {"type": "category", "autorange": "reversed",
                 "tickvals": [y[layer * (Tp + 1) + Tp // 2] for layer in range(L)], "ticktext": layer_labels(L, words)}
        return yaxis, [], max(320, min(1100, 80 * L + 80))
    yaxis = {"type": "category", "autorange": "reversed",
             "tickvals": [y[layer * (Tp + 1) + q] for layer in range(L) for q in range(Tp)],
             "ticktext": [safe_label(t) for _ in range(L) for t in tokens]}
    # y as the category's index: the layer's name beside the middle row of its block
    annotations = [{"x": 0, "xref": "paper", "xanchor": "right", "xshift": -110, "yref": "y",
                    "y": layer * (Tp + 1) + Tp // 2, "text": name, "showarrow": False, "textangle": -90}
                   for layer, name in enumerate(layer_labels(L, words))]
    return yaxis, annotations, 120 + ROW_PX * L * (Tp + 1)


def _model_view_name(words: Words, side: str, index: int, name) -> str:
    """A model-view row ("layer 2 · query it (3)") or column ("head 1 · key tokens 0–7"): ``name`` is a
    (position, token) pair, or a (first, last) block of positions when cells are averaged."""
    if isinstance(name[1], str):
        return words(f"chart.tick.model_{side}", n=index + 1, token=safe_label(name[1]), i=name[0])
    return words(f"chart.tick.model_{side}_block", n=index + 1, start=name[0], end=name[1])


def _bucketed_lines(weights: np.ndarray, min_weight: float, buckets: int = 6):
    """Group (T, S) weights above min_weight into width buckets: one Plotly trace per bucket, not per line."""
    edges = np.linspace(min_weight, 1.0, buckets + 1)
    for lower, upper in zip(edges[:-1], edges[1:]):
        inside = (weights >= lower) & (weights < upper if upper < 1.0 else weights <= upper) & (weights > 0)
        rows, cols = np.nonzero(inside)  # weight 0 (another query's row, when one token is chosen) draws nothing
        if rows.size:
            yield (lower + upper) / 2, rows, cols


LABEL_GAP = 0.06  # x-distance between a token's label and where its lines start: lines never cover a label


def head_view(attentions: np.ndarray, head_names: list[str], tokens: list[str],
              query_index: int | None = None, min_weight: float = 0.05,
              positions: np.ndarray | None = None, words: Words = ENGLISH) -> go.Figure:
    """Lines from each token (left) to the tokens it attends to (right), thickness by weight (BertViz).

    attentions (n, T, T) for the n chosen heads; query_index keeps only that token's lines (its label
    drawn bold, the others grey) and writes each key's weight beside it. Lines run between x = 0 and 1;
    labels sit LABEL_GAP outside them, so no line crosses a label. ``positions``: each token's place in the
    full sentence (the pickers' numbers), carried as the labels' customdata for hover and clicks.
    """
    n, T, S = attentions.shape
    labels = [safe_label(t) for t in tokens]
    fig = go.Figure()
    for index in range(n):
        colour = HEAD_COLOURS[index % len(HEAD_COLOURS)]
        weights = as_array(attentions[index]).copy()
        if query_index is not None:
            weights[np.arange(T) != query_index] = 0.0
        for middle, rows, cols in _bucketed_lines(weights, min_weight):
            xs = np.tile(np.array([0.0, 1.0, np.nan]), rows.size)
            ys = np.column_stack([-rows, -cols, np.full(rows.size, np.nan)]).ravel()
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", line={"width": 0.5 + 8 * middle, "color": colour},
                opacity=min(1.0, 0.25 + middle), hoverinfo="skip", showlegend=False, legendgroup=head_names[index]))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", line={"color": colour, "width": 4},
                                 name=head_names[index], legendgroup=head_names[index]))
    colours = ["#222" if query_index is None or i == query_index else "#999" for i in range(T)]
    left = [f"<b>{label}</b>" if i == query_index else label for i, label in enumerate(labels)]
    right = labels
    if query_index is not None:  # the weight the chosen token gives each key, after the key's label
        row = as_array(attentions[:, query_index]).mean(0)  # (S,) mean over the chosen heads
        right = [f"{label}  {weight:.3g}" for label, weight in zip(labels, row)]
    for side, anchor, text in ((-LABEL_GAP, "left", left), (1.0 + LABEL_GAP, "right", right)):
        fig.add_trace(go.Scatter(
            x=np.full(T, side), y=-np.arange(T), mode="markers+text", text=text, marker={"size": 14, "opacity": 0},
            textposition=f"middle {'left' if anchor == 'left' else 'right'}",
            textfont={"color": colours if side < 0 else "#222", "size": 14},
            customdata=np.arange(T) if positions is None else np.asarray(positions),
            showlegend=False,
            hovertemplate=hover(words("hover.query" if side < 0 else "hover.key", v="%{customdata}: %{text}"))))
    fig.update_xaxes(visible=False, range=[-0.75, 1.75], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-T + 0.3, 0.7], fixedrange=True)
    # A label's point is at its end next to the lines; a click anywhere on the word (up to 120 px away) still
    # reaches it, so clicking the word chooses the token (the page's clickable head view).
    fig.update_layout(height=min(2400, 140 + 24 * T), margin=margins(), hovermode="closest", hoverdistance=120,
                      title=words("chart.head_view"), legend={"orientation": "h", "y": 0, "yanchor": "top"})
    return fig


def token_focus_heatmap(focus: TokenFocus, tokens: list[str], position: int | None = None,
                        fixed_unit: bool = False, words: Words = ENGLISH) -> go.Figure:
    """Layers × heads: colour is the largest weight; each cell names the key that gets it and the weight.

    ``position`` is the token's place in the full sentence (the picker's number), which differs from
    its index among the shown tokens when [CLS]/[SEP] are hidden."""
    L, H = focus.top_weight.shape
    keys = np.array([safe_label(t) for t in tokens], dtype=object)[focus.top_key_index]  # (L, H)
    zmin, zmax = weight_range(focus.top_weight, fixed_unit)
    fig = go.Figure(go.Heatmap(
        z=focus.top_weight, x=head_labels(H, words), y=layer_labels(L, words),
        text=keys, texttemplate="%{text}<br>%{z:.3g}", textfont={"size": 13}, zmin=zmin, zmax=zmax,
        colorscale=ATTENTION_COLORSCALE, colorbar={"title": {"text": words("chart.top_weight"), "side": "right"}},
        hovertemplate=hover("%{y}, %{x}", words("hover.attends_most", v="%{text}"),
                            words("hover.weight", v=f"%{{z:{VALUE_FORMAT}}}"))))
    fig.update_yaxes(autorange="reversed")
    shown = focus.query_index if position is None else position
    token = repr(safe_label(tokens[focus.query_index]))
    fig.update_layout(title=words("chart.focus_where", token=token, position=shown),
                      height=max(300, 52 * L + 100), margin=margins())
    return fig


def token_focus_rows(focus: TokenFocus, tokens: list[str], fixed_unit: bool = False,
                     words: Words = ENGLISH) -> go.Figure:
    """Every (layer, head) row of the chosen token's attention to each key, every row labelled."""
    L, H, S = focus.row.shape
    rows = [head_name(layer, head) for layer in range(L) for head in range(H)]
    title = words("chart.focus_row", token=repr(safe_label(tokens[focus.query_index])))
    fig = attention_heatmap(focus.row.reshape(L * H, S), rows, tokens, title=title, fixed_unit=fixed_unit, words=words)
    fig.update_yaxes(title_text=words("chart.layer_head"), tickmode="linear", tick0=0, dtick=1)
    fig.update_layout(height=240 + ROW_PX * L * H)
    return fig


def token_focus_frame(focus: TokenFocus, tokens: list[str]) -> pd.DataFrame:
    """Tidy table: one row per (layer, head) with the top key and its weight."""
    L, H = focus.top_weight.shape
    layer, head = np.meshgrid(np.arange(L), np.arange(H), indexing="ij")
    return pd.DataFrame({
        "layer": layer.ravel() + 1, "head": head.ravel() + 1,
        "top_key_position": focus.top_key_index.ravel(),
        "top_key_token": [tokens[i] for i in focus.top_key_index.ravel()],
        "weight": focus.top_weight.ravel(),
    })


def matrix_frame(matrix: np.ndarray, query_tokens: list[str], key_tokens: list[str]) -> pd.DataFrame:
    """(T, S) matrix as a long table: query, key, value (for CSV download)."""
    T, S = matrix.shape
    q, k = np.meshgrid(np.arange(T), np.arange(S), indexing="ij")
    return pd.DataFrame({"query_position": q.ravel(), "query_token": np.array(query_tokens, dtype=object)[q.ravel()],
                         "key_position": k.ravel(), "key_token": np.array(key_tokens, dtype=object)[k.ravel()],
                         "weight": as_array(matrix).ravel()})
