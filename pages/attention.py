"""Attention: all heads at once, one head, head view lines, one token's focus, rollout.

Only the open tab is drawn (tabs with state), and every control lives in a fragment, so moving
a slider or switching tabs never re-runs the model or redraws the other views. Each tab shows only
the sliders it uses (the model view and token focus use no layer/head; rollout only a layer).
"""

import streamlit as st

from dashboard import sidebar
from dashboard.charts.attention import (
    attention_heatmap,
    head_view,
    matrix_frame,
    model_view,
    token_focus_frame,
    token_focus_heatmap,
    token_focus_rows,
)
from dashboard.language import t
from dashboard.url_state import url_selectbox, url_tabs, widget_key
from dashboard.views import bert as views
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets.presets import preset_picker

TABS = ["Model view", "One head", "Head view", "Token focus", "Rollout"]  # URL codes (view=One head); shown translated
ALL_TOKENS = -1  # the head view's "every token's lines" choice
# Downloads up to this many weights are built once per sentence and options and sent with the page (so the file
# belongs to the session); larger ones (bert-base at 512 tokens: 37 M rows) stay deferred to the click.
EAGER_DOWNLOAD_CELLS = 200_000

st.title(t("nav.attention"))
preset_picker("attention")
context = sidebar.require_trace()
if context is not None:
    panels.explanation_panel("attention", context.lang)

    @st.fragment
    def attention_views() -> None:
        left, middle, right = st.columns(3)
        hide_special = left.toggle(t("attention.hide_special"), key="hide_special", bind="query-params")
        renormalise = middle.toggle(t("attention.renormalise"), key="renormalise", bind="query-params")
        fixed = right.toggle(t("attention.fixed_scale"), key="fixed_scale", bind="query-params",
                             help=t("attention.fixed_scale_help"))
        view = views.attention_view(context.trace, context.tokens, hide_special, renormalise)
        L, H = view.attentions.shape[:2]
        state = context.state
        shared_key = ("attention", state.model_name, state.text, state.text_b, hide_special, renormalise)

        def file_key(cells: int, *options) -> tuple | None:  # None: too large to build on every visit
            return (*shared_key, *options) if cells <= EAGER_DOWNLOAD_CELLS else None
        model_tab, head_tab, lines_tab, focus_tab, rollout_tab = url_tabs(
            "view", TABS, lambda code: t(f"attention.tab.{code}"))
        if model_tab.open:
            with model_tab:
                # the same for every student with this model, sentence and options: built once, shared
                figures.show_shared_figure("model_view", (*shared_key, fixed), lambda words: model_view(
                    view.attentions, view.tokens, fixed_unit=fixed, words=words))
                st.caption(t("attention.model_caption"))
                tables.downloads("attention_all_heads", lambda: views.attention_frame(view),
                                  lambda: views.attention_payload(view), key=file_key(view.attentions.size))
        if head_tab.open:
            with head_tab:
                layer, head = pickers.layer_head_pickers(L, H, start=views.teaching_head(context.state.model_name,
                                                                                          L, H))
                matrix = view.attentions[layer, head]
                title = t("widgets.layer_head", layer=layer + 1, head=head + 1)
                figures.show_figure(attention_heatmap(matrix, view.tokens, view.tokens, title=title, fixed_unit=fixed,
                                                      words=figures.chart_words()), "attention_head")
                tables.downloads(f"attention_L{layer + 1}_H{head + 1}",
                                  lambda: matrix_frame(matrix, view.tokens, view.tokens), key=file_key(matrix.size))
        if lines_tab.open:
            with lines_tab:
                head_lines(view, L, H)
        if focus_tab.open:
            with focus_tab:
                token_focus(view, fixed, lambda position: file_key(L * H, position))
        if rollout_tab.open:
            with rollout_tab:
                layer, _ = pickers.layer_head_pickers(L, H, head=False)
                st.caption(t("attention.rollout_caption"))
                rollout = views.rollout_view(context.trace, context.tokens, layer, hide_special, renormalise)
                figures.show_figure(attention_heatmap(rollout.attentions[0, 0], rollout.tokens, rollout.tokens,
                                                      title=t("attention.rollout_title", layer=layer + 1),
                                                      value_name=t("attention.rollout_value"), fixed_unit=fixed,
                                                      words=figures.chart_words()),
                                    "attention_rollout")
                weights = rollout.attentions[0, 0]
                tables.downloads(f"rollout_L{layer + 1}",
                                  lambda: matrix_frame(weights, rollout.tokens, rollout.tokens),
                                  key=file_key(weights.size))

    def token_focus(view: views.AttentionView, fixed: bool, file_key) -> None:
        """Where one token looks in every layer and head: its strongest key per head, and its whole rows."""
        position = pickers.token_picker(context.tokens, t("attention.token_to_follow"))
        focus = views.focus(view, position)
        if focus is None:
            st.info(t("attention.focus_hidden"))
            return
        words = figures.chart_words()
        figures.show_figure(token_focus_heatmap(focus, view.tokens, position, fixed_unit=fixed, words=words),
                            "token_focus")
        figures.show_figure(token_focus_rows(focus, view.tokens, fixed_unit=fixed, words=words), "token_focus_rows")
        tables.downloads("token_focus", lambda: token_focus_frame(focus, view.tokens), key=file_key(position))

    def head_lines(view: views.AttentionView, L: int, H: int) -> None:
        """BertViz's head view: chosen heads of one layer, all tokens' lines or one token's (default "it"), chosen
        in the picker or by clicking its label (clicking the chosen token again shows every token's lines)."""
        layer, head = pickers.layer_head_pickers(L, H, head=False,
                                                 start=views.teaching_head(context.state.model_name, L, H))
        left, right = st.columns(2)
        heads = left.multiselect(t("attention.heads_of_layer", layer=layer + 1), list(range(1, H + 1)),
                                 default=[head + 1], key="view_heads",
                                 format_func=lambda h: t("attention.head_option", head=h),
                                 placeholder=t("widgets.choose"))
        shown = [int(p) for p in view.positions]
        default = pickers.default_token(context.tokens)
        query = url_selectbox(t("attention.lines_query"), [ALL_TOKENS, *shown],
                              default if default in shown else ALL_TOKENS, "query", widget=right,
                              format_func=lambda p: t("attention.all_tokens") if p == ALL_TOKENS
                              else f"{p}: {context.tokens[p]}", context=tuple(view.tokens))
        chosen = [h - 1 for h in heads] or [head]
        names = [t("attention.head_option", head=h + 1) for h in chosen]
        st.caption(t("attention.lines_caption"))
        index = None if query == ALL_TOKENS else shown.index(query)
        figure = head_view(view.attentions[layer, chosen], names, view.tokens, query_index=index,
                           positions=view.positions, words=figures.chart_words())

        def choose(position) -> None:  # a click on a token's label chooses it; clicking it again clears it
            st.session_state[widget_key("query")] = int(position) if position in shown else ALL_TOKENS

        figures.show_figure(figure, "head_view", on_click=choose)

    attention_views()
