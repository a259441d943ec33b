"""Compare's figures: one head of two models as two panels of one figure, and the parity figure (the largest
|ours - transformers| per layer and quantity on a log scale, green within tolerance and red beyond, with the
tolerance drawn). Pure: arrays and a report in, a figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.parity import ParityReport
from dashboard.charts.common import ATTENTION_COLORSCALE, ROW_PX, VALUE_FORMAT, hover, margins, safe_label, token_labels
from dashboard.i18n import ENGLISH, Words

PASS_COLOUR, FAIL_COLOUR = "#2ca02c", "#d62728"
QUANTITY_KEYS = {"embedding output": "chart.tick.embedding_output", "pooled output": "chart.tick.pooled_output",
                 "MLM logits": "chart.tick.mlm_logits", "NSP logits": "chart.tick.nsp_logits"}
PER_LAYER_KEYS = {"hidden state": "chart.tick.layer_hidden", "attention probs": "chart.tick.layer_attention"}
# Two panels stand side by side while each upright token label gets its line (text px + 4) in half the page's
# main area; past that they stand one above the other, each the whole width (two 160 px panels overlapped
# their labels).
PANEL_CHROME_PX = 200  # beside the two panels: the token labels on the left, the axis title, the colour bar, the gap
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


def fits_side_by_side(num_tokens: int, text_px: int, main_px: int) -> bool:
    """Whether two panels of ``num_tokens`` upright labels of ``text_px`` fit side by side in ``main_px``."""
    return num_tokens * (text_px + 4) <= (main_px - PANEL_CHROME_PX) / 2


def short_names(models: list[str]) -> list[str]:
    """Names short enough for a panel title: a folder's or hub id's last part ("all-MiniLM-L6-v2"), unless two
    models would then read the same."""
    short = [name.rstrip("/").rsplit("/", 1)[-1] or name for name in models]
    return short if len(set(short)) == len(set(models)) else list(models)


def head_pair(panels, text_px: int = 14, main_px: int = 780, words: Words = ENGLISH) -> go.Figure:
    """One head of each model (``views.compare.HeadPanel``), query rows × key columns, on one colour scale from
    0 to the largest weight of either (the same colour is the same weight in both); every token labelled at
    ``text_px``. Side by side where that fits in ``main_px``, sharing their token rows when both models read the
    same tokens; else one above the other."""
    count = len(panels)
    same_rows = count == 2 and panels[0].tokens == panels[1].tokens
    names = short_names([panel.model for panel in panels])
    titles = [words("chart.compare_panel", model=safe_label(name), layer=panel.layer + 1, head=panel.head + 1)
              for name, panel in zip(names, panels)]
    side_by_side = fits_side_by_side(max(len(panel.tokens) for panel in panels), text_px, main_px)
    row_px = max(ROW_PX, text_px + 4)  # one token label per row at this text size
    rows_px = row_px * max(len(panel.tokens) for panel in panels)
    label_px = int(0.6 * text_px * max(len(token) for panel in panels for token in panel.tokens)) + 12
    if side_by_side or count == 1:
        fig = make_subplots(rows=1, cols=count, subplot_titles=titles, shared_yaxes=same_rows,
                            horizontal_spacing=0.04 if same_rows else 0.14)
        places = [(1, col + 1) for col in range(count)]
        height = 120 + rows_px + label_px
    else:  # one above the other: the gap holds the upper panel's token labels, its axis title, the lower title
        gap_px = label_px + 4 * text_px + 20
        height = 120 + 2 * rows_px + gap_px + label_px
        fig = make_subplots(rows=count, cols=1, subplot_titles=titles, vertical_spacing=gap_px / height)
        places = [(row + 1, 1) for row in range(count)]
    top = max(float(panel.weights.max()) for panel in panels) or 1.0
    for panel, title, (row, col) in zip(panels, titles, places):
        fig.add_trace(go.Heatmap(
            z=panel.weights.astype(np.float32), x=token_labels(panel.tokens), y=token_labels(panel.tokens),
            coloraxis="coloraxis", hovertemplate=hover(title, words("hover.query", v="%{y}"),
                                                       words("hover.key", v="%{x}"),
                                                       words("hover.attention", v=f"%{{z:{VALUE_FORMAT}}}"))),
            row=row, col=col)
        fig.update_xaxes(type="category", tickangle=-90, tickmode="linear", tick0=0, dtick=1,
                         title_text=words("chart.key_column"), row=row, col=col)
        fig.update_yaxes(type="category", autorange="reversed", tickmode="linear", tick0=0, dtick=1,
                         row=row, col=col)
        if col == 1:
            fig.update_yaxes(title_text=words("chart.query_row"), row=row, col=col)
        elif same_rows:  # the left panel's labels name these rows too
            fig.update_yaxes(ticks="", showticklabels=False, row=row, col=col)
    fig.update_layout(coloraxis={"colorscale": ATTENTION_COLORSCALE, "cmin": 0.0, "cmax": top,
                                 "colorbar": {"title": {"text": words("chart.attention"), "side": "right"}}},
                      height=height, margin=margins(60))
    return fig
