"""Readable on a projector, on the BERT pages in AppTest: what a class sees. Each failed before the fix."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from tests.support.apptest import decode_plotly_array, page_texts, plotly_specs, run_page

TEXT = "the animal didn't cross the street because it was too tired ."
ENGLISH_HOVER = re.compile(r"\b(token|dim|dimension|value|position|attention|weight|attends|probability|norm)\b")


def sliders(at) -> set[str]:
    return {slider.label for slider in at.slider}


def test_layer_and_head_sliders_only_where_they_apply(dashboard_env):
    assert sliders(run_page("attention", {"text": TEXT, "view": "Model view"})) == set()
    assert sliders(run_page("attention", {"text": TEXT, "view": "Token focus"})) == set()
    assert sliders(run_page("attention", {"text": TEXT, "view": "Rollout"})) == {"Layer"}
    assert sliders(run_page("attention", {"text": TEXT, "view": "Head view"})) == {"Layer"}
    assert sliders(run_page("attention", {"text": TEXT, "view": "One head"})) == {"Layer", "Head"}


def pronoun_position(dashboard_env) -> int:
    from core.bert.pipeline import load_pipeline

    return load_pipeline(dashboard_env["default"]).encode(TEXT).tokens.index("it")


def test_head_view_opens_on_the_pronouns_lines(dashboard_env):
    it = pronoun_position(dashboard_env)
    at = run_page("attention", {"text": TEXT, "view": "Head view"})
    box = next(box for box in at.selectbox if box.label == "Lines of one token")
    assert box.value == it and box.format_func(box.value) == f"{it}: it"
    lines = [trace for trace in plotly_specs(at)[0]["data"] if trace.get("mode") == "lines"
             and len(trace.get("x") or []) > 1]
    assert lines and {int(y) for trace in lines for y in decode_plotly_array(trace["y"])[0::3]} == {-it}


def test_token_focus_title_uses_the_pickers_numbering_with_specials_hidden(dashboard_env):
    it = pronoun_position(dashboard_env)
    at = run_page("attention", {"text": TEXT, "view": "Token focus", "hide_special": "true", "token": str(it)})
    title = plotly_specs(at)[0]["layout"]["title"]["text"]
    assert f"(position {it})" in title, title  # the picker says "{it}: it"; [CLS] hidden must not shift it


def test_attention_charts_follow_the_data_unless_fixed(dashboard_env):
    rollout = plotly_specs(run_page("attention", {"text": TEXT, "view": "Rollout", "layer": "3"}))[0]["data"][0]
    z = decode_plotly_array(rollout["z"])
    assert rollout["zmax"] == pytest.approx(float(z.max())) and rollout["zmax"] < 1.0
    fixed = plotly_specs(run_page("attention", {"text": TEXT, "view": "Rollout", "layer": "3",
                                                "fixed_scale": "true"}))[0]["data"][0]
    assert (fixed["zmin"], fixed["zmax"]) == (0.0, 1.0)


@pytest.mark.parametrize("page", ["embeddings", "attention", "positional_encoding", "masked_lm"])
def test_tick_labels_are_at_least_14_px(dashboard_env, page):
    for spec in plotly_specs(run_page(page, {"text": "the cat sat on the [MASK] because it was tired ."})):
        assert spec["layout"]["font"]["size"] >= 14
        for name, axis in spec["layout"].items():
            if re.fullmatch(r"[xy]axis\d*", name):
                assert axis["tickfont"]["size"] >= 14, (spec["layout"].get("title"), name)


def test_korean_text_in_a_bert_page_says_which_words_became_unk(dashboard_env):
    at = run_page("attention", {"text": "그 동물은 tired 😀", "view": "Model view"})
    warnings = page_texts(at, "warning")
    assert any("[UNK]" in text and "` 그 `" in text and "` 동물은 `" in text and "` 😀 `" in text
               for text in warnings), warnings
    split = run_page("embeddings", {"text": "the animal was unbelievably tired ."})
    assert any("unbelievably" in text and "##" in text for text in page_texts(split, "info"))
    plain = run_page("embeddings", {"text": TEXT})
    assert not any("[UNK]" in text for text in page_texts(plain, "warning"))


def test_script_words_in_the_notice_stay_plain_text(dashboard_env):
    at = run_page("embeddings", {"text": "<script>alert(1)</script> 😀 `x`"})
    assert not at.exception
    notices = page_texts(at, "warning") + page_texts(at, "info")
    assert notices and all("<script>" not in text or "`" in text for text in notices)


def test_tiny_bert_masked_lm_page_says_what_it_knows(dashboard_env):
    if dashboard_env["default"] != "tiny-bert":
        pytest.skip("the shipped tiny-bert is not in this checkout")
    from core.data.stories import generate_stories
    from dashboard.views.bert import DOMAIN_EXAMPLES_SEED

    at = run_page("masked_lm", {"text": TEXT})
    notes = [text for text in page_texts(at, "info") if "generated short stories" in text]
    assert len(notes) == 1
    assert generate_stories(1, seed=DOMAIN_EXAMPLES_SEED)[0][0] in notes[0]


def test_a_model_without_a_training_record_gets_no_domain_note(dashboard_env, tiny_pretraining_folder, monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    at = run_page("masked_lm", {"text": TEXT, "model": str(tiny_pretraining_folder)})
    assert not any("generated short stories" in text for text in page_texts(at, "info"))


def test_positional_page_marks_untrained_positions_of_tiny_bert(dashboard_env):
    if dashboard_env["default"] != "tiny-bert":
        pytest.skip("the shipped tiny-bert is not in this checkout")
    from core.bert.pipeline import load_pipeline
    from dashboard.views.bert import position_reach

    reach = position_reach(load_pipeline("tiny-bert"), "tiny-bert").reach  # tests/dashboard/test_lecture_claims
    at = run_page("positional_encoding", {"positions": "200"})
    assert any(f"positions {reach}–511 were never trained" in text and "cut at 128" in text
               for text in page_texts(at, "info"))
    learned = next(s for s in plotly_specs(at) if "learned position embeddings" in s["layout"]["title"]["text"])
    assert [shape["y0"] for shape in learned["layout"]["shapes"]] == [reach - 0.5]
    z = decode_plotly_array(learned["data"][0]["z"])
    assert learned["data"][0]["zmax"] < np.abs(z).max()  # robust range, not the outlier's


def test_korean_hovers_and_curve_legends(dashboard_env):
    import pyarrow as pa

    for page, query in (("attention", {"view": "One head"}), ("attention", {"view": "Token focus"}),
                        ("embeddings", {}), ("positional_encoding", {}), ("masked_lm", {})):
        at = run_page(page, {"text": TEXT, "lang": "ko", **query})
        for spec in plotly_specs(at):
            for trace in spec["data"]:
                hover = re.sub(r"%\{[^}]*\}", "", trace.get("hovertemplate", ""))
                assert not ENGLISH_HOVER.search(hover), (page, hover)
    at = run_page("positional_encoding", {"lang": "ko", "positions": "16"})
    for chart in at.get("arrow_vega_lite_chart"):
        values = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()["dimension"].unique()
        assert all(value.startswith("차원 ") for value in values), values
        spec = json.loads(chart.proto.spec)
        assert "dimension" not in json.dumps(spec.get("encoding", spec.get("layer", [{}])[0].get("encoding")))


def test_tables_show_four_significant_digits(dashboard_env):
    at = run_page("masked_lm", {"text": "the cat sat on the [MASK] ."})
    config = json.loads(at.dataframe[0].proto.columns)
    assert config["probability"]["type_config"]["format"] == "%.4g", config
