"""RNN & LSTM: a sentence through a vanilla RNN cell, unrolled (h_t = tanh(W x_t + U h_{t-1} + b)), and through a
trained encoder LSTM (hidden state, gates, cell state over time); the gradient reaching each input position for
the vanilla RNN, the LSTM and the GRU, explained from the measurement's own figures."""

import streamlit as st

from dashboard import cache, presets
from dashboard.charts.rnn import (
    CELL_NAMES,
    gate_means_chart,
    gates_figure,
    gradient_chart,
    influence_chart,
    state_heatmap,
    translator_gradient_chart,
)
from dashboard.language import t
from dashboard.sidebar import current
from dashboard.views import rnn as rv
from dashboard.widgets import figures, panels, tables
from dashboard.widgets import rnn as rnn_widgets
from dashboard.widgets.presets import preset_picker
from dashboard.widgets.translator import run_or_warn, words_are_known

st.title(t("rnn.title"))
preset_picker("rnn_lstm", field=presets.SOURCE)


def rv_cell_name(cell: str) -> str:
    """The cell's proper name (vanilla RNN, LSTM, GRU) in either language, never the code ("rnn")."""
    return CELL_NAMES.get(cell, cell)


source = rnn_widgets.source_input()
with st.sidebar:
    families = rnn_widgets.offered_families()
    names = families[rv.SEQ2SEQ] + families[rv.ATTENTION]
    name = st.selectbox(t("rnn.recurrent_model"), names, key="recurrent", bind="query-params") if names else None
panels.explanation_panel("rnn_lstm", current().lang)
translator = rnn_widgets.translator_or_note(name, rv.SEQ2SEQ)
trace = None
if (translator is not None and rnn_widgets.source_is_usable(source)
        and words_are_known(name, translator, source)):  # unknown words named in the page's language
    # An empty target: the encoder's trace is what this page reads; the decoder runs one step only.
    trace = run_or_warn(cache.translation_trace, name, source, ())

if trace is not None:
    st.subheader(t("rnn.vanilla_header"))
    vanilla_tokens, vectors = rv.vanilla_inputs(translator, source)
    vanilla = rv.vanilla_rnn_view(vectors, vanilla_tokens)
    words = figures.chart_words()
    st.caption(t("rnn.vanilla_caption", model=name, hidden=rv.VANILLA_HIDDEN, seed=rv.VANILLA_SEED,
                 diff=f"{vanilla.max_difference:.1e}"))
    figures.show_figure(state_heatmap(vanilla.hidden, vanilla.tokens, value_range=(-1.0, 1.0),
                                      title=t("rnn.vanilla_hidden_title", dims=vanilla.hidden.shape[0],
                                              steps=len(vanilla.tokens)), words=words), "vanilla_rnn_hidden")
    figures.show_figure(influence_chart(vanilla.tokens, vanilla.first_word_influence, words), "vanilla_rnn_influence")
    st.markdown(t("rnn.vanilla_influence", first=float(vanilla.first_word_influence[0]),
                  last=float(vanilla.first_word_influence[-1])))
    step = st.select_slider(t("rnn.vanilla_step"), options=list(range(len(vanilla.tokens))),
                            value=len(vanilla.tokens) - 1, format_func=lambda i: f"{i + 1}: {vanilla.tokens[i]}",
                            key="vanilla_step")
    st.caption(t("rnn.vanilla_step_caption", step=step + 1, token=vanilla.tokens[step]))
    tables.table(rv.vanilla_step_frame(vanilla, step))

    st.subheader(t("rnn.lstm_header", model=name))
    encoder = trace.encoder
    layers = encoder.num_layers
    layer = (st.slider(t("rnn.layer"), 1, layers, layers, key="encoder_layer", bind="query-params")
             if layers > 1 else 1)
    view = rv.recurrent_view(encoder, trace.source_tokens[0], layer - 1)
    st.subheader(t("rnn.hidden_header"))
    figures.show_figure(state_heatmap(view.hidden, view.tokens, value_range=(-1.0, 1.0),
                                      title=t("rnn.hidden_title", model=name, layer=layer, dims=view.hidden.shape[0],
                                              steps=len(view.tokens)), words=figures.chart_words()),
                        "rnn_hidden_state")
    st.caption(t("rnn.hidden_caption"))
    st.subheader(t("rnn.gates_header"))
    if view.cell is None:
        st.info(t("rnn.not_lstm"))
    else:
        gate_values = [view.gates[g] for g in ("input", "forget", "output")]
        st.caption(t("rnn.gates_caption", low=min(float(g.min()) for g in gate_values),
                     high=max(float(g.max()) for g in gate_values), cell=float(abs(view.cell).max())))
        figures.show_figure(gates_figure(view.gates, view.cell, view.tokens, figures.chart_words()), "lstm_gates")
        figures.show_figure(gate_means_chart(rv.gate_summary(view), figures.chart_words()), "lstm_gate_means")
    tables.downloads(f"lstm_states_layer{layer}", lambda: rv.recurrent_frame(view))

st.subheader(t("rnn.gradient_header"))
measured = cache.recurrent_gradients()
if measured is None:
    st.info(t("rnn.no_gradients", path="core/data/recurrent_gradients.json"))
else:
    settings = measured["settings"]
    story = rv.gradient_story(measured)
    figures.show_figure(gradient_chart(rv.gradient_frame(measured), figures.chart_words()), "vanishing_gradient")
    if "lstm1_accuracy" in story and "rnn_accuracy" in story:
        st.markdown(t("rnn.gradient_explained", **story))
    ratios = rv.gradient_ratios(measured)
    shown = ratios.assign(cell=ratios["cell"].map(rv_cell_name),
                          state=ratios["state"].map(lambda s: t(f"rnn.state.{s}")),
                          **{column: ratios[column].map("{:.2e}".format)  # norms span 1e-14 ... 1
                             for column in ("first_position", "last_position", "first_over_last")})
    tables.table(shown)
    seeds = rv.accuracy_across_seeds(measured)
    if len(seeds):
        st.caption(t("rnn.seeds_caption", seeds=len(measured["seeds"]), first=measured["seeds"][0],
                     learned=f"{measured['learned_above']:.0%}"))
        shown_seeds = seeds.assign(cell=seeds["cell"].map(rv_cell_name),
                                   **{column: seeds[column].map("{:.1%}".format) for column in seeds
                                      if column.endswith("_accuracy")},
                                   **{column: seeds[column].map("{:.1e}".format) for column in seeds
                                      if "_ratio_" in column})
        ratio_columns = [column for column in seeds if "_ratio_" in column]
        # two tables, so every column fits the page's width (eleven did not)
        tables.table(shown_seeds.drop(columns=ratio_columns))
        tables.table(shown_seeds[["cell", *ratio_columns]])
    translators = rv.translator_gradient_frame(measured)
    if len(translators):
        figures.show_figure(translator_gradient_chart(translators, figures.chart_words()), "translator_gradients")
        st.caption(t("rnn.translator_gradient_caption"))
        if "plain_over_attention" in story:
            st.markdown(t("rnn.translators_explained", **story))
    with st.expander(t("rnn.how_made")):
        st.caption(t("rnn.gradient_caption", command=measured["command"], torch=measured["torch_version"],
                     hidden=settings["hidden_size"], length=settings["length"], batch=settings["measure_batch"],
                     steps=settings["steps"]))
    tables.downloads("recurrent_gradients", lambda: rv.gradient_frame(measured), measured)
