"""The language table: every text the dashboard shows, in English and Korean.

Two kinds of entries, one module per page family each, merged here explicitly (importing a page
module changes nothing else):

- explanations: the Markdown of each page's explanation panel (``explanation(page, lang)``);
- labels: the short UI texts (titles, widget labels, tab names, captions, messages, table columns),
  read with ``label(key, lang, **fields)``; pages read them with ``dashboard.language.t(key, **fields)``
  in the language the sidebar shows.

Plain data and pure functions: nothing here imports Streamlit or the rest of the dashboard.

URL codes never go through this table: a widget shows ``t(...)`` of an option, the URL keeps the
option's stable English code, so a copied link works in either language.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.i18n.bert_pages import BERT_PAGES
from dashboard.i18n.finetune import FINETUNE_LABELS, FINETUNE_PAGES
from dashboard.i18n.gpt_pages import GPT_PAGES
from dashboard.i18n.labels_analysis import ANALYSIS_LABELS
from dashboard.i18n.labels_bert import BERT_LABELS
from dashboard.i18n.labels_charts import CHART_LABELS
from dashboard.i18n.labels_common import COLUMN_LABELS, COMMON_LABELS
from dashboard.i18n.labels_gpt import GPT_LABELS
from dashboard.i18n.labels_pronoun import PRONOUN_LABELS
from dashboard.i18n.labels_rnn import RNN_LABELS
from dashboard.i18n.labels_transformer import TRANSFORMER_LABELS
from dashboard.i18n.particles import attach_particles
from dashboard.i18n.rnn_pages import RNN_PAGES
from dashboard.i18n.transformer_pages import TRANSFORMER_PAGES
from dashboard.i18n.word_embeddings import WORD_EMBEDDING_LABELS, WORD_EMBEDDING_PAGES

LANGUAGES = {"en": "English", "ko": "한국어"}
LANG_PARAM = "lang"  # the URL parameter (and url_state key) of the sidebar's language radio


def _merge(kind: str, *families: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for family in families:
        clash = sorted(set(family) & set(merged))
        if clash:
            raise RuntimeError(f"{kind} defined twice: {clash}")
        merged.update(family)
    return merged


EXPLANATIONS = _merge("explanation pages", BERT_PAGES, TRANSFORMER_PAGES, RNN_PAGES, WORD_EMBEDDING_PAGES,
                      GPT_PAGES, FINETUNE_PAGES)
LABELS = _merge("labels", COMMON_LABELS, COLUMN_LABELS, BERT_LABELS, ANALYSIS_LABELS, TRANSFORMER_LABELS,
                CHART_LABELS, RNN_LABELS, WORD_EMBEDDING_LABELS, GPT_LABELS, FINETUNE_LABELS, PRONOUN_LABELS)


def explanation(page: str, lang: str) -> str:
    """The Markdown text of a page in "en" or "ko" (English when the language is missing)."""
    texts = EXPLANATIONS[page]
    return texts.get(lang) or texts["en"]


def label(key: str, lang: str, **fields) -> str:
    """The UI text ``key`` in ``lang`` ("en" or "ko"), its ``{fields}`` filled in."""
    texts = LABELS[key]
    template = texts.get(lang) or texts["en"]
    text = template.format(**fields) if fields else template
    return attach_particles(text) if lang == "ko" else text  # "tiny-bert은(는)" -> "tiny-bert는"


Words = Callable[..., str]  # words(key, **fields) -> the text of a table key in one language


def words_in(lang: str) -> Words:
    """The label lookup a chart builder writes its words with: ``words(key, **fields)`` in ``lang``.

    Builders take their words instead of writing English, so a figure is built in the page's language
    and never translated afterwards (tokens, which are data, never pass through it)."""
    def words(key: str, **fields) -> str:
        return label(key, lang, **fields)

    return words


ENGLISH = words_in("en")


def column_label(column: str, lang: str) -> str:
    """A table column's header for display: "col.<name>" from the table, "attention to X" by its pattern,
    anything else (a token, a candidate word) unchanged."""
    if f"col.{column}" in LABELS:
        return label(f"col.{column}", lang)
    prefix = "attention to "
    if column.startswith(prefix):
        return label("col.attention_to", lang, name=column[len(prefix):])
    return column
