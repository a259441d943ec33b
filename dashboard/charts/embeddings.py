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
from dashboard.charts.common import (
    DIVERGING_COLORSCALE,
    MAX_LABELLED,
    VALUE_FORMAT,
    hover,
    margins,
    robust_bound,
    safe_label,
    token_labels,
    token_tickangle,
)
from dashboard.i18n import ENGLISH, Words

WIDE_TOKENS = 12  # up to this many tokens the four panels share rows two by two

SEGMENT_COLOURS = ("#1f77b4", "#d62728")  # sentence A, sentence B: the only meaning of a marker's colour
SEGMENT_NAMES = ("chart.segment_a", "chart.segment_b")  # language-table keys of the two segments' legend

PART_TITLES = {  # an embedding part's language-table key
    "word_embeddings": "chart.token_embedding",
    "token_type_embeddings": "chart.segment_embedding",
    "position_embeddings": "chart.position_embedding",
    "embedding_sum": "chart.embedding_sum",
}


def part_title(name: str, words: Words = ENGLISH) -> str:
    """An embedding part's name on screen ("token embedding"); an unknown part keeps its own name."""
    return words(PART_TITLES[name]) if name in PART_TITLES else name


def embedding_parts_heatmaps(parts: dict[str, np.ndarray], tokens: list[str], words: Words = ENGLISH) -> go.Figure:
    """One dims × tokens heatmap per part, one shared colour scale centred on 0.

    The range is clipped at the 99th percentile of |value| (MiniLM has a few outlier dimensions that
    would otherwise leave every other cell white); hover keeps the exact value. Panels sit 2 × 2 for
    up to WIDE_TOKENS tokens, else one per row, so every token's label has room."""
    names = list(parts)
    arrays = {name: as_array(parts[name]) for name in names}  # each (T, E)
    bound = robust_bound(np.concatenate([a.ravel() for a in arrays.values()]))
    labels = token_labels(tokens)
    cols = 2 if len(tokens) <= WIDE_TOKENS else 1
    rows = -(-len(names) // cols)
    # Rotated token labels need room below each panel before the next panel's title, and the y title sits
    # only on the left column, so no axis title runs into the neighbouring plot.
    panel_px, gap_px = 330, 150
    height = rows * panel_px + (rows - 1) * gap_px + 80
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[part_title(n, words) for n in names],
                        horizontal_spacing=0.1, vertical_spacing=gap_px / height if rows > 1 else 0.0)
    for index, name in enumerate(names):
        fig.add_trace(go.Heatmap(
            z=arrays[name].T, x=labels, coloraxis="coloraxis",
            hovertemplate=hover(part_title(name, words), words("hover.token", v="%{x}"), words("hover.dim", v="%{y}"),
                                words("hover.value", v=f"%{{z:{VALUE_FORMAT}}}"))),
            row=index // cols + 1, col=index % cols + 1)
    fig.update_xaxes(type="category", tickangle=token_tickangle(len(tokens)))
    if len(tokens) <= MAX_LABELLED:
        fig.update_xaxes(tickmode="linear", tick0=0, dtick=1)
    fig.update_yaxes(autorange="reversed")
    for row in range(1, rows + 1):
        fig.update_yaxes(title_text=words("chart.dimension"), title_standoff=4, row=row, col=1)
    fig.update_layout(coloraxis={"colorscale": DIVERGING_COLORSCALE, "cmin": -bound, "cmax": bound,
                                 "colorbar": {"title": {"text": words("chart.value"), "side": "right"}}},
                      height=height, margin=margins(50, 10))
    return fig


def norms_frame(parts: dict[str, np.ndarray], tokens: list[str], words: Words = ENGLISH) -> pd.DataFrame:
    """Tidy table of L2 norms: one row per (position, part), the part named in ``words``' language."""
    records = []
    for name, array in parts.items():
        norms = np.linalg.norm(as_array(array), axis=-1)  # (T,)
        for position, (token, norm) in enumerate(zip(tokens, norms)):
            records.append({"position": position, "token": token, "part": part_title(name, words),
                            "norm": np.float32(norm)})
    return pd.DataFrame(records)


def norms_chart(parts: dict[str, np.ndarray], tokens: list[str], words: Words = ENGLISH) -> go.Figure:
    """Grouped bars: the L2 norm of each part for every token."""
    frame = norms_frame(parts, tokens, words)
    labels = token_labels(frame.drop_duplicates("position").sort_values("position")["token"].tolist())
    fig = go.Figure()
    for part, group in frame.groupby("part", sort=False):
        group = group.sort_values("position")
        fig.add_trace(go.Bar(x=[labels[p] for p in group["position"]], y=group["norm"].to_numpy(np.float32),
                             name=part, hovertemplate=hover(part, "%{x}",
                                                            words("hover.norm", v=f"%{{y:{VALUE_FORMAT}}}"))))
    fig.update_xaxes(type="category", tickangle=token_tickangle(len(labels)))
    if len(labels) <= MAX_LABELLED:
        fig.update_xaxes(tickmode="linear", tick0=0, dtick=1)
    fig.update_layout(barmode="group", title={"text": words("chart.norms"), "y": 0.98, "yanchor": "top"},
                      height=440, yaxis_title=words("chart.norm_axis"), margin=margins(top=100),
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"})  # between title and bars
    return fig


def pca_title(layer: int, ratio, words: Words = ENGLISH) -> str:
    """"after layer 2 (PC1 41%, PC2 17%)", or "after embedding (LayerNorm) (...)" for layer 0."""
    pc1, pc2 = f"{ratio[0]:.0%}", f"{ratio[1]:.0%}"
    if layer == 0:
        return words("chart.pca_embedding", pc1=pc1, pc2=pc2)
    return words("chart.pca_layer", layer=layer, pc1=pc1, pc2=pc2)


def label_sides(coords: np.ndarray) -> list[str]:
    """A text position per point, away from its nearest neighbour, so two close points' labels do not
    print on top of each other (a cheap stand-in for a label-placement solver)."""
    coords = as_array(coords).astype(np.float64)  # (T, 2)
    if len(coords) < 2:
        return ["top center"] * len(coords)
    span = np.ptp(coords, axis=0)
    scaled = coords / np.where(span > 0, span, 1.0)  # both axes on one scale, as the eye sees them
    distance = np.linalg.norm(scaled[:, None] - scaled[None], axis=-1)
    np.fill_diagonal(distance, np.inf)
    sides = []
    for index, nearest in enumerate(distance.argmin(1)):
        dx, dy = scaled[index] - scaled[nearest]
        if abs(dy) >= abs(dx):
            sides.append("top center" if dy >= 0 else "bottom center")
        else:
            sides.append("middle right" if dx >= 0 else "middle left")
    return sides


LABEL_EM = 0.014  # share of a panel's span one label character takes: about 9 px of a 640 px panel


def label_room(x: np.ndarray, sides, labels) -> tuple[float, float]:
    """Padding left and right of a PCA panel's x range, as shares of the span: 0.18, widened to hold the longest
    label printed outwards near that edge ("middle right" on a point in the right quarter), so "animal (2)" at
    the right edge is not cut by the panel's end."""
    x = as_array(x).astype(np.float64)
    span = float(np.ptp(x)) or 1.0
    where = (x - x.min()) / span
    left, right = [0.0], [0.0]
    for label, side, at in zip(labels, sides, where):
        width = len(str(label)) / (2 if side.endswith("center") else 1)  # a centred label: half its width each way
        if at < 0.25 and side != "middle right":
            left.append(width)
        if at > 0.75 and side != "middle left":
            right.append(width)
    return 0.18 + LABEL_EM * max(left), 0.18 + LABEL_EM * max(right)


def pca_scatter(panels: dict[int, tuple[np.ndarray, np.ndarray]], tokens: list[str],
                segment_ids: np.ndarray, words: Words = ENGLISH) -> go.Figure:
    """Side-by-side 2-D PCA maps; panels maps a layer (0: after the embedding) to (coords (T, 2), explained
    ratio (2,)).

    Each point is labelled "token (position)", so the two "the" of a sentence are told apart; colour
    is the segment (sentence A or B), named in the legend."""
    titles = [pca_title(layer, ratio, words) for layer, (_, ratio) in panels.items()]
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=titles, horizontal_spacing=0.1)
    labels = np.array([f"{safe_label(t)} ({i})" for i, t in enumerate(tokens)], dtype=object)
    segments = np.asarray(segment_ids).astype(int)
    for index, (coords, _) in enumerate(panels.values()):
        coords = as_array(coords)
        sides = np.array(label_sides(coords), dtype=object)
        for segment in np.unique(segments):
            keep = segments == segment
            fig.add_trace(go.Scatter(
                x=coords[keep, 0], y=coords[keep, 1], mode="markers+text", text=labels[keep],
                textposition=list(sides[keep]), textfont={"size": 14}, cliponaxis=False,
                marker={"size": 10, "color": SEGMENT_COLOURS[min(segment, 1)]},
                name=words(SEGMENT_NAMES[min(segment, 1)]), legendgroup=str(segment), showlegend=index == 0,
                hovertemplate=f"%{{text}}<br>PC1 %{{x:{VALUE_FORMAT}}}<br>PC2 %{{y:{VALUE_FORMAT}}}<extra></extra>"),
                row=1, col=index + 1)
        for axis, values in (("x", coords[:, 0]), ("y", coords[:, 1])):  # room for the labels at the edges
            low, high = float(values.min()), float(values.max())
            span = high - low or 1.0
            pad_low, pad_high = label_room(values, sides, labels) if axis == "x" else (0.18, 0.18)
            getattr(fig, f"update_{axis}axes")(range=[low - pad_low * span, high + pad_high * span], row=1,
                                               col=index + 1)
    fig.update_xaxes(title_text="PC1")
    fig.update_yaxes(title_text="PC2", title_standoff=2)
    fig.update_layout(height=560, margin=margins(60), legend={"orientation": "h", "y": -0.12})
    return fig
