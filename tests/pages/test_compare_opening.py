"""Compare opens on two different models when the server offers two, and says how to add one when it offers one."""

from __future__ import annotations

import pytest

from dashboard.views.compare import opening_pair
from tests.support.apptest import plotly_specs, run_page


def test_opening_pair_is_two_different_models_when_there_are_two():
    assert opening_pair(["a", "b", "c"], "b") == ("b", "a")
    assert opening_pair(["a", "b"], None) == ("a", "b")
    assert opening_pair(["a"], "a") == ("a", "a")


def test_compare_opens_on_two_different_models(dashboard_env, tiny_pretraining_folder, monkeypatch):
    from core.bert.checkpoint import shipped_model_names

    if not shipped_model_names():
        pytest.skip("no shipped model")
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.delenv("DASHBOARD_MODELS_FILE", raising=False)
    at = run_page("compare", timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    left, right = at.selectbox(key="model_left").value, at.selectbox(key="model_right").value
    assert left != right and {left, right} == {shipped_model_names()[0], str(tiny_pretraining_folder)}
    heads = plotly_specs(at)[0]  # both models' heads, as two panels of one figure on one colour scale
    assert [trace["type"] for trace in heads["data"]] == ["heatmap", "heatmap"]
    titles = [note["text"] for note in heads["layout"]["annotations"]]
    assert len(titles) == 2 and titles[0] != titles[1]
    assert not [text for text in (i.value for i in at.info) if "offers one model" in text]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_compare_with_one_model_says_how_to_add_one(dashboard_env, monkeypatch, lang):
    from core.bert.checkpoint import shipped_model_names

    if len(shipped_model_names()) != 1:
        pytest.skip("the shipped models are not exactly one")
    monkeypatch.setenv("DASHBOARD_MODELS", "")
    monkeypatch.delenv("DASHBOARD_MODELS_FILE", raising=False)
    at = run_page("compare", {"lang": lang}, timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    notes = [i.value for i in at.info if shipped_model_names()[0] in i.value]
    assert notes and ("offers one model" in notes[0] if lang == "en" else "하나뿐" in notes[0])
    assert any("make run MODELS=" in expander.children[0].value for expander in at.expander
               if expander.label in ("For the operator: adding a model", "운영자용: 모델 추가하기"))
    assert not [box for box in at.selectbox if box.key in ("model_left", "model_right")]
    assert len([c for c in at.get("plotly_chart") if "compare_" in c.proto.id]) == 1  # one side, not the same twice
