"""Widgets the recurrent pages share: the source sentence and one translator of each family.

The sentence uses the translation pages' URL parameter (``source``), so a link carries it from page to
page; each family's picker has its own (``seq2seq``, ``attention``, ``transformer``). Pickers list only
the operator's translators of that architecture. Input problems are told in a warning, never raised.
"""

from __future__ import annotations

import streamlit as st

from core.transformer.translator import tokenize_english
from dashboard import registry
from dashboard.i18n import t
from dashboard.translator_widgets import DEFAULT_SOURCE, loaded_translator, source_problem
from dashboard.views import rnn as rv

PICKERS = {rv.SEQ2SEQ: ("seq2seq", "rnn.model_plain"), rv.ATTENTION: ("attention", "rnn.model_attention"),
           rv.TRANSFORMER: ("transformer", "rnn.model_transformer")}


def offered_families() -> dict[str, list[str]]:
    """The operator's translators grouped by architecture (each loaded once per server to read its type)."""
    types = {}
    for name in registry.available_translators():
        loaded = registry.load_translator_model(name)
        if loaded.model is not None:
            types[name] = loaded.model.model_type
    return rv.by_family(types)


def source_input() -> str:
    with st.sidebar:
        st.divider()
        source = st.text_input(t("translator.source"), value=DEFAULT_SOURCE, key="source", bind="query-params",
                               help=t("translator.source_help"))
    return source or ""


def family_pickers(families: list[str]) -> dict[str, str | None]:
    """One selectbox per family in the sidebar; None for a family the server does not offer."""
    offered = offered_families()
    chosen: dict[str, str | None] = {}
    with st.sidebar:
        st.caption(t("rnn.models_caption"))
        for family in families:
            key, label = PICKERS[family]
            names = offered[family]
            chosen[family] = st.selectbox(t(label), names, key=key, bind="query-params") if names else None
    return chosen


def translator_or_note(name: str | None, family: str):
    """The loaded Translator of a picker, or None after saying this family is missing."""
    if name is None:
        st.info(t("rnn.missing", kind=t(PICKERS[family][1])))
        return None
    return loaded_translator(name)


def source_is_usable(source: str) -> bool:
    """False after a warning for input no translator can read; an info line for dropped pieces (emoji...)."""
    problem = source_problem(source)
    if problem:
        st.warning(problem)
        return False
    ignored = [piece for piece in source.split() if not tokenize_english(piece) and piece not in ".,!?;:"]
    if ignored:
        st.info(t("translator.ignored", words=" ".join(ignored)))
    return True
