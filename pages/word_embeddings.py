"""Word embeddings: word2vec's static vectors (a 2-D map by kind, nearest neighbours, the analogy calculator
with its arrows), then one word in two sentences, static against BERT's contextual vectors."""

import contextlib

import streamlit as st

from core.analysis.contextual import EXAMPLES, REFERENTS, WordNotInTextError
from core.bert.checkpoint import CheckpointError
from core.word2vec.vectors import Word2VecError
from dashboard import cache, presenter, sidebar
from dashboard.charts.word_embeddings import contextual_chart, referent_chart, word_map_chart
from dashboard.language import t
from dashboard.url_state import url_radio
from dashboard.views import word_embeddings as views
from dashboard.widgets import figures, panels, tables

MODEL = "tiny-word2vec"  # the shipped word vectors
CONTEXT_MODEL = "tiny-bert"  # the BERT trained on the same stories


def known(vectors, word: str) -> bool:
    """True when the vectors know ``word``; otherwise the page says so, in words a class understands."""
    if not word:
        st.info(t("words.empty"))
        return False
    if word not in vectors:
        st.warning(t("words.unknown", word=word, model=MODEL, size=len(vectors.words),
                     examples=views.unknown_examples(vectors)))
        return False
    return True


st.title(t("nav.word_embeddings"))
lang = sidebar.current().lang
panels.explanation_panel("word_embeddings", lang, expanded=True)
try:
    vectors = cache.word_vectors(MODEL)
except Word2VecError as error:
    st.error(t("words.missing_model", model=MODEL, error=str(error)))
    st.stop()
st.caption(t("words.model_caption", model=MODEL, size=len(vectors.words), dim=vectors.vectors.shape[1]))

st.subheader(t("words.analogy_header"))
first, second, third = st.columns(3)
a = first.text_input(t("words.analogy_a"), "king", key="a", bind="query-params").strip().lower()
b = second.text_input(t("words.analogy_b"), "man", key="b", bind="query-params").strip().lower()
c = third.text_input(t("words.analogy_c"), "woman", key="c", bind="query-params").strip().lower()
analogy_ok = all([known(vectors, w) for w in (a, b, c)])
if analogy_ok:
    ranked = views.analogy(vectors, a, b, c)
    st.markdown(t("words.analogy_result", a=a, b=b, c=c, answer=ranked["word"][0], cosine=float(ranked["cosine"][0])))
    tables.table(ranked)

st.subheader(t("words.map_header"))
kinds = st.multiselect(t("words.kinds"), list(views.kind_words()), default=list(views.DEFAULT_KINDS), key="kinds",
                       format_func=lambda kind: t(f"words.kind.{kind}"), placeholder=t("widgets.choose"))
# The URL holds the code (pca, tsne), not the label: the same link in either language.
projection = url_radio(t("words.projection"), views.PROJECTIONS, "pca", "projection",
                       format_func=lambda name: t(f"words.projection.{name}"), horizontal=True,
                       help=t("words.projection_help"))
extra = [a, b, c, ranked["word"][0]] if analogy_ok else []
# Built once per server for a set of words (on the worker, in the students' order): a t-SNE map takes 0.3 s.
with st.spinner(t("words.projection.tsne")) if projection == "tsne" else contextlib.nullcontext():
    layout = cache.shared("word_map", (MODEL, tuple(kinds), tuple(extra), projection),
                          lambda: views.word_map(vectors, kinds, extra, projection))
if len(layout.frame):
    linear = layout.components is not None
    arrows = views.analogy_arrows(vectors, layout, a, b, c) if analogy_ok and linear else None
    words = figures.chart_words()
    figures.show_figure(word_map_chart(layout.frame, words, arrows, f"{a} − {b} + {c}",
                                       presenter.text_style().chart_px, presenter.main_width_px(), projection),
                        "word_map")
    if linear:
        st.caption(t("words.map_caption"))
        if analogy_ok:
            st.caption(t("words.analogy_caption", a=a, b=b, c=c))
    else:
        st.caption(t("words.tsne_caption", perplexity=f"{views.tsne_perplexity(len(layout.frame)):g}"))

st.subheader(t("words.neighbours_header"))
word = st.text_input(t("words.word"), "queen", key="word", bind="query-params").strip().lower()
if known(vectors, word):
    tables.table(views.neighbours(vectors, word))

st.subheader(t("words.contextual_header"))
example = st.selectbox(t("words.contextual_example"), list(EXAMPLES), key="context_word", bind="query-params")
first_text, second_text = EXAMPLES[example]
st.markdown(f"1. {sidebar.code_span(first_text)}\n2. {sidebar.code_span(second_text)}")
try:
    shift = cache.context_shift(CONTEXT_MODEL, example, first_text, second_text, MODEL)
except CheckpointError as error:
    st.error(t("words.no_bert", error=str(error)))
except WordNotInTextError:
    st.warning(t("words.contextual_missing", word=example))
else:
    frame = views.contextual_frame(shift.layer_cosines, shift.static_cosine)
    figures.show_figure(contextual_chart(frame, example, CONTEXT_MODEL, figures.chart_words()), "contextual")
    st.caption(t("words.contextual_caption", word=example, model=CONTEXT_MODEL))
    if example in REFERENTS:
        similarities = cache.referents(CONTEXT_MODEL, example, (first_text, second_text), REFERENTS[example])
        figures.show_figure(referent_chart(views.referent_frame(similarities), example, figures.chart_words()),
                            "referents")
        st.caption(t("words.referent_caption", word=example))
