"""Widgets the recurrent pages share: the source sentence and one translator of each family.

The sentence uses the translation pages' URL parameter (``source``), so a link carries it from page to
page; each family's picker has its own (``seq2seq``, ``attention``, ``transformer``). Pickers list only
the operator's translators of that architecture. Input problems are told in a warning, never raised.
"""

from __future__ import annotations

import streamlit as st

from dashboard import registry
from dashboard.language import t
from dashboard.views import rnn as rv
from dashboard.views.translation import trained_version
from dashboard.widgets.translator import loaded_translator, model_type, source_box, source_is_usable

PICKERS = {rv.SEQ2SEQ: ("seq2seq", "rnn.model_plain"), rv.ATTENTION: ("attention", "rnn.model_attention"),
           rv.TRANSFORMER: ("transformer", "rnn.model_transformer")}


def offered_families() -> dict[str, list[str]]:
    """The operator's translators grouped by architecture (each loaded once per server to read its type)."""
    types = {name: model_type(name) for name in registry.available_translators()}
    return rv.by_family({name: kind for name, kind in types.items() if kind is not None})


def source_input() -> str:
    with st.sidebar:
        st.divider()
        return source_box()


def grammar_version(name: str) -> int | None:
    loaded = registry.load_translator_model(name)
    return None if loaded.model is None else trained_version(loaded.model)


def same_grammar_first(offered: dict[str, list[str]]) -> dict[str, list[str]]:
    """The Transformers trained on the recurrent translators' grammar first, so the page compares the three
    families on sentences all of them can read (the world translator knows another grammar's words)."""
    recurrent = [names[0] for family, names in offered.items() if family != rv.TRANSFORMER and names]
    if not recurrent or not offered.get(rv.TRANSFORMER):
        return offered
    version = grammar_version(recurrent[0])
    ordered = sorted(offered[rv.TRANSFORMER], key=lambda name: grammar_version(name) != version)  # stable
    return {**offered, rv.TRANSFORMER: ordered}


def family_pickers(families: list[str]) -> dict[str, str | None]:
    """One selectbox per family in the sidebar; None for a family the server does not offer."""
    offered = same_grammar_first(offered_families())
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


__all__ = ["PICKERS", "family_pickers", "offered_families", "source_input", "source_is_usable",
           "translator_or_note"]
