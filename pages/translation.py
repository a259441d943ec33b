"""Translation: one English sentence through the encoder-decoder; encoder self-attention, the decoder's
masked self-attention with its look-ahead mask, cross-attention as an alignment matrix, step by step."""

import streamlit as st

from dashboard import cache, translator_widgets, widgets
from dashboard.charts.attention import attention_heatmap, model_view
from dashboard.charts.translation import alignment_heatmap, head_grid, masked_attention_heatmap, step_figure
from dashboard.i18n import t
from dashboard.views import translation as tv

BEAM, ALPHA = 4, 0.6  # how the shown translation is found: the CLI's defaults

st.title(t("translation.title"))
name, source, translator = translator_widgets.translator_page("translation")
result = None
if translator is not None:
    result = translator_widgets.run_or_warn(cache.beam_translation, name, source, BEAM, 0, ALPHA)
trace = None
if result is not None:
    best = result.candidates[0]
    trace = translator_widgets.run_or_warn(cache.translation_trace, name, source, tuple(best.tokens))
if trace is not None:
    view = tv.translation_view(trace)
    st.markdown(f"**{' '.join(view.source_tokens)}** → **{best.text or t('widgets.empty')}**")
    st.caption(t("translation.best", beam=BEAM, alpha=ALPHA, score=best.score, log_prob=best.log_prob))
    L_dec, H_dec = view.decoder_self.shape[:2]
    L_enc, H_enc = view.encoder.shape[:2]

    @st.fragment
    def attention_views() -> None:
        layer, head = widgets.layer_head_pickers(L_dec, H_dec)
        T = view.num_steps
        step = st.slider(t("translation.step"), 1, T, 1, key="step", bind="query-params") if T > 1 else 1
        one = tv.step_view(view, layer, head, step)
        st.subheader(t("translation.step_header", step=step, steps=T, layer=layer + 1, head=head + 1))
        widgets.show_figure(step_figure(one.self_row, one.cross_row, one.prefix, view.source_tokens, step,
                                        one.predicted), "translation_step")
        left, right = st.columns(2)
        with left:
            widgets.show_figure(masked_attention_heatmap(
                view.decoder_self[layer, head], view.look_ahead, view.decoder_tokens, view.decoder_tokens,
                title=t("translation.decoder_self"), highlight_row=step - 1), "decoder_self_attention")
            st.caption(t("translation.look_ahead"))
        with right:
            widgets.show_figure(alignment_heatmap(view.cross[layer, head], view.source_tokens, view.output_tokens,
                                                  title=t("translation.cross"),
                                                  highlight_row=step - 1), "cross_attention")
        widgets.show_figure(head_grid(view.cross[layer], view.output_tokens, view.source_tokens,
                                      title=t("translation.cross_heads", layer=layer + 1)),
                            "cross_attention_heads")

        enc_layer, enc_head = tv.clamp(layer, L_enc), tv.clamp(head, H_enc)
        st.subheader(t("translation.encoder_header", layer=enc_layer + 1, head=enc_head + 1))
        if (enc_layer, enc_head) != (layer, head):
            st.caption(t("translation.encoder_nearest", layers=L_enc, heads=H_enc))
        widgets.show_figure(attention_heatmap(view.encoder[enc_layer, enc_head], view.source_tokens,
                                              view.source_tokens, title=t("translation.encoder")),
                            "encoder_self_attention")

    attention_views()
    widgets.show_figure(model_view(view.encoder, view.source_tokens), "encoder_model_view")
    widgets.downloads("translation_attention", lambda: tv.attention_frame(view), lambda: tv.attention_payload(view))
