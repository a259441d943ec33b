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
from dashboard.i18n import t
from dashboard.sidebar import current, load_error
from dashboard.widgets import explanation_panel

DEFAULT_SOURCE = "I am a student"
Result = TypeVar("Result")


def translator_controls() -> tuple[str | None, str]:
    """The translator (from the operator's list) and the English source sentence, in the sidebar."""
    names = registry.available_translators()
    with st.sidebar:
        st.divider()
        st.caption(t("translator.caption"))
        name = st.selectbox(t("translator.name"), names, key="translator", bind="query-params",
                            help=t("translator.name_help")) if names else None
        source = st.text_input(t("translator.source"), value=DEFAULT_SOURCE, key="source", bind="query-params",
                               help=t("translator.source_help"))
    return name, source or ""


def loaded_translator(name: str | None):
    """The Translator, or None after saying why there is none."""
    if name is None:
        st.info(t("translator.none"))
        return None
    loaded = registry.load_translator_model(name)
    if loaded.model is None:
        load_error(name, loaded.error)
    return loaded.model


def source_problem(source: str) -> str | None:
    """A message for input that cannot be translated before any model runs, else None."""
    if not source.strip():
        return t("translator.empty")
    if not tokenize_english(source):
        return t("translator.no_english")
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
            st.info(t("translator.ignored", words=" ".join(ignored)))
    return name, source, translator


def run_or_warn(compute: Callable[..., Result], *args) -> Result | None:
    """compute(*args), or None after showing the TranslatorError message as a warning."""
    try:
        return compute(*args)
    except TranslatorError as error:
        st.warning(t("translator.cannot", error=error))
        return None
