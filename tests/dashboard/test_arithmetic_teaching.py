"""Attention arithmetic as taught: the vectors shown, one numbering of steps 1-5 in charts and text, token labels
on every panel, no doubled sign; the page opens on the model's teaching head; one-sided and data-following scales."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from core.analysis.attention_maps import attention_row_steps
from dashboard.charts.arithmetic import arithmetic_chart, context_chart, vectors_chart
from dashboard.charts.positional import position_similarity
from dashboard.charts.predictions import mask_predictions_chart
from dashboard.i18n import explanation, words_in
from dashboard.views import bert as views

TOKENS = ["[CLS]", "the", "cat", "sat", "because", "it", "was", "tired", "[SEP]"]


@pytest.fixture
def row():
    generator = np.random.default_rng(1)
    query, keys, values = (generator.normal(size=shape).astype(np.float32) for shape in ((24,), (9, 24), (9, 24)))
    return query, keys, values, attention_row_steps(query, keys, values)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_steps_are_numbered_one_to_five_in_charts_and_text(row, lang):
    _, _, _, steps = row
    words = words_in(lang)
    fig = arithmetic_chart(steps, TOKENS, steps.probs, words)
    titles = [annotation.text for annotation in fig.layout.annotations]
    assert [title[:2] for title in titles] == ["1.", "2.", "3.", "4."]
    assert context_chart(steps.context, steps.context, words).layout.title.text.startswith("5.")
    assert not any(re.search(r"÷[^=]*=\s*÷", title) for title in titles)  # no "÷ √d_k = ÷ 4.899"
    assert f"{np.sqrt(24):.3f}" in titles[1]
    numbered = re.findall(r"^(\d)\. ", explanation("attention_arithmetic", lang), flags=re.M)
    assert numbered == ["1", "2", "3", "4", "5"]


def test_every_panel_names_its_keys(row):
    _, _, _, steps = row
    fig = arithmetic_chart(steps, TOKENS, steps.probs)
    axes = [fig.layout[name] for name in fig.layout if name.startswith("xaxis")]
    assert len(axes) == 4 and all(axis.showticklabels for axis in axes)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert len(bars) == 4 and all(len(trace.x) == len(TOKENS) for trace in bars)


def test_vectors_chart_shows_q_k_v_themselves(row):
    query, keys, values, _ = row
    fig = vectors_chart(query, keys, values, TOKENS, 5)
    q, k, v = fig.data
    np.testing.assert_array_equal(np.asarray(q.z)[0], query)
    np.testing.assert_array_equal(np.asarray(k.z), keys)
    np.testing.assert_array_equal(np.asarray(v.z), values)
    assert list(k.y) == list(v.y) and len(k.y) == len(TOKENS) and "it" in q.y[0]
    assert q.zmin == -q.zmax == k.zmin and k.zmax == v.zmax  # one colour scale for all three


def test_teaching_head_is_the_recorded_coreference_head():
    record = json.loads((Path(__file__).resolve().parents[2] / "models" / "tiny-bert" / "training.json").read_text())
    best = record["coreference_heldout"]["best_head_chosen_on_training_half"]
    expected = (best["layer"] - best["index_base"], best["head"] - best["index_base"])
    assert views.teaching_head("tiny-bert", 6, 8) == expected == (4, 7)  # L5 H8 on screen
    assert views.teaching_head("tiny-bert", 4, 8) is None  # outside a smaller model
    assert views.teaching_head("no-such-model", 6, 8) is None


def test_arithmetic_page_opens_on_the_teaching_head_with_it(dashboard_env):
    from tests.support.apptest import run_page

    if dashboard_env["default"] != "tiny-bert":
        pytest.skip("the dashboard's default is not tiny-bert")
    record = json.loads((Path(__file__).resolve().parents[2] / "models" / "tiny-bert" / "training.json").read_text())
    best = record["coreference_heldout"]["best_head_chosen_on_training_half"]
    on_screen = {"Layer": best["layer"] + 1, "Head": best["head"] + 1}  # the sliders count from 1 (L5 H8)
    at = run_page("attention_arithmetic")
    assert not at.exception
    assert {slider.label: slider.value for slider in at.slider} == on_screen
    box = next(box for box in at.selectbox if box.label == "Query token")
    assert box.format_func(box.value).endswith(": it")
    head = run_page("attention", {"view": "One head"})
    assert {slider.label: slider.value for slider in head.slider} == on_screen


def test_sinusoid_dot_products_get_a_one_sided_scale_learned_ones_a_diverging_one():
    sinusoid = views.sinusoid_table(64, 32)
    fig = position_similarity(sinusoid, "s")
    assert (sinusoid @ sinusoid.T).min() > 0 and fig.data[0].zmin == 0
    assert fig.data[0].colorscale[-1][1] != fig.data[0].colorscale[0][1]
    signed = np.random.default_rng(0).normal(size=(16, 8)).astype(np.float32)
    other = position_similarity(signed, "l")
    assert other.data[0].zmin == -other.data[0].zmax


def test_several_masks_get_a_data_following_probability_axis():
    predictions = [("[MASK] 1", ["a", "b"], [0.9998, 0.0001]), ("[MASK] 2", ["c", "d", "e"], [0.08, 0.05, 0.01])]
    fig = mask_predictions_chart(predictions)
    assert fig.layout.xaxis.range[1] == 1.0  # the sure mask: up to 1
    assert fig.layout.xaxis2.range[1] == pytest.approx(1.15 * 0.08)  # the unsure one is not squeezed against 0
    tiny = mask_predictions_chart([("[MASK] 1", ["a"], [0.001])])
    assert tiny.layout.xaxis.range[1] == 0.05
