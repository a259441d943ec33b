"""Figures of the Fine-tuning page: a live run's loss and validation accuracy, the learning curve with the run just
made marked, where the classified token attends before and after fine-tuning, the classifier's probabilities, and a
token classifier's feeling for each name.

Pure functions: tidy tables and arrays in, a Plotly figure out; no Streamlit. Tokens are data: every one goes
through ``token_labels``. Shape legend: R rows (one per head of the layers shown), T tokens, K classes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.common import (
    ATTENTION_COLORSCALE,
    DIVERGING_COLORSCALE,
    VALUE_FORMAT,
    hover,
    margins,
    safe_label,
    token_labels,
)
from dashboard.i18n import ENGLISH, Words

# One colour per way of learning the labels, the same in the live run's chart and the learning curve.
METHOD_COLOURS = {"pretrained": "#1f77b4", "random": "#d62728", "bag_of_words": "#7f7f7f", "gpt": "#2ca02c"}
RUN_MARK = "star"
PANEL_GAP = 0.12  # between the [CLS] panels: room for the attention colour bar right of "after"
COLOURBAR_PX = 14

# Under the x-axis title, not on it: the legend's top edge hangs below the axis's tick labels and title
# (the walk found it drawn over "labelled examples"); the bottom margin holds it.
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0}


def training_figure(history: pd.DataFrame, words: Words = ENGLISH) -> go.Figure:
    """Loss (left) and validation accuracy (right) against the step, one line per method.

    ``history``: rows (method, step, loss, accuracy), ``accuracy`` NaN where the step was not validated."""
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1,
                        subplot_titles=(words("chart.finetune_loss"), words("chart.finetune_validation")))
    for method, rows in history.groupby("method", sort=False):
        name = words(f"chart.finetune_method_{method}")
        colour = METHOD_COLOURS.get(str(method), "#000000")
        validated = rows.dropna(subset=["accuracy"])
        fig.add_trace(go.Scatter(
            x=rows["step"].to_numpy(), y=rows["loss"].to_numpy(np.float32), mode="lines", name=name,
            line={"color": colour}, legendgroup=name,
            hovertemplate=hover(name, words("hover.step", v="%{x}"), words("hover.loss", v=f"%{{y:{VALUE_FORMAT}}}"))),
            row=1, col=1)
        fig.add_trace(go.Scatter(
            x=validated["step"].to_numpy(), y=validated["accuracy"].to_numpy(np.float32), mode="lines+markers",
            name=name, line={"color": colour}, legendgroup=name, showlegend=False,
            hovertemplate=hover(name, words("hover.step", v="%{x}"), words("hover.accuracy", v="%{y:.1%}"))),
            row=1, col=2)
    fig.update_xaxes(title_text=words("chart.finetune_step"))
    fig.update_yaxes(title_text=words("chart.finetune_loss_axis"), rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text=words("chart.finetune_accuracy_axis"), range=[0, 1.02], tickformat=".0%",
                     row=1, col=2)
    fig.update_layout(height=420, margin=margins(top=50, bottom=110), legend=LEGEND_BELOW)
    return fig


def curve_figure(curve: pd.DataFrame, marks: pd.DataFrame | None = None, title: str = "",
                 words: Words = ENGLISH) -> go.Figure:
    """Held-out accuracy against labelled examples (log axis), one line per method: the mean over seeds, a band
    from the lowest to the highest seed. ``curve``: rows (method, examples, mean, low, high, seeds);
    ``marks``: rows (method, examples, accuracy) of runs made on this server, drawn as stars."""
    fig = go.Figure()
    for method, rows in curve.groupby("method", sort=False):
        rows = rows.sort_values("examples")
        name, colour = words(f"chart.finetune_method_{method}"), METHOD_COLOURS.get(str(method), "#000000")
        x = rows["examples"].to_numpy()
        fig.add_trace(go.Scatter(
            x=np.concatenate([x, x[::-1]]), y=np.concatenate([rows["high"], rows["low"][::-1]]).astype(np.float32),
            fill="toself", fillcolor=colour, opacity=0.15, line={"width": 0}, hoverinfo="skip", showlegend=False,
            legendgroup=name))
        custom = np.column_stack([rows["low"], rows["high"], rows["seeds"]]).astype(np.float32)
        fig.add_trace(go.Scatter(
            x=x, y=rows["mean"].to_numpy(np.float32), mode="lines+markers", name=name, legendgroup=name,
            line={"color": colour}, customdata=custom,
            hovertemplate=hover(name, words("hover.examples", v="%{x}"), words("hover.mean", v="%{y:.1%}"),
                                words("hover.range", low="%{customdata[0]:.1%}", high="%{customdata[1]:.1%}",
                                      n="%{customdata[2]}"))))
    if marks is not None and len(marks):
        for method, rows in marks.groupby("method", sort=False):
            name = words("chart.finetune_run", method=words(f"chart.finetune_method_{method}"))
            fig.add_trace(go.Scatter(
                x=rows["examples"].to_numpy(), y=rows["accuracy"].to_numpy(np.float32), mode="markers", name=name,
                marker={"symbol": RUN_MARK, "size": 18, "color": METHOD_COLOURS.get(str(method), "#000000"),
                        "line": {"color": "#000000", "width": 1}},
                hovertemplate=hover(name, words("hover.examples", v="%{x}"), words("hover.accuracy", v="%{y:.1%}"))))
    fig.update_xaxes(type="log", title_text=words("chart.finetune_examples_axis"))
    fig.update_yaxes(title_text=words("chart.finetune_heldout_axis"), range=[0, 1.02], tickformat=".0%")
    fig.update_layout(title=title, height=500, margin=margins(top=50, bottom=110), legend=LEGEND_BELOW)
    return fig


def cls_attention_figure(before: np.ndarray, after: np.ndarray, row_names: list[str], tokens: list[str],
                         words: Words = ENGLISH, start: str = "pretrained") -> go.Figure:
    """The classified token's ([CLS]'s, or GPT's last) attention before fine-tuning, after it, and the change, side
    by side: (R, T) each, one row per head of the layers shown; ``start``: how the weights before were drawn
    ("pretrained" or "random"). Before and after share the [0, 1] scale; the change has its own, centred on 0."""
    labels = token_labels(tokens)
    rows = [safe_label(name) for name in row_names]
    change = (after - before).astype(np.float32)
    bound = float(np.abs(change).max()) or 1.0
    before_title = words("chart.finetune_before" if start == "pretrained" else "chart.finetune_before_random")
    titles = (before_title, words("chart.finetune_after"), words("chart.finetune_change"))
    fig = make_subplots(rows=1, cols=3, shared_yaxes=True, horizontal_spacing=PANEL_GAP, subplot_titles=titles)
    lines = hover(words("hover.head", v="%{y}"), words("hover.key", v="%{x}"),
                  words("hover.attention", v=f"%{{z:{VALUE_FORMAT}}}"))
    for col, (values, axis) in enumerate(((before, "coloraxis"), (after, "coloraxis"), (change, "coloraxis2")),
                                         start=1):
        fig.add_trace(go.Heatmap(z=np.asarray(values, dtype=np.float32), x=labels, y=rows, coloraxis=axis,
                                 hovertemplate=lines if col < 3 else hover(
                                     words("hover.head", v="%{y}"), words("hover.key", v="%{x}"),
                                     words("hover.change", v=f"%{{z:+{VALUE_FORMAT}}}"))),
                      row=1, col=col)
    fig.update_yaxes(autorange="reversed", dtick=1)
    fig.update_xaxes(tickangle=-60, dtick=1)
    after_end = fig.layout.xaxis2.domain[1]  # the attention bar sits in the gap after the "after" panel
    fig.update_layout(
        coloraxis={"colorscale": ATTENTION_COLORSCALE, "cmin": 0.0, "cmax": 1.0,
                   "colorbar": {"title": {"text": words("chart.attention")}, "x": after_end + 0.01, "xanchor": "left",
                                "len": 0.9, "thickness": COLOURBAR_PX}},
        coloraxis2={"colorscale": DIVERGING_COLORSCALE, "cmin": -bound, "cmax": bound,
                    "colorbar": {"title": {"text": words("chart.finetune_change_bar")}, "x": 1.01, "xanchor": "left",
                                 "len": 0.9, "thickness": COLOURBAR_PX}},
        height=max(320, 22 * len(rows) + 170), margin=margins(top=50, bottom=10))
    return fig


def probabilities_figure(labels: list[str], probabilities: np.ndarray, known: int | None = None,
                         words: Words = ENGLISH) -> go.Figure:
    """The classifier's probability per class (K,), the chosen one dark; ``known``: the known answer's index,
    outlined."""
    probabilities = np.asarray(probabilities, dtype=np.float32)
    best = int(np.argmax(probabilities))
    colours = ["#08519c" if k == best else "#9ecae1" for k in range(len(labels))]
    outline = [3 if k == known else 0 for k in range(len(labels))]
    fig = go.Figure(go.Bar(
        x=probabilities, y=[safe_label(label) for label in labels], orientation="h",
        marker={"color": colours, "line": {"color": "#000000", "width": outline}},
        text=[f"{p:.1%}" for p in probabilities], textposition="outside",
        hovertemplate=hover("%{y}", words("hover.probability", v=f"%{{x:{VALUE_FORMAT}}}"))))
    fig.update_xaxes(range=[0, 1.15], tickformat=".0%", title_text=words("chart.finetune_probability_axis"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=60 * len(labels) + 90, margin=margins(top=20), showlegend=False)
    return fig


def tags_figure(rows: list[str], probabilities: np.ndarray, labels: list[str], words: Words = ENGLISH) -> go.Figure:
    """A token classifier's probability of each class (column) for each name mentioned (row), (M, K), on a fixed
    [0, 1] scale, each cell written out; the row names ("3: Tom") are data and go through ``safe_label``."""
    probabilities = np.asarray(probabilities, dtype=np.float32)
    y = [safe_label(row) for row in rows]
    x = [safe_label(label) for label in labels]
    fig = go.Figure(go.Heatmap(
        z=probabilities, x=x, y=y, zmin=0.0, zmax=1.0, colorscale=ATTENTION_COLORSCALE,
        text=[[f"{p:.0%}" for p in row] for row in probabilities], texttemplate="%{text}",
        colorbar={"title": {"text": words("chart.finetune_probability_axis")}, "thickness": COLOURBAR_PX},
        hovertemplate=hover("%{y}", "%{x}", words("hover.probability", v=f"%{{z:{VALUE_FORMAT}}}"))))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    fig.update_layout(height=max(200, 40 * len(rows) + 120), margin=margins(top=50))
    return fig
