"""Embeddings: token + segment + position parts, their sum, norms, and 2-D PCA before/after a layer."""

import streamlit as st

from dashboard import presenter, sidebar
from dashboard.charts.embeddings import embedding_parts_heatmaps, norms_chart, pca_scatter
from dashboard.language import t
from dashboard.views import bert as views
from dashboard.widgets import figures, panels, tables
from dashboard.widgets.presets import preset_picker

st.title(t("nav.embeddings"))
preset_picker("embeddings")
context = sidebar.require_trace()
if context is not None:
    panels.explanation_panel("embeddings", context.lang)
    tokens = context.tokens
    st.caption(t("embeddings.pieces"))
    st.code(" · ".join(tokens), language=None, wrap_lines=True)
    parts = views.embedding_parts(context.trace)
    st.caption(t("embeddings.clipped"))
    sentence = (context.state.model_name, context.state.text, context.state.text_b)
    figures.show_shared_figure("embedding_parts", sentence,
                               lambda words: embedding_parts_heatmaps(parts, tokens, words))
    figures.show_shared_figure("embedding_norms", sentence, lambda words: norms_chart(parts, tokens, words))

    @st.fragment
    def pca_view() -> None:
        num_layers = context.trace.num_layers
        layer = st.slider(t("embeddings.layer"), 1, num_layers, num_layers, key="layer", bind="query-params")
        panels = views.pca_panels(context.trace, layer)
        figures.show_shared_figure("embedding_pca", (*sentence, layer), lambda words: pca_scatter(
            panels, tokens, views.segment_ids(context.trace), words, presenter.text_style().chart_px,
            presenter.main_width_px()))
        st.caption(t("embeddings.pca_labels"))
        # Built at the click; English part names: the download's
        tables.downloads("embeddings", lambda: views.embedding_norms(context.trace, tokens),
                         lambda: views.embeddings_payload(context.trace, tokens, layer))

    pca_view()
