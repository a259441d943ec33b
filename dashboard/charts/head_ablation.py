"""Figures for switched-off heads: the Masked LM page's before/after predictions and the causal test.

Pure functions: arrays and labels in, a Plotly figure out; no Streamlit. K tokens compared at one [MASK].
Colours: grey is "every head on", orange "heads switched off"; blue stays attention's colour.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from dashboard.charts.common import hover, margins, safe_label, token_labels
from dashboard.i18n import ENGLISH, Words

ALL_HEADS_COLOUR, HEADS_OFF_COLOUR, RANDOM_COLOUR = "#969696", "#e6550d", "#525252"
PANELS_PER_ROW = 3  # two bars per token need the width; more masks wrap onto further rows of fixed height


def switch_figure(panels: list[tuple[str, list[str], np.ndarray, np.ndarray]], heads_off: int,
                  words: Words = ENGLISH) -> go.Figure:
    """One panel per [MASK]: (title, K tokens, (K,) probability with every head, (K,) with the heads off),
    the two bars of a token side by side. Rows of fixed pixel height, so 40 masks stay readable."""
    n = max(1, len(panels))
    cols = min(n, PANELS_PER_ROW)
    rows = -(-n // cols)  # ceil
    bars = max((len(tokens) for _, tokens, _, _ in panels), default=5)
    panel_px, gap_px, frame_px = 40 + 34 * bars, 100, 110  # the gap holds the axis title and the next row's title
    height = rows * panel_px + (rows - 1) * gap_px + frame_px
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[safe_label(title) for title, *_ in panels] or [""],
                        horizontal_spacing=0.12 if cols > 1 else 0.0,
                        vertical_spacing=gap_px / height if rows > 1 else 0.0)
    for index, (_, tokens, before, after) in enumerate(panels):
        labels = token_labels(tokens)
        where = {"row": index // cols + 1, "col": index % cols + 1}
        for name, values, colour in ((words("chart.all_heads_on"), before, ALL_HEADS_COLOUR),
                                     (words("chart.heads_off", n=heads_off), after, HEADS_OFF_COLOUR)):
            fig.add_trace(go.Bar(x=as_array(values), y=labels, orientation="h", name=name, legendgroup=name,
                                 showlegend=index == 0, marker={"color": colour},
                                 hovertemplate=hover("%{y}", f"{name}: %{{x:.4g}}")), **where)
    # The axis follows the data (readable on a projector): a switched head often moves 0.09 to 0.07,
    # invisible on a fixed [0, 1]; every panel shares the range so bars compare across masks.
    top = max((float(np.max(np.concatenate([as_array(b), as_array(a)]))) for _, _, b, a in panels), default=1.0)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(range=[0, min(1.0, max(0.05, 1.15 * top))], title_text=words("chart.probability"))
    fig.update_layout(barmode="group", height=height, margin=margins(80),
                      legend={"orientation": "h", "yref": "container", "y": 1.0, "yanchor": "top", "x": 0})
    return fig


def side_of(x: float, vertical: str) -> str:
    """Where a value's label goes: centred on its marker, or to its left near the axis end (the label of a
    mean of 0.972 ± 0.025 ran past the plot's right edge at 1.02 and was cut off)."""
    return f"{vertical} left" if x > 0.85 else f"{vertical} center"


def causal_figure(full: float, top: float, random: list[float], k: int, chance: float,
                  representation: bool = False, words: Words = ENGLISH) -> go.Figure:
    """Held-out answer accuracy with every head, without the top k, and without k random heads (one dot per
    draw, the mean with ±1 standard deviation). A drop counts only beyond the dots' spread."""
    random = as_array(random)
    rows = [words("chart.tick.causal_all"), words("chart.tick.causal_top", k=k),
            words("chart.tick.causal_random", k=k, draws=len(random))]
    accuracy = hover(words("hover.accuracy", v="%{x:.4g}"))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[full, top], y=[0, 1], mode="markers+text", showlegend=False,
                             marker={"symbol": "diamond", "size": 16, "color": [ALL_HEADS_COLOUR, HEADS_OFF_COLOUR],
                                     "line": {"color": "black", "width": 1}},
                             text=[f"{full:.3f}", f"{top:.3f}"],
                             textposition=[side_of(full, "top"), side_of(top, "top")], hovertemplate=accuracy))
    jitter = np.linspace(-0.18, 0.18, len(random)) if len(random) > 1 else np.zeros(len(random))
    fig.add_trace(go.Scatter(x=random, y=[2 + j for j in jitter], mode="markers", name=words("chart.random_draw"),
                             marker={"size": 9, "color": RANDOM_COLOUR, "opacity": 0.6}, hovertemplate=accuracy))
    mean, spread = (float(random.mean()), float(random.std())) if len(random) else (float("nan"), 0.0)
    fig.add_trace(go.Scatter(x=[mean], y=[2], mode="markers+text", name=words("chart.mean_sd"),
                             error_x={"type": "data", "array": [spread], "thickness": 3, "width": 10,
                                      "color": "black"},
                             marker={"symbol": "line-ns", "size": 24, "color": "black",
                                     "line": {"width": 4, "color": "black"}},
                             text=[f"{mean:.3f} ± {spread:.3f}"], textposition=side_of(mean, "bottom"),
                             hovertemplate=hover(words("hover.mean", v="%{x:.4g}"))))
    # The chance label sits above the plot area, clear of the values written next to the markers.
    fig.add_vline(x=chance, line={"color": "#7f7f7f", "dash": "dash"},
                  annotation_text=words("chart.chance", value=f"{chance:.2f}"), annotation_position="top",
                  annotation_yshift=8)
    # A numeric axis named by its ticks, so the random draws can spread around their row.
    fig.update_yaxes(tickvals=[0, 1, 2], ticktext=rows, range=[2.6, -0.5], zeroline=False)
    axis = words("chart.causal_axis_representation" if representation else "chart.causal_axis_own")
    fig.update_xaxes(range=[0, 1.02], title_text=axis)
    fig.update_layout(height=340, margin=margins(40, 40), legend={"orientation": "h", "y": -0.35})
    return fig
