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
from dashboard.charts.common import VALUE_FORMAT, hover, margins, token_labels
from dashboard.i18n import ENGLISH, Words


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
    """Three panels over the keys: q·k, q·k/√d_k, softmax (bars) with the model's row (diamonds)."""
    labels = token_labels(key_tokens)
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=["1. q · k", f"2. ÷ √d_k = ÷ {np.sqrt(steps.d_k):.3f}",
                                        words("chart.softmax_row")])
    value = f"%{{y:{VALUE_FORMAT}}}"
    fig.add_trace(go.Bar(x=labels, y=steps.dot, name="q·k", hovertemplate=hover("%{x}", f"q·k {value}")), 1, 1)
    fig.add_trace(go.Bar(x=labels, y=steps.scaled, name=words("chart.scaled"),
                         hovertemplate=hover("%{x}", f"q·k/√d_k {value}")), 2, 1)
    fig.add_trace(go.Bar(x=labels, y=steps.probs, name=words("chart.softmax"),
                         hovertemplate=hover("%{x}", f"softmax {value}")), 3, 1)
    fig.add_trace(go.Scatter(x=labels, y=as_array(model_row), mode="markers", name=words("chart.model"),
                             marker={"symbol": "diamond", "size": 9, "color": "black"},
                             hovertemplate=hover("%{x}", words("hover.model", v=value))), 3, 1)
    fig.update_xaxes(type="category", tickangle=-60)
    top = float(max(np.max(steps.probs), np.max(as_array(model_row))))
    fig.update_yaxes(range=[0, min(1.0, max(0.05, 1.15 * top))], row=3, col=1)
    fig.update_layout(height=640, showlegend=False, margin=margins())
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
    fig.update_layout(title=words("chart.weighted_sum"), height=340,
                      xaxis_title=words("chart.head_dimension"), margin=margins(),
                      legend={"orientation": "h", "y": -0.25})
    return fig
