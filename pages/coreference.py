"""Coreference explorer: every layer × head ranked by attention from a pronoun to candidate antecedents,
and every head of the loaded BERT scored on the built-in pronoun set."""

import streamlit as st

from dashboard import cache, sidebar, widgets
from dashboard.charts.coreference import accuracy_bars, accuracy_heatmap, candidate_attention_figure
from dashboard.i18n import t
from dashboard.url_state import url_selectbox
from dashboard.views import coreference as cv

SENTENCE_KEY = "_coreference_sentence"  # the sentence the pronoun and candidate controls were chosen for
LEAD = "top-lead"  # URL code of "rank by the top candidate's lead"; hyphenated, so no word label can equal it

st.title(t("coreference.title"))
context = sidebar.require_trace()
if context is not None:
    widgets.explanation_panel("coreference", context.lang)
    st.info(t("coreference.evidence"), icon=":material/info:")
    words = cv.words_of(context.tokens)
    st.header(t("coreference.this_sentence"))
    sentence_changed = st.session_state.get(SENTENCE_KEY, context.state.text) != context.state.text
    st.session_state[SENTENCE_KEY] = context.state.text
    # A new sentence: the pronoun picker starts again by itself (token_picker); the candidates below too.
    position = widgets.token_picker(context.tokens, t("coreference.pronoun"), key="pronoun")
    pronoun = cv.word_at(words, position)
    if pronoun is None:
        st.info(t("coreference.choose_word"))
    else:
        options = [w.label for w in words if w is not pronoun]
        defaults = [label for label in cv.default_candidates(context.state.text, words, pronoun) if label in options]
        if sentence_changed:
            st.session_state["candidates"] = defaults
        chosen = st.multiselect(t("coreference.candidates"), options, default=defaults, key="candidates",
                                bind="query-params", help=t("coreference.candidates_help"))
        if len(chosen) < 2:
            st.info(t("coreference.two_candidates"))
        else:
            candidates = [w for w in words if w.label in chosen]
            labels = [w.label for w in candidates]
            sort_by = url_selectbox(t("coreference.sort_by"), [LEAD, *labels], LEAD, "sort_by",
                                    format_func=lambda o: t("coreference.lead") if o == LEAD else o,
                                    context=tuple(labels), help=t("coreference.sort_by_help"))
            ranked = cv.ranking(context.trace, pronoun, candidates, None if sort_by == LEAD else sort_by)
            widgets.show_figure(candidate_attention_figure(ranked.attention, ranked.candidates, pronoun.label),
                                "coreference_candidates")
            widgets.table(cv.ranking_frame(ranked), height=320)
            widgets.downloads("coreference_ranking", lambda: cv.ranking_frame(ranked),
                              lambda: cv.ranking_payload(ranked))

    st.header(t("coreference.builtin", model=context.state.model_name))
    with st.spinner(t("coreference.scoring")):
        scores = cache.coreference_scores(context.state.model_name)
    N = len(scores.examples)
    threshold = cv.significance_threshold(scores.chance, N)
    best = scores.best_heads(1)[0]
    columns = st.columns(4)
    columns[0].metric(t("coreference.sentences"), N, help=t("coreference.sentences_help", pairs=len(scores.pair_ids)))
    columns[1].metric(t("coreference.chance"), f"{scores.chance:.2f}", help=t("coreference.chance_help"))
    columns[2].metric(t("coreference.best_head", layer=best.layer + 1, head=best.head + 1), f"{best.accuracy:.2f}",
                      help=t("coreference.best_head_help", pair=best.pair_accuracy, chance=scores.pair_chance))
    columns[3].metric(t("coreference.threshold"), f"{threshold:.2f}", help=t("coreference.threshold_help"))
    widgets.show_figure(accuracy_heatmap(scores.accuracy, scores.chance, threshold,
                                         title=t("coreference.accuracy_title")), "coreference_accuracy")
    labels, values = cv.comparison(scores)
    widgets.show_figure(accuracy_bars(labels, values, scores.chance, threshold), "coreference_baselines")
    st.caption(t("coreference.luck", heads=scores.num_layers * scores.num_heads))
    st.subheader(t("coreference.best_heads"))
    widgets.table(cv.best_heads_frame(scores))
    widgets.downloads("coreference_scores", lambda: cv.scores_frame(scores), lambda: cv.scores_payload(scores))

    @st.fragment
    def per_example() -> None:
        st.subheader(t("coreference.per_example"))
        options = cv.head_options(scores)
        layer, head = st.selectbox(
            t("widgets.head"), options, key="coref_head",
            format_func=lambda lh: t("coreference.head_option", layer=lh[0] + 1, head=lh[1] + 1,
                                     accuracy=scores.accuracy[lh]))
        widgets.table(cv.example_frame(scores, layer, head))

    per_example()
