"""Positional-encoding figures: sinusoid curves (Altair), position × dimension maps, position similarity.

Pure functions: a (P, d) table in, a chart out; no Streamlit. P positions, d dimensions.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.analysis.attention_maps import as_array
from dashboard.charts.common import DIVERGING_COLORSCALE, margins, symmetric_range


def dimension_label(d: int, sinusoidal: bool) -> str:
    """"dim 4 (sin)" for the sinusoid table (even dimensions are sines, odd ones cosines, sec. 3.5);
    a learned table's dimension is only "dim 4": it was trained, it is no sine or cosine."""
    if not sinusoidal:
        return f"dim {d}"
    return f"dim {d} ({'sin' if d % 2 == 0 else 'cos'})"


def curves_frame(table: np.ndarray, dims: list[int], *, sinusoidal: bool) -> pd.DataFrame:
    """Tidy (position, dimension, value) rows for the chosen dimensions of a (P, d) table."""
    table = as_array(table)
    P = table.shape[0]
    frames = [pd.DataFrame({"position": np.arange(P), "dimension": dimension_label(d, sinusoidal),
                            "dim": d, "value": table[:, d]}) for d in dims]
    if not frames:
        return pd.DataFrame(columns=["position", "dimension", "dim", "value"])
    return pd.concat(frames, ignore_index=True)


def position_curves(frame: pd.DataFrame, title: str, unit_range: bool = True) -> alt.Chart:
    """One line per dimension over positions, exact value in the tooltip; unit_range fixes y to [-1, 1]."""
    scale = alt.Scale(domain=[-1.05, 1.05]) if unit_range else alt.Scale(zero=False)
    return alt.Chart(frame, title=title).mark_line(point=False).encode(
        x=alt.X("position:Q", title="position"),
        y=alt.Y("value:Q", title="value", scale=scale),
        color=alt.Color("dimension:N", sort=alt.SortField("dim")),
        tooltip=["dimension:N", "position:Q", alt.Tooltip("value:Q", format=".6f")],
    ).properties(height=320)


def position_dimension_heatmap(table: np.ndarray, title: str) -> go.Figure:
    """Positions (rows) × dimensions (columns), colour centred on 0."""
    z = as_array(table)  # (P, d)
    bound = symmetric_range(z)
    fig = go.Figure(go.Heatmap(z=z, zmin=-bound, zmax=bound, colorscale=DIVERGING_COLORSCALE,
                               hovertemplate="position %{y}<br>dimension %{x}<br>value %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title_text="position")
    fig.update_xaxes(title_text="dimension")
    fig.update_layout(title=title, height=420, margin=margins())
    return fig


def position_similarity(table: np.ndarray, title: str) -> go.Figure:
    """Dot product PE(p) · PE(q) for every pair of positions: nearby positions are more alike."""
    z = as_array(table) @ as_array(table).T  # (P, P)
    fig = go.Figure(go.Heatmap(z=z, colorscale="Viridis",
                               hovertemplate="position %{y} · position %{x}<br>dot product %{z}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", title_text="position")
    fig.update_xaxes(title_text="position")
    fig.update_layout(title=title, height=420, margin=margins())
    return fig
