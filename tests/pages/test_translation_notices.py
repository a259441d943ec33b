"""The translation pages fail loudly: the lecture's pair as presets (and, for a translator that cannot read it,
which words it lacks and that the world translator is pending), hypotheses cut by the maximum length, the
length limit following the source, and the calibrated "may be wrong" notice."""

from __future__ import annotations

import json

import pytest

from core.analysis import translation_checks
from core.decoding import decode_length_limit
from core.transformer.translator import load_translator, translate
from dashboard.views.translation import LECTURE_PRESETS
from tests.support.apptest import figure_by_key as figure
from tests.support.apptest import page_texts, run_page
from tests.support.builders import tiny_translator_folder
from tests.support.figures import node_traces

SOURCE = "I am a student"


@pytest.fixture(scope="module")
def translator_folder(tmp_path_factory):
    return tiny_translator_folder(tmp_path_factory.mktemp("translator") / "tiny-translator-random")


@pytest.fixture
def models(monkeypatch, tiny_pretraining_folder, translator_folder):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", str(translator_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return translator_folder


def open_page(page: str, **query):
    at = run_page(page, {name: str(value) for name, value in query.items()}, timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    return at


def messages(at) -> str:
    return " ".join(text for kind in ("warning", "info", "error") for text in page_texts(at, kind))


@pytest.mark.parametrize("page", ["translation", "beam_search"])
def test_the_lecture_presets_name_the_unknown_words_and_the_pending_translator(models, page):
    at = open_page(page, translator=models, source=SOURCE)  # a grammar-version-2 translator: no "animal", no "it"
    at.sidebar.button(key="preset_wide").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.text_input(key="source").value == LECTURE_PRESETS["wide"]
    shown = messages(at)
    unknown = sorted({w for w in LECTURE_PRESETS["wide"].lower().rstrip(".").split()
                      if w not in load_translator(str(models)).source_vocab})
    assert unknown and f"unknown word(s) {', '.join(map(repr, unknown))}" in shown  # the witness: the vocabulary
    assert "tiny-translator learned it: choose it in the sidebar" in shown and not page_texts(at, "error")


def test_a_hypothesis_cut_by_the_maximum_length_is_drawn_and_announced_as_cut(models):
    at = open_page("beam_search", translator=models, source=SOURCE, beam=2, max_length=3)
    result = translate(load_translator(str(models)), SOURCE, beam=2, max_length=3)
    assert all(c.hypothesis.cut for c in result.candidates)  # witness: 3 tokens leave no room to end
    traces = node_traces(figure(at, "beam_tree"))
    assert "cut" in traces and "finished" not in traces
    assert "cut by the maximum length (3 tokens)" in messages(at)


def test_the_maximum_length_follows_the_source_by_default(models):
    at = open_page("beam_search", translator=models, source=SOURCE)
    limit = decode_length_limit(len(SOURCE.split()) + 1, load_translator(str(models)).model.config
                                .max_position_embeddings)
    assert limit == 2 * 5 + 10
    assert f"Maximum length {limit} tokens: it follows the source" in " ".join(page_texts(at, "caption"))


def test_a_score_below_the_calibrated_threshold_says_the_translation_may_be_wrong(models, tmp_path, monkeypatch):
    best = translate(load_translator(str(models)), SOURCE).candidates[0]
    file = tmp_path / "confidence.json"
    row = {"model": models.name, "beam": 4, "length_penalty": 0.6, "threshold": best.score + 0.5, "quantile": 0.02,
           "false_alarm_rate": 0.01}
    file.write_text(json.dumps({"models": [row]}))
    monkeypatch.setattr(translation_checks, "CONFIDENCE_FILE", file)
    assert "may be wrong" in messages(open_page("translation", translator=models, source=SOURCE))
    file.write_text(json.dumps({"models": [row | {"threshold": best.score - 0.5}]}))
    assert "may be wrong" not in messages(open_page("translation", translator=models, source=SOURCE))


def test_loops_are_found_and_references_do_not_loop():
    assert translation_checks.repeated_ngram("a b c d a b c d a b c d".split()) == ["a", "b", "c", "d"]
    assert translation_checks.repeated_ngram("a b c d a b c d".split()) is None  # twice is not a loop
    from core.data.translation import make_test_split

    for version in (2, 3):  # no held-out reference of either grammar would be flagged
        assert not any(translation_checks.repeated_ngram(fr.split()) for _, fr in make_test_split(2000, 0, version))
