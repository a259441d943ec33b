"""Word embeddings figures: a 2-D map of word vectors coloured by kind (with an analogy's arrows), and one
word's cosine across two contexts per layer. Pure functions: tables in, a Plotly figure out; no Streamlit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.common import VALUE_FORMAT, margins, safe_label
from dashboard.charts.labels import leader_annotation, place_labels
from dashboard.i18n import ENGLISH, Words

KIND_COLOURS = {"male": "#1f77b4", "female": "#d62728", "animal": "#2ca02c", "colour": "#ff7f0e",
                "place": "#9467bd", "food": "#8c564b", "day": "#e377c2", "verb": "#17becf", "analogy": "#444444"}
ARROW_COLOUR = "#111111"


def arrow(start: tuple[float, float], end: tuple[float, float], dash: bool = False) -> dict:
    """A Plotly annotation drawing an arrow from ``start`` to ``end`` in data coordinates."""
    return {"x": end[0], "y": end[1], "ax": start[0], "ay": start[1], "xref": "x", "yref": "y", "axref": "x",
            "ayref": "y", "showarrow": True, "arrowhead": 3, "arrowsize": 1.3, "arrowwidth": 2.5,
            "arrowcolor": ARROW_COLOUR, "opacity": 0.55 if dash else 0.9, "text": ""}


MAP_PLOT_HEIGHT_PX = 480  # of the map's 620: what title, axis titles and legend leave
MAP_RINGS = (1.2, 2.4, 3.6, 4.8, 6.0)  # leader lines reach further than on the PCA maps: clusters of 20 words


def word_map_chart(frame: pd.DataFrame, words: Words = ENGLISH, arrows: dict | None = None,
                   analogy_label: str | None = None, text_px: int = 14, main_px: int = 780,
                   projection: str = "pca") -> go.Figure:
    """One marker per word (text label beside it, or on a leader line out of a crowd), colour = kind, hover =
    word and exact coordinates. ``arrows`` (views.word_embeddings.analogy_arrows): b -> a, c -> target, and the
    target as a cross (a PCA map only). Labels are placed for ``text_px`` text on a ``main_px`` wide page
    (``labels``). ``projection`` ("pca" or "tsne") names the axes and the title."""
    names_of = "chart.word_map" if projection == "pca" else "chart.word_map.tsne"
    x_name, y_name = words(f"{names_of}.x"), words(f"{names_of}.y")
    hover = f"%{{customdata}}<br>{x_name} %{{x:{VALUE_FORMAT}}}<br>{y_name} %{{y:{VALUE_FORMAT}}}<extra></extra>"
    points = frame[["x", "y"]].to_numpy(np.float64)  # (N, 2)
    names = [str(w) for w in frame["word"]]
    if arrows:
        points = np.vstack([points, np.asarray(arrows["target"], dtype=np.float64)[None]])
        names.append(analogy_label or "")
    placement = place_labels(points, names, main_px - 80, MAP_PLOT_HEIGHT_PX, text_px, marker_px=9, rings=MAP_RINGS)
    fig = go.Figure()
    for kind, rows in frame.groupby("kind", sort=False):
        at = np.flatnonzero(frame["kind"].to_numpy() == kind)  # the rows' places in ``points``
        fig.add_trace(go.Scatter(
            x=rows["x"], y=rows["y"], mode="markers+text", customdata=[safe_label(w) for w in rows["word"]],
            text=[safe_label(names[i]) if placement.positions[i] else "" for i in at],
            textposition=[placement.positions[i] or "top center" for i in at], textfont={"size": text_px},
            cliponaxis=False, marker={"size": 9, "color": KIND_COLOURS.get(kind, "#777")},
            name=words(f"words.kind.{kind}"), hovertemplate=hover))
    if arrows:
        target, last = arrows["target"], len(names) - 1
        fig.add_trace(go.Scatter(
            x=[target[0]], y=[target[1]], mode="markers+text", customdata=[safe_label(names[last])],
            text=[safe_label(names[last]) if placement.positions[last] else ""],
            textposition=placement.positions[last] or "bottom center", textfont={"size": text_px},
            cliponaxis=False, marker={"symbol": "x", "size": 14, "color": ARROW_COLOUR}, name=safe_label(names[last]),
            showlegend=False, hovertemplate=hover))
        fig.add_annotation(arrow(arrows["from_b"], arrows["to_a"], dash=True))
        fig.add_annotation(arrow(arrows["from_c"], target))
    for (x, y), name, offset in zip(points, names, placement.offsets):
        if offset is not None:
            fig.add_annotation(leader_annotation(x, y, safe_label(name), offset, text_px))
    fig.update_layout(title=words(f"{names_of}.title"), height=620, margin=margins(60),
                      xaxis={"title": x_name, "range": list(placement.x_range)},
                      yaxis={"title": y_name, "range": list(placement.y_range)},
                      legend={"orientation": "h", "y": -0.12})
    return fig


def contextual_chart(frame: pd.DataFrame, word: str, model: str, words: Words = ENGLISH) -> go.Figure:
    """Cosine of the word's two vectors per layer: BERT's (markers and line) against word2vec's 1 (dashed)."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=frame["layer"], y=frame["bert"], mode="lines+markers", marker={"size": 10},
                             name=words("chart.contextual.bert", model=model),
                             hovertemplate=f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra></extra>"))
    if frame["static"].notna().all():
        fig.add_trace(go.Scatter(x=frame["layer"], y=frame["static"], mode="lines", line={"dash": "dash"},
                                 name=words("chart.contextual.static"),
                                 hovertemplate=f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra></extra>"))
    fig.update_layout(title=words("chart.contextual.title", word=safe_label(word)), height=380, margin=margins(60),
                      xaxis={"title": words("chart.contextual.layer"), "dtick": 1},
                      yaxis={"title": words("chart.contextual.cosine"), "range": [min(0.0, float(frame["bert"].min())),
                                                                                  1.05]},
                      legend={"orientation": "h", "y": -0.25})
    return fig


def referent_chart(frame: pd.DataFrame, word: str, words: Words = ENGLISH) -> go.Figure:
    """Per layer, the cosine of the pronoun's vector with each candidate's, one line per (candidate, sentence):
    solid for the first sentence, dashed for the second; a candidate keeps its colour in both."""
    fig = go.Figure()
    colours = dict(zip(frame["candidate"].unique(), ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e")))
    for (sentence, candidate), rows in frame.groupby(["sentence", "candidate"], sort=False):
        fig.add_trace(go.Scatter(x=rows["layer"], y=rows["cosine"], mode="lines+markers",
                                 name=f"{safe_label(candidate)} ({sentence})",
                                 line={"color": colours[candidate], "dash": "solid" if sentence == 1 else "dash"},
                                 hovertemplate=f"%{{x}}: %{{y:{VALUE_FORMAT}}}<extra></extra>"))
    fig.update_layout(title=words("chart.referent.title", word=safe_label(word)), height=380, margin=margins(60),
                      xaxis={"title": words("chart.contextual.layer"), "dtick": 1},
                      yaxis={"title": words("chart.contextual.cosine")}, legend={"orientation": "h", "y": -0.25})
    return fig
