"""Embedding figures: the token / segment / position parts and their sum, norms, 2-D PCA.

Pure functions: arrays (T, E) and tokens in, a Plotly figure out; no Streamlit.
Shape legend: T tokens, E model width.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.analysis.attention_maps import as_array
from dashboard.charts.common import (
    DIVERGING_COLORSCALE,
    MAX_LABELLED,
    VALUE_FORMAT,
    hover,
    margins,
    robust_bound,
    safe_label,
    subplot_grid,
    token_labels,
    token_tickangle,
)
from dashboard.charts.labels import leader_annotation, place_labels
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
    layout = subplot_grid(rows, cols, [part_title(n, words) for n in names], horizontal_spacing=0.1,
                          vertical_spacing=gap_px / height if rows > 1 else 0.0)
    axes = ["" if index == 0 else str(index + 1) for index in range(len(names))]  # make_subplots' x, x2, ...
    xaxis = {"type": "category", "tickangle": token_tickangle(len(tokens))}
    if len(tokens) <= MAX_LABELLED:
        xaxis.update(tickmode="linear", tick0=0, dtick=1)
    for index, axis in enumerate(axes):
        layout[f"xaxis{axis}"].update(xaxis)
        layout[f"yaxis{axis}"]["autorange"] = "reversed"
        if index % cols == 0:  # the left column
            layout[f"yaxis{axis}"]["title"] = {"text": words("chart.dimension"), "standoff": 4}
    layout.update(coloraxis={"colorscale": DIVERGING_COLORSCALE, "cmin": -bound, "cmax": bound,
                             "colorbar": {"title": {"text": words("chart.value"), "side": "right"}}},
                  height=height, margin=margins(50, 10))
    return go.Figure([go.Heatmap(
        z=arrays[name].T, x=labels, coloraxis="coloraxis", xaxis=f"x{axis}", yaxis=f"y{axis}",
        hovertemplate=hover(part_title(name, words), words("hover.token", v="%{x}"), words("hover.dim", v="%{y}"),
                            words("hover.value", v=f"%{{z:{VALUE_FORMAT}}}"))) for name, axis in zip(names, axes)],
        layout=layout)


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
    """Grouped bars: the L2 norm of each part for every token (the numbers of ``norms_frame``)."""
    labels = token_labels(tokens)
    xaxis = {"type": "category", "tickangle": token_tickangle(len(labels))}
    if len(labels) <= MAX_LABELLED:
        xaxis.update(tickmode="linear", tick0=0, dtick=1)
    # The layout given at construction: each update_* call would walk the figure again.
    return go.Figure([go.Bar(x=labels, y=np.linalg.norm(as_array(array), axis=-1).astype(np.float32),  # (T,)
                             name=part_title(name, words),
                             hovertemplate=hover(part_title(name, words), "%{x}",
                                                 words("hover.norm", v=f"%{{y:{VALUE_FORMAT}}}")))
                      for name, array in parts.items()],
                     layout={"xaxis": xaxis, "barmode": "group", "height": 440, "margin": margins(top=100),
                             "title": {"text": words("chart.norms"), "y": 0.98, "yanchor": "top"},
                             "yaxis": {"title": {"text": words("chart.norm_axis")}},
                             "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom"}})  # under the title


def pca_title(layer: int, ratio, words: Words = ENGLISH) -> str:
    """"after layer 2 (PC1 41%, PC2 17%)", or "after embedding (LayerNorm) (...)" for layer 0."""
    pc1, pc2 = f"{ratio[0]:.0%}", f"{ratio[1]:.0%}"
    if layer == 0:
        return words("chart.pca_embedding", pc1=pc1, pc2=pc2)
    return words("chart.pca_layer", layer=layer, pc1=pc1, pc2=pc2)


PCA_HEIGHT_PX, PCA_PLOT_HEIGHT_PX = 560, 400  # the figure, and the plot area left by title, ticks and legend
PCA_SPACING = 0.1  # between the panels, a share of the width


def pca_scatter(panels: dict[int, tuple[np.ndarray, np.ndarray]], tokens: list[str],
                segment_ids: np.ndarray, words: Words = ENGLISH, text_px: int = 14, main_px: int = 780) -> go.Figure:
    """Side-by-side 2-D PCA maps; panels maps a layer (0: after the embedding) to (coords (T, 2), explained
    ratio (2,)).

    Each point is labelled "token (position)", so the two "the" of a sentence are told apart; colour
    is the segment (sentence A or B), named in the legend. Labels are placed (``labels.place_labels``) for
    ``text_px`` text in panels sharing a ``main_px`` wide page, so none covers another or runs off its panel."""
    titles = [pca_title(layer, ratio, words) for layer, (_, ratio) in panels.items()]
    layout = subplot_grid(1, len(panels), titles, horizontal_spacing=PCA_SPACING)
    labels = np.array([f"{safe_label(t)} ({i})" for i, t in enumerate(tokens)], dtype=object)
    shown = [f"{t} ({i})" for i, t in enumerate(tokens)]  # as the browser prints them, for their width
    segments = np.asarray(segment_ids).astype(int)
    panel_px = (main_px - 80) * (1 - PCA_SPACING * (len(panels) - 1)) / max(len(panels), 1)  # less the y labels
    traces, leaders = [], []
    for index, (coords, _) in enumerate(panels.values()):
        coords = as_array(coords)
        placement = place_labels(coords, shown, panel_px, PCA_PLOT_HEIGHT_PX, text_px)
        beside = np.array([position is not None for position in placement.positions])
        sides = np.array([position or "top center" for position in placement.positions], dtype=object)
        axis = "" if index == 0 else str(index + 1)  # the panel's axes: x, y; x2, y2; ...
        for segment in np.unique(segments):
            keep = segments == segment
            traces.append(go.Scatter(
                x=coords[keep, 0], y=coords[keep, 1], mode="markers+text", xaxis=f"x{axis}", yaxis=f"y{axis}",
                text=np.where(beside[keep], labels[keep], ""), customdata=labels[keep],
                textposition=list(sides[keep]), textfont={"size": text_px}, cliponaxis=False,
                marker={"size": 10, "color": SEGMENT_COLOURS[min(segment, 1)]},
                name=words(SEGMENT_NAMES[min(segment, 1)]), legendgroup=str(segment), showlegend=index == 0,
                hovertemplate=(f"%{{customdata}}<br>PC1 %{{x:{VALUE_FORMAT}}}<br>PC2 %{{y:{VALUE_FORMAT}}}"
                               "<extra></extra>")))
        leaders += [{**leader_annotation(x, y, label, offset, text_px), "xref": f"x{axis}", "yref": f"y{axis}"}
                    for (x, y), label, offset in zip(coords, labels, placement.offsets)
                    if offset is not None]  # hung on a leader line, out of a crowd's way
        layout[f"xaxis{axis}"].update(range=list(placement.x_range), title={"text": "PC1"})
        layout[f"yaxis{axis}"].update(range=list(placement.y_range), title={"text": "PC2", "standoff": 2})
    layout["annotations"] = [*layout.get("annotations", []), *leaders]
    layout.update(height=PCA_HEIGHT_PX, margin=margins(60), legend={"orientation": "h", "y": -0.12})
    return go.Figure(traces, layout=layout)  # its whole layout at once: see subplot_grid
