"""The sidebar every page shares: model, sentence A, optional sentence B, explanation language.

Each widget is mirrored in a URL query parameter (``model``, ``text``, ``text_b``, and ``lang`` as
``en`` / ``ko``), so a copied link reproduces the view; only listed models can be chosen.
Pages read the result with ``current()`` and the loaded model and trace with ``require_trace()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from core.bert.model import BertTrace
from core.bert.pipeline import BertPipeline, Encoded, second_segment
from dashboard import cache, presenter, registry
from dashboard.i18n import LANG_PARAM, LANGUAGES
from dashboard.language import t
from dashboard.url_state import url_radio
from dashboard.views import bert as views

DEFAULT_TEXT = "The animal didn't cross the street because it was too tired."
# Wide enough that the demo sentence is read whole in the sentence box on a projector (62 characters at
# Streamlit's 16 px font is about 470 px of text, plus the sidebar's padding); Streamlit allows 200-600.
SIDEBAR_WIDTH_PX = 560
MAX_LISTED_WORDS = 12  # longer lists of [UNK] / split words end in "…"
STATE_KEY = "_sidebar_state"
LAST_GOOD_KEY = "_last_good_model"


@dataclass
class SidebarState:
    model_name: str | None  # the model whose numbers are shown (the previous one if the chosen one failed)
    pipeline: BertPipeline | None
    text: str  # sentence A as typed
    text_b: str  # sentence B as typed, "" when absent
    lang: str  # "en" or "ko"

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    @property
    def has_pair(self) -> bool:
        return second_segment(self.text_b) is not None


@dataclass
class PageContext:
    """What a page needs to draw: the sidebar choices, the trace and the tokens."""

    state: SidebarState
    trace: BertTrace
    encoded: Encoded

    @property
    def tokens(self) -> list[str]:
        return self.encoded.tokens

    @property
    def lang(self) -> str:
        return self.state.lang


def load_error(name: str, error: str, previous: str | None = None) -> None:
    """Say that ``name`` did not load (and which model is still shown, if any)."""
    message = t("load.failed", name=name, error=error)
    st.error(message + ("\n\n" + t("load.still_showing", name=previous) if previous else ""))


def choose_model(name: str, where=None) -> tuple[str | None, BertPipeline | None]:
    """Load ``name`` (its status drawn in ``where``, the sidebar by default); on failure say why and keep the
    previously loaded model."""
    with where if where is not None else st.sidebar:
        result = registry.pipeline_with_progress(name)
    if result.model is not None:
        st.session_state[LAST_GOOD_KEY] = name
        return name, result.model
    previous = st.session_state.get(LAST_GOOD_KEY)
    if previous and previous != name:
        load_error(name, result.error, previous)
        return previous, registry.load_model(previous).model
    load_error(name, result.error)
    return None, None


def render_sidebar(bert_page: bool = True) -> SidebarState:
    """Draw the shared sidebar; call once per run from the entry script, before the page.

    On pages that do not read BERT's model and sentences (``bert_page=False``: the flow, the recurrent
    and translation pages) those controls fold into a closed expander: still drawn, so the sentence a
    student typed survives the visit and the link keeps it, but out of the way of the page's own input.
    """
    models = registry.available_models()
    with st.sidebar:
        where = st.sidebar if bert_page else st.expander(t("sidebar.bert_controls"))
        with where:
            name, text_a, text_b = _bert_controls(models)
        lang = url_radio(t("sidebar.language"), list(LANGUAGES), "en", LANG_PARAM, format_func=LANGUAGES.get,
                         horizontal=True)
        presenter.toggle()
    model_name, pipeline = choose_model(name, where) if name else (None, None)
    state = SidebarState(model_name=model_name, pipeline=pipeline, text=text_a or "", text_b=text_b or "",
                         lang=lang or "en")
    st.session_state[STATE_KEY] = state
    return state


def _bert_controls(models: list[str]) -> tuple[str | None, str, str]:
    """The model picker and the two sentences, bound to the URL (``model``, ``text``, ``text_b``)."""
    if not models:
        st.error(t("sidebar.no_model"))
        name = None
    else:
        name = st.selectbox(t("sidebar.model"), models, key="model", bind="query-params",
                            help=t("sidebar.model_help"))
    text_a = st.text_input(t("sidebar.text_a"), value=DEFAULT_TEXT, key="text", bind="query-params",
                           help=t("sidebar.text_a_help"))
    text_b = st.text_input(t("sidebar.text_b"), value="", key="text_b", bind="query-params",
                           help=t("sidebar.text_b_help"))
    return name, text_a, text_b


def current() -> SidebarState:
    """The sidebar state of this run (render_sidebar must have run)."""
    state = st.session_state.get(STATE_KEY)
    if state is None:
        state = render_sidebar()
    return state


def require_trace(record_all: bool = False) -> PageContext | None:
    """The trace for the sidebar's sentence, or None after telling the user what is missing."""
    state = current()
    if state.pipeline is None or state.model_name is None:
        st.info(t("trace.choose_model"))
        return None
    if not state.has_text:
        st.info(t("trace.type_sentence"))
        return None
    trace, encoded = cache.trace(state.model_name, state.text, state.text_b, record_all)
    if encoded.truncated:
        st.warning(t("trace.truncated", full=encoded.full_length, model=state.model_name, kept=len(encoded.tokens)))
    input_notice(state)
    return PageContext(state=state, trace=trace, encoded=encoded)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: shown literally, never read as Markdown or HTML (a fence longer
    than any run of backticks in the text)."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def listed(words: list[str]) -> str:
    shown = ", ".join(code_span(word) for word in words[:MAX_LISTED_WORDS])
    return shown + (" …" if len(words) > MAX_LISTED_WORDS else "")


def input_notice(state: SidebarState) -> None:
    """Say which typed words the model cannot read whole: [UNK] (Korean, emoji, unknown letters) and words
    cut into WordPiece pieces, which a class would otherwise not notice."""
    notice = views.input_notice(state.pipeline.tokenizer, state.text, state.text_b)
    if notice.unknown:
        st.warning(t("input.unknown", model=state.model_name, words=listed(notice.unknown)))
    if notice.split:
        pieces = [f"{word} → {' '.join(names)}" for word, names in notice.split]
        st.info(t("input.split", words=listed(pieces)))
