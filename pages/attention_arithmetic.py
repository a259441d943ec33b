"""Attention arithmetic: one query in one head, q·k → ÷√d_k → mask → softmax → Σ weight·v, checked against the model."""

import streamlit as st

from dashboard import sidebar
from dashboard.charts.arithmetic import arithmetic_chart, arithmetic_frame, context_chart, vectors_chart
from dashboard.language import t
from dashboard.views import bert as views
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets.presets import preset_picker

st.title(t("nav.attention_arithmetic"))
preset_picker("attention_arithmetic")
context = sidebar.require_trace(record_all=True)
if context is not None:
    panels.explanation_panel("attention_arithmetic", context.lang, expanded=True)

    @st.fragment
    def arithmetic() -> None:
        trace, tokens = context.trace, context.tokens
        start = views.teaching_head(context.state.model_name, trace.num_layers, trace.num_heads)
        if start is not None:
            st.caption(t("arithmetic.teaching_head", layer=start[0] + 1, head=start[1] + 1))
        layer, head = pickers.layer_head_pickers(trace.num_layers, trace.num_heads, start=start)
        position = pickers.token_picker(tokens, t("arithmetic.query_token"))
        result = views.arithmetic_view(trace, layer, head, position)
        st.markdown(t("arithmetic.summary", layer=layer + 1, head=head + 1, position=position,
                      token=sidebar.code_span(tokens[position]), d_k=result.steps.d_k))
        masked = views.masked_key_count(trace)
        st.caption(t("arithmetic.mask_some", masked=masked, total=len(tokens)) if masked else t("arithmetic.mask_none"))
        words = figures.chart_words()
        figures.show_figure(vectors_chart(result.query, result.keys, result.values, tokens, position, words),
                            "attention_vectors")
        figures.show_figure(arithmetic_chart(result.steps, tokens, result.model_row, words), "attention_arithmetic")
        figures.show_figure(context_chart(result.steps.context, result.model_context, words), "attention_context")
        row_ok = result.max_row_difference <= 1e-5
        context_ok = result.max_context_difference <= 1e-4
        check = st.success if row_ok and context_ok else st.error
        check(t("arithmetic.check", row=f"{result.max_row_difference:.2e}",
                context=f"{result.max_context_difference:.2e}"))
        frame = arithmetic_frame(result.steps, tokens, result.model_row)
        tables.table(frame, height=min(400, 38 + 35 * len(frame)))
        tables.downloads(f"arithmetic_L{layer + 1}_H{head + 1}_q{position}", frame, lambda: {
            "layer": layer + 1, "head": head + 1, "query_position": position, "tokens": tokens,
            "query": result.query, "keys": result.keys, "values": result.values, "table": frame,
            "context_here": result.steps.context, "context_model": result.model_context})

    arithmetic()
