"""Masked LM: top-k predictions for every [MASK], and the NSP probability for two sentences."""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.charts.predictions import mask_predictions_chart
from dashboard.language import t
from dashboard.url_state import url_multiselect
from dashboard.views import bert as views
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets.head_switches import head_switches
from dashboard.widgets.presets import preset_picker

st.title(t("nav.masked_lm"))
preset_picker("masked_lm")
context = sidebar.require_trace()
if context is not None:
    panels.explanation_panel("masked_lm", context.lang, expanded=True)
    state, pipeline = context.state, context.state.pipeline
    panels.domain_note(state.model_name, state.pipeline)
    shown = context.trace  # the input the page shows: with the picked tokens masked, once there is an MLM head
    if not pipeline.model.has_mlm:
        st.warning(t("masked_lm.no_head", model=state.model_name))
    else:
        left, right = st.columns([3, 1])
        candidates = views.maskable_positions(context.tokens)
        # With no [MASK] typed, start by hiding "it" (or the first word) so the page opens on a prediction.
        typed_mask = pipeline.tokenizer.mask_token in context.tokens
        default = [] if typed_mask or not candidates else [pickers.default_token(context.tokens)]
        chosen = url_multiselect(t("masked_lm.tokens_to_mask"), candidates,
                                 [d for d in default if d in candidates], "mask", widget=left,
                                 format_func=lambda i: f"{i}: {context.tokens[i]}", context=tuple(context.tokens),
                                 placeholder=t("widgets.choose"))
        top_k = right.slider(t("masked_lm.top_k"), 1, 20, 5, key="top_k", bind="query-params")
        shown, encoded = cache.masked_trace(state.model_name, state.text, state.text_b, tuple(sorted(chosen)))
        predictions = views.mask_predictions(pipeline, shown, context.tokens, top_k)
        st.caption(t("masked_lm.reads"))
        st.code(" · ".join(encoded.tokens), language=None, wrap_lines=True)
        if not predictions:
            st.info(t("masked_lm.no_mask"))
        else:
            view_key = (state.model_name, state.text, state.text_b, tuple(sorted(chosen)), top_k)
            figures.show_shared_figure("mask_predictions", view_key, lambda words: mask_predictions_chart(
                views.prediction_panels(predictions, words), words))
            frame = views.predictions_frame(predictions)
            tables.table(frame)
            tables.downloads("mask_predictions", frame)
            head_switches(state, shown, context.tokens, tuple(sorted(chosen)), top_k)
    if state.has_pair:
        probability = views.nsp_probability(shown)
        if probability is None:
            st.info(t("masked_lm.no_nsp", model=state.model_name))
        else:
            st.metric(t("masked_lm.nsp"), f"{probability:.1%}")
    else:
        st.caption(t("masked_lm.add_b"))
