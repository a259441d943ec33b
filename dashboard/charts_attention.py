"""Attention figures: one head, every head at once (model view), head view lines, token focus.

Pure functions: NumPy arrays and token lists in, a Plotly figure out; no Streamlit.
Shape legend: L layers, H heads, T query length, S key length.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.attention_analysis import TokenFocus, block_mean
from dashboard.chart_common import ATTENTION_COLORSCALE, float32, safe_label, token_labels

HEAD_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939")


def attention_heatmap(matrix, query_tokens: list[str], key_tokens: list[str], title: str = "",
                      value_name: str = "attention") -> go.Figure:
    """(T, S) weights as query rows × key columns, colour fixed to [0, 1], exact value on hover."""
    z = float32(matrix)  # (T, S)
    fig = go.Figure(go.Heatmap(
        z=z, x=token_labels(key_tokens), y=token_labels(query_tokens), zmin=0.0, zmax=1.0,
        colorscale=ATTENTION_COLORSCALE, colorbar={"title": {"text": value_name}},
        hovertemplate=f"query %{{y}}<br>key %{{x}}<br>{value_name} %{{z}}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title_text="query (row)", type="category")
    fig.update_xaxes(title_text="key (column)", tickangle=-60, type="category")
    side = min(900, 260 + 14 * z.shape[0])
    fig.update_layout(title=title, height=side, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def overview_factor(num_tokens: int, max_side: int) -> int:
    """Block size that brings num_tokens down to at most max_side cells per head side."""
    return max(1, math.ceil(num_tokens / max_side))


def model_view(attentions: np.ndarray, tokens: list[str], max_side: int = 64) -> go.Figure:
    """All layers (rows) × heads (columns) in one figure; heads longer than max_side are block-averaged."""
    L, H, T, S = attentions.shape
    factor = overview_factor(max(T, S), max_side)
    pooled = block_mean(float32(attentions), factor)  # (L, H, T', S')
    if factor == 1:
        labels = token_labels(tokens)
    else:
        labels = [f"tokens {start}–{min(start + factor, T) - 1}" for start in range(0, T, factor)]
    fig = make_subplots(rows=L, cols=H, horizontal_spacing=0.006, vertical_spacing=0.006 * 12 / max(L, 1),
                        column_titles=[f"head {h + 1}" for h in range(H)],
                        row_titles=[f"layer {l + 1}" for l in range(L)])
    for layer in range(L):
        for head in range(H):
            fig.add_trace(go.Heatmap(
                z=pooled[layer, head], x=labels[:pooled.shape[3]], y=labels[:pooled.shape[2]],
                coloraxis="coloraxis",
                hovertemplate=(f"layer {layer + 1}, head {head + 1}<br>query %{{y}}<br>key %{{x}}"
                               f"<br>{'mean ' if factor > 1 else ''}attention %{{z}}<extra></extra>")),
                row=layer + 1, col=head + 1)
    fig.update_xaxes(showticklabels=False, ticks="", type="category")
    fig.update_yaxes(showticklabels=False, ticks="", autorange="reversed", type="category")
    fig.update_annotations(font_size=10)
    note = f" (each cell averages {factor}×{factor} token pairs)" if factor > 1 else ""
    fig.update_layout(
        coloraxis={"cmin": 0.0, "cmax": 1.0, "colorscale": ATTENTION_COLORSCALE, "colorbar": {"title": {"text": "attention"}}},
        height=max(320, 74 * L + 60), margin={"l": 10, "r": 40, "t": 50, "b": 10},
        title=f"All {L} layers × {H} heads{note}")
    return fig


def _bucketed_lines(weights: np.ndarray, min_weight: float, buckets: int = 6):
    """Group (T, S) weights above min_weight into width buckets: one Plotly trace per bucket, not per line."""
    edges = np.linspace(min_weight, 1.0, buckets + 1)
    for lower, upper in zip(edges[:-1], edges[1:]):
        rows, cols = np.nonzero((weights >= lower) & (weights < upper if upper < 1.0 else weights <= upper))
        if rows.size:
            yield (lower + upper) / 2, rows, cols


def head_view(attentions: np.ndarray, head_names: list[str], tokens: list[str],
              query_index: int | None = None, min_weight: float = 0.05) -> go.Figure:
    """Lines from each token (left) to the tokens it attends to (right), thickness by weight.

    attentions (n, T, T) for the n chosen heads; query_index keeps only that token's lines.
    """
    n, T, S = attentions.shape
    labels = [safe_label(t) for t in tokens]
    fig = go.Figure()
    for index in range(n):
        colour = HEAD_COLOURS[index % len(HEAD_COLOURS)]
        weights = float32(attentions[index]).copy()
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
    for side, anchor in ((0.0, "right"), (1.0, "left")):
        fig.add_trace(go.Scatter(
            x=np.full(T, side), y=-np.arange(T), mode="text", text=labels, textposition=f"middle {anchor}",
            customdata=np.arange(T), showlegend=False,
            hovertemplate=("query" if side == 0 else "key") + " %{customdata}: %{text}<extra></extra>"))
    fig.update_xaxes(visible=False, range=[-0.6, 1.6])
    fig.update_yaxes(visible=False, range=[-T + 0.3, 0.7])
    fig.update_layout(height=min(2400, 120 + 22 * T), margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      title="Head view: line thickness = attention weight", legend={"orientation": "h", "y": 1.02})
    return fig


def token_focus_heatmap(focus: TokenFocus, tokens: list[str]) -> go.Figure:
    """Layers × heads: colour is the largest weight, the label is the key that gets it."""
    L, H = focus.top_weight.shape
    keys = np.array([safe_label(t) for t in tokens], dtype=object)[focus.top_key_index]  # (L, H)
    fig = go.Figure(go.Heatmap(
        z=focus.top_weight, x=[f"head {h + 1}" for h in range(H)], y=[f"layer {l + 1}" for l in range(L)],
        text=keys, texttemplate="%{text}", textfont={"size": 10}, zmin=0.0, zmax=1.0,
        colorscale=ATTENTION_COLORSCALE, colorbar={"title": {"text": "top weight"}},
        hovertemplate="%{y}, %{x}<br>attends most to %{text}<br>weight %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=f"Where {safe_label(tokens[focus.query_index])!r} (position {focus.query_index}) "
                            "attends most", height=max(260, 40 * L + 80), margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def token_focus_rows(focus: TokenFocus, tokens: list[str]) -> go.Figure:
    """Every (layer, head) row of the chosen token's attention to each key."""
    L, H, S = focus.row.shape
    fig = attention_heatmap(focus.row.reshape(L * H, S), [f"L{l + 1} H{h + 1}" for l in range(L) for h in range(H)],
                            tokens, title=f"Attention of {safe_label(tokens[focus.query_index])!r} to every token")
    fig.update_yaxes(title_text="layer, head")
    fig.update_layout(height=min(1600, 200 + 12 * L * H))
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
                         "weight": float32(matrix).ravel()})
