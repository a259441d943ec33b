"""Seq2seq & attention: one source through the seq2seq model without attention (its one context vector), the
one with attention (alignment, note 004's four steps with the model's numbers) beside the Transformer's
cross-attention, accuracy by sentence length of the three, and teacher forcing vs free running."""

import streamlit as st

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY
from dashboard import cache
from dashboard.charts import rnn as charts
from dashboard.charts.translation import alignment_heatmap
from dashboard.language import t
from dashboard.sidebar import current
from dashboard.views import rnn as rv
from dashboard.views import translation as tv
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets import rnn as rnn_widgets
from dashboard.widgets.translator import run_or_warn, show_notices, words_are_known

st.title(t("s2s.title"))
source = rnn_widgets.source_input()
chosen = rnn_widgets.family_pickers(list(rv.FAMILIES))
panels.explanation_panel("seq2seq_attention", current().lang)
usable = rnn_widgets.source_is_usable(source)


def translated(family: str):
    """(translator, best candidate, teacher-forced trace over it) of one family, or None (reason shown)."""
    name = chosen[family]
    translator = rnn_widgets.translator_or_note(name, family)
    if translator is None or not usable or not words_are_known(name, translator, source):
        return None  # words_are_known names the unknown words in the page's language
    result = run_or_warn(cache.beam_translation, name, source, BEAM_WIDTH, 0, LENGTH_PENALTY)
    if result is None:
        return None
    best = result.candidates[0]
    trace = run_or_warn(cache.translation_trace, name, source, tuple(best.tokens))
    if trace is None:
        return None
    st.markdown(f"{name}: **{' '.join(result.source_tokens)}** → **{best.text or t('widgets.empty')}**")
    show_notices(translator.name, best, result.search.max_length, BEAM_WIDTH, LENGTH_PENALTY)
    return translator, best, trace


def without_attention(plain) -> None:
    translator, _, trace = plain
    config = translator.model.config
    context = rv.context_view(trace)
    figures.show_figure(charts.context_figure(context.rows, context.values, figures.chart_words()), "context_vector")
    st.caption(t("s2s.context_caption", model=chosen[rv.SEQ2SEQ], numbers=context.size, layers=config.num_layers,
                 hidden=config.hidden_size, words=context.source_words))
    lengths = sorted({3, context.source_words, 30})
    tables.table(rv.context_sizes(config, lengths))
    tables.downloads("context_vector", lambda: rv.context_frame(context))


@st.fragment
def with_attention(attended, transformer) -> None:
    translator, _, trace = attended
    weights = rv.alignment(trace)
    steps = weights.shape[0]
    step = st.slider(t("s2s.step"), 1, steps, 1, key="step", bind="query-params") if steps > 1 else 1
    left, right = st.columns(2)
    with left:
        figures.show_figure(alignment_heatmap(weights, trace.source_tokens[0], trace.output_tokens[0],
                                              title=t("s2s.alignment"), highlight_row=step - 1,
                                              words=figures.chart_words()), "seq2seq_alignment")
    with right:
        if transformer is not None:
            view = tv.translation_view(transformer[2])
            layer, head = pickers.layer_head_pickers(*view.cross.shape[:2])
            figures.show_figure(alignment_heatmap(view.cross[layer, head], view.source_tokens, view.output_tokens,
                                                  title=t("s2s.transformer_cross", layer=layer + 1, head=head + 1),
                                                  words=figures.chart_words()),
                                "transformer_cross_attention")
    result = rv.attention_arithmetic(translator.model, trace, step)
    st.markdown(t("s2s.step_summary", step=step, fed=result.fed, predicted=result.predicted, score=result.score_kind))
    words = figures.chart_words()
    figures.show_figure(charts.encoder_states_figure(result.encoder_states, result.source_tokens, result.weights,
                                                     words), "attention_step1_encoder_states")
    figures.show_figure(charts.scores_weights_figure(result.source_tokens, result.scores, result.weights,
                                                     result.model["weights"], result.score_kind, words),
                        "attention_step2_scores_weights")
    figures.show_figure(charts.context_concat_figure(result.context, result.model["context"], result.concat,
                                                     result.model["concat"], words), "attention_step3_4_context")
    st.caption(t("s2s.step4_caption", width=result.concat.shape[0]))
    differences = {name: f"{value:.1e}" for name, value in result.differences.items()}
    check, key = (st.success, "s2s.check") if result.matches_model else (st.error, "s2s.check_failed")
    check(t(key, diff=f"{result.max_difference:.1e}", scores=differences["scores"],
            weights=differences["weights"], context=differences["context"], concat=differences["concat"],
            output=differences["output_input"]))
    frame = rv.arithmetic_frame(result)
    tables.table(frame)
    tables.downloads(f"attention_step{step}", frame, lambda: {
        "step": step, "fed": result.fed, "predicted": result.predicted, "score": result.score_kind,
        "source_tokens": result.source_tokens, "encoder_states": result.encoder_states,
        "decoder_state": result.decoder_state, "table": frame, "context": result.context, "concat": result.concat,
        "output_input": result.output_input, "model": result.model, "max_differences": result.differences})


def accuracy_by_length() -> None:
    from core.data.translation import BUCKETS

    names = [name for name in chosen.values() if name is not None]
    if not names:
        return
    trainings = {name: rnn_widgets.loaded_translator(name).training for name in names}
    frame = rv.accuracy_from_training(trainings)
    recorded = set(frame["model"]) == set(names)
    if recorded:
        st.caption(t("s2s.accuracy_training", sentences=int(frame["sentences"].max())))
    else:  # some model has no figures by length: measure all of them the same way, once per server
        frame = rv.accuracy_from_evaluation(cache.measured_accuracy(tuple(names), cache.EVAL_PER_BUCKET))
        st.caption(t("s2s.accuracy_measured", sentences=cache.EVAL_PER_BUCKET))
    with st.expander(t("rnn.how_made")):  # commands and files are for whoever reruns it, not for the class
        st.caption(t("s2s.accuracy_training_made") if recorded
                   else t("s2s.accuracy_measured_made", sentences=cache.EVAL_PER_BUCKET))
    figures.show_figure(charts.accuracy_chart(frame, list(BUCKETS), figures.chart_words()), "accuracy_by_length")
    tables.table(frame)
    tables.downloads("accuracy_by_length", frame)


def teacher_forcing(plain, transformer) -> None:
    translator, best, _ = plain
    typed = st.text_input(t("s2s.reference"), value="", key="reference", bind="query-params",
                          help=t("s2s.reference_help"))
    if typed.strip():
        reference, origin = typed, t("s2s.origin_typed")
    else:
        reference = (transformer[1] if transformer is not None else best).tokens
        origin = t("s2s.origin_transformer") if transformer is not None else chosen[rv.SEQ2SEQ]
    from core.transformer.translator import tokenize_french

    words = tuple(tokenize_french(reference) if isinstance(reference, str) else reference)
    name = chosen[rv.SEQ2SEQ]
    forced = run_or_warn(cache.forcing_trace, name, source, words, 1.0)
    free = run_or_warn(cache.forcing_trace, name, source, words, 0.0)
    if forced is None or free is None:
        return
    frame = rv.forcing_table(forced, free, translator.target_vocab.decode)
    wrong = int((~frame["free_running_matches"]).sum())
    st.caption(t("s2s.forcing_caption", model=name, steps=len(frame), reference=" ".join(words) or "∅",
                 origin=origin, wrong=wrong))
    # Seven columns: a static table wraps its headers, where the grid cut the last column ("free running =
    # reference") at the page's edge. Cells are text, never HTML.
    shown = tables.display_columns(frame)
    matches = shown.columns[-1]  # free running = reference: a mark, not the word True, in either language
    st.table(shown.style.hide(axis="index").format({matches: lambda same: "✓" if same else "✗"}))
    tables.downloads("teacher_forcing", frame)


st.subheader(t("s2s.plain_header"))
plain = translated(rv.SEQ2SEQ)
if plain is not None:
    without_attention(plain)
st.subheader(t("s2s.attention_header"))
attended = translated(rv.ATTENTION)
transformer = translated(rv.TRANSFORMER)
if attended is not None:
    with_attention(attended, transformer)
st.subheader(t("s2s.accuracy_header"))
accuracy_by_length()
st.subheader(t("s2s.forcing_header"))
if plain is not None:
    teacher_forcing(plain, transformer)
