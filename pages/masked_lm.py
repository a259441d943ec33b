"""Masked LM: top-k predictions for every [MASK], and the NSP probability for two sentences."""

import streamlit as st

from dashboard import cache, sidebar, widgets
from dashboard.charts.predictions import mask_predictions_chart
from dashboard.url_state import url_multiselect
from dashboard.views import bert as views

st.title("Masked LM")
context = sidebar.require_trace()
if context is not None:
    widgets.explanation_panel("masked_lm", context.lang, expanded=True)
    state, pipeline = context.state, context.state.pipeline
    shown = context.trace  # the input the page shows: with the picked tokens masked, once there is an MLM head
    if not pipeline.model.has_mlm:
        st.warning(f"{state.model_name} has no masked-LM head (its checkpoint holds only the encoder), "
                   "so it cannot predict masked tokens. Choose a model saved with its MLM head.")
    else:
        left, right = st.columns([3, 1])
        candidates = views.maskable_positions(context.tokens)
        # With no [MASK] typed, start by hiding "it" (or the first word) so the page opens on a prediction.
        typed_mask = pipeline.tokenizer.mask_token in context.tokens
        default = [] if typed_mask or not candidates else [widgets.default_token(context.tokens)]
        chosen = url_multiselect("Tokens to mask (or write [MASK] in the sentence)", candidates,
                                 [d for d in default if d in candidates], "mask", widget=left,
                                 format_func=lambda i: f"{i}: {context.tokens[i]}", context=tuple(context.tokens))
        top_k = right.slider("Top k", 1, 20, 5, key="top_k", bind="query-params")
        shown, encoded = cache.masked_trace(state.model_name, state.text, state.text_b, tuple(sorted(chosen)))
        predictions = views.mask_predictions(pipeline, shown, context.tokens, top_k)
        st.caption("What the model reads:")
        st.code(" · ".join(encoded.tokens), language=None, wrap_lines=True)
        if not predictions:
            st.info("No [MASK] in the input: write [MASK] in the sentence or pick tokens to mask above.")
        else:
            widgets.show_figure(mask_predictions_chart(views.prediction_panels(predictions)), "mask_predictions")
            frame = views.predictions_frame(predictions)
            st.dataframe(frame, hide_index=True)
            widgets.downloads("mask_predictions", frame)
    if state.has_pair:
        probability = views.nsp_probability(shown)
        if probability is None:
            st.info(f"{state.model_name} has no next-sentence-prediction head.")
        else:
            st.metric("NSP: P(sentence B follows sentence A)", f"{probability:.1%}")
    else:
        st.caption("Add sentence B in the sidebar to see the next-sentence-prediction probability.")
