"""Widgets the translation and beam-search pages share: the translator and its source sentence.

Both sit in the sidebar under the shared controls and are bound to URL query parameters
(``translator``, ``source``), so a copied link reproduces the view. Input problems (empty, no English
word, unknown words, too long) are told in a warning, never raised.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from core.transformer.translator import TranslatorError, tokenize_english
from dashboard import registry
from dashboard.sidebar import current, text
from dashboard.widgets import explanation_panel

DEFAULT_SOURCE = "I am a student"
Result = TypeVar("Result")


def translator_controls() -> tuple[str | None, str]:
    """The translator (from the operator's list) and the English source sentence, in the sidebar."""
    names = registry.available_translators()
    with st.sidebar:
        st.divider()
        st.caption(text("Translation pages: the sentences above feed BERT; the translator reads this one.",
                        "번역 페이지: 위 문장은 BERT용이고, 번역기는 아래 문장을 읽습니다."))
        name = st.selectbox("Translator", names, key="translator", bind="query-params",
                            help="Encoder-decoder models this server offers.") if names else None
        source = st.text_input("Source sentence", value=DEFAULT_SOURCE, key="source", bind="query-params",
                               help="English; press Enter to translate. The tiny translator knows only the "
                                    "words of its training grammar.")
    return name, source or ""


def loaded_translator(name: str | None):
    """The Translator, or None after saying why there is none."""
    if name is None:
        st.info(text("No translator is available: train one with `python -m core train translator` (it is saved "
                     "to models/tiny-translator) or start the server with DASHBOARD_TRANSLATORS=path/to/folder.",
                     "사용할 번역기가 없습니다: `python -m core train translator`로 학습하거나(models/tiny-translator에 "
                     "저장) DASHBOARD_TRANSLATORS=폴더 경로로 서버를 시작하세요."))
        return None
    loaded = registry.load_translator_model(name)
    if loaded.model is None:
        st.error(f"Could not load {name}: {loaded.error}")
    return loaded.model


def source_problem(source: str) -> str | None:
    """A message for input that cannot be translated before any model runs, else None."""
    if not source.strip():
        return text("Type an English source sentence in the sidebar and press Enter.",
                    "사이드바에 영어 문장을 입력하고 Enter를 누르세요.")
    if not tokenize_english(source):
        return text("The translator reads English words (letters a–z); this sentence has none.",
                    "번역기는 영어 단어(a–z)만 읽습니다. 이 문장에는 영어 단어가 없습니다.")
    return None


def translator_page(page: str):
    """The preamble both translation pages share: sidebar controls, explanation panel, the loaded
    translator and a check of the source. Returns (name, source, translator), translator None when
    there is nothing to translate (the reason is already on the page)."""
    name, source = translator_controls()
    explanation_panel(page, current().lang)
    translator = loaded_translator(name)
    problem = source_problem(source) if translator is not None else None
    if problem:
        st.warning(problem)
        translator = None
    elif translator is not None:
        ignored = [piece for piece in source.split() if not tokenize_english(piece) and piece not in ".,!?;:"]
        if ignored:  # emoji, Korean words...: say they were dropped rather than translate silently without them
            st.info(text(f"Not English words, left out of the translation: {' '.join(ignored)}",
                         f"영어 단어가 아니어서 번역에서 빠진 부분: {' '.join(ignored)}"))
    return name, source, translator


def run_or_warn(compute: Callable[..., Result], *args) -> Result | None:
    """compute(*args), or None after showing the TranslatorError message as a warning."""
    try:
        return compute(*args)
    except TranslatorError as error:
        st.warning(text(f"Cannot translate this sentence: {error}.", f"이 문장은 번역할 수 없습니다: {error}."))
        return None
