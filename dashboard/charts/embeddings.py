"""Embedding figures: the token / segment / position parts and their sum, norms, 2-D PCA.

Pure functions: arrays (T, E) and tokens in, a Plotly figure out; no Streamlit.
Shape legend: T tokens, E model width.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from dashboard.charts.common import DIVERGING_COLORSCALE, margins, safe_label, symmetric_range, token_labels

PART_TITLES = {
    "word_embeddings": "token embedding",
    "token_type_embeddings": "segment embedding",
    "position_embeddings": "position embedding (learned)",
    "embedding_sum": "sum (before LayerNorm)",
}


def embedding_parts_heatmaps(parts: dict[str, np.ndarray], tokens: list[str]) -> go.Figure:
    """One dims × tokens heatmap per part (2 × 2 grid), one shared colour scale centred on 0."""
    names = list(parts)
    arrays = {name: as_array(parts[name]) for name in names}  # each (T, E)
    bound = max(symmetric_range(a) for a in arrays.values())
    labels = token_labels(tokens)
    cols = 2
    rows = -(-len(names) // cols)
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[PART_TITLES.get(n, n) for n in names],
                        horizontal_spacing=0.06, vertical_spacing=0.12)
    for index, name in enumerate(names):
        title = PART_TITLES.get(name, name)
        fig.add_trace(go.Heatmap(
            z=arrays[name].T, x=labels, coloraxis="coloraxis",
            hovertemplate=f"{title}<br>token %{{x}}<br>dim %{{y}}<br>value %{{z}}<extra></extra>"),
            row=index // cols + 1, col=index % cols + 1)
    fig.update_xaxes(type="category", tickangle=-60)
    fig.update_yaxes(autorange="reversed", title_text="dimension")
    fig.update_layout(coloraxis={"colorscale": DIVERGING_COLORSCALE, "cmin": -bound, "cmax": bound,
                                 "colorbar": {"title": {"text": "value"}}},
                      height=380 * rows, margin=margins())
    return fig


def norms_frame(parts: dict[str, np.ndarray], tokens: list[str]) -> pd.DataFrame:
    """Tidy table of L2 norms: one row per (position, part)."""
    records = []
    for name, array in parts.items():
        norms = np.linalg.norm(as_array(array), axis=-1)  # (T,)
        for position, (token, norm) in enumerate(zip(tokens, norms)):
            records.append({"position": position, "token": token, "part": PART_TITLES.get(name, name),
                            "norm": np.float32(norm)})
    return pd.DataFrame(records)


def norms_chart(frame: pd.DataFrame) -> go.Figure:
    """Grouped bars: the L2 norm of each part for every token."""
    labels = token_labels(frame.drop_duplicates("position").sort_values("position")["token"].tolist())
    fig = go.Figure()
    for part, group in frame.groupby("part", sort=False):
        group = group.sort_values("position")
        fig.add_trace(go.Bar(x=[labels[p] for p in group["position"]], y=group["norm"].to_numpy(np.float32),
                             name=part, hovertemplate=f"{part}<br>%{{x}}<br>norm %{{y}}<extra></extra>"))
    fig.update_xaxes(type="category", tickangle=-60)
    fig.update_layout(barmode="group", title="L2 norm of each part", height=360,
                      yaxis_title="‖vector‖₂", margin=margins(),
                      legend={"orientation": "h", "y": 1.1})
    return fig


def pca_scatter(panels: dict[str, tuple[np.ndarray, np.ndarray]], tokens: list[str],
                segment_ids: np.ndarray) -> go.Figure:
    """Side-by-side 2-D PCA maps; panels maps a title to (coords (T, 2), explained ratio (2,))."""
    titles = [f"{title} (PC1 {ratio[0]:.0%}, PC2 {ratio[1]:.0%})" for title, (_, ratio) in panels.items()]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=titles, horizontal_spacing=0.08)
    labels = [safe_label(t) for t in tokens]
    segments = np.asarray(segment_ids).astype(int)
    colours = np.where(segments == 0, "#1f77b4", "#d62728")
    for index, (coords, _) in enumerate(panels.values()):
        coords = as_array(coords)
        fig.add_trace(go.Scatter(
            x=coords[:, 0], y=coords[:, 1], mode="markers+text", text=labels, textposition="top center",
            marker={"size": 9, "color": colours}, customdata=np.column_stack([np.arange(len(tokens)), segments]),
            hovertemplate="%{text} (position %{customdata[0]}, segment %{customdata[1]})"
                          "<br>PC1 %{x}<br>PC2 %{y}<extra></extra>",
            showlegend=False), row=1, col=index + 1)
    fig.update_xaxes(title_text="PC1")
    fig.update_yaxes(title_text="PC2")
    fig.update_layout(height=460, margin=margins(50))
    return fig
