"""Coreference figures: attention from a pronoun to each candidate for every layer × head, the model's own
answer, the minimal-pair view, per-head accuracy on the built-in set against chance, and the best head
next to the baselines.

One colour meaning per scale, on the whole page: blue is attention (light = little, dark = a
lot), purple → white → green is accuracy (below chance, chance, above chance), and the candidate words
have fixed colours of their own (orange, grey, ...) that are neither.

Pure functions: NumPy arrays and labels in, a Plotly figure out; no Streamlit.
Shape legend: L layers, H heads, C candidates.
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
    layer_labels,
    margins,
    safe_label,
    subplot_grid,
)
from dashboard.i18n import ENGLISH, Words

CHANCE_COLOUR = "#7f7f7f"
BELOW_CHANCE, AT_CHANCE, ABOVE_CHANCE = "#762a83", "#f7f7f7", "#1b7837"  # ColorBrewer PRGn ends: no blue
CANDIDATE_COLOURS = ("#e6550d", "#636363", "#bcbd22", "#e377c2", "#8c564b")  # one per candidate, in order
CORRECT_LINE = {"color": "black", "width": 3}  # the outline that marks the correct answer's bars


def candidate_attention_figure(attention, candidates: list[str], pronoun: str, words: Words = ENGLISH) -> go.Figure:
    """(L, H, C): one layers × heads panel per candidate, shared colour scale [0, 1]."""
    attention = as_array(attention)
    L, H, C = attention.shape
    names = [safe_label(c) for c in candidates]
    layout = subplot_grid(1, C, [f"→ {name}" for name in names], horizontal_spacing=0.04)
    axes = ["" if c == 0 else str(c + 1) for c in range(C)]  # make_subplots' x, x2, ...
    for c, axis in enumerate(axes):
        layout[f"xaxis{axis}"]["tickangle"] = -45  # eight "head N" side by side in a third of the page touched
        layout[f"yaxis{axis}"]["autorange"] = "reversed"
        if c > 0:  # every panel has the same layers: their names once, on the left, not in the narrow gap where
            layout[f"yaxis{axis}"]["showticklabels"] = False  # the next panel's labels would cover these cells
    layout.update(coloraxis={"cmin": 0.0, "cmax": 1.0, "colorscale": ATTENTION_COLORSCALE,
                             "colorbar": {"title": {"text": words("chart.attention")}}},
                  title=words("chart.candidates_title", pronoun=repr(safe_label(pronoun))),
                  height=max(260, 34 * L + 110), margin=margins(70))
    # Traces as dicts and the whole layout at once (see subplot_grid): the figure validates each once; a trace
    # object given to go.Figure is validated again as it is copied in (4.4 -> 2.2 ms at 6 x 8 x 3).
    return go.Figure([dict(
        type="heatmap", z=attention[:, :, c], x=head_labels(H, words), y=layer_labels(L, words),
        coloraxis="coloraxis", xaxis=f"x{axis}", yaxis=f"y{axis}",
        hovertemplate=hover("%{y}, %{x}", words("hover.attention_to", name=names[c], v="%{z}")))
        for c, axis in enumerate(axes)], layout=layout)


def accuracy_colorscale(chance: float) -> list:
    """Purple below chance, white at chance, green above: the midpoint sits exactly at the chance level.
    Not blue, which on this page means attention."""
    chance = float(np.clip(chance, 0.01, 0.99))
    return [[0.0, BELOW_CHANCE], [chance, AT_CHANCE], [1.0, ABOVE_CHANCE]]


def accuracy_heatmap(accuracy, chance: float, threshold: float | None = None, title: str = "",
                     words: Words = ENGLISH) -> go.Figure:
    """(L, H) accuracy on [0, 1], white at the chance level (marked on the colour bar)."""
    accuracy = as_array(accuracy)
    L, H = accuracy.shape
    ticks = sorted({0.0, round(chance, 3), 1.0} | ({round(threshold, 3)} if threshold is not None else set()))
    labels = [words("chart.chance", value=f"{t:.2f}") if t == round(chance, 3) else
              (words("chart.se_tick", value=f"{t:.2f}") if threshold is not None and t == round(threshold, 3)
               else f"{t:g}") for t in ticks]
    fig = go.Figure(go.Heatmap(
        z=accuracy, x=head_labels(H, words), y=layer_labels(L, words), zmin=0.0, zmax=1.0,
        colorscale=accuracy_colorscale(chance), texttemplate="%{z:.2f}", textfont={"size": 9},
        colorbar={"title": {"text": words("chart.accuracy")}, "tickvals": ticks, "ticktext": labels},
        hovertemplate=hover("%{y}, %{x}", words("hover.accuracy", v="%{z}"), words("chart.chance", value=chance))))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(title=title, height=max(260, 34 * L + 100), margin=margins(50))
    return fig


def accuracy_bars(labels: list[str], values, chance: float, threshold: float | None = None,
                  words: Words = ENGLISH) -> go.Figure:
    """Horizontal bars (e.g. the best head and the baselines) against the chance level."""
    values = as_array(values)
    fig = go.Figure(go.Bar(x=values, y=[safe_label(label) for label in labels], orientation="h",
                           marker={"color": [ABOVE_CHANCE] + ["#8c8c8c"] * (len(values) - 1)},
                           hovertemplate=hover("%{y}", words("hover.accuracy", v="%{x}")), showlegend=False))
    fig.add_vline(x=chance, line={"color": CHANCE_COLOUR, "dash": "dash"},
                  annotation_text=words("chart.chance", value=f"{chance:.2f}"))
    if threshold is not None:
        fig.add_vline(x=threshold, line={"color": CHANCE_COLOUR, "dash": "dot"},
                      annotation_text=words("chart.threshold", value=f"{threshold:.2f}"),
                      annotation_position="bottom right")
    fig.update_xaxes(range=[0, 1], title_text=words("chart.accuracy_axis"))
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=90 + 40 * len(values), margin=margins(30))
    return fig


def candidate_colour(index: int) -> str:
    return CANDIDATE_COLOURS[index % len(CANDIDATE_COLOURS)]


def answer_axis_title(representation: bool, words: Words = ENGLISH) -> str:
    return words("chart.cosine_axis" if representation else "chart.preference_axis")


def answer_range(values, representation: bool) -> list[float]:
    """Preferences are shares in [0, 1]; a cosine may be negative, so its axis starts below 0 when needed."""
    low = float(np.min(values)) if representation and len(values) else 0.0
    return [min(0.0, low), 1.0]


def own_answer_figure(candidates: list[str], values, choice: str, representation: bool = False,
                      words: Words = ENGLISH) -> go.Figure:
    """(C,) the model's own answer for one sentence: the softmax share of each candidate's substitution score,
    or, for a model without an MLM head, the representation answer's cosine similarity."""
    values = as_array(values)
    names = [safe_label(c) for c in candidates]
    kind = "chart.representation_title" if representation else "chart.own_answer_title"
    layout = {"xaxis": {"range": answer_range(values, representation),
                        "title": {"text": answer_axis_title(representation, words)}},
              "yaxis": {"autorange": "reversed", "type": "category"},
              "title": {"text": words(kind, choice=safe_label(choice))}, "height": 110 + 36 * len(names),
              "margin": margins(50, 50)}
    # the trace as a dict and the whole layout at once: each update_* call, and a trace object copied into the
    # figure, validated it again
    return go.Figure([dict(
        type="bar", x=values, y=names, orientation="h",
        marker={"color": [candidate_colour(i) for i in range(len(names))]}, texttemplate="%{x:.3f}",
        hovertemplate="%{y}<br>%{x:.4g}<extra></extra>", showlegend=False)], layout=layout)


def _pair_titles(pronoun: str, answers: list, correct: list, representation: bool, words: Words) -> list[str]:
    """Subplot titles, row by row: attention per sentence, then the answer per sentence."""
    kind = "chart.pair_representation" if representation else "chart.pair_own"
    top = [words("chart.pair_attention", n=n, pronoun=pronoun) for n in range(1, len(answers) + 1)]
    bottom = []
    for n, (answer, right) in enumerate(zip(answers, correct), start=1):
        if answer is None:
            bottom.append(words("chart.pair_no_answer", n=n))
        elif right:
            bottom.append(words(f"{kind}_correct", n=n, choice=safe_label(answer.choice), answer=safe_label(right)))
        else:
            bottom.append(words(kind, n=n, choice=safe_label(answer.choice)))
    return top + bottom


def minimal_pair_figure(pronoun: str, candidates: list[str], heads: list[str], attention: list, answers: list,
                        correct: list, representation: bool = False, words: Words = ENGLISH) -> go.Figure:
    """Two sentences side by side. Top: (K, C) attention from the pronoun to each candidate in each chosen head,
    one bar per candidate in its colour. Bottom: each sentence's answer (``answers``: OwnAnswer or None).
    The correct candidate's bars carry a black outline; ``correct`` holds None where it is not marked."""
    n = len(attention)
    names = [safe_label(c) for c in candidates]
    fig = make_subplots(rows=2, cols=n, row_heights=[0.62, 0.38], vertical_spacing=0.2, horizontal_spacing=0.08,
                        subplot_titles=_pair_titles(safe_label(pronoun), answers, correct, representation, words))
    for c, name in enumerate(names):  # legend entries of their own (markers, outside the bar groups), no outline
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=name, hoverinfo="skip",
                                 marker={"symbol": "square", "size": 12, "color": candidate_colour(c)}), row=1, col=1)
    for col, (values, answer, right) in enumerate(zip(attention, answers, correct), start=1):
        values = as_array(values).reshape(len(heads), len(names))  # (K, C)
        for c, name in enumerate(names):
            outline = CORRECT_LINE if candidates[c] == right else {"width": 0}
            fig.add_trace(go.Bar(x=heads, y=values[:, c], name=name, legendgroup=name, showlegend=False,
                                 marker={"color": candidate_colour(c), "line": outline},
                                 hovertemplate=hover("%{x}", words("hover.attention_to", name=name, v="%{y:.4g}"))),
                          row=1, col=col)
        if answer is not None:
            shown = answer.log_probs if representation else answer.probabilities
            fig.add_trace(go.Bar(
                x=names, y=as_array(shown), showlegend=False, texttemplate="%{y:.3f}",
                marker={"color": [candidate_colour(c) for c in range(len(names))],
                        "line": {"color": ["black" if cand == right else "rgba(0,0,0,0)" for cand in candidates],
                                 "width": 3}},
                hovertemplate="%{x}<br>%{y:.4g}<extra></extra>"), row=2, col=col)
        fig.update_yaxes(range=[0, 1], row=1, col=col, title_text=words("chart.attention") if col == 1 else None)
        shown = [] if answer is None else answer.log_probs
        fig.update_yaxes(range=answer_range(shown, representation), row=2, col=col,
                         title_text=words("chart.cosine" if representation else "chart.preference") if col == 1
                         else None)
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group", height=620, margin=margins(60, 30),
                      legend={"orientation": "h", "y": 1.12, "x": 0})
    return fig
