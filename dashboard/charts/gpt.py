"""Figures of the GPT pages: the next-token distribution and its cuts, causal attention with the look-ahead mask
drawn, the two masks (GPT's and BERT's) side by side, where one word attends in each model.

Pure functions: arrays, tables and token lists in, a Plotly figure out; no Streamlit. Tokens are data: every one
goes through ``safe_label``. Shape legend: L layers, H heads, T query length, S key length, K tokens shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import block_mean
from dashboard.charts.attention import attention_heatmap, model_view, overview_factor
from dashboard.charts.common import VALUE_FORMAT, hover, margins, safe_label, token_labels
from dashboard.i18n import ENGLISH, Words

MASKED_COLOUR = "#d9a5a5"  # a forbidden (future) cell: apart from Blues' white 0, which is an allowed zero weight
ALLOWED_COLOUR = "#2171b5"
STATUS_COLOURS = {"kept": "#1f77b4", "cut_by_top_k": "#c7c7c7", "cut_by_top_p": "#8c8c8c"}
RENORMALISED_COLOUR = "#ff7f0e"
PAST, SELF, FUTURE = "#6baed6", "#08306b", "#e6550d"  # a word's attention to tokens before it, itself, after it


def next_token_figure(frame: pd.DataFrame, title: str = "", chosen: int | None = None,
                      words: Words = ENGLISH) -> go.Figure:
    """The K most probable next tokens (rows of ``dashboard.views.gpt.next_token_view``), most probable on top.

    Bars: the probability at the chosen temperature, coloured by what the cuts did (kept, removed by top-k,
    removed by top-p); beside them the renormalised probability sampling draws from (0 when removed); a tick
    marks the probability at temperature 1. ``chosen``: the row of the token a generation step drew, starred."""
    labels = token_labels(list(frame["token"]))
    statuses = [words(f"chart.gpt_status_{s}") for s in frame["status"]]
    custom = np.column_stack([frame["probability_t1"], frame["probability"], frame["renormalised"],
                              np.array(statuses, dtype=object)])
    lines = hover("%{y}", words("hover.gpt_status", v="%{customdata[3]}"),
                  words("hover.gpt_probability_t1", v=f"%{{customdata[0]:{VALUE_FORMAT}}}"),
                  words("hover.gpt_probability", v=f"%{{customdata[1]:{VALUE_FORMAT}}}"),
                  words("hover.gpt_renormalised", v=f"%{{customdata[2]:{VALUE_FORMAT}}}"))
    traces = [
        go.Bar(x=frame["probability"].to_numpy(np.float32), y=labels, orientation="h",
               name=words("chart.gpt_at_temperature"), customdata=custom, hovertemplate=lines,
               marker={"color": [STATUS_COLOURS[s] for s in frame["status"]]}, showlegend=False),
        go.Bar(x=frame["renormalised"].to_numpy(np.float32), y=labels, orientation="h",
               name=words("chart.gpt_renormalised"), customdata=custom, hovertemplate=lines,
               marker={"color": RENORMALISED_COLOUR}),
        go.Scatter(x=frame["probability_t1"].to_numpy(np.float32), y=labels, mode="markers", name=words("chart.gpt_t1"),
                   customdata=custom, hovertemplate=lines,
                   marker={"symbol": "line-ns-open", "size": 16, "color": "#222",
                           "line": {"width": 2, "color": "#222"}})]
    traces += [go.Scatter(x=[None], y=[None], mode="markers", name=words(f"chart.gpt_status_{status}"),
                          marker={"symbol": "square", "size": 12, "color": colour}, hoverinfo="skip")
               for status, colour in STATUS_COLOURS.items() if status in set(frame["status"])]  # the bars' colours
    if chosen is not None:
        traces.append(go.Scatter(x=[float(frame["renormalised"].iloc[chosen])], y=[labels[chosen]], mode="markers",
                                 name=words("chart.gpt_drawn"), hoverinfo="skip",
                                 marker={"symbol": "star", "size": 18, "color": "#d62728"}))
    top = float(max(frame["probability"].max(), frame["renormalised"].max(), frame["probability_t1"].max(), 1e-9))
    # The layout given whole at construction: update_* calls parse every property path and cost several times
    # the build, and this chart is on the path from a new prompt to the first picture.
    layout = {"title": {"text": title}, "barmode": "group", "bargap": 0.25, "height": 150 + 30 * len(frame),
              "margin": margins(64),
              "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "xanchor": "left"},
              "yaxis": {"autorange": "reversed", "type": "category", "tickmode": "linear", "tick0": 0, "dtick": 1},
              "xaxis": {"range": [0, min(1.0, top * 1.08)], "title": {"text": words("chart.probability")}}}
    return go.Figure(traces, layout=layout)


def _masked_overlay(x, y, masked: np.ndarray, words: Words) -> go.Heatmap:
    """A heatmap over the same cells, drawn only where ``masked`` (elsewhere NaN, transparent, and its hover
    falls through to the weights below)."""
    z = np.where(masked, 1.0, np.nan).astype(np.float32)
    return go.Heatmap(z=z, x=x, y=y, zmin=0, zmax=1, colorscale=[[0, MASKED_COLOUR], [1, MASKED_COLOUR]],
                      showscale=False, hoverongaps=False, name=words("chart.gpt_masked"),
                      hovertemplate=hover(words("hover.query", v="%{y}"), words("hover.key", v="%{x}"),
                                          words("hover.gpt_masked")))


def causal_heatmap(matrix: np.ndarray, keep: np.ndarray, tokens: list[str], title: str = "",
                   fixed_unit: bool = False, words: Words = ENGLISH) -> go.Figure:
    """One head's (T, T) attention as the Attention page draws it, the cells the look-ahead mask forbids
    drawn in their own colour (weight exactly 0: the model never looks there)."""
    fig = attention_heatmap(matrix, tokens, tokens, title=title, fixed_unit=fixed_unit, words=words)
    fig.add_trace(_masked_overlay(fig.data[0].x, fig.data[0].y, ~keep, words))
    return fig


def causal_model_view(attentions: np.ndarray, keep: np.ndarray, tokens: list[str], max_cells: int = 160_000,
                      fixed_unit: bool = False, words: Words = ENGLISH) -> go.Figure:
    """Every layer x head (the Attention page's model view), the forbidden cells in their own colour. Where the
    view averages blocks of cells, a block is drawn as forbidden when every cell in it is."""
    L, H, T, S = attentions.shape
    fig = model_view(attentions, tokens, max_cells=max_cells, fixed_unit=fixed_unit, words=words)
    factor = overview_factor(max(T, S), L * H, max_cells)
    allowed = block_mean(np.broadcast_to(keep.astype(np.float32), (1, 1, T, S)), factor)[0, 0]  # (T', S')
    Tp, Sp = allowed.shape
    tiled = np.zeros((L, Tp + 1, H, Sp + 1), dtype=bool)
    tiled[:, :Tp, :, :Sp] = (allowed == 0)[None, :, None, :]
    fig.add_trace(_masked_overlay(fig.data[0].x, fig.data[0].y, tiled.reshape(L * (Tp + 1), H * (Sp + 1)), words))
    return fig


def mask_pair_figure(gpt_keep: np.ndarray, gpt_tokens: list[str], bert_keep: np.ndarray, bert_tokens: list[str],
                     titles: tuple[str, str], words: Words = ENGLISH) -> go.Figure:
    """The two masks side by side: which key (column) each query (row) may attend to, in GPT and in BERT."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[safe_label(t) for t in titles], horizontal_spacing=0.14)
    scale = [[0, MASKED_COLOUR], [0.5, MASKED_COLOUR], [0.5, ALLOWED_COLOUR], [1, ALLOWED_COLOUR]]
    for col, (keep, tokens) in enumerate(((gpt_keep, gpt_tokens), (bert_keep, bert_tokens)), start=1):
        labels = token_labels(tokens)
        seen = np.where(keep, words("hover.gpt_may_see"), words("hover.gpt_may_not_see")).astype(object)
        fig.add_trace(go.Heatmap(z=keep.astype(np.float32), x=labels, y=labels, zmin=0, zmax=1, colorscale=scale,
                                 showscale=False, customdata=seen, xgap=1, ygap=1,
                                 hovertemplate=hover(words("hover.query", v="%{y}"), words("hover.key", v="%{x}"),
                                                     "%{customdata}")), row=1, col=col)
        fig.update_xaxes(type="category", tickangle=-60, tickmode="linear", tick0=0, dtick=1,
                         title_text=words("chart.key_column"), row=1, col=col)
        # no y title: beside the other panel's tick labels it was cut; the page's caption names rows and columns
        fig.update_yaxes(type="category", autorange="reversed", tickmode="linear", tick0=0, dtick=1, row=1, col=col)
    side = max(len(gpt_tokens), len(bert_tokens))
    fig.update_layout(height=int(min(1400, 280 + 20 * side)), margin=margins(70))
    return fig


def word_attention_figure(rows: list[np.ndarray], tokens: list[list[str]], positions: list[list[int]],
                          titles: list[str], words: Words = ENGLISH) -> go.Figure:
    """One bar panel per model: the chosen word's attention (one head) over the tokens, coloured by where each
    token stands: before the word, the word itself, after it. A causal model's bars after it are all 0 (the
    mask); they are marked there."""
    # Between panels: the slanted token labels (about 10 px of height a character at presenter mode's 18 px) and
    # the next title; a fixed 22 % put "<|endoftext|>" against the BERT panel's title in presenter mode.
    label_px = 10 * max((len(name) for names in tokens for name in names), default=1) + 20
    panel_px = 220
    plot_px = len(rows) * panel_px + (len(rows) - 1) * (label_px + 28)
    fig = make_subplots(rows=len(rows), cols=1, subplot_titles=[safe_label(t) for t in titles],
                        vertical_spacing=(label_px + 28) / plot_px if len(rows) > 1 else 0.0)
    for index, (row, names, where) in enumerate(zip(rows, tokens, positions), start=1):
        labels = token_labels(names)
        place = np.where(np.arange(len(names)) < min(where), 0, np.where(np.arange(len(names)) > max(where), 2, 1))
        fig.add_trace(go.Bar(x=labels, y=np.asarray(row, dtype=np.float32), showlegend=False,
                             marker={"color": [(PAST, SELF, FUTURE)[p] for p in place]},
                             hovertemplate=hover(words("hover.key", v="%{x}"),
                                                 words("hover.attention", v=f"%{{y:{VALUE_FORMAT}}}"))),
                      row=index, col=1)
        after = [i for i in range(len(names)) if place[i] == 2 and row[i] == 0]
        if after:
            fig.add_trace(go.Scatter(x=[labels[i] for i in after], y=[0.0] * len(after), mode="markers",
                                     marker={"symbol": "x", "size": 9, "color": "#a33"}, showlegend=False,
                                     hovertemplate=hover(words("hover.key", v="%{x}"), words("hover.gpt_masked"))),
                          row=index, col=1)
        fig.update_xaxes(type="category", tickangle=-60, tickmode="linear", tick0=0, dtick=1, row=index, col=1)
        fig.update_yaxes(title_text=words("chart.attention"), rangemode="tozero", row=index, col=1)
    for name, colour in ((words("chart.gpt_before"), PAST), (words("chart.gpt_itself"), SELF),
                         (words("chart.gpt_after"), FUTURE)):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                                 marker={"symbol": "square", "size": 12, "color": colour}))
    # the legend above the first panel's title, in the top margin
    fig.update_layout(height=plot_px + 110 + label_px, margin=margins(110, bottom=label_px),
                      legend={"orientation": "h", "y": 0.99, "yanchor": "top", "yref": "container", "x": 0,
                              "xanchor": "left"})
    return fig


def future_share_figure(shares: list[np.ndarray], names: list[str], title: str = "",
                        words: Words = ENGLISH) -> go.Figure:
    """Per model, per layer: the share of the word's attention (mean over the layer's heads) on tokens after it."""
    fig = go.Figure()
    for share, name, colour in zip(shares, names, ("#1f77b4", "#e6550d")):
        layers = np.arange(1, share.shape[0] + 1)
        fig.add_trace(go.Scatter(x=layers, y=share.mean(axis=1).astype(np.float32), mode="lines+markers",
                                 name=safe_label(name), line={"color": colour, "width": 3}, meta=safe_label(name),
                                 hovertemplate=hover(words("hover.model", v="%{meta}"),
                                                     words("hover.gpt_layer", v="%{x}"),
                                                     words("hover.gpt_future_share", v=f"%{{y:{VALUE_FORMAT}}}"))))
    fig.update_xaxes(title_text=words("chart.gpt_layer"), dtick=1)
    fig.update_yaxes(title_text=words("chart.gpt_future_share"), range=[-0.02, 1.02])
    fig.update_layout(title=title, height=360, margin=margins(50),
                      legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"})
    return fig


def prediction_grid(panels: list[tuple[str, list[str], list[float], int | None]], columns: int = 2,
                    words: Words = ENGLISH) -> go.Figure:
    """Bar panels of top candidates, ``columns`` to a row: (title, tokens, probabilities, row of the true token or
    None); the true token's bar is drawn darker."""
    rows = -(-len(panels) // columns)
    bars = max((len(p[1]) for p in panels), default=5)
    panel_px, gap_px = 40 + 30 * bars, 80
    height = rows * panel_px + (rows - 1) * gap_px + 110
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[safe_label(p[0]) for p in panels],
                        horizontal_spacing=0.18, vertical_spacing=gap_px / height if rows > 1 else 0.0)
    for index, (_, tokens, probs, true_row) in enumerate(panels):
        colours = ["#08306b" if i == true_row else "#6baed6" for i in range(len(tokens))]
        fig.add_trace(go.Bar(x=np.asarray(probs, dtype=np.float32), y=token_labels(tokens), orientation="h",
                             marker={"color": colours}, showlegend=False,
                             hovertemplate=hover("%{y}", words("hover.probability", v=f"%{{x:{VALUE_FORMAT}}}"))),
                      row=index // columns + 1, col=index % columns + 1)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, 1])
    fig.update_xaxes(title_text=words("chart.probability"), row=rows)
    fig.update_layout(height=height, margin=margins(64))
    return fig
