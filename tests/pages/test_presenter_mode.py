"""AppTest: the presenter toggle (its URL parameter, every chart's text, the toolbar, the sidebar) and the translation
pages' random-sentence button (the grammar's sentence of N words, reproduced by its seed).

Witnesses: the sizes and colours are read back from the figure JSON the browser gets, the colour judged by WCAG 2's
contrast formula; the random sentence by the translator's own vocabulary and the grammar called with the same seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.transformer.translator import load_translator
from dashboard.views import translation as tv
from tests.support.apptest import run_page
from tests.support.builders import tiny_translator_folder
from tests.support.legibility import contrast_ratio, parse_colour

WHITE = (255, 255, 255)


def chart_fonts(at) -> list[tuple[dict, dict]]:
    """(figure, config) of every Plotly chart the run drew."""
    return [(json.loads(chart.proto.spec), json.loads(chart.proto.config or "{}")) for chart in at.get("plotly_chart")]


def test_presenter_mode_from_the_url_styles_every_chart_and_the_toggle_clears_it(dashboard_env):
    at = run_page("embeddings", {"presenter": "true"}, timeout=600)
    assert not at.exception, [e.value for e in at.exception]
    toggle = at.toggle(key="presenter")
    assert toggle.value is True and toggle.label == "Presenter mode"
    charts = chart_fonts(at)
    assert charts
    for spec, config in charts:
        font = spec["layout"]["font"]
        assert font["size"] >= 18 and contrast_ratio(parse_colour(font["color"]), WHITE) >= 7
        for name, axis in spec["layout"].items():
            if name.startswith(("xaxis", "yaxis")):
                assert axis["tickfont"]["size"] >= 18, name
        assert spec["layout"]["legend"]["font"]["size"] >= 16
        assert config["displayModeBar"] is False
    toggle.set_value(False).run()
    assert at.toggle(key="presenter").value is False
    for spec, config in chart_fonts(at):
        font = spec["layout"]["font"]
        assert 14 <= font["size"] < 18 and contrast_ratio(parse_colour(font["color"]), WHITE) >= 4.5
        assert config["displayModeBar"] == "hover"


def test_presenter_toggle_is_labelled_in_korean(dashboard_env):
    at = run_page("home", {"lang": "ko"}, timeout=600)
    assert at.toggle(key="presenter").label == "발표 모드"


@pytest.fixture(scope="module")
def translator_folder(tmp_path_factory) -> Path:
    return tiny_translator_folder(tmp_path_factory.mktemp("translator") / "tiny-translator-random")


def test_random_sentence_button_draws_a_known_sentence_of_n_words_by_seed(monkeypatch, tiny_pretraining_folder,
                                                                           translator_folder):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", str(translator_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    at = run_page("beam_search", {"translator": str(translator_folder), "random_words": "12"}, timeout=600)
    assert not at.exception, [e.value for e in at.exception]
    translator = load_translator(str(translator_folder))
    version = tv.trained_version(translator)
    at.button(key="random_source").click().run()
    assert not at.exception, [e.value for e in at.exception]
    first = at.text_input(key="source").value
    assert at.query_params["random_seed"] in ("1", ["1"])
    assert len(first.split()) == 12
    assert all(word in translator.source_vocab for word in first.split())  # every word known: nothing refused
    assert not [w for w in at.warning if "unknown" in w.value]
    at.button(key="random_source").click().run()
    second = at.text_input(key="source").value
    assert second != first and len(second.split()) == 12
    # A link carries the seed: the same seed and length draw the same sentence again, in a fresh process or not.
    import random

    from core.data.translation import grammar

    assert grammar(version).generate_long_pair(random.Random(2), 12, 12)[0] == second
