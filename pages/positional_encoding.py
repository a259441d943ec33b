"""Positional encoding: the sinusoids of Vaswani et al. beside the loaded BERT's learned position embeddings."""

import streamlit as st

from dashboard import sidebar
from dashboard.charts.positional import (
    curves_frame,
    default_dimensions,
    position_curves,
    position_dimension_heatmap,
    position_norm_chart,
    position_similarity,
)
from dashboard.language import t
from dashboard.views import bert as views
from dashboard.widgets import figures, panels, tables

st.title(t("nav.positional_encoding"))
state = sidebar.current()
panels.explanation_panel("positional_encoding", state.lang, expanded=True)
if state.pipeline is None:
    st.info(t("positional.no_model"))
else:
    config = state.pipeline.model.config
    reach = views.position_reach(state.pipeline, state.model_name)  # measured from the weights
    trained = None if reach is None else reach.reach  # positions from here on never got a gradient

    @st.fragment
    def positional() -> None:
        left, right = st.columns(2)
        positions = left.slider(t("positional.positions"), 8, config.max_position_embeddings,
                                min(128, config.max_position_embeddings), key="positions", bind="query-params")
        d_model = config.hidden_size - config.hidden_size % 2
        dims = right.multiselect(t("positional.dims"), list(range(d_model)), default=default_dimensions(d_model),
                                 key="dims", placeholder=t("widgets.choose"))
        if reach is not None and reach.reach < reach.table_size:
            st.info(t("positional.untrained", model=state.model_name, configured=reach.configured,
                      last=reach.reach - 1, reach=reach.reach, end=reach.table_size - 1,
                      norm=f"{reach.untrained_norm:.2f}", spread=f"{reach.untrained_spread:.3f}"))
            norms = views.position_norms_frame(reach)
            figures.show_figure(position_norm_chart(norms, reach.threshold, reach.reach,
                                                    t("positional.norms_title", model=state.model_name),
                                                    words=figures.chart_words()), "position_norms")
        st.caption(t("positional.clipped"))
        sinusoid = views.sinusoid_table(positions, d_model)
        learned = views.learned_position_table(state.pipeline, positions)
        sinusoid_curves = curves_frame(sinusoid, dims, sinusoidal=True)  # English dimension names: the download's
        words = figures.chart_words()
        sin_col, learned_col = st.columns(2)
        with sin_col:
            st.subheader(t("positional.sinusoidal"))
            figures.show_altair(position_curves(curves_frame(sinusoid, dims, sinusoidal=True, words=words),
                                                t("positional.sin_curves"), words=words))
            figures.show_figure(position_dimension_heatmap(sinusoid, t("positional.sin_heatmap"), words=words),
                                "sinusoidal_heatmap")
            figures.show_figure(position_similarity(sinusoid, t("positional.sin_similarity"), words=words),
                                "sinusoidal_similarity")
        with learned_col:
            st.subheader(t("positional.learned", model=state.model_name))
            figures.show_altair(position_curves(curves_frame(learned, dims, sinusoidal=False, words=words),
                                                t("positional.learned_curves"), unit_range=False, trained=trained,
                                                words=words))
            figures.show_figure(
                position_dimension_heatmap(learned, t("positional.learned_heatmap"), trained=trained, words=words),
                "learned_heatmap")
            figures.show_figure(position_similarity(learned, t("positional.learned_similarity"), trained=trained,
                                                    words=words), "learned_similarity")
        tables.downloads("positional_encoding", sinusoid_curves.assign(kind="sinusoidal"),
                          lambda: {"sinusoidal": sinusoid, "learned": learned, "model": state.model_name})

    positional()
