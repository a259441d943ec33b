"""Translation figures: the decoder's masked self-attention with the look-ahead mask drawn, the
cross-attention alignment matrix, one decoding step, and all heads of one layer.

Pure functions: NumPy arrays and token lists in, a Plotly figure out; no Streamlit. Attention
colours are fixed to [0, 1]; masked cells are not drawn as zeros but in a hatched grey of their own
(they are −∞ before the softmax, so the model could not look there at all).
Shape legend: H heads, T decoder positions (queries), S keys.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from dashboard.charts.attention import attention_heatmap
from dashboard.charts.common import ATTENTION_COLORSCALE, head_labels, margins, safe_label, token_labels

MASKED_COLOUR = "#d9d9d9"
HIGHLIGHT_COLOUR = "#ff7f0e"


def _masked_cells(keep: np.ndarray, x: list[str], y: list[str], **extra) -> go.Heatmap:
    """A grey, hatched layer over the cells the look-ahead mask forbids; NaN (transparent) elsewhere."""
    z = np.where(keep, np.nan, 1.0).astype(np.float32)  # (T, S)
    return go.Heatmap(z=z, x=x, y=y, colorscale=[[0, MASKED_COLOUR], [1, MASKED_COLOUR]], showscale=False,
                      zmin=0, zmax=1, name="masked", hoverongaps=False, xgap=0, ygap=0,
                      texttemplate="×", textfont={"color": "#9a9a9a", "size": 10},
                      hovertemplate=("query %{y}<br>key %{x}<br><b>masked</b> (look-ahead): a later position, "
                                     "−∞ before the softmax, weight exactly 0<extra></extra>"), **extra)


def masked_attention_heatmap(matrix, keep: np.ndarray, query_tokens: list[str], key_tokens: list[str],
                             title: str = "", highlight_row: int | None = None) -> go.Figure:
    """(T, S) weights where ``keep`` allows them, the masked cells drawn distinctly, not as zeros."""
    z = as_array(matrix).copy()  # (T, S)
    z[~keep] = np.nan
    x, y = token_labels(key_tokens), token_labels(query_tokens)
    fig = go.Figure([
        go.Heatmap(z=z, x=x, y=y, zmin=0.0, zmax=1.0, colorscale=ATTENTION_COLORSCALE, name="attention",
                   colorbar={"title": {"text": "attention"}}, hoverongaps=False,
                   hovertemplate="query %{y}<br>key %{x}<br>attention %{z}<extra></extra>"),
        _masked_cells(keep, x, y)])
    fig.update_yaxes(autorange="reversed", title_text="query (decoder input, row)", type="category")
    fig.update_xaxes(title_text="key (decoder input, column)", tickangle=-60, type="category")
    fig.update_layout(title=title, height=min(900, 280 + 16 * z.shape[0]), plot_bgcolor="white",
                      margin=margins())
    if highlight_row is not None:
        highlight(fig, highlight_row, len(key_tokens))
    return fig


def alignment_heatmap(cross, source_tokens: list[str], output_tokens: list[str], title: str = "",
                      highlight_row: int | None = None) -> go.Figure:
    """(T, S) cross-attention as an alignment matrix: target tokens (rows) × source tokens (columns)."""
    fig = attention_heatmap(cross, output_tokens, source_tokens, title=title)
    fig.update_yaxes(title_text="target (token being chosen)")
    fig.update_xaxes(title_text="source (encoder output)")
    fig.update_traces(hovertemplate="target %{y}<br>source %{x}<br>attention %{z}<extra></extra>")
    if highlight_row is not None:
        highlight(fig, highlight_row, len(source_tokens))
    return fig


def highlight(fig: go.Figure, row: int, num_columns: int, row_ref: str = "y", col_ref: str = "x") -> go.Figure:
    """Outline one row of a categorical heatmap (the current decoding step)."""
    fig.add_shape(type="rect", xref=col_ref, yref=row_ref, x0=-0.5, x1=num_columns - 0.5, y0=row - 0.5,
                  y1=row + 0.5, line={"color": HIGHLIGHT_COLOUR, "width": 3}, fillcolor="rgba(0,0,0,0)")
    return fig


def step_figure(self_row, cross_row, prefix: list[str], source_tokens: list[str], step: int,
                predicted: str) -> go.Figure:
    """One decoding step: what the chosen head attended to, over the prefix and over the source."""
    fig = make_subplots(rows=1, cols=2, column_widths=[max(len(prefix), 2), max(len(source_tokens), 2)],
                        horizontal_spacing=0.08,
                        subplot_titles=("decoder self-attention over the prefix it may see",
                                        "cross-attention over the source"))
    for col, weights, tokens in ((1, as_array(self_row), prefix), (2, as_array(cross_row), source_tokens)):
        fig.add_trace(go.Bar(
            x=token_labels(tokens), y=weights,
            marker={"color": weights, "colorscale": ATTENTION_COLORSCALE, "cmin": 0.0, "cmax": 1.0,
                    "line": {"color": "#555", "width": 0.5}},
            showlegend=False, hovertemplate="%{x}<br>attention %{y}<extra></extra>"), row=1, col=col)
    fig.update_yaxes(range=[0, 1], title_text="attention", row=1, col=1)
    fig.update_yaxes(range=[0, 1], row=1, col=2)
    fig.update_xaxes(type="category", tickangle=-45)
    fig.update_layout(title=f"Step {step}: choosing {safe_label(predicted)!r}", height=340,
                      margin=margins(70))
    return fig


def head_grid(weights, query_tokens: list[str], key_tokens: list[str], title: str = "",
              keep: np.ndarray | None = None, max_columns: int = 4) -> go.Figure:
    """All H heads of one layer, (H, T, S), in one figure; ``keep`` greys out masked cells."""
    weights = as_array(weights)
    H, T, S = weights.shape
    cols = min(H, max_columns)
    rows = -(-H // cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=head_labels(H),
                        horizontal_spacing=0.02, vertical_spacing=0.08 / max(rows, 1))
    x, y = token_labels(key_tokens), token_labels(query_tokens)
    for h in range(H):
        z = weights[h].copy()
        if keep is not None:
            z[~keep] = np.nan
        position = {"row": h // cols + 1, "col": h % cols + 1}
        fig.add_trace(go.Heatmap(z=z, x=x, y=y, coloraxis="coloraxis", hoverongaps=False,
                                 hovertemplate=f"head {h + 1}<br>query %{{y}}<br>key %{{x}}<br>attention %{{z}}"
                                               "<extra></extra>"), **position)
        if keep is not None:
            fig.add_trace(_masked_cells(keep, x, y), **position)
    fig.update_xaxes(type="category", showticklabels=S <= 16, tickangle=-60, tickfont={"size": 9})
    fig.update_yaxes(type="category", autorange="reversed", showticklabels=T <= 16, tickfont={"size": 9})
    fig.update_layout(coloraxis={"cmin": 0.0, "cmax": 1.0, "colorscale": ATTENTION_COLORSCALE,
                                 "colorbar": {"title": {"text": "attention"}}},
                      title=title, height=max(300, 60 + rows * (140 + 10 * max(T, 4))), plot_bgcolor="white",
                      margin=margins(60))
    return fig
