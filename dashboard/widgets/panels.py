"""Panels several pages share: the explanation of a page, the note on a model trained only on generated stories."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import explanation
from dashboard.language import t


def explanation_panel(page: str, lang: str, expanded: bool = False) -> None:
    with st.expander(t("widgets.explanation"), expanded=expanded):
        st.markdown(explanation(page, lang))


def domain_note(model_name: str) -> None:
    """For a model pre-trained only on the generated stories (tiny-bert): say so, with sentences it knows."""
    from dashboard.views import bert as views

    examples = views.domain_examples(model_name)
    if examples:  # generated sentences, never user text: safe as Markdown list items
        st.info(t("masked_lm.domain", model=model_name) + "\n\n" + "\n".join(f"- {line}" for line in examples))
