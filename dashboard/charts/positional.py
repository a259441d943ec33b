"""Positional-encoding figures: sinusoid curves (Altair), position × dimension maps, position similarity.

Pure functions: a (P, d) table in, a chart out; no Streamlit. P positions, d dimensions.
Both maps are signed values centred on 0 (one colour meaning: RdBu, white = 0), their range clipped at
the 99th percentile of |value| so one outlier row (MiniLM's position 0) does not wash the map out;
hover keeps the exact value. ``trained``: positions from there on were never seen in pre-training.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.analysis.attention_maps import as_array
from dashboard.charts.common import DIVERGING_COLORSCALE, VALUE_FORMAT, hover, margins, robust_bound
from dashboard.i18n import ENGLISH, Words

UNTRAINED_COLOUR = "#888"
POSITIVE_COLORSCALE = "Reds"  # the red half of the signed scale: white = 0, as there


def title_above_plot(text: str) -> dict:
    """A title just above the plot area, below the always-visible toolbar: in a half-width column the
    toolbar would otherwise cover a long title."""
    return {"text": text, "y": 1, "yref": "paper", "yanchor": "bottom", "pad": {"b": 6}}


def dimension_label(d: int, sinusoidal: bool, words: Words = ENGLISH) -> str:
    """"dim 4 (sin)" for the sinusoid table (even dimensions are sines, odd ones cosines, sec. 3.5);
    a learned table's dimension is only "dim 4": it was trained, it is no sine or cosine."""
    if not sinusoidal:
        return words("chart.tick.dim", n=d)
    return words("chart.tick.dim_sin" if d % 2 == 0 else "chart.tick.dim_cos", n=d)


def default_dimensions(d_model: int) -> list[int]:
    """Three even (sine) dimensions a class can tell apart over ~128 positions: wavelengths 2π·10000^(2i/d)
    of about 20, 60 and 600 positions (fast, medium, almost flat), instead of dims 0, 1, 4, 5 whose
    wavelengths of 6 to 10 positions tangle into one band."""
    return sorted({2 * (d_model // 16), 2 * (d_model // 8), 2 * (d_model // 4)} - {d_model})


def curves_frame(table: np.ndarray, dims: list[int], *, sinusoidal: bool, words: Words = ENGLISH) -> pd.DataFrame:
    """Tidy (position, dimension, value) rows for the chosen dimensions of a (P, d) table, the dimension
    named in ``words``' language (English for a download)."""
    table = as_array(table)
    P = table.shape[0]
    frames = [pd.DataFrame({"position": np.arange(P), "dimension": dimension_label(d, sinusoidal, words),
                            "dim": d, "value": table[:, d]}) for d in dims]
    if not frames:
        return pd.DataFrame(columns=["position", "dimension", "dim", "value"])
    return pd.concat(frames, ignore_index=True)


def position_curves(frame: pd.DataFrame, title: str, unit_range: bool = True,
                    trained: int | None = None, words: Words = ENGLISH) -> alt.Chart | alt.LayerChart:
    """One line per dimension over positions, exact value in the tooltip; unit_range fixes y to [-1, 1].
    With ``trained`` inside the range, the never-trained positions are shaded grey."""
    scale = alt.Scale(domain=[-1.05, 1.05]) if unit_range else alt.Scale(zero=False)
    position, value, dimension = words("chart.position"), words("chart.value"), words("chart.dimension")
    lines = alt.Chart(frame).mark_line(point=False, strokeWidth=2.5).encode(
        x=alt.X("position:Q", title=position),
        y=alt.Y("value:Q", title=value, scale=scale),
        color=alt.Color("dimension:N", sort=alt.SortField("dim"), title=dimension),
        tooltip=[alt.Tooltip("dimension:N", title=dimension), alt.Tooltip("position:Q", title=position),
                 alt.Tooltip("value:Q", format=VALUE_FORMAT, title=value)],
    ).properties(height=320)
    last = int(frame["position"].max()) if len(frame) else 0
    if trained is None or trained > last:
        return lines.properties(title=title)
    band = pd.DataFrame({"start": [trained - 0.5], "end": [last + 0.5]})
    shade = alt.Chart(band).mark_rect(opacity=0.18, color=UNTRAINED_COLOUR).encode(
        x=alt.X("start:Q", title=position), x2="end:Q")
    return alt.layer(lines, shade, title=title)


def untrained_marks(fig: go.Figure, trained: int | None, positions: int, both_axes: bool,
                    words: Words = ENGLISH) -> None:
    """Grey out positions ≥ trained (never seen in pre-training) and say so on the figure."""
    if trained is None or trained >= positions:
        return
    fig.add_hrect(y0=trained - 0.5, y1=positions - 0.5, fillcolor=UNTRAINED_COLOUR, opacity=0.35, line_width=0)
    if both_axes:
        fig.add_vrect(x0=trained - 0.5, x1=positions - 0.5, fillcolor=UNTRAINED_COLOUR, opacity=0.35, line_width=0)
    fig.add_annotation(x=1, xref="paper", xanchor="right", y=trained - 0.5, yanchor="top", showarrow=False,
                       text=words("chart.untrained", n=trained), bgcolor="white")


def _signed_map(z: np.ndarray, value_title: str, column_title: str, hovertemplate: str, words: Words) -> go.Figure:
    """Positions (rows, top down) × ``column_title``, colour centred on 0 and clipped at the 99th percentile.
    A table with no negative value (the sinusoids' dot products) gets a one-sided scale from 0: half of a
    diverging scale would stand empty."""
    bound = robust_bound(z)
    one_sided = bool((z >= 0).all())
    fig = go.Figure(go.Heatmap(z=z, zmin=0.0 if one_sided else -bound, zmax=bound,
                               colorscale=POSITIVE_COLORSCALE if one_sided else DIVERGING_COLORSCALE,
                               colorbar={"title": {"text": value_title, "side": "right"}}, hovertemplate=hovertemplate))
    fig.update_yaxes(autorange="reversed", title_text=words("chart.position"))
    fig.update_xaxes(title_text=column_title)
    return fig


def position_dimension_heatmap(table: np.ndarray, title: str, trained: int | None = None,
                               words: Words = ENGLISH) -> go.Figure:
    """Positions (rows) × dimensions (columns), colour centred on 0 and clipped at the 99th percentile."""
    z = as_array(table)  # (P, d)
    fig = _signed_map(z, words("chart.value"), words("chart.dimension"),
                      hover(words("hover.position", v="%{y}"), words("hover.dimension", v="%{x}"),
                            words("hover.value", v=f"%{{z:{VALUE_FORMAT}}}")), words)
    untrained_marks(fig, trained, z.shape[0], both_axes=False, words=words)
    fig.update_layout(title=title_above_plot(title), height=470, margin=margins(top=70))
    return fig


def position_similarity(table: np.ndarray, title: str, trained: int | None = None,
                        words: Words = ENGLISH) -> go.Figure:
    """Dot product PE(p) · PE(q) for every pair of positions: nearby positions are more alike.
    Signed, so the same diverging scale as the table, clipped at the 99th percentile of |value|."""
    z = as_array(table) @ as_array(table).T  # (P, P)
    fig = _signed_map(z, words("chart.dot_product"), words("chart.position"),
                      hover(words("hover.position_pair", p="%{y}", q="%{x}"),
                            words("hover.dot_product", v=f"%{{z:{VALUE_FORMAT}}}")), words)
    untrained_marks(fig, trained, z.shape[0], both_axes=True, words=words)
    fig.update_layout(title=title_above_plot(title), height=490, margin=margins(top=70))
    return fig


def position_norm_chart(frame: pd.DataFrame, threshold: float, reach: int, title: str,
                        words: Words = ENGLISH) -> go.Figure:
    """The norm of every learned position embedding (``views.bert.position_norms_frame``): trained rows stand
    above the dashed line (the never-trained rows' norm plus a margin); grey from the first untrained position."""
    fig = go.Figure(go.Scatter(x=frame["position"], y=frame["norm"], mode="lines", line={"width": 2.5},
                               name=words("chart.norm"),
                               hovertemplate=hover(words("hover.position", v="%{x}"),
                                                   words("hover.norm", v=f"%{{y:{VALUE_FORMAT}}}"))))
    last = int(frame["position"].max())
    fig.add_hline(y=threshold, line_dash="dash", line_color="#444",
                  annotation_text=words("chart.untrained_threshold", v=f"{threshold:.3g}"),
                  annotation_position="top right")
    if reach <= last:
        fig.add_vrect(x0=reach - 0.5, x1=last + 0.5, fillcolor=UNTRAINED_COLOUR, opacity=0.25, line_width=0)
        fig.add_annotation(x=reach - 0.5, y=1, yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           text=words("chart.untrained", n=reach), bgcolor="white")
    fig.update_xaxes(title_text=words("chart.position"))
    fig.update_yaxes(title_text=words("chart.norm"), rangemode="tozero")
    fig.update_layout(title=title_above_plot(title), height=360, margin=margins(top=70), showlegend=False)
    return fig
