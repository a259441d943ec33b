"""Coreference explorer: every layer × head ranked by attention from a pronoun to candidate antecedents, the
model's own answer next to it, a minimal pair side by side, every head scored on the built-in set, and the
causal test (switch the top heads off, compare with random heads)."""

import streamlit as st

from dashboard import cache, sidebar
from dashboard.charts.coreference import (
    accuracy_bars,
    accuracy_heatmap,
    candidate_attention_figure,
    minimal_pair_figure,
    own_answer_figure,
)
from dashboard.charts.head_ablation import causal_figure
from dashboard.language import t
from dashboard.url_state import url_multiselect, url_selectbox
from dashboard.views import coreference as cv
from dashboard.views import head_ablation as hv
from dashboard.views import lexicon as lx
from dashboard.widgets import figures, panels, pickers, tables
from dashboard.widgets.presets import preset_picker

SENTENCE_KEY = "_coreference_sentence"  # the sentence the pronoun and candidate controls were chosen for
LEAD = "top-lead"  # URL code of "rank by the top candidate's lead"; hyphenated, so no word label can equal it
NOT_MARKED = "-"  # URL code of "correct answer not marked" in the pair view; no word equals it


def own_answer_block(context, words, pronoun, candidates) -> None:
    """The model's own answer by substitution (or the representation answer), beside the attention evidence."""
    has_mlm = context.state.pipeline.model.has_mlm
    st.subheader(t("coreference.own_answer") if has_mlm else t("coreference.representation_answer"))
    if not has_mlm:
        st.warning(t("coreference.no_mlm", model=context.state.model_name))
    question = cv.answer_question(words, pronoun, candidates)
    if question is None:
        st.info(t("coreference.same_word"))
        return
    try:
        answer = cache.own_answer(context.state.model_name, context.state.text, *question)
    except ValueError:  # a word the tokenizer rewrote (accents, [UNK]) or cut off by truncation
        st.info(t("coreference.no_answer"))
        return
    left, right = st.columns([3, 2])
    with left:
        figures.show_shared_figure(
            "coreference_own_answer", (context.state.model_name, context.state.text, *question),
            lambda words: own_answer_figure(answer.candidates, answer.probabilities if has_mlm else answer.log_probs,
                                            answer.choice, representation=not has_mlm, words=words))
    right.caption(t("coreference.substitution_how") if has_mlm else t("coreference.representation_how"))
    if has_mlm:
        right.code("\n".join(answer.texts), language=None, wrap_lines=True)


def use_example(text: str) -> None:
    st.session_state["text"] = text  # the sidebar's sentence (bound to the URL), before the rerun draws it


def lexicon_block(context) -> None:
    """The examples side by side, a notice naming the sentence's words the model's vocabulary lacks, and that
    vocabulary as a table with what tiny-bert was never shown."""
    for column, (name, text) in zip(st.columns(len(lx.EXAMPLES)), lx.EXAMPLES.items()):
        column.button(t(f"coreference.example_{name}"), key=f"example_{name}", on_click=use_example, args=(text,),
                      help=text, use_container_width=True)
    model, tokenizer = context.state.model_name, context.state.pipeline.tokenizer
    vocabulary = tokenizer.get_vocab()
    unknown = lx.unknown_words(context.state.text, vocabulary, getattr(tokenizer, "do_lower_case", True),
                               lambda word: set(tokenizer.tokenize(word)) <= {tokenizer.unk_token})
    if unknown:
        st.warning(t("coreference.unknown_words", model=model, words=", ".join(unknown)), icon=":material/help:")
    corpus = lx.story_words() if lx.trained_on_stories(context.state.pipeline.folder) else None
    known = cache.shared("coreference_lexicon", (model,), lambda: lx.lexicon_frame(vocabulary, corpus))
    with st.expander(t("coreference.lexicon_title", model=model, count=int(known["count"].sum()))):
        st.markdown(t("coreference.never_shown", verbs=", ".join(lx.never_shown_verbs())))
        # drawn on request: the table (the whole vocabulary) is the page's largest element, sent on every run
        if st.toggle(t("coreference.lexicon_show"), key="show_lexicon"):
            tables.table(known, height=320)


def sentence_section(context) -> None:
    words = cv.words_of(context.tokens)
    st.header(t("coreference.this_sentence"))
    sentence_changed = st.session_state.get(SENTENCE_KEY, context.state.text) != context.state.text
    st.session_state[SENTENCE_KEY] = context.state.text
    # A new sentence: the pronoun picker starts again by itself (token_picker); the candidates below too.
    position = pickers.token_picker(context.tokens, t("coreference.pronoun"), key="pronoun")
    pronoun = cv.word_at(words, position)
    if pronoun is None:
        st.info(t("coreference.choose_word"))
        return
    options = [w.label for w in words if w is not pronoun]
    defaults = [label for label in cv.default_candidates(context.state.text, words, pronoun) if label in options]
    if sentence_changed:
        st.session_state["candidates"] = defaults
    chosen = st.multiselect(t("coreference.candidates"), options, default=defaults, key="candidates",
                            bind="query-params", help=t("coreference.candidates_help"),
                            placeholder=t("widgets.choose"))
    st.caption(t("coreference.noun_rule"))
    if len(chosen) < 2:
        st.info(t("coreference.two_candidates"))
        return
    candidates = [w for w in words if w.label in chosen]
    labels = [w.label for w in candidates]
    sort_by = url_selectbox(t("coreference.sort_by"), [LEAD, *labels], LEAD, "sort_by",
                            format_func=lambda o: t("coreference.lead") if o == LEAD else o,
                            context=tuple(labels), help=t("coreference.sort_by_help"))
    # The same for every student on the teacher's link: ranked, drawn and tabulated once per server.
    state = context.state
    key = (state.model_name, state.text, state.text_b, position, tuple(labels), sort_by)
    ranked = cache.shared("coreference_ranking", key, lambda: cv.ranking(
        context.trace, pronoun, candidates, None if sort_by == LEAD else sort_by))
    figures.show_shared_figure("coreference_candidates", key, lambda chart_words: candidate_attention_figure(
        ranked.attention, ranked.candidates, pronoun.label, words=chart_words))
    own_answer_block(context, words, pronoun, candidates)
    st.subheader(t("coreference.heads_ranked"))
    tables.table(cache.shared("coreference_ranking_frame", key, lambda: cv.ranking_frame(ranked)), height=320)
    tables.downloads("coreference_ranking", lambda: cv.ranking_frame(ranked), lambda: cv.ranking_payload(ranked),
                      key=("coreference", *key))


def pair_question(model: str, texts: list[str]) -> cv.PairQuestion | None:
    """The pair view's controls: pronoun, candidates and each sentence's correct answer (labels as defaults)."""
    tokens = cache.trace(model, texts[0], None)[1].tokens
    words = cv.words_of(tokens)
    defaults = cv.pair_defaults(texts, words)
    vocabulary = list(dict.fromkeys(w.text for w in words if w.text.isalpha()))
    if not vocabulary:
        return None
    left, right = st.columns([1, 3])
    pronoun = url_selectbox(t("coreference.pair_pronoun"), vocabulary, defaults.pronoun if defaults.pronoun in
                            vocabulary else vocabulary[0], "pair_pronoun", widget=left, context=tuple(texts))
    others = [w for w in vocabulary if w != pronoun]
    candidates = url_multiselect(t("coreference.candidates"), others, [c for c in defaults.candidates if c in others],
                                 "pair_candidates", widget=right, context=(tuple(texts), pronoun),
                                 placeholder=t("widgets.choose"))
    answers = []
    for n, (column, default) in enumerate(zip(st.columns(len(texts)), defaults.answers), start=1):
        options = [NOT_MARKED, *candidates]
        chosen = url_selectbox(t("coreference.pair_correct", n=n), options, default if default in options
                               else NOT_MARKED, f"pair_answer_{n}", widget=column, context=tuple(candidates),
                               format_func=lambda o: t("coreference.not_marked") if o == NOT_MARKED else o)
        answers.append(None if chosen == NOT_MARKED else chosen)
    return cv.PairQuestion(pronoun, list(candidates), answers)


def minimal_pair_section(context) -> None:
    """Two sentences one word apart: attention of the chosen heads and the model's answer, each side."""
    st.header(t("coreference.pair_title"))
    st.caption(t("coreference.pair_intro"))
    model, defaults = context.state.model_name, cv.default_pair()
    columns = st.columns(2)
    texts = [column.text_input(t("coreference.pair_sentence", n=n), value=default, key=f"pair_{n}",
                               bind="query-params", max_chars=500)
             for n, (column, default) in enumerate(zip(columns, defaults), start=1)]
    if not all(text.strip() for text in texts):
        st.info(t("coreference.pair_two_sentences"))
        return
    question = pair_question(model, texts)
    config = context.state.pipeline.model.config
    codes = hv.head_codes(config.num_hidden_layers, config.num_attention_heads)
    with st.spinner(t("coreference.scoring_train")):
        top = [hv.code_of(s.layer, s.head) for s in cache.train_half_scores(model).best_heads(3)]
    chosen = url_multiselect(t("coreference.pair_heads"), codes, top, "pair_heads", format_func=hv.head_name,
                             context=model, help=t("coreference.pair_heads_help"), placeholder=t("widgets.choose"))
    if question is None or len(question.candidates) < 2 or not chosen:
        st.info(t("coreference.pair_choose"))
        return
    heads = list(hv.heads_of(chosen))
    attention, answers = [], []
    for n, text in enumerate(texts, start=1):
        trace, encoded = cache.trace(model, text, None)
        try:
            attention.append(cv.pair_attention(trace, encoded.tokens, question.pronoun, question.candidates, heads))
        except ValueError:
            st.info(t("coreference.pair_missing", n=n))
            return
        try:
            answers.append(cache.own_answer(model, text, question.pronoun, 0, tuple(question.candidates)))
        except ValueError:
            answers.append(None)
    has_mlm = context.state.pipeline.model.has_mlm
    key = (model, tuple(texts), question.pronoun, tuple(question.candidates), tuple(question.answers), tuple(heads))
    figures.show_shared_figure("coreference_minimal_pair", key, lambda words: minimal_pair_figure(
        question.pronoun, question.candidates, [hv.head_name(hv.code_of(*h)) for h in heads],
        attention, answers, question.answers, representation=not has_mlm, words=words))
    st.caption(t("coreference.pair_marks") if has_mlm else t("coreference.pair_marks_representation"))
    tables.downloads("coreference_minimal_pair", lambda: cv.pair_frame(texts, heads, attention, question, answers),
                      key=("coreference", *key))


def builtin_section(context) -> None:
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
    # Per model, the same for every student: figures, tables and files built once per server (and language).
    model = (context.state.model_name,)
    figures.show_shared_figure("coreference_accuracy", model, lambda words: accuracy_heatmap(
        scores.accuracy, scores.chance, threshold, title=t("coreference.accuracy_title"), words=words))
    figures.show_shared_figure("coreference_baselines", model, lambda words: accuracy_bars(
        *cv.comparison(scores, words), scores.chance, threshold, words=words))
    st.caption(t("coreference.luck", heads=scores.num_layers * scores.num_heads))
    st.subheader(t("coreference.best_heads"))
    tables.table(cache.shared("coreference_best_heads", model, lambda: cv.best_heads_frame(scores)))
    tables.downloads("coreference_scores", lambda: cv.scores_frame(scores), lambda: cv.scores_payload(scores),
                      key=("coreference", *model))

    @st.fragment
    def per_example() -> None:
        st.subheader(t("coreference.per_example"))
        options = cv.head_options(scores)
        layer, head = st.selectbox(
            t("widgets.head"), options, key="coref_head",
            format_func=lambda lh: t("coreference.head_option", layer=lh[0] + 1, head=lh[1] + 1,
                                     accuracy=scores.accuracy[lh]))
        tables.table(cache.shared("coreference_examples", (*model, layer, head),
                                   lambda: cv.example_frame(scores, layer, head)))

    per_example()


def causal_results(context, result) -> None:
    has_mlm = context.state.pipeline.model.has_mlm
    heads = ", ".join(hv.head_name(hv.code_of(*h)) for h in result.top_heads)
    columns = st.columns(3)
    columns[0].metric(t("coreference.causal_full"), f"{result.full_accuracy:.3f}")
    columns[1].metric(t("coreference.causal_top", k=result.k), f"{result.top_accuracy:.3f}",
                      delta=f"{-result.top_cost:+.3f}", help=t("coreference.causal_top_help", heads=heads))
    columns[2].metric(t("coreference.causal_random", k=result.k), f"{result.random_mean:.3f} ± {result.random_std:.3f}",
                      delta=f"{-result.random_cost:+.3f}",
                      help=t("coreference.causal_random_help", low=min(result.random_accuracies),
                             high=max(result.random_accuracies), draws=len(result.random_accuracies)))
    chance = cv.chance_of(cv.measured_examples(cache.generated_half("heldout"), has_mlm))
    figures.show_figure(causal_figure(result.full_accuracy, result.top_accuracy, result.random_accuracies, result.k,
                                      chance, representation=not has_mlm, words=figures.chart_words()),
                        "coreference_causal_test")
    verdict = "coreference.causal_beyond" if result.beyond_random_spread else "coreference.causal_within"
    st.markdown(t(verdict, k=result.k))
    st.markdown(t("coreference.causal_percentile", k=result.k, share=result.top_percentile,
                  draws=len(result.random_accuracies)))
    if result.gender_full is not None:
        st.caption(t("coreference.causal_gender_representation", k=result.k, full=result.gender_full,
                     top=result.gender_top, random=sum(result.gender_random) / max(1, len(result.gender_random))))
    st.info(t("coreference.causal_honest"), icon=":material/info:")
    tables.table(hv.causal_frame(result, lambda kind, k, n: t(f"coreference.run_{kind}", k=k, n=n)), height=240)
    st.caption(t("coreference.causal_command", model=context.state.model_name, k=result.k,
                 draws=len(result.random_accuracies)))
    tables.downloads("coreference_causal_test", lambda: hv.causal_frame(result),
                      lambda: hv.causal_payload(result, context.state.model_name, cache.GENERATED_PAIRS,
                                                cache.GENERATED_DATA_SEED, 0),
                      key=("coreference", context.state.model_name, result.k, len(result.random_accuracies)))


def causal_section(context) -> None:
    """Switch the top-k heads (ranked on the training half) off, and k random heads, and measure the answer."""
    st.header(t("coreference.causal_title"))
    st.markdown(t("coreference.causal_intro"))
    model, pipeline = context.state.model_name, context.state.pipeline
    if not pipeline.model.has_mlm:
        st.warning(t("coreference.causal_no_mlm", model=model))
    total = pipeline.model.config.num_hidden_layers * pipeline.model.config.num_attention_heads
    left, right = st.columns(2)
    k = left.slider(t("coreference.causal_k"), 1, max(1, min(10, total - 1)), min(3, max(1, total - 1)),
                    key="ablate_k", bind="query-params") if total > 2 else 1
    draws = right.number_input(t("coreference.causal_draws"), min_value=20, max_value=1000, value=200, step=10,
                               key="draws", bind="query-params")
    heldout = cache.generated_half("heldout")
    measured = cv.measured_examples(heldout, pipeline.model.has_mlm)
    if len(measured) < len(heldout):
        st.caption(t("coreference.causal_gender", left=len(heldout) - len(measured)))
    result = cache.causal_result(model, k, int(draws))
    if result is None:
        st.caption(t("coreference.causal_cost", runs=2 + int(draws), examples=len(measured)))
        slot = st.empty()  # the button, then the progress bar in its place, then nothing
        if not slot.button(t("coreference.causal_run"), key="run_causal", type="primary"):
            return
        bar = slot.progress(0.0, text=t("coreference.causal_progress", done=0, total=2 + int(draws)))
        result = cache.run_causal_test(model, k, int(draws), progress=lambda done, all_runs: bar.progress(
            done / all_runs, text=t("coreference.causal_progress", done=done, total=all_runs)))
        slot.empty()
    causal_results(context, result)


st.title(t("coreference.title"))
preset_picker("coreference")
page_context = sidebar.require_trace()
if page_context is not None:
    panels.explanation_panel("coreference", page_context.lang)
    st.info(t("coreference.evidence"), icon=":material/info:")
    st.page_link("../pages/translation.py", label=t("coreference.translation_link"), icon=":material/translate:",
                 query_params={"source": page_context.state.text})  # the same sentence, through the translator
    lexicon_block(page_context)
    sentence_section(page_context)
    minimal_pair_section(page_context)
    builtin_section(page_context)
    causal_section(page_context)
