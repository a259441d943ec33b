"""Positional encoding: the sinusoids of Vaswani et al. beside the loaded BERT's learned position embeddings."""

import streamlit as st

from dashboard import sidebar, widgets
from dashboard.charts.positional import curves_frame, position_curves, position_dimension_heatmap, position_similarity
from dashboard.views import bert as views

st.title("Positional encoding")
state = sidebar.current()
widgets.explanation_panel("positional_encoding", state.lang, expanded=True)
if state.pipeline is None:
    st.info("Choose a model that loads in the sidebar to compare with its learned position embeddings.")
else:
    config = state.pipeline.model.config

    @st.fragment
    def positional() -> None:
        left, right = st.columns(2)
        positions = left.slider("Positions", 8, config.max_position_embeddings,
                                min(128, config.max_position_embeddings), key="positions", bind="query-params")
        d_model = config.hidden_size - config.hidden_size % 2
        dims = right.multiselect("Dimensions for the curves", list(range(d_model)),
                                 default=[d for d in (0, 1, 4, 5, d_model // 2) if d < d_model], key="dims")
        sinusoid = views.sinusoid_table(positions, d_model)
        learned = views.learned_position_table(state.pipeline, positions)
        sinusoid_curves = curves_frame(sinusoid, dims, sinusoidal=True)
        sin_col, learned_col = st.columns(2)
        with sin_col:
            st.subheader("Sinusoidal (Transformer, sec. 3.5)")
            st.altair_chart(position_curves(sinusoid_curves, "sin / cos curves"), width="stretch")
            widgets.show_figure(position_dimension_heatmap(sinusoid, "sinusoidal PE: position × dimension"),
                                "sinusoidal_heatmap")
            widgets.show_figure(position_similarity(sinusoid, "sinusoidal PE: dot product PE(p)·PE(q)"),
                                "sinusoidal_similarity")
        with learned_col:
            st.subheader(f"Learned by {state.model_name} (not sinusoids)")
            st.altair_chart(position_curves(curves_frame(learned, dims, sinusoidal=False),
                                            "learned position embedding, same dimensions", unit_range=False),
                            width="stretch")
            widgets.show_figure(
                position_dimension_heatmap(learned, "learned position embeddings: position × dimension"),
                "learned_heatmap")
            widgets.show_figure(position_similarity(learned, "learned: dot product P(p)·P(q)"), "learned_similarity")
        widgets.downloads("positional_encoding", sinusoid_curves.assign(kind="sinusoidal"),
                          lambda: {"sinusoidal": sinusoid, "learned": learned, "model": state.model_name})

    positional()
