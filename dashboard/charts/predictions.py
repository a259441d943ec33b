"""Figures for masked-token predictions: one bar panel of candidate tokens per [MASK].

Pure functions: arrays and tokens in, a Plotly figure out; no Streamlit.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.common import VALUE_FORMAT, hover, margins, safe_label, token_labels
from dashboard.i18n import ENGLISH, Words

MASK_PANELS_PER_ROW = 4  # more columns squeeze the bars; more masks wrap onto further rows


def probability_axis_end(probs) -> float:
    """A panel's x range follows its data, as the attention charts' colour does: 15 % past its largest
    probability (never past 1, never below 0.05), so a mask whose candidates are all small is not squeezed
    against 0 beside a mask the model is sure of; each panel's axis gives its scale."""
    top = float(np.max(probs)) if len(probs) else 1.0
    return float(min(1.0, max(0.05, 1.15 * top)))


def mask_predictions_chart(predictions: list[tuple[str, list[str], list[float]]],
                           words: Words = ENGLISH) -> go.Figure:
    """One horizontal bar panel per masked position: (title, candidate tokens, probabilities).

    Panels wrap into rows of ``MASK_PANELS_PER_ROW``, each row a fixed number of pixels high, so any
    number of masks (up to the model's length) keeps readable bars; Plotly refuses subplot spacing
    larger than 1 / (rows - 1), so the gaps are set in pixels and converted to that fraction."""
    n = max(1, len(predictions))
    cols = min(n, MASK_PANELS_PER_ROW)
    rows = -(-n // cols)  # ceil
    bars = max((len(t) for _, t, _ in predictions), default=5)
    panel_px, gap_px, frame_px = 40 + 28 * bars, 70, 104
    height = rows * panel_px + (rows - 1) * gap_px + frame_px
    titles = [safe_label(title) for title, _, _ in predictions] or [""]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.12 if cols > 1 else 0.0,
                        vertical_spacing=gap_px / height if rows > 1 else 0.0)
    for index, (_, tokens, probs) in enumerate(predictions):
        fig.add_trace(go.Bar(x=np.asarray(probs, dtype=np.float32), y=token_labels(tokens), orientation="h",
                             hovertemplate=hover("%{y}", words("hover.probability", v=f"%{{x:{VALUE_FORMAT}}}")),
                             showlegend=False),
                      row=index // cols + 1, col=index % cols + 1)
        fig.update_xaxes(range=[0, probability_axis_end(probs)], row=index // cols + 1, col=index % cols + 1)
    fig.update_yaxes(autorange="reversed", type="category")
    # the axis title under the bottom row only: under every row it ran into the next row's panel titles
    fig.update_xaxes(title_text=words("chart.probability"), row=rows)
    # 64 px on top: the first row's panel titles sit below the chart's toolbar (at 40 they ran under its icons)
    fig.update_layout(height=height, margin=margins(64))
    return fig
