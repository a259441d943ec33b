"""Translation figures: the decoder's masked self-attention with the look-ahead mask drawn, the
cross-attention alignment matrix, encoder self-attention, one decoding step, all heads of one layer,
and the next-word probabilities of one step.

Pure functions: NumPy arrays and token lists in, a Plotly figure out; no Streamlit. Masked cells are
not drawn as zeros but in a grey of their own with a "×" (they are −∞ before the softmax, so the
model could not look there at all); the "×" is on those cells only. Projector defaults: tick labels
of 14 px, every token labelled up to 64 tokens, hovers to 4 significant digits, and the attention
colour scale from 0 to the largest weight shown (``zmax=None``) or fixed to [0, 1] (``zmax=1.0``);
one scale means attention only, orange always marks the current step.
Shape legend: H heads, T decoder positions (queries), S keys, V target vocabulary.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from dashboard.charts.common import (
    ATTENTION_COLORSCALE,
    head_labels,
    hover,
    margins,
    safe_label,
    token_labels,
    token_tickangle,
)
from dashboard.i18n import ENGLISH, Words

MASKED_COLOUR = "#d9d9d9"
HIGHLIGHT_COLOUR = "#ff7f0e"
BAR_COLOUR = "#4a78b5"
TICK_FONT = {"size": 14}
MAX_LABELLED = 64  # every token labelled up to this many; past it Plotly picks which to show


def colour_max(weights, zmax: float | None) -> float:
    """The top of the colour scale: ``zmax`` when fixed, else the largest finite weight (never 0)."""
    if zmax is not None:
        return float(zmax)
    values = as_array(weights)
    finite = values[np.isfinite(values)]
    top = float(finite.max()) if finite.size else 1.0
    return top if top > 0 else 1.0


def _axes(fig: go.Figure, rows: int, columns: int, upright_after: int = 8, **where) -> None:
    """Category axes with every label (up to MAX_LABELLED) at 14 px; rows read top-down. Past ``upright_after``
    columns the column labels stand upright, so neighbours never overlap."""
    fig.update_xaxes(type="category", tickangle=-45 if columns <= upright_after else -90, tickfont=TICK_FONT,
                     nticks=min(columns, MAX_LABELLED) + 1, showticklabels=True, **where)
    fig.update_yaxes(type="category", autorange="reversed", tickfont=TICK_FONT, nticks=min(rows, MAX_LABELLED) + 1,
                     showticklabels=True, **where)


def _height(rows: int) -> int:
    return int(min(1800, 300 + 22 * rows))  # 22 px a row: 64 labelled rows of 14 px fit


def _masked_cells(keep: np.ndarray, x: list[str], y: list[str], words: Words, **extra) -> go.Heatmap:
    """A grey layer with "×" over the cells the look-ahead mask forbids; NaN (transparent, no text) elsewhere."""
    z = np.where(keep, np.nan, 1.0).astype(np.float32)  # (T, S)
    text = np.where(keep, "", "×").tolist()  # the mark only where the mask is, as the caption says
    return go.Heatmap(z=z, x=x, y=y, colorscale=[[0, MASKED_COLOUR], [1, MASKED_COLOUR]], showscale=False,
                      zmin=0, zmax=1, name=words("chart.masked"), hoverongaps=False, xgap=0, ygap=0,
                      text=text, texttemplate="%{text}", textfont={"color": "#7a7a7a", "size": 18},
                      hovertemplate=hover(words("hover.query", v="%{y}"), words("hover.key", v="%{x}"),
                                          words("hover.masked")), **extra)


def _heatmap(z: np.ndarray, x: list[str], y: list[str], zmax: float, row_name: str, column_name: str,
             words: Words, **extra) -> go.Heatmap:
    """``row_name``, ``column_name``: what a row and a column are ("query", "target"), as hover keys."""
    attention = words("chart.attention")
    return go.Heatmap(z=z, x=x, y=y, zmin=0.0, zmax=zmax, colorscale=ATTENTION_COLORSCALE, name=attention,
                      colorbar={"title": {"text": attention}, "tickfont": TICK_FONT}, hoverongaps=False,
                      hovertemplate=hover(words(f"hover.{row_name}", v="%{y}"), words(f"hover.{column_name}", v="%{x}"),
                                          words("hover.attention", v="%{z:.4g}")), **extra)


def masked_attention_heatmap(matrix, keep: np.ndarray, query_tokens: list[str], key_tokens: list[str],
                             title: str = "", highlight_row: int | None = None, zmax: float | None = None,
                             words: Words = ENGLISH) -> go.Figure:
    """(T, S) weights where ``keep`` allows them, the masked cells drawn distinctly, not as zeros."""
    z = as_array(matrix).copy()  # (T, S)
    z[~keep] = np.nan
    x, y = token_labels(key_tokens), token_labels(query_tokens)
    fig = go.Figure([_heatmap(z, x, y, colour_max(z, zmax), "query", "key", words), _masked_cells(keep, x, y, words)])
    return _token_axes(fig, len(y), len(x), words("chart.decoder_query"), words("chart.decoder_key"), title,
                       highlight_row)


def _token_axes(fig: go.Figure, rows: int, columns: int, row_title: str, column_title: str, title: str,
                highlight_row: int | None = None) -> go.Figure:
    """A token × token heatmap's axes (every label, 14 px), their titles, the figure's title and height, and
    the outline of ``highlight_row`` (the current decoding step) when given."""
    _axes(fig, rows, columns)
    fig.update_yaxes(title_text=row_title)
    fig.update_xaxes(title_text=column_title)
    fig.update_layout(title=title, height=_height(rows), plot_bgcolor="white", margin=margins(50))
    if highlight_row is not None:
        highlight(fig, highlight_row, columns)
    return fig


def alignment_heatmap(cross, source_tokens: list[str], output_tokens: list[str], title: str = "",
                      highlight_row: int | None = None, zmax: float | None = None, words: Words = ENGLISH) -> go.Figure:
    """(T, S) cross-attention as an alignment matrix: target tokens (rows) × source tokens (columns)."""
    z = as_array(cross)  # (T, S)
    x, y = token_labels(source_tokens), token_labels(output_tokens)
    fig = go.Figure(_heatmap(z, x, y, colour_max(z, zmax), "target", "source", words))
    return _token_axes(fig, len(y), len(x), words("chart.target"), words("chart.source"), title, highlight_row)


def encoder_heatmap(matrix, source_tokens: list[str], title: str = "", zmax: float | None = None,
                    words: Words = ENGLISH) -> go.Figure:
    """(S, S) encoder self-attention: every source token (row) over every source token (column)."""
    z = as_array(matrix)  # (S, S)
    x = y = token_labels(source_tokens)
    fig = go.Figure(_heatmap(z, x, y, colour_max(z, zmax), "query", "key", words))
    return _token_axes(fig, len(y), len(x), words("chart.query_row"), words("chart.key_column"), title)


def highlight(fig: go.Figure, row: int, num_columns: int, row_ref: str = "y", col_ref: str = "x") -> go.Figure:
    """Outline one row of a categorical heatmap (the current decoding step)."""
    fig.add_shape(type="rect", xref=col_ref, yref=row_ref, x0=-0.5, x1=num_columns - 0.5, y0=row - 0.5,
                  y1=row + 0.5, line={"color": HIGHLIGHT_COLOUR, "width": 3}, fillcolor="rgba(0,0,0,0)")
    return fig


MIN_PANEL_SHARE = 0.36  # of the step figure's width: room for a panel's title at step 1, a prefix of one token


def step_widths(prefix: int, source: int) -> list[float]:
    """Widths of the step figure's two panels, following their bar counts, but neither under MIN_PANEL_SHARE:
    a one-token prefix beside a 25-word source cut its panel's title to "lf-attention over the prefix"."""
    share = max(prefix, 2) / (max(prefix, 2) + max(source, 2))
    share = min(max(share, MIN_PANEL_SHARE), 1 - MIN_PANEL_SHARE)
    return [share, 1 - share]


def step_figure(self_row, cross_row, prefix: list[str], source_tokens: list[str], step: int,
                predicted: str, zmax: float | None = None, words: Words = ENGLISH) -> go.Figure:
    """One decoding step: what the chosen head attended to, over the prefix and over the source."""
    fig = make_subplots(rows=1, cols=2, column_widths=step_widths(len(prefix), len(source_tokens)),
                        horizontal_spacing=0.08,
                        subplot_titles=(words("chart.step_self"), words("chart.step_cross")))
    rows = (as_array(self_row), as_array(cross_row))
    top = colour_max(np.concatenate(rows), zmax)
    for col, weights, tokens in ((1, rows[0], prefix), (2, rows[1], source_tokens)):
        fig.add_trace(go.Bar(
            x=token_labels(tokens), y=weights,
            marker={"color": weights, "colorscale": ATTENTION_COLORSCALE, "cmin": 0.0, "cmax": top,
                    "line": {"color": "#555", "width": 0.5}},
            showlegend=False, hovertemplate=hover("%{x}", words("hover.attention", v="%{y:.4g}"))), row=1, col=col)
    fig.update_yaxes(range=[0, top * 1.05], tickfont=TICK_FONT)
    fig.update_yaxes(title_text=words("chart.attention"), row=1, col=1)
    # Every token labelled (Plotly would drop every other one in the narrower panel), upright past 16 of them.
    for col, tokens in ((1, prefix), (2, source_tokens)):
        fig.update_xaxes(type="category", tickangle=-45 if len(tokens) <= 8 else token_tickangle(len(tokens)),
                         tickfont=TICK_FONT, tickmode="linear", tick0=0, dtick=1, row=1, col=col)
    fig.update_layout(title=words("chart.step_title", step=step, token=safe_label(predicted)), height=380,
                      margin=margins(80))
    return fig


def next_word_figure(tokens: list[str], probabilities, chosen: str, step: int, words: Words = ENGLISH) -> go.Figure:
    """The decoder's top next-word probabilities at one step, best at the top; the word chosen in orange."""
    probabilities = as_array(probabilities)
    labels = token_labels(tokens)
    colours = [HIGHLIGHT_COLOUR if token == chosen else BAR_COLOUR for token in tokens]
    fig = go.Figure(go.Bar(
        x=probabilities, y=labels, orientation="h", marker={"color": colours}, name=words("chart.probability"),
        text=[f"{p:.3g}" for p in probabilities], textposition="outside", textfont={"size": 14},
        hovertemplate=hover("%{y}", words("hover.probability", v="%{x:.4g}"))))
    fig.update_yaxes(type="category", autorange="reversed", tickfont=TICK_FONT)
    fig.update_xaxes(title_text=words("chart.probability"), range=[0, 1.12], tickfont=TICK_FONT)
    fig.update_layout(title=words("chart.next_word_title", step=step, token=safe_label(chosen)),
                      height=int(140 + 30 * len(tokens)), margin=margins(50), plot_bgcolor="white")
    return fig


def head_grid(weights, query_tokens: list[str], key_tokens: list[str], title: str = "",
              keep: np.ndarray | None = None, max_columns: int = 4, zmax: float | None = None,
              words: Words = ENGLISH) -> go.Figure:
    """All H heads of one layer, (H, T, S), in one figure, every panel with its token labels;
    ``keep`` greys out masked cells."""
    weights = as_array(weights)
    H, T, S = weights.shape
    cols = min(H, max_columns)
    rows = -(-H // cols)
    panel = 160 + 22 * max(T, 4)  # px per row of panels
    # upright labels (about 10 px a character at presenter mode's 18 px text) and the next row's subplot title, px
    x_labels = 48 + 10 * max((len(token) for token in key_tokens), default=1)
    height = int(min(2400, 80 + rows * (panel + x_labels)))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=head_labels(H, words), shared_yaxes=True,
                        horizontal_spacing=0.03, vertical_spacing=min(0.3, x_labels / height) if rows > 1 else 0.0)
    x, y = token_labels(key_tokens), token_labels(query_tokens)
    top = colour_max(weights if keep is None else np.where(keep, weights, np.nan), zmax)
    for h in range(H):
        z = weights[h].copy()
        if keep is not None:
            z[~keep] = np.nan
        position = {"row": h // cols + 1, "col": h % cols + 1}
        fig.add_trace(go.Heatmap(z=z, x=x, y=y, coloraxis="coloraxis", hoverongaps=False,
                                 hovertemplate=hover(words("hover.head", v=h + 1), words("hover.query", v="%{y}"),
                                                     words("hover.key", v="%{x}"),
                                                     words("hover.attention", v="%{z:.4g}"))), **position)
        if keep is not None:
            fig.add_trace(_masked_cells(keep, x, y, words), **position)
    _axes(fig, T, S, upright_after=4)
    fig.update_yaxes(showticklabels=False)  # the heads share their rows: labels once, on the left,
    fig.update_yaxes(showticklabels=True, col=1)  # so no panel's labels run over its neighbour
    fig.update_layout(coloraxis={"cmin": 0.0, "cmax": top, "colorscale": ATTENTION_COLORSCALE,
                                 "colorbar": {"title": {"text": words("chart.attention")}, "tickfont": TICK_FONT}},
                      title=title, height=height, plot_bgcolor="white", margin=margins(70))
    fig.update_annotations(font={"size": 15})
    return fig
