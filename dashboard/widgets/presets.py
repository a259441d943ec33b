"""Lecture presets on any page that takes a sentence: pick one, and it fills the sidebar's field; the known answer
of the sentence shown (the word "it" means, the reference translation) is told under the picker.

The data is ``dashboard.presets``; a page calls ``preset_picker(page)`` (BERT pages: the sentence ``text``;
translator pages: ``preset_picker(page, field=presets.SOURCE)``). The pick writes the field's Session State in the
selectbox's callback, before the next run draws the sidebar, so the field and its URL parameter follow.
"""

from __future__ import annotations

import streamlit as st

from dashboard import presets
from dashboard.language import t


def _apply(page: str, key: str) -> None:
    chosen = st.session_state.get(key)
    preset = next((p for p in presets.presets_for(page) if p.id == chosen), None)
    if preset is None:
        return
    st.session_state[preset.field] = preset.text
    if preset.field == presets.TEXT:
        st.session_state["text_b"] = preset.text_b or ""
    st.session_state[key] = None  # the picker shows its placeholder again; the field shows the sentence


def preset_picker(page: str, field: str = presets.TEXT) -> presets.Preset | None:
    """The page's presets in a selectbox, and the known answer of the preset now in the field; returns that
    preset (None when the field holds anything else)."""
    offered = [p for p in presets.presets_for(page) if p.field == field]
    if not offered:
        return None
    key = f"preset_{page}"
    names = {p.id: t(f"preset.{p.id}") for p in offered}
    st.selectbox(t("preset.label"), list(names), index=None, format_func=names.get, key=key,
                 placeholder=t("preset.placeholder"), on_change=_apply, args=(page, key), help=t("preset.help"))
    current = presets.matching(page, field, str(st.session_state.get(field, "")))
    if current is not None and current.answer:
        if current.field == presets.SOURCE:
            st.caption(t("preset.reference", answer=current.answer))
        else:
            st.caption(t("preset.antecedent", pronoun=current.pronoun, answer=current.answer))
        if current.note:
            st.caption(t(f"preset.note.{current.id}"))
    return current
