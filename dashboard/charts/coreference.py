"""Coreference figures: attention from a pronoun to each candidate for every layer × head, per-head
accuracy on the built-in set against chance, and the best head next to the baselines.

Pure functions: NumPy arrays and labels in, a Plotly figure out; no Streamlit.
Shape legend: L layers, H heads, C candidates.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from dashboard.charts.common import ATTENTION_COLORSCALE, head_labels, layer_labels, margins, safe_label

CHANCE_COLOUR = "#7f7f7f"


def candidate_attention_figure(attention, candidates: list[str], pronoun: str) -> go.Figure:
    """(L, H, C): one layers × heads panel per candidate, shared colour scale [0, 1]."""
    attention = as_array(attention)
    L, H, C = attention.shape
    names = [safe_label(c) for c in candidates]
    fig = make_subplots(rows=1, cols=C, subplot_titles=[f"→ {name}" for name in names], horizontal_spacing=0.04)
    for c in range(C):
        fig.add_trace(go.Heatmap(
            z=attention[:, :, c], x=head_labels(H), y=layer_labels(L),
            coloraxis="coloraxis",
            hovertemplate=f"%{{y}}, %{{x}}<br>attention to {names[c]} %{{z}}<extra></extra>"), row=1, col=c + 1)
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(coloraxis={"cmin": 0.0, "cmax": 1.0, "colorscale": ATTENTION_COLORSCALE,
                                 "colorbar": {"title": {"text": "attention"}}},
                      title=f"Attention from {safe_label(pronoun)!r} to each candidate",
                      height=max(260, 34 * L + 110), margin=margins(70))
    return fig


def accuracy_colorscale(chance: float) -> list:
    """Blue below chance, white at chance, red above: the midpoint sits exactly at the chance level."""
    chance = float(np.clip(chance, 0.01, 0.99))
    return [[0.0, "#2166ac"], [chance, "#f7f7f7"], [1.0, "#b2182b"]]


def accuracy_heatmap(accuracy, chance: float, threshold: float | None = None, title: str = "") -> go.Figure:
    """(L, H) accuracy on [0, 1], white at the chance level (marked on the colour bar)."""
    accuracy = as_array(accuracy)
    L, H = accuracy.shape
    ticks = sorted({0.0, round(chance, 3), 1.0} | ({round(threshold, 3)} if threshold is not None else set()))
    labels = [f"chance {t:.2f}" if t == round(chance, 3) else
              (f"2 s.e. {t:.2f}" if threshold is not None and t == round(threshold, 3) else f"{t:g}") for t in ticks]
    fig = go.Figure(go.Heatmap(
        z=accuracy, x=head_labels(H), y=layer_labels(L), zmin=0.0, zmax=1.0,
        colorscale=accuracy_colorscale(chance), texttemplate="%{z:.2f}",
        textfont={"size": 9}, colorbar={"title": {"text": "accuracy"}, "tickvals": ticks, "ticktext": labels},
        hovertemplate=f"%{{y}}, %{{x}}<br>accuracy %{{z}}<br>chance {chance}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=title, height=max(260, 34 * L + 100), margin=margins(50))
    return fig


def accuracy_bars(labels: list[str], values, chance: float, threshold: float | None = None) -> go.Figure:
    """Horizontal bars (e.g. the best head and the baselines) against the chance level."""
    values = as_array(values)
    fig = go.Figure(go.Bar(x=values, y=[safe_label(label) for label in labels], orientation="h",
                           marker={"color": ["#b2182b"] + ["#8c8c8c"] * (len(values) - 1)},
                           hovertemplate="%{y}<br>accuracy %{x}<extra></extra>", showlegend=False))
    fig.add_vline(x=chance, line={"color": CHANCE_COLOUR, "dash": "dash"}, annotation_text=f"chance {chance:.2f}")
    if threshold is not None:
        fig.add_vline(x=threshold, line={"color": CHANCE_COLOUR, "dash": "dot"},
                      annotation_text=f"2 s.e. above chance {threshold:.2f}", annotation_position="bottom right")
    fig.update_xaxes(range=[0, 1], title_text="accuracy on the built-in set")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=90 + 40 * len(values), margin=margins(30))
    return fig
