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

import re
from functools import lru_cache

from dashboard.i18n.bert_pages import BERT_PAGES
from dashboard.i18n.labels_analysis import ANALYSIS_LABELS
from dashboard.i18n.labels_bert import BERT_LABELS
from dashboard.i18n.labels_charts import CHART_LABELS
from dashboard.i18n.labels_common import COLUMN_LABELS, COMMON_LABELS
from dashboard.i18n.labels_rnn import RNN_LABELS
from dashboard.i18n.labels_transformer import TRANSFORMER_LABELS
from dashboard.i18n.rnn_pages import RNN_PAGES
from dashboard.i18n.transformer_pages import TRANSFORMER_PAGES

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


EXPLANATIONS = _merge("explanation pages", BERT_PAGES, TRANSFORMER_PAGES, RNN_PAGES)
LABELS = _merge("labels", COMMON_LABELS, COLUMN_LABELS, BERT_LABELS, ANALYSIS_LABELS, TRANSFORMER_LABELS,
                CHART_LABELS, RNN_LABELS)


def explanation(page: str, lang: str) -> str:
    """The Markdown text of a page in "en" or "ko" (English when the language is missing)."""
    texts = EXPLANATIONS[page]
    return texts.get(lang) or texts["en"]


def label(key: str, lang: str, **fields) -> str:
    """The UI text ``key`` in ``lang`` ("en" or "ko"), its ``{fields}`` filled in."""
    texts = LABELS[key]
    template = texts.get(lang) or texts["en"]
    return template.format(**fields) if fields else template


def column_label(column: str, lang: str) -> str:
    """A table column's header for display: "col.<name>" from the table, "attention to X" by its pattern,
    anything else (a token, a candidate word) unchanged."""
    if f"col.{column}" in LABELS:
        return label(f"col.{column}", lang)
    prefix = "attention to "
    if column.startswith(prefix):
        return label("col.attention_to", lang, name=column[len(prefix):])
    return column


@lru_cache(maxsize=1)
def _chart_patterns() -> list[tuple[str, re.Pattern]]:
    """(key, full-match regex of its English template), longest literal text first, so "All 2 layers × 4 heads
    (each cell averages ...)" meets its own template before the shorter one."""
    patterns = []
    for key in (key for key in LABELS if key.startswith("chart.")):  # any family's chart words
        english = LABELS[key]["en"]
        parts = re.split(r"\{(\w+)\}", english)  # literal, field, literal, ...
        field = r"\S+?" if key.startswith("chart.tick.") else ".+?"  # tick fields are numbers, never phrases
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>{field})" for i, part in enumerate(parts))
        patterns.append((key, re.compile(regex, re.DOTALL)))
    return sorted(patterns, key=lambda item: -len(re.sub(r"\{\w+\}", "", LABELS[item[0]]["en"])))


def localise(text: str, lang: str, tick: bool = False) -> str:
    """A text a chart builder wrote, in ``lang``: the first chart template it matches whole, filled with the
    matched fields; unchanged when none matches (tokens, numbers, names). ``tick``: only the layer/head
    templates are tried (other tick labels are tokens)."""
    if lang == "en" or not text:
        return text
    for key, pattern in _chart_patterns():
        if tick and not key.startswith("chart.tick."):
            continue
        match = pattern.fullmatch(text)
        if match:
            return label(key, lang, **match.groupdict())
    return text
