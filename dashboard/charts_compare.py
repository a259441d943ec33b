"""Parity figure: the largest |ours - transformers| per layer and quantity on a log scale, green
within tolerance and red beyond, with the tolerance drawn. Pure: a report in, a figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.parity import ParityReport
from dashboard.chart_common import safe_label

PASS_COLOUR, FAIL_COLOUR = "#2ca02c", "#d62728"
FLOOR = 1e-12  # exact zeros are drawn at this height (a log axis has no 0); hover shows the true value


def parity_figure(report: ParityReport) -> go.Figure:
    quantities = [row.quantity for row in report.rows]
    diffs = np.array([row.max_abs_diff for row in report.rows], dtype=np.float64)
    fig = go.Figure(go.Bar(
        x=quantities, y=np.maximum(diffs, FLOOR), customdata=diffs,
        marker={"color": [PASS_COLOUR if d <= report.atol else FAIL_COLOUR for d in diffs]},
        hovertemplate="%{x}<br>max |ours − transformers| %{customdata}<extra></extra>", showlegend=False))
    fig.add_hline(y=report.atol, line={"color": "#444", "dash": "dash"}, annotation_text=f"tolerance {report.atol:g}")
    top = max(float(diffs.max(initial=0.0)), report.atol) * 10
    fig.update_yaxes(type="log", range=[np.log10(FLOOR), np.log10(top)], title_text="max abs difference")
    fig.update_xaxes(tickangle=-45)
    fig.update_layout(title=f"{safe_label(report.model)} vs transformers.{report.reference_class}: "
                            f"max difference {report.max_abs_diff:.2e}",
                      height=380, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig
