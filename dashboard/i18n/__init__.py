"""The language table: every text the dashboard shows, in English and Korean.

Page explanations (Markdown from the lecture notes) live in one module per page family; they are
merged here explicitly, so importing a page module changes nothing else.
"""

from __future__ import annotations

from dashboard.i18n.bert_pages import BERT_PAGES
from dashboard.i18n.transformer_pages import TRANSFORMER_PAGES

LANGUAGES = {"en": "English", "ko": "한국어"}


def _merge(*families: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for family in families:
        clash = sorted(set(family) & set(merged))
        if clash:
            raise RuntimeError(f"explanation pages defined twice: {clash}")
        merged.update(family)
    return merged


EXPLANATIONS = _merge(BERT_PAGES, TRANSFORMER_PAGES)


def explanation(page: str, lang: str) -> str:
    """The Markdown text of a page in "en" or "ko" (English when the language is missing)."""
    texts = EXPLANATIONS[page]
    return texts.get(lang) or texts["en"]
