"""Home: what the dashboard is and how to use it."""

import streamlit as st

from dashboard import sidebar
from dashboard.i18n import explanation

state = sidebar.current()
st.title("Inside the Transformer: embeddings, attention, positions, masked words, beam search")
st.markdown(explanation("home", state.lang))
if state.pipeline is not None:
    config = state.pipeline.model.config
    model = state.pipeline.model
    heads = [name for name, present in (("MLM", model.has_mlm), ("NSP", model.has_nsp)) if present]
    st.caption(f"Model: {state.model_name} · {config.num_hidden_layers} layers × {config.num_attention_heads} heads · "
               f"width {config.hidden_size} · up to {config.max_position_embeddings} tokens · "
               f"heads: {', '.join(heads) or 'none'}")
