"""Home: what the dashboard is and how to use it."""

import streamlit as st

from dashboard import sidebar
from dashboard.i18n import explanation
from dashboard.language import t
from dashboard.views import bert as views
from dashboard.widgets import panels

state = sidebar.current()
st.title(t("home.title"))
st.markdown(explanation("home", state.lang))
if state.pipeline is not None:
    config = state.pipeline.model.config
    outputs = views.prediction_heads(state.pipeline.model)
    st.caption(t("home.model", model=state.model_name, layers=config.num_hidden_layers,
                 heads=config.num_attention_heads, width=config.hidden_size,
                 positions=config.max_position_embeddings, outputs=", ".join(outputs) or t("home.no_outputs")))
    panels.domain_note(state.model_name, state.pipeline)
st.page_link("../pages/flow.py", label=t("flow.home_link"), icon=":material/timeline:")
