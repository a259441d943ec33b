"""Parity figure: the largest |ours - transformers| per layer and quantity on a log scale, green
within tolerance and red beyond, with the tolerance drawn. Pure: a report in, a figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.analysis.parity import ParityReport
from dashboard.charts.common import hover, margins, safe_label
from dashboard.i18n import ENGLISH, Words

PASS_COLOUR, FAIL_COLOUR = "#2ca02c", "#d62728"
QUANTITY_KEYS = {"embedding output": "chart.tick.embedding_output", "pooled output": "chart.tick.pooled_output",
                 "MLM logits": "chart.tick.mlm_logits", "NSP logits": "chart.tick.nsp_logits"}
PER_LAYER_KEYS = {"hidden state": "chart.tick.layer_hidden", "attention probs": "chart.tick.layer_attention"}
FLOOR = 1e-12  # exact zeros are drawn on this line (a log axis has no 0); hover shows the true value


def quantity_name(part: str, layer: int | None, words: Words = ENGLISH) -> str:
    """A parity row's quantity on screen: "layer 3 hidden state", "MLM logits" (core names them in English,
    as its files do)."""
    if layer is not None and part in PER_LAYER_KEYS:
        return words(PER_LAYER_KEYS[part], n=layer)
    key = QUANTITY_KEYS.get(part)
    return words(key) if key else (part if layer is None else f"layer {layer} {part}")


def parity_figure(report: ParityReport, words: Words = ENGLISH) -> go.Figure:
    """One marker per quantity at its max |ours - transformers|; exact zeros sit on the bottom line."""
    quantities = [quantity_name(row.part, row.layer, words) for row in report.rows]
    diffs = np.array([row.max_abs_diff for row in report.rows], dtype=np.float64)
    colours = [PASS_COLOUR if d <= report.atol else FAIL_COLOUR for d in diffs]
    fig = go.Figure(go.Scatter(
        x=quantities, y=np.maximum(diffs, FLOOR), customdata=diffs, mode="markers",
        marker={"color": colours, "size": 14, "symbol": "diamond", "line": {"color": "#333", "width": 0.5}},
        hovertemplate=hover("%{x}", words("hover.max_difference", v="%{customdata:.3g}")), showlegend=False))
    fig.add_hline(y=report.atol, line={"color": "#444", "dash": "dash"},
                  annotation_text=words("chart.tolerance", atol=f"{report.atol:g}"))
    top = int(np.ceil(np.log10(max(float(diffs.max(initial=0.0)), report.atol)))) + 1
    exponents = list(range(int(np.log10(FLOOR)), top + 1, 3))
    fig.update_yaxes(type="log", range=[np.log10(FLOOR) - 0.5, top], title_text=words("chart.max_abs_difference"),
                     tickvals=[10.0 ** e for e in exponents],
                     ticktext=["≤ 1e-12 (0)" if e == np.log10(FLOOR) else f"1e{e}" for e in exponents])
    fig.update_xaxes(tickangle=-45)
    fig.update_layout(title=words("chart.parity_title", model=safe_label(report.model),
                                  reference=report.reference_class, diff=f"{report.max_abs_diff:.2e}"),
                      height=380, margin=margins(50))
    return fig
