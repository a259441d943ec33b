"""Compare: the sidebar's sentence through two models side by side with shared layer/head controls, and a
live parity panel (our from-scratch BERT against transformers on this very input)."""

import streamlit as st

from dashboard import cache, registry, sidebar, widgets
from dashboard.charts.attention import attention_heatmap
from dashboard.charts.compare import parity_figure
from dashboard.views import compare as compare_views

TOLERANCES = (1e-6, 1e-5, 1e-4, 1e-3)

st.title("Compare models: side by side, and parity with transformers")
state = sidebar.current()
widgets.explanation_panel("compare", state.lang)
models = registry.available_models()
if not models:
    st.info("No model is available: see the sidebar.")
elif not state.has_text:
    st.info(sidebar.text("Type a sentence in the sidebar (Sentence A) and press Enter.",
                         "사이드바의 Sentence A 칸에 문장을 입력하고 Enter를 누르세요."))
else:
    first = state.model_name if state.model_name in models else models[0]
    second = next((m for m in models if m != first), first)
    pick_left, pick_right = st.columns(2)
    names = [pick_left.selectbox("Left model", models, index=models.index(first), key="model_left",
                                 bind="query-params"),
             pick_right.selectbox("Right model", models, index=models.index(second), key="model_right",
                                  bind="query-params")]
    with st.sidebar:
        loaded = [registry.pipeline_with_progress(name) for name in names]
    for name, result in zip(names, loaded):
        if result.model is None:
            st.error(f"Could not load {name}: {result.error}")
    sides = [(name, cache.trace(name, state.text, state.text_b))
             for name, result in zip(names, loaded) if result.model is not None]

    @st.fragment
    def side_by_side() -> None:
        num_layers = max(len(trace.attentions) for _, (trace, _) in sides)
        num_heads = max(trace.attentions[0].size(1) for _, (trace, _) in sides)
        layer, head = widgets.layer_head_pickers(num_layers, num_heads)
        for index, (column, (name, (trace, encoded))) in enumerate(zip(st.columns(len(sides)), sides)):
            L, H = len(trace.attentions), trace.attentions[0].size(1)
            shown_layer, shown_head = compare_views.clamp(layer, head, L, H)
            with column:
                st.subheader(name)
                st.caption(f"layer {shown_layer + 1} of {L}, head {shown_head + 1} of {H}"
                           + (" (the nearest to the controls: this model is smaller)"
                              if (shown_layer, shown_head) != (layer, head) else ""))
                if encoded.truncated:
                    st.warning(f"{encoded.full_length} tokens: {name} reads the first {len(encoded.tokens)}.")
                matrix = trace.attentions[shown_layer][0, shown_head]
                widgets.show_figure(attention_heatmap(matrix, encoded.tokens, encoded.tokens,
                                                      title=f"layer {shown_layer + 1}, head {shown_head + 1}"),
                                    f"compare_{('left', 'right')[index]}")

    if sides:
        side_by_side()

    st.header(sidebar.text("Parity: from scratch vs transformers", "Parity: 직접 구현 vs transformers"))
    parity_model = st.radio("Model to check", list(dict.fromkeys(names)), key="parity_model", bind="query-params",
                            horizontal=True)
    atol = st.select_slider("Tolerance", TOLERANCES, value=1e-4, key="atol", bind="query-params",
                            format_func=lambda t: f"{t:g}")
    try:
        running = sidebar.text("Running transformers on the same input …", "같은 입력으로 transformers 실행 중 …")
        with st.spinner(running):
            report = cache.parity_report(parity_model, state.text, state.text_b, atol)
    except ValueError as error:
        st.warning(f"Parity cannot be checked for {parity_model}: {error}")
    else:
        verdict = (f"max |ours − transformers| = {report.max_abs_diff:.2e} over {len(report.rows)} quantities "
                   f"({len(report.tokens)} tokens, transformers.{report.reference_class}); tolerance {atol:g}")
        (st.success if report.passed else st.error)(("Within tolerance: " if report.passed else "Beyond tolerance: ")
                                                   + verdict)
        widgets.show_figure(parity_figure(report), "parity")
        def shade(frame):
            return frame.map(lambda d: f"background-color: {'#d4edda' if d <= atol else '#f8d7da'}")

        layers, rest = compare_views.per_layer(report), compare_views.other_quantities(report)
        numbers = {"attention probs": "{:.3e}", "hidden state": "{:.3e}", "max_abs_diff": "{:.3e}"}
        left, right = st.columns([3, 2])
        left.dataframe(layers.style.apply(shade, subset=["attention probs", "hidden state"]).format(numbers),
                       hide_index=True)
        right.dataframe(rest.style.apply(shade, subset=["max_abs_diff"]).format(numbers), hide_index=True)
        widgets.downloads("parity", compare_views.parity_frame(report), lambda: report.to_dict())
