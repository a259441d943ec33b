"""Home: what the dashboard is and how to use it."""

import streamlit as st

from dashboard import sidebar
from dashboard.i18n import LABELS, explanation
from dashboard.language import t
from dashboard.navigation import SECTIONS
from dashboard.views import bert as views
from dashboard.widgets import panels

state = sidebar.current()
st.title(t("home.title"))
st.markdown(explanation("home", state.lang))
for section, entries in SECTIONS.items():  # every page of the sidebar, in its order, with one line on its use
    st.markdown(f"**{t(f'nav.section.{section}')}**")
    for script, icon in entries:
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.page_link(f"../pages/{script}.py", label=t(f"nav.{script}"), icon=icon)
        if f"home.page.{script}" in LABELS:
            right.caption(t(f"home.page.{script}"))
if state.pipeline is not None:
    config = state.pipeline.model.config
    outputs = views.prediction_heads(state.pipeline.model)
    st.caption(t("home.model", model=state.model_name, layers=config.num_hidden_layers,
                 heads=config.num_attention_heads, width=config.hidden_size,
                 positions=config.max_position_embeddings, outputs=", ".join(outputs) or t("home.no_outputs")))
    panels.domain_note(state.model_name, state.pipeline)
