"""Compare: the sidebar's sentence through two models side by side with shared layer/head controls, and a
live parity panel (our from-scratch BERT against transformers on this very input)."""

import streamlit as st

from dashboard import cache, presenter, registry, sidebar
from dashboard.charts.compare import head_pair, parity_figure, quantity_name
from dashboard.i18n import column_label
from dashboard.language import current_language, t
from dashboard.views import compare as compare_views
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets.presets import preset_picker

TOLERANCES = (1e-6, 1e-5, 1e-4, 1e-3)

st.title(t("compare.title"))
preset_picker("compare")
state = sidebar.current()
panels.explanation_panel("compare", state.lang)
models = registry.available_models()
if not models:
    st.info(t("compare.no_model"))
elif not state.has_text:
    st.info(t("trace.type_sentence"))
else:
    first, second = compare_views.opening_pair(models, state.model_name)
    if len(models) < 2:
        st.info(t("compare.one_model", model=first))
        with st.expander(t("compare.add_model_title")):
            st.markdown(t("compare.add_model"))
        names = [first]
    else:
        pick_left, pick_right = st.columns(2)
        names = [pick_left.selectbox(t("compare.left"), models, index=models.index(first), key="model_left",
                                     bind="query-params"),
                 pick_right.selectbox(t("compare.right"), models, index=models.index(second), key="model_right",
                                      bind="query-params")]
    with st.sidebar:
        loaded = [registry.pipeline_with_progress(name) for name in names]
    for name, result in zip(names, loaded):
        if result.model is None:
            sidebar.load_error(name, result.error)
    sides = [(name, cache.trace(name, state.text, state.text_b))
             for name, result in zip(names, loaded) if result.model is not None]

    @st.fragment
    def side_by_side() -> None:
        num_layers = max(len(trace.attentions) for _, (trace, _) in sides)
        num_heads = max(trace.attentions[0].size(1) for _, (trace, _) in sides)
        layer, head = pickers.layer_head_pickers(num_layers, num_heads)
        shown = [compare_views.head_panel(name, trace, encoded.tokens, layer, head)
                 for name, (trace, encoded) in sides]
        for column, panel, (name, (trace, encoded)) in zip(st.columns(len(sides)), shown, sides):
            with column:
                st.subheader(name)
                st.caption(t("compare.shown", layer=panel.layer + 1, layers=len(trace.attentions),
                             head=panel.head + 1, heads=trace.attentions[0].size(1))
                           + (t("compare.nearest") if (panel.layer, panel.head) != (layer, head) else ""))
                if encoded.truncated:
                    st.warning(t("compare.truncated", full=encoded.full_length, model=name, kept=len(encoded.tokens)))
        # One figure: one colour scale for both, the panels side by side only where their labels fit.
        figures.show_figure(head_pair(shown, presenter.text_style().chart_px, presenter.main_width_px(),
                                      figures.chart_words()), "compare_heads")

    if sides:
        side_by_side()

    st.header(t("compare.parity"))
    parity_model = st.radio(t("compare.parity_model"), list(dict.fromkeys(names)), key="parity_model",
                            bind="query-params", horizontal=True)
    atol = st.select_slider(t("compare.tolerance"), TOLERANCES, value=1e-4, key="atol", bind="query-params",
                            format_func=lambda tol: f"{tol:g}")
    try:
        with st.spinner(t("compare.running")):
            report = cache.parity_report(parity_model, state.text, state.text_b, atol)
    except ValueError as error:
        st.warning(t("compare.cannot", model=parity_model, error=error))
    else:
        verdict = t("compare.verdict", diff=report.max_abs_diff, rows=len(report.rows), tokens=len(report.tokens),
                    reference=report.reference_class, atol=atol)
        (st.success if report.passed else st.error)(t("compare.within" if report.passed else "compare.beyond")
                                                   + verdict)
        figures.show_figure(parity_figure(report, figures.chart_words()), "parity")
        def shade(frame):
            return frame.map(lambda d: f"background-color: {'#d4edda' if d <= atol else '#f8d7da'}")

        layers = tables.display_columns(compare_views.per_layer(report))
        lang = current_language()
        rest = compare_views.other_quantities(report)
        words = figures.chart_words()
        rest["quantity"] = rest["quantity"].map(lambda name: quantity_name(name, None, words))  # shown, not saved
        rest = tables.display_columns(rest)
        per_layer = [column_label(name, lang) for name in ("attention probs", "hidden state")]
        difference = column_label("max_abs_diff", lang)
        numbers = {name: "{:.3e}" for name in [*per_layer, difference]}
        left, right = st.columns([3, 2])
        left.dataframe(layers.style.apply(shade, subset=per_layer).format(numbers), hide_index=True)
        right.dataframe(rest.style.apply(shade, subset=[difference]).format(numbers), hide_index=True)
        tables.downloads("parity", compare_views.parity_frame(report), lambda: report.to_dict())
