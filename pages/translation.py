"""Translation: one English sentence through the encoder-decoder; encoder self-attention, the decoder's
masked self-attention with its look-ahead mask, cross-attention as an alignment matrix, step by step, the
next-word probabilities of each step, and "it" through translation (il or elle, beside the twin sentence)."""

import streamlit as st

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY
from core.transformer.model import MODEL_TYPE
from dashboard import cache
from dashboard.charts.translation import (
    alignment_heatmap,
    encoder_heatmap,
    head_grid,
    masked_attention_heatmap,
    next_word_figure,
    step_figure,
)
from dashboard.language import t
from dashboard.views import translation as tv
from dashboard.widgets import figures, pickers, tables
from dashboard.widgets import translator as translator_widgets
from dashboard.widgets.pronoun import pronoun_section

TOP_WORDS = 10  # bars per step
SIDE_BY_SIDE = 8  # tokens up to which two heatmaps share a row

st.title(t("translation.title"))
name, source, translator = translator_widgets.translator_page("translation", only=(MODEL_TYPE,))
result = None
if translator is not None:
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, BEAM_WIDTH, 0,
                                             LENGTH_PENALTY)
trace = None
if result is not None:
    best = result.candidates[0]
    trace = translator_widgets.run_or_warn(cache.translation_trace, name, source, tuple(best.tokens))
if trace is not None:
    view = tv.translation_view(trace, translator.target_vocab.tokens)
    st.markdown(f"**{' '.join(view.source_tokens)}** → **{best.text or t('widgets.empty')}**")
    st.caption(t("translation.best", beam=BEAM_WIDTH, alpha=LENGTH_PENALTY, score=best.score, log_prob=best.log_prob))
    translator_widgets.show_notices(translator.name, best, result.search.max_length, BEAM_WIDTH, LENGTH_PENALTY)
    L_dec, H_dec = view.decoder_self.shape[:2]
    L_enc, H_enc = view.encoder.shape[:2]
    fixed = st.toggle(t("translation.fixed_scale"), False, key="fixed_scale", bind="query-params",
                      help=t("translation.fixed_scale_help"))
    zmax = 1.0 if fixed else None  # None: the colours span 0 .. the largest weight shown

    @st.fragment
    def decoder_views() -> None:
        st.subheader(t("translation.decoder_header"))
        layer, head = pickers.layer_head_pickers(L_dec, H_dec)
        T = view.num_steps
        step = st.slider(t("translation.step"), 1, T, 1, key="step", bind="query-params") if T > 1 else 1
        one = tv.step_view(view, layer, head, step)
        st.subheader(t("translation.step_header", step=step, steps=T, layer=layer + 1, head=head + 1))
        chart_words = figures.chart_words()
        figures.show_figure(step_figure(one.self_row, one.cross_row, one.prefix, view.source_tokens, step,
                                        one.predicted, zmax=zmax, words=chart_words), "translation_step")
        candidates, probabilities = tv.top_next_words(view, step, TOP_WORDS)
        figures.show_figure(next_word_figure(candidates, probabilities, one.predicted, step, chart_words), "next_word")
        st.caption(t("translation.next_word_caption", rest=1 - float(probabilities.sum()), words=len(view.vocabulary),
                     shown=len(candidates)))
        # side by side while short; one under the other past 8 tokens, so every label stays readable
        left, right = st.columns(2) if max(T, len(view.source_tokens)) <= SIDE_BY_SIDE else (st.container(),) * 2
        with left:
            figures.show_figure(masked_attention_heatmap(
                view.decoder_self[layer, head], view.look_ahead, view.decoder_tokens, view.decoder_tokens,
                title=t("translation.decoder_self"), highlight_row=step - 1, zmax=zmax, words=chart_words),
                "decoder_self_attention")
            st.caption(t("translation.look_ahead"))
        with right:
            figures.show_figure(alignment_heatmap(view.cross[layer, head], view.source_tokens, view.output_tokens,
                                                  title=t("translation.cross"), highlight_row=step - 1, zmax=zmax,
                                                  words=chart_words), "cross_attention")
        figures.show_figure(head_grid(view.cross[layer], view.output_tokens, view.source_tokens,
                                      title=t("translation.cross_heads", layer=layer + 1), zmax=zmax,
                                      max_columns=4 if len(view.source_tokens) <= SIDE_BY_SIDE else 2,
                                      words=chart_words), "cross_attention_heads")

    @st.fragment
    def encoder_views() -> None:
        st.subheader(t("translation.encoder_section"))
        left, right = st.columns(2)
        chart_words = figures.chart_words()
        enc_layer = (left.slider(t("translation.encoder_layer"), 1, L_enc, L_enc, key="enc_layer",
                                 bind="query-params") if L_enc > 1 else 1) - 1
        enc_head = (right.slider(t("translation.encoder_head"), 1, H_enc, 1, key="enc_head", bind="query-params")
                    if H_enc > 1 else 1) - 1
        figures.show_figure(encoder_heatmap(view.encoder[enc_layer, enc_head], view.source_tokens,
                                            title=t("translation.encoder_header", layer=enc_layer + 1,
                                                    head=enc_head + 1), zmax=zmax, words=chart_words),
                            "encoder_self_attention")
        figures.show_figure(head_grid(view.encoder[enc_layer], view.source_tokens, view.source_tokens,
                                      title=t("translation.encoder_heads", layer=enc_layer + 1), max_columns=2,
                                      zmax=zmax, words=chart_words), "encoder_heads")

    decoder_views()
    encoder_views()
    tables.downloads("translation_attention", lambda: tv.attention_frame(view), lambda: tv.attention_payload(view))
    st.fragment(pronoun_section)(name, translator, source)  # the twin box reruns this section alone
