"""Coreference explorer: every layer × head ranked by attention from a pronoun to candidate antecedents,
and every head of the loaded BERT scored on the built-in pronoun set."""

import streamlit as st

from dashboard import cache, sidebar, widgets
from dashboard.charts.coreference import accuracy_bars, accuracy_heatmap, candidate_attention_figure
from dashboard.views import coreference as cv

SENTENCE_KEY = "_coreference_sentence"  # the sentence the pronoun and candidate controls were chosen for

st.title("Coreference: which heads link a pronoun to its antecedent?")
context = sidebar.require_trace()
if context is not None:
    widgets.explanation_panel("coreference", context.lang)
    st.info(sidebar.text(
        "Attention is evidence, not proof: a head that looks at the antecedent shows where it reads from, "
        "not that the model relies on it.",
        "Attention은 증거이지 증명이 아닙니다: 선행사를 보는 head는 어디서 읽는지를 보여 줄 뿐, 모델이 그것에 "
        "의존한다는 뜻은 아닙니다."), icon=":material/info:")
    words = cv.words_of(context.tokens)
    st.header(sidebar.text("This sentence", "이 문장"))
    sentence_changed = st.session_state.get(SENTENCE_KEY, context.state.text) != context.state.text
    st.session_state[SENTENCE_KEY] = context.state.text
    # A new sentence: the pronoun picker starts again by itself (token_picker); the candidates below too.
    position = widgets.token_picker(context.tokens, "Pronoun (or any token)", key="pronoun")
    pronoun = cv.word_at(words, position)
    if pronoun is None:
        st.info(sidebar.text("Choose a word, not [CLS] or [SEP].", "[CLS]나 [SEP]가 아닌 단어를 고르세요."))
    else:
        options = [w.label for w in words if w is not pronoun]
        defaults = [label for label in cv.default_candidates(context.state.text, words, pronoun) if label in options]
        if sentence_changed:
            st.session_state["candidates"] = defaults
        chosen = st.multiselect("Candidate antecedents", options, default=defaults, key="candidates",
                                bind="query-params", help="Two or more words the pronoun might refer to.")
        if len(chosen) < 2:
            st.info(sidebar.text("Choose at least two candidate antecedents.", "후보 선행사를 두 개 이상 고르세요."))
        else:
            candidates = [w for w in words if w.label in chosen]
            lead = "the top candidate's lead over the runner-up"
            sort_by = st.selectbox("Rank heads by", [lead] + [w.label for w in candidates], key="sort_by",
                                   bind="query-params",
                                   help="Or by the attention one candidate gets minus the most any other gets.")
            ranked = cv.ranking(context.trace, pronoun, candidates, None if sort_by == lead else sort_by)
            widgets.show_figure(candidate_attention_figure(ranked.attention, ranked.candidates, pronoun.label),
                                "coreference_candidates")
            st.dataframe(cv.ranking_frame(ranked), hide_index=True, height=320)
            widgets.downloads("coreference_ranking", lambda: cv.ranking_frame(ranked), lambda: cv.ranking_payload(ranked))

    st.header(sidebar.text(f"Built-in pronoun set on {context.state.model_name}",
                           f"내장 대명사 문장 집합: {context.state.model_name}"))
    with st.spinner(sidebar.text("Scoring every head on the built-in sentences …", "내장 문장으로 모든 head를 채점하는 중 …")):
        scores = cache.coreference_scores(context.state.model_name)
    N = len(scores.examples)
    threshold = cv.significance_threshold(scores.chance, N)
    best = scores.best_heads(1)[0]
    columns = st.columns(4)
    columns[0].metric("Sentences", N, help=f"{len(scores.pair_ids)} minimal pairs")
    columns[1].metric("Chance", f"{scores.chance:.2f}", help="Mean over sentences of 1 / number of candidates.")
    columns[2].metric(f"Best head (L{best.layer + 1} H{best.head + 1})", f"{best.accuracy:.2f}",
                      help=f"Minimal-pair accuracy {best.pair_accuracy:.2f} (chance {scores.pair_chance:.2f}).")
    columns[3].metric("2 s.e. above chance", f"{threshold:.2f}",
                      help="With this many sentences, an accuracy below this is within luck of chance.")
    widgets.show_figure(accuracy_heatmap(scores.accuracy, scores.chance, threshold,
                                         title="Accuracy of every layer × head (white = chance)"), "coreference_accuracy")
    labels, values = cv.comparison(scores)
    widgets.show_figure(accuracy_bars(labels, values, scores.chance, threshold), "coreference_baselines")
    st.caption(sidebar.text(
        f"The best of {scores.num_layers * scores.num_heads} heads is expected to beat chance by luck alone; "
        "compare it with the attention-free baselines and the minimal-pair accuracy.",
        f"{scores.num_layers * scores.num_heads}개 head 중 최고는 운만으로도 우연 수준을 넘을 수 있습니다; "
        "attention을 쓰지 않는 기준선과 minimal pair 정확도와 비교하세요."))
    st.subheader(sidebar.text("Best heads", "가장 좋은 head"))
    st.dataframe(cv.best_heads_frame(scores), hide_index=True)
    widgets.downloads("coreference_scores", lambda: cv.scores_frame(scores), lambda: cv.scores_payload(scores))

    @st.fragment
    def per_example() -> None:
        st.subheader(sidebar.text("Sentence by sentence, for one head", "한 head의 문장별 결과"))
        options = cv.head_options(scores)
        layer, head = st.selectbox(
            "Head", options, key="coref_head",
            format_func=lambda lh: f"layer {lh[0] + 1}, head {lh[1] + 1}: accuracy {scores.accuracy[lh]:.2f}")
        st.dataframe(cv.example_frame(scores, layer, head), hide_index=True)

    per_example()
