"""Korean mode (lang=ko) translates the whole page: every page, in the states that show its other texts,
is run in AppTest and every label it shows is checked against the language table.

A text fails when it equals an English label whose Korean differs, or contains a literal piece of one
(the words around its ``{fields}``); titles, headers, widget, tab, expander and metric labels, table column
headers and chart/axis titles must also contain Hangul, unless they are data (a model's name) or notation.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dashboard.i18n import ENGLISH, LABELS, LANGUAGES, label
from dashboard.registry import available_models, available_translators
from tests.support.apptest import page_texts, plotly_specs, run_page
from tests.support.builders import tiny_translator_folder

HANGUL = re.compile(r"[\uac00-\ud7a3]")
WORD = re.compile(r"[A-Za-z]{3,}")  # a label with no such word is notation ("PC1", "q·k", "K"), not English
WIDGETS = ("selectbox", "multiselect", "slider", "select_slider", "radio", "toggle", "text_input", "checkbox",
           "number_input", "text_area", "button")
MESSAGES = ("info", "warning", "error", "success")
TEXT = "the animal didn't cross the street because it was too tired ."
# (page, extra query): the states that between them draw every text of every page.
CASES = [
    ("home", {}),
    ("embeddings", {}),
    ("embeddings", {"text": "   "}),
    *[("attention", {"view": view}) for view in ("Model view", "One head", "Head view", "Token focus", "Rollout")],
    ("attention", {"view": "Token focus", "hide_special": "true", "token": "0"}),
    ("attention_arithmetic", {}),
    ("positional_encoding", {}),
    ("masked_lm", {}),
    ("masked_lm", {"text_b": "it wanted to sleep .", "mask": ""}),
    ("translation", {}),
    ("translation", {"source": "😀 안녕"}),
    ("beam_search", {}),
    ("coreference", {}),
    ("coreference", {"candidates": "animal"}),
    ("compare", {}),
    ("flow", {}),
    ("word_embeddings", {}),
    ("word_embeddings", {"a": "xyzzy", "word": "Queen", "context_word": "it"}),
    ("rnn_lstm", {}),
    ("rnn_lstm", {"source": "   "}),
    ("seq2seq_attention", {}),
    ("seq2seq_attention", {"source": "😀 안녕", "reference": "je suis"}),
    ("gpt_next_word", {}),  # with a GPT offered: tests/pages/test_gpt_pages.py
    ("gpt_vs_bert", {}),
    ("fine_tuning", {}),  # with a run made: tests/pages/test_fine_tuning_page.py
]
PAGES_DIR = Path(__file__).resolve().parents[2] / "pages"


@pytest.fixture(scope="module")
def translator_folder(tmp_path_factory) -> Path:
    return tiny_translator_folder(tmp_path_factory.mktemp("translator") / "tiny-translator-random")


@pytest.fixture
def models(monkeypatch, tiny_pretraining_folder, translator_folder) -> dict[str, str]:
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", str(translator_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return {"model": str(tiny_pretraining_folder), "translator": str(translator_folder)}


def english_pieces() -> tuple[set[str], list[str]]:
    """English labels whose Korean differs: whole texts (for equality) and their literal pieces of two or more
    words (for containment), leaving out pieces the Korean text itself keeps (formulas, names)."""
    whole, pieces = set(), []
    for texts in LABELS.values():
        english, korean = texts["en"], texts["ko"]
        if english == korean:
            continue
        if "{" not in english:
            whole.add(english.strip())
        for piece in re.split(r"\{[^}]*\}", english):
            piece = piece.strip(" .,:;()—-")
            if len(piece.split()) >= 2 and len(piece) >= 8 and piece not in korean:
                pieces.append(piece)
    return whole, pieces


def shown_texts(at) -> tuple[list[str], list[str]]:
    """(labels that must be Korean, every other text the page shows) of an AppTest run."""
    labels, others = [], []
    for kind in ("title", "header", "subheader"):
        labels += [element.value for element in getattr(at, kind)]
    for kind in WIDGETS:
        for element in at.get(kind):
            labels.append(element.label)
            if kind == "multiselect":  # shown when nothing is chosen; left unset, the browser shows "Choose options"
                labels.append(element.proto.placeholder or "Choose options")
            others += [element.help or ""] + [str(option) for option in getattr(element, "options", [])]
    labels += [tab.label for tab in at.tabs] + [expander.label for expander in at.expander]
    labels += [metric.label for metric in at.metric]
    others += [metric.help or "" for metric in at.metric]
    for frame in at.dataframe:
        labels += [str(column) for column in frame.value.columns]
    for kind in ("caption", "markdown"):
        others += [element.value for element in getattr(at, kind)]
    for kind in MESSAGES:
        others += page_texts(at, kind)
    chart_titles, chart_texts = figure_texts(at)
    return labels + chart_titles, others + chart_texts


def english_chart_templates(tick: bool) -> list[re.Pattern]:
    """Full-match patterns of the English chart templates whose Korean differs (``tick``: only "chart.tick."
    ones, the only words a tick label, legend or subplot title may hold besides data). A field matches any
    text (no space in a tick template's field: "layer {n}" is not "layer 1 hidden state")."""
    patterns = []
    for key, texts in LABELS.items():
        if not key.startswith("chart.tick." if tick else "chart.") or texts["en"] == texts["ko"]:
            continue
        parts = re.split(r"\{(\w+)\}", texts["en"])  # literal, field, literal, ...
        field = r"\S+?" if key.startswith("chart.tick.") else ".+?"
        patterns.append(re.compile("".join(re.escape(part) if i % 2 == 0 else field for i, part in enumerate(parts)),
                                   re.DOTALL))
    return patterns


def chart_english(at) -> list[str]:
    """Chart texts written in English: a text that matches an English chart template whole."""
    titles, others = figure_texts(at)
    every, ticks = english_chart_templates(tick=False), english_chart_templates(tick=True)
    return ([f"chart text: {text!r}" for text in titles if any(p.fullmatch(text) for p in every)]
            + [f"chart text: {text!r}" for text in others if any(p.fullmatch(text) for p in ticks)])


def figure_texts(at) -> tuple[list[str], list[str]]:
    """The words of every Plotly and Altair chart: (chart, axis and colour-bar titles, which must be Korean;
    subplot titles, legend names and tick labels, which may be data: tokens, candidate words, numbers)."""
    titles, others = [], []

    def bar_or_axis(part: dict) -> None:
        titles.append(part.get("title", {}).get("text", ""))
        others.extend(map(str, part.get("ticktext", [])))

    for spec in plotly_specs(at):
        layout = spec["layout"]
        titles.append(layout.get("title", {}).get("text", ""))
        for name, part in layout.items():
            if re.fullmatch(r"[xy]axis\d*|coloraxis\d*", name):
                bar_or_axis(part.get("colorbar", part))
        others.extend(note.get("text", "") for note in layout.get("annotations", []))
        for trace in spec["data"]:
            if trace.get("showlegend", True):
                others.append(trace.get("name", ""))
            others.extend(value for side in ("x", "y") if isinstance(trace.get(side), list)
                          for value in trace[side] if isinstance(value, str))
            bar_or_axis(trace.get("colorbar", {}))
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        title = spec.get("title", "")
        titles.append(title if isinstance(title, str) else title.get("text", ""))
        titles.extend(channel.get("title", "") for channel in spec.get("encoding", {}).values()
                      if isinstance(channel, dict))
    return [text for text in titles if text], [text for text in others if text]


# Pages whose chart hovers are checked line by line; the BERT pages' hovers are checked
# in tests/dashboard/test_bert_projector.py.
HOVER_PAGES = {"translation", "beam_search", "rnn_lstm", "seq2seq_attention", "compare"}
PLACEHOLDER = re.compile(r"%\{[^}]*\}|<[^>]*>|&\w+;")


def hover_english(at) -> list[str]:
    """Hover lines of a Korean page that still hold an English word and no Hangul: a line's words are read
    with its Plotly placeholders (%{y}, %{z:.4g}: tokens and numbers at hover time) and HTML tags left out."""
    problems = []
    for spec in plotly_specs(at):
        for trace in spec["data"]:
            templates = trace.get("hovertemplate")  # hovertext is data (tokens), not checked for words
            for template in templates if isinstance(templates, list) else [templates]:
                for line in str(template or "").split("<br>"):
                    words = PLACEHOLDER.sub(" ", line)
                    if WORD.search(words) and not HANGUL.search(words):
                        problems.append(f"hover line: {line!r}")
    return sorted(set(problems))


def untranslated(at, data: set[str]) -> list[str]:
    """The texts of a Korean page that are English UI strings (``data``: model names, allowed as they are)."""
    whole, pieces = english_pieces()
    labels, others = shown_texts(at)
    problems = [f"not Korean: {text!r}" for text in labels
                if WORD.search(text) and text not in data and not HANGUL.search(text)
                and not text.endswith((".csv", ".json"))]
    problems += chart_english(at)
    for text in labels + others:
        if text.strip() in whole:
            problems.append(f"English label: {text!r}")
        problems += [f"English piece {piece!r} in {text[:80]!r}" for piece in pieces if piece in text]
    return problems


@pytest.mark.parametrize(("page", "query"), CASES, ids=[f"{p}-{'-'.join(q.values()) or 'default'}" for p, q in CASES])
def test_korean_page_shows_no_english_label(models, page, query):
    at = run_page(page, {"text": TEXT, **models, **query, "lang": "ko"}, timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    offered = set(available_models()) | set(available_translators())  # the operator's names, shown as they are
    assert not untranslated(at, data=set(models.values()) | offered | set(LANGUAGES.values()))
    if page in HOVER_PAGES:
        assert not hover_english(at)


def test_english_mode_shows_the_english_labels(models):
    """The same pages in English keep the labels the other page tests look for."""
    at = run_page("attention", {"text": TEXT, **models, "view": "One head"})
    assert [tab.label for tab in at.tabs] == ["Model view", "One head", "Head view", "Token focus", "Rollout"]
    assert {toggle.label for toggle in at.toggle} == {"Hide [CLS] / [SEP]", "Renormalise rows to sum to 1",
                                                  "Colour scale fixed to [0, 1]", "Presenter mode"}  # the sidebar's
    assert {slider.label for slider in at.slider} == {"Layer", "Head"}
    assert at.query_params["view"] == "One head"


def test_tab_code_survives_a_language_switch(models):
    """The URL keeps the tab's English code (view=One head) in Korean, and the open tab stays open."""
    at = run_page("attention", {"text": TEXT, **models, "view": "One head", "lang": "ko"})
    assert [tab.label for tab in at.tabs][1] == label("attention.tab.One head", "ko")
    assert at.query_params["view"] == "One head" and len(at.get("plotly_chart")) == 1
    at.radio(key="lang_choice").set_value("en").run()
    assert at.query_params["view"] == "One head" and [tab.label for tab in at.tabs][1] == "One head"
    assert not at.exception


def test_every_page_has_a_korean_case():
    """A new page joins the Korean check: this fails until CASES runs it."""
    assert {path.stem for path in PAGES_DIR.glob("*.py")} <= {page for page, _ in CASES}


def test_every_label_has_english_and_korean():
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(value.strip() for value in texts.values()), key
        fields = [set(re.findall(r"\{(\w+)", texts[lang])) for lang in LANGUAGES]
        assert fields[0] == fields[1], f"{key}: the two languages fill different fields {fields}"
        assert HANGUL.search(texts["ko"]), f"{key}: the Korean text has no Hangul (an English copy?)"


def test_the_checker_catches_an_english_label(models, monkeypatch):
    """Proof that the Korean check can fail: with one label's Korean set back to English, the page fails it."""
    monkeypatch.setitem(LABELS, "attention.hide_special", {"en": "Hide [CLS] / [SEP]", "ko": "Hide [CLS] / [SEP]"})
    at = run_page("attention", {"text": TEXT, **models, "lang": "ko"}, timeout=180)
    problems = untranslated(at, data=set(models.values()))
    assert problems == ["not Korean: 'Hide [CLS] / [SEP]'"]


def test_the_checker_catches_a_chart_built_with_english_words(models, monkeypatch):
    """Proof that the chart check can fail: with the page's charts built in English, the Korean page fails it
    on the chart's own words, and on nothing else."""
    from dashboard.widgets import figures

    monkeypatch.setattr(figures, "chart_words", lambda: ENGLISH)
    at = run_page("attention", {"text": TEXT, **models, "lang": "ko", "view": "One head"}, timeout=180)
    problems = untranslated(at, data=set(models.values()))
    chart_words = {"query (row)", "key (column)", "attention"}  # the heatmap's axis and colour-bar titles
    assert {"chart text: 'query (row)'", "chart text: 'key (column)'", "chart text: 'attention'"} <= set(problems)
    assert all(re.findall(r"'([^']*)'", problem)[-1] in chart_words for problem in problems), set(problems)


def test_chart_template_patterns_tell_chart_words_from_tokens():
    every, ticks = english_chart_templates(tick=False), english_chart_templates(tick=True)
    assert any(p.fullmatch("All 2 layers × 4 heads") for p in every)
    assert any(p.fullmatch("attention") for p in every)  # a colour-bar title
    assert not any(p.fullmatch("attention") for p in ticks)  # a token on an axis is data
    assert any(p.fullmatch("layer 3 hidden state") for p in ticks)
    assert not any(p.fullmatch("<script>") for p in ticks)
