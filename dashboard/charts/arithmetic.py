"""Figures for the attention arithmetic of one query: q·k, ÷√d_k, softmax against the model's row, and the
weighted sum of the value vectors against the head output the model computed.

Pure functions: arrays and tokens in, a Plotly figure out; no Streamlit. S keys, D head size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import AttentionRowSteps, as_array
from dashboard.charts.common import DIVERGING_COLORSCALE, VALUE_FORMAT, hover, margins, token_labels
from dashboard.i18n import ENGLISH, Words

PANEL_PX = 170  # height of each step's bar panel


def arithmetic_frame(steps: AttentionRowSteps, key_tokens: list[str], model_row: np.ndarray) -> pd.DataFrame:
    """One row per key: q·k, ÷√d_k, after the mask, softmax, and the model's own weight."""
    return pd.DataFrame({
        "key_position": np.arange(len(key_tokens)), "key_token": key_tokens,
        "q_dot_k": steps.dot, "scaled": steps.scaled, "masked": steps.masked,
        "softmax": steps.probs, "model_attention": as_array(model_row),
        "abs_difference": np.abs(steps.probs - as_array(model_row)),
    })


def arithmetic_chart(steps: AttentionRowSteps, key_tokens: list[str], model_row: np.ndarray,
                     words: Words = ENGLISH) -> go.Figure:
    """Steps 1-4 over the keys, numbered as the page's text: q·k_j, ÷√d_k, the mask, softmax (bars) with the
    model's row (diamonds). Every panel names its keys."""
    labels = token_labels(key_tokens)
    masked = int((~np.isfinite(steps.masked)).sum())
    root = f"{np.sqrt(steps.d_k):.3f}"
    titles = [words("chart.arith.step1"), words("chart.arith.step2", root=root, d_k=steps.d_k),
              words("chart.arith.step3", n=masked), words("chart.arith.step4")]
    # Between panels: the slanted key labels (about 10 px of height per character at presenter mode's 18 px) and
    # the next panel's title; a share of the height left "because" over the next title in presenter mode.
    gap_px = 10 * max((len(token) for token in key_tokens), default=1) + 48
    plot_px = 4 * PANEL_PX + 3 * gap_px
    fig = make_subplots(rows=4, cols=1, vertical_spacing=gap_px / plot_px, subplot_titles=titles)
    value = f"%{{y:{VALUE_FORMAT}}}"
    shown_masked = np.where(np.isfinite(steps.masked), steps.masked, np.nan)  # −∞ has no bar
    for row, (values, name) in enumerate(((steps.dot, "q·k"), (steps.scaled, "q·k/√d_k"),
                                           (shown_masked, words("chart.arith.after_mask"))), start=1):
        fig.add_trace(go.Bar(x=labels, y=values, name=name, hovertemplate=hover("%{x}", f"{name} {value}")), row, 1)
    fig.add_trace(go.Bar(x=labels, y=steps.probs, name=words("chart.softmax"),
                         hovertemplate=hover("%{x}", f"softmax {value}")), 4, 1)
    fig.add_trace(go.Scatter(x=labels, y=as_array(model_row), mode="markers", name=words("chart.model"),
                             marker={"symbol": "diamond", "size": 9, "color": "black"},
                             hovertemplate=hover("%{x}", words("hover.model", v=value))), 4, 1)
    fig.update_xaxes(type="category", tickangle=-60, showticklabels=True)
    top = float(max(np.max(steps.probs), np.max(as_array(model_row))))
    fig.update_yaxes(range=[0, min(1.0, max(0.05, 1.15 * top))], row=4, col=1)
    label_px = gap_px - 48 + 20  # under the last panel: its key labels
    fig.update_layout(height=plot_px + 60 + label_px, showlegend=False, margin=margins(top=60, bottom=label_px))
    return fig


def vectors_chart(query: np.ndarray, keys: np.ndarray, values: np.ndarray, tokens: list[str], query_position: int,
                  words: Words = ENGLISH) -> go.Figure:
    """The vectors themselves, one row each over the head's D dimensions: the query q (of the chosen token),
    every key k_j and every value v_j, each row named by its token. One diverging colour scale for all three."""
    labels = token_labels(tokens)
    query_label = words("chart.arith.q_row", token=labels[query_position])
    bound = float(max(np.abs(query).max(), np.abs(keys).max(), np.abs(values).max())) or 1.0
    rows = len(tokens)
    # The keys' title stands between the query row and the keys: room for one line of title text (20 px in
    # presenter mode) and its padding. A share of 4 % of the height put it over the query row.
    title_gap_px, row_px = 40, 22
    plot_px = row_px * (rows + 1) + title_gap_px
    fig = make_subplots(rows=2, cols=2, column_widths=[0.5, 0.5], row_heights=[1, rows],
                        vertical_spacing=title_gap_px / plot_px,
                        horizontal_spacing=0.14, shared_xaxes=True,
                        subplot_titles=[words("chart.arith.q_title"), words("chart.arith.k_title"),  # the 3 cells
                                        words("chart.arith.v_title")],
                        specs=[[{}, None], [{}, {}]])
    dims = np.arange(query.shape[-1])
    cell = hover("%{y}", words("hover.dim", v="%{x}"), words("hover.value", v=f"%{{z:{VALUE_FORMAT}}}"))
    common = {"x": dims, "zmin": -bound, "zmax": bound, "colorscale": DIVERGING_COLORSCALE, "hovertemplate": cell}
    fig.add_trace(go.Heatmap(z=as_array(query)[None], y=[query_label], showscale=False, **common), 1, 1)
    fig.add_trace(go.Heatmap(z=as_array(keys), y=labels, showscale=False, **common), 2, 1)
    fig.add_trace(go.Heatmap(z=as_array(values), y=labels, colorbar={"title": {"text": words("chart.value")}},
                             **common), 2, 2)
    fig.update_yaxes(type="category", autorange="reversed", dtick=1)
    fig.update_xaxes(title_text=words("chart.head_dimension"), row=2)
    fig.update_layout(height=140 + plot_px, margin=margins(top=60))
    return fig


def context_chart(computed: np.ndarray, model_context: np.ndarray, words: Words = ENGLISH) -> go.Figure:
    """The weighted sum Σ softmax_j v_j against the head output the model computed, per dimension."""
    dims = np.arange(len(computed))
    dim, value = words("hover.dim", v="%{x}"), f"%{{y:{VALUE_FORMAT}}}"
    fig = go.Figure([
        go.Bar(x=dims, y=as_array(computed), name=words("chart.context_here"),
               hovertemplate=hover(dim, words("hover.computed", v=value))),
        go.Scatter(x=dims, y=as_array(model_context), mode="markers", name=words("chart.model_head_output"),
                   marker={"symbol": "diamond", "size": 8, "color": "black"},
                   hovertemplate=hover(dim, words("hover.model", v=value))),
    ])
    fig.update_layout(title=words("chart.arith.step5"), height=340,
                      xaxis_title=words("chart.head_dimension"), margin=margins(),
                      legend={"orientation": "h", "y": -0.25})
    return fig
