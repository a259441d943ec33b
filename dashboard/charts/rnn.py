"""Recurrent figures: a state over time (dims × steps), the LSTM's gates and cell state, the gradient
reaching each input position, the context vector, note 004's attention steps, accuracy by length.

Pure functions: NumPy arrays, tables and token lists in, a Plotly figure out; no Streamlit. Every word
comes from ``words`` (the language table in the page's language; English by default).
Shape legend: H hidden size, S source steps, L layers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.analysis.attention_maps import as_array
from core.rnn.recurrent import SIGMOID_GATES
from dashboard.charts.common import (
    ATTENTION_COLORSCALE,
    DIVERGING_COLORSCALE,
    hover,
    margins,
    symmetric_range,
    token_labels,
)
from dashboard.i18n import ENGLISH, Words

CELL_COLOURS = {"rnn": "#d62728", "lstm": "#1f77b4", "gru": "#2ca02c", "lstm, forget bias 1": "#9467bd"}
CELL_NAMES = {"rnn": "vanilla RNN", "lstm": "LSTM", "gru": "GRU", "lstm, forget bias 1": "LSTM, forget bias 1"}
MODEL_COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e")
HERE_COLOUR, MODEL_COLOUR = "#1f77b4", "#ff7f0e"
GATE_TITLES = {"input": "chart.rnn.input_gate", "forget": "chart.rnn.forget_gate", "cell": "chart.rnn.candidate",
               "output": "chart.rnn.output_gate", "cell state": "chart.rnn.cell_state_c"}  # panel -> table key


def state_hover(words: Words) -> str:
    """token, dimension and value (4 significant digits) of one cell of a dims × steps map."""
    return hover(words("hover.token", v="%{x}"), words("hover.dim", v="%{y}"), words("hover.value", v="%{z:.4g}"))


def state_heatmap(values, tokens: list[str], title: str = "", value_range: tuple[float, float] | None = None,
                  colorscale: str = DIVERGING_COLORSCALE, words: Words = ENGLISH) -> go.Figure:
    """(H, S) values: one row per hidden dimension, one column per time step (input token)."""
    z = as_array(values)  # (H, S)
    low, high = value_range or (-symmetric_range(z), symmetric_range(z))
    fig = go.Figure(go.Heatmap(z=z, x=token_labels(tokens), y=np.arange(z.shape[0]), zmin=low, zmax=high,
                               colorscale=colorscale, colorbar={"title": {"text": words("chart.value")}},
                               hovertemplate=state_hover(words)))
    fig.update_xaxes(title_text=words("chart.rnn.time_step"), type="category", tickangle=-60)
    fig.update_yaxes(title_text=words("chart.rnn.hidden_dimension"), autorange="reversed")
    fig.update_layout(title=title, height=420, margin=margins())
    return fig


def gates_figure(gates: dict[str, np.ndarray], cell: np.ndarray | None, tokens: list[str],
                 words: Words = ENGLISH) -> go.Figure:
    """The LSTM's input, forget, candidate and output gates and the cell state c_t, each dims × steps.
    σ gates share one colour bar on [0, 1], the tanh candidate one on [-1, 1], the cell state its own."""
    panels = [(name, values) for name, values in gates.items()] + ([("cell state", cell)] if cell is not None else [])
    titles = [words(GATE_TITLES[name]) if name in GATE_TITLES else f"{name} gate" for name, _ in panels]
    fig = make_subplots(rows=len(panels), cols=1, shared_xaxes=True, vertical_spacing=0.04, subplot_titles=titles)
    x = token_labels(tokens)
    cell_bound = symmetric_range(as_array(cell)) if cell is not None else 1.0
    # (colour scale, range, colour-bar title and height): σ gates on [0, 1], the tanh candidate on [-1, 1]
    scales = {"sigma": (ATTENTION_COLORSCALE, (0.0, 1.0), words("chart.rnn.gate_sigma"), 0.85),
              "tanh": (DIVERGING_COLORSCALE, (-1.0, 1.0), words("chart.rnn.tanh"), 0.5),
              "cell": (DIVERGING_COLORSCALE, (-cell_bound, cell_bound), words("chart.rnn.cell_state"), 0.15)}
    barred = set()
    for row, (name, values) in enumerate(panels, start=1):
        kind = "sigma" if name in SIGMOID_GATES else ("cell" if name == "cell state" else "tanh")
        colorscale, (low, high), bar_title, bar_y = scales[kind]
        fig.add_trace(go.Heatmap(z=as_array(values), x=x, y=np.arange(as_array(values).shape[0]), zmin=low,
                                 zmax=high, colorscale=colorscale, showscale=kind not in barred,
                                 colorbar={"title": {"text": bar_title}, "len": 0.3, "y": bar_y, "x": 1.02},
                                 hovertemplate=state_hover(words)), row=row, col=1)
        barred.add(kind)
        fig.update_yaxes(autorange="reversed", title_text=words("chart.rnn.dim"), row=row, col=1)
    fig.update_xaxes(type="category", tickangle=-60)
    fig.update_xaxes(title_text=words("chart.rnn.time_step"), row=len(panels), col=1)
    fig.update_layout(height=220 * len(panels) + 80, margin=margins(top=60), title=words("chart.rnn.gates_title"))
    return fig


def _gate_mean_name(column: str, words: Words) -> str:
    """A gate_means column ("mean_input", "mean_cell": the candidate g_t, "mean_abs_cell") as a legend name."""
    if column == "mean_abs_cell":
        return words("chart.rnn.mean_abs_cell")
    gate = "candidate g_t" if column == "mean_cell" else column.removeprefix("mean_").replace("_", " ")
    return words("chart.rnn.mean_gate", gate=gate)


def gate_means_chart(summary: pd.DataFrame, words: Words = ENGLISH) -> go.Figure:
    """Each gate's mean over the hidden dimensions at every step (a compact view of gates_figure)."""
    fig = go.Figure()
    x = token_labels(list(summary["token"]))
    for column in summary.columns[2:]:
        fig.add_trace(go.Scatter(x=x, y=summary[column], mode="lines+markers", name=_gate_mean_name(column, words),
                                 hovertemplate="%{x}: %{y:.4g}<extra></extra>"))
    fig.update_xaxes(title_text=words("chart.rnn.time_step"), type="category", tickangle=-60)
    fig.update_yaxes(title_text=words("chart.rnn.mean_over_dims"))
    fig.update_layout(title=words("chart.rnn.gate_means"), height=340, margin=margins())
    return fig


def gradient_chart(frame: pd.DataFrame, words: Words = ENGLISH) -> go.Figure:
    """||dL/dx_t|| per input position, log scale: a line per cell, solid trained, dotted at initialisation."""
    fig = go.Figure()
    for (cell, state), rows in frame.groupby(["cell", "state"], sort=False):
        key = "chart.rnn.trained" if state == "trained" else "chart.rnn.initial"
        name = words(key, cell=CELL_NAMES.get(cell, cell))
        fig.add_trace(go.Scatter(x=rows["position"], y=rows["gradient_norm"], mode="lines+markers", name=name,
                                 line={"color": CELL_COLOURS.get(cell), "dash": "solid" if state == "trained"
                                       else "dot"}, marker={"size": 5},
                                 hovertemplate="t = %{x}<br>||dL/dx_t|| = %{y:.3e}<extra></extra>"))
    fig.update_yaxes(type="log", title_text=words("chart.rnn.gradient_axis"), exponentformat="e")
    fig.update_xaxes(title_text=words("chart.rnn.position_axis"), dtick=1)
    fig.update_layout(title=words("chart.rnn.gradient_title"), height=460, margin=margins())
    return fig


def translator_gradient_chart(frame: pd.DataFrame, words: Words = ENGLISH) -> go.Figure:
    """||dL/de_i|| reaching each source word of the trained translators, log scale, a line per model."""
    fig = go.Figure()
    for index, (model, rows) in enumerate(frame.groupby("model", sort=False)):
        fig.add_trace(go.Scatter(x=rows["position"], y=rows["gradient_norm"], mode="lines+markers", name=str(model),
                                 line={"color": MODEL_COLOURS[index % len(MODEL_COLOURS)]},
                                 customdata=rows["sentences"],
                                 hovertemplate=hover("i = %{x}", words("hover.sentences", v="%{y:.3e}",
                                                                          n="%{customdata}"))))
    fig.update_yaxes(type="log", title_text=words("chart.rnn.translator_gradient_axis"), exponentformat="e")
    fig.update_xaxes(title_text=words("chart.rnn.source_position"))
    fig.update_layout(title=words("chart.rnn.translator_gradient_title"), height=400, margin=margins())
    return fig


def context_figure(rows: list[str], values, words: Words = ENGLISH) -> go.Figure:
    """The context vector (2L × H): each encoder layer's last h and c, all the decoder gets from the source."""
    z = as_array(values)
    bound = symmetric_range(z)
    fig = go.Figure(go.Heatmap(z=z, y=rows, x=np.arange(z.shape[1]), zmin=-bound, zmax=bound,
                               colorscale=DIVERGING_COLORSCALE, colorbar={"title": {"text": words("chart.value")}},
                               hovertemplate=_row_dim_value(words)))
    fig.update_yaxes(autorange="reversed", type="category", title_text=words("chart.rnn.state_layer"))
    fig.update_xaxes(title_text=words("chart.rnn.hidden_dimension"))
    fig.update_layout(title=words("chart.rnn.context_title", n=z.size), height=150 + 30 * len(rows), margin=margins())
    return fig


def _row_dim_value(words: Words) -> str:
    return hover("%{y}", words("hover.dim", v="%{x}"), words("hover.value", v="%{z:.4g}"))


def encoder_states_figure(states, tokens: list[str], weights, words: Words = ENGLISH) -> go.Figure:
    """Step 1: the encoder states h_i (S × H), each row's attention weight in its label."""
    z = as_array(states)  # (S, H)
    bound = symmetric_range(z)
    labels = [f"{label} (a = {w:.3f})" for label, w in zip(token_labels(tokens), as_array(weights))]
    fig = go.Figure(go.Heatmap(z=z, y=labels, x=np.arange(z.shape[1]), zmin=-bound, zmax=bound,
                               colorscale=DIVERGING_COLORSCALE, colorbar={"title": {"text": words("chart.value")}},
                               hovertemplate=_row_dim_value(words)))
    fig.update_yaxes(autorange="reversed", type="category", title_text=words("chart.rnn.source_token"))
    fig.update_xaxes(title_text=words("chart.rnn.hidden_dimension"))
    fig.update_layout(title=words("chart.rnn.encoder_states"), height=min(900, 180 + 22 * z.shape[0]),
                      margin=margins())
    return fig


def scores_weights_figure(tokens: list[str], scores, weights, model_weights, score_kind: str,
                          words: Words = ENGLISH) -> go.Figure:
    """Step 2: the scores, then softmax weights (bars) with the model's weights (diamonds)."""
    score_title = words("chart.rnn.dot_scores" if score_kind == "dot" else "chart.rnn.additive_scores")
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.1,
                        subplot_titles=(score_title, words("chart.rnn.weights")))
    x = token_labels(tokens)
    fig.add_trace(go.Bar(x=x, y=as_array(scores), name=words("chart.rnn.score"), marker_color="#7f7f7f",
                         hovertemplate="%{x}: %{y:.4g}<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Bar(x=x, y=as_array(weights), name=words("chart.softmax"), marker_color=HERE_COLOUR,
                         hovertemplate="%{x}: %{y:.4g}<extra></extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=x, y=as_array(model_weights), mode="markers", name=words("chart.model"),
                             marker={"symbol": "diamond", "size": 10, "color": MODEL_COLOUR},
                             hovertemplate="%{x}: %{y:.4g}<extra></extra>"), row=1, col=2)
    fig.update_xaxes(type="category", tickangle=-60)
    fig.update_yaxes(range=[0, 1], row=1, col=2)
    fig.update_layout(height=380, margin=margins(top=60), bargap=0.2)
    return fig


def context_concat_figure(context, model_context, concat, model_concat, words: Words = ENGLISH) -> go.Figure:
    """Steps 3 and 4: c_t = Σ a_i h_i and [s_t; c_t], each here (line) and in the model (markers)."""
    H = as_array(context).shape[0]
    fig = make_subplots(rows=1, cols=2, column_widths=[1, 2], horizontal_spacing=0.08,
                        subplot_titles=(words("chart.rnn.context_step"), words("chart.rnn.concat_step")))
    dim_value = hover(words("hover.dim", v="%{x}: %{y:.4g}"))
    for col, here, model in ((1, context, model_context), (2, concat, model_concat)):
        x = np.arange(as_array(here).shape[0])
        fig.add_trace(go.Scatter(x=x, y=as_array(here), mode="lines", name=words("chart.rnn.here"),
                                 line={"color": HERE_COLOUR}, showlegend=col == 1, hovertemplate=dim_value),
                      row=1, col=col)
        fig.add_trace(go.Scatter(x=x, y=as_array(model), mode="markers", name=words("chart.model"),
                                 marker={"color": MODEL_COLOUR, "size": 4}, showlegend=col == 1,
                                 hovertemplate=dim_value), row=1, col=col)
    fig.add_vline(x=H - 0.5, line={"dash": "dash", "color": "#999"}, row=1, col=2)
    fig.update_xaxes(title_text=words("chart.dimension"))
    fig.update_layout(height=360, margin=margins(top=60))
    return fig


def accuracy_chart(frame: pd.DataFrame, buckets: list[str], words: Words = ENGLISH) -> go.Figure:
    """Exact match (%) per English length bucket, a line per model."""
    fig = go.Figure()
    for index, (model, rows) in enumerate(frame.groupby("model", sort=False)):
        rows = rows.set_index("bucket").reindex(buckets)
        fig.add_trace(go.Scatter(x=buckets, y=100 * rows["exact_match"], mode="lines+markers", name=str(model),
                                 line={"color": MODEL_COLOURS[index % len(MODEL_COLOURS)]},
                                 customdata=rows["sentences"],
                                 hovertemplate=hover(words("hover.exact_match", bucket="%{x}", v="%{y:.1f}",
                                                           n="%{customdata}"))))
    fig.update_xaxes(title_text=words("chart.rnn.words_axis"), type="category")
    fig.update_yaxes(title_text=words("chart.rnn.exact_axis"), range=[0, 100])
    fig.update_layout(title=words("chart.rnn.accuracy_title"), height=420, margin=margins())
    return fig


def influence_chart(tokens: list[str], influence, words: Words = ENGLISH) -> go.Figure:
    """||dh_t / dx_1|| at every step t, log scale: how much the state still depends on the first word."""
    fig = go.Figure(go.Scatter(x=token_labels(tokens), y=as_array(influence), mode="lines+markers",
                               line={"color": CELL_COLOURS["rnn"], "width": 2.5},
                               hovertemplate="%{x}: %{y:.3e}<extra></extra>"))
    fig.update_yaxes(type="log", title_text=words("chart.rnn.influence_axis"), exponentformat="e")
    fig.update_xaxes(title_text=words("chart.rnn.time_step"), type="category", tickangle=-60)
    fig.update_layout(title=words("chart.rnn.influence_title"), height=360, margin=margins())
    return fig
