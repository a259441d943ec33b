"""The Translation page's pronoun section ("translation needs coreference too"): which French pronoun was written,
which of the sentence's nouns it agrees with, the twin sentence, and the cross-attention row of the step that wrote
the pronoun, read from the same trace the page's other charts show."""

from __future__ import annotations

import numpy as np
import pytest

from core.transformer.translator import load_translator, trace_translation, translate
from dashboard.charts.pronoun import CANDIDATE_MARK, pronoun_attention_figure
from dashboard.views import pronoun as pv
from dashboard.views.translation import LECTURE_PRESETS, translation_view
from tests.support.apptest import decode_plotly_array, figure_by_key, page_texts, run_page
from tests.support.builders import tiny_translator_folder

TIRED, WIDE = LECTURE_PRESETS["tired"], LECTURE_PRESETS["wide"]


def test_the_pronoun_row_is_the_one_after_parce_qu_else_the_first_subject_pronoun():
    lecture = "l' animal n' a pas traversé la rue parce qu' il était trop fatigué . </s>".split()
    assert pv.pronoun_row(lecture) == lecture.index("il")
    two = "elle a vu le chat parce qu' il était petit </s>".split()
    assert pv.pronoun_row(two) == two.index("il")  # the causal clause's, not the first
    assert pv.pronoun_row("elle dort </s>".split()) == 0
    assert pv.pronoun_row("le chat dort </s>".split()) is None


def test_the_candidates_are_the_source_nouns_with_their_french_gender_and_number():
    candidates = pv.noun_candidates("the animal didn't cross the street because it was too tired </s>".split())
    assert [(c.position, c.english, c.french, c.pronoun) for c in candidates] == [
        (1, "animal", "animal", "il"), (5, "street", "rue", "elle")]
    plural = pv.noun_candidates("the cats ate the fish".split())
    assert plural[0].plural and plural[0].pronoun == "ils"


@pytest.mark.parametrize("source, twin", [
    (TIRED, WIDE), (WIDE, TIRED),
    ("The dog didn't cross the road because it was too tired.",
     "The dog didn't cross the road because it was too wide."),
    ("The box didn't fit in the bag because it was too small", "The box didn't fit in the bag because it was too big."),
    ("I am a student", WIDE), ("", WIDE)])
def test_the_twin_changes_the_noun_it_means(source, twin):
    assert pv.twin_sentence(source) == twin


def test_the_mean_weights_and_the_most_attended_words_average_every_head():
    weights = np.zeros((2, 2, 4), dtype=np.float32)  # (L, H, S)
    weights[0, 0] = 0.6, 0.1, 0.2, 0.1
    weights[0, 1] = 0.2, 0.2, 0.5, 0.1
    weights[1, 0] = 0.1, 0.7, 0.1, 0.1
    weights[1, 1] = 0.5, 0.4, 0.0, 0.1
    tokens = "the animal it street".split()
    view = pv.PronounView(tokens, ["il", "</s>"], 0, weights, pv.noun_candidates(tokens))
    np.testing.assert_allclose(pv.mean_weights(view), [0.35, 0.35, 0.2, 0.1], atol=1e-7)
    assert [token for token, _ in pv.most_attended(view)] == ["the", "animal", "it"]  # a tie keeps source order
    assert view.agreeing() == [view.candidates[0]]  # il: the animal, not the street


@pytest.fixture(scope="module")
def world_translator_folder(tmp_path_factory):
    return tiny_translator_folder(tmp_path_factory.mktemp("world") / "tiny-world-translator", data_version=3)


def test_the_pronoun_row_is_the_trace_s_cross_attention_at_that_step(world_translator_folder):
    translator = load_translator(str(world_translator_folder))
    french = "l' animal n' a pas traversé la rue parce qu' il était trop fatigué".split()
    trace = trace_translation(translator, TIRED, french)
    view = pv.pronoun_view(translation_view(trace))
    assert view.pronoun == "il" and view.output_tokens[view.row] == "il"
    witness = np.stack([layer[0, :, view.row].float().numpy() for layer in trace.cross_attentions])  # (L, H, S)
    np.testing.assert_array_equal(view.weights, witness)
    figure = pronoun_attention_figure(view.weights, view.source_tokens, [c.position for c in view.candidates],
                                      "title", best_heads=[(2, 3)])
    heatmap = figure.data[0]
    np.testing.assert_array_equal(np.asarray(heatmap.z), witness.reshape(-1, witness.shape[-1]).T)  # (S, L·H)
    assert [label for label in heatmap.y if label.endswith(CANDIDATE_MARK)] == [f"animal {CANDIDATE_MARK}",
                                                                                  f"street {CANDIDATE_MARK}"]
    assert "L2 H3 ★" in heatmap.x and sum("★" in label for label in heatmap.x) == 1


def test_user_tokens_reach_the_chart_as_text_not_html():
    weights = np.full((1, 1, 2), 0.5, dtype=np.float32)
    figure = pronoun_attention_figure(weights, ["<script>", "</s>"], [], "<b>title</b>")
    assert figure.data[0].y[0] == "&lt;script&gt;" and "<b>" not in figure.layout.title.text


@pytest.fixture
def world_models(monkeypatch, tiny_pretraining_folder, world_translator_folder):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", str(world_translator_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return world_translator_folder


def test_the_page_sets_the_twin_beside_the_sentence_and_draws_each_pronoun_s_row(world_models):
    at = run_page("translation", {"translator": str(world_models), "source": TIRED}, timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="pronoun_twin").value == WIDE
    assert any("Translation needs coreference too" in text for text in page_texts(at, "subheader"))
    assert any("trained before the pronoun test existed" in text for text in page_texts(at, "caption"))
    translator = load_translator(str(world_models))
    for source, key in ((TIRED, "chart_pronoun_attention"), (WIDE, "chart_pronoun_attention_twin")):
        best = translate(translator, source).candidates[0]
        expected = pv.pronoun_row(best.tokens + ["</s>"])
        if expected is None:  # a random model may write no pronoun: the page says so instead of a chart
            assert any("has no il, elle" in text for text in page_texts(at, "info"))
            continue
        trace = trace_translation(translator, source, best.tokens)
        witness = np.stack([layer[0, :, expected].float().numpy() for layer in trace.cross_attentions])
        z = decode_plotly_array(figure_by_key(at, key)["data"][0]["z"])
        np.testing.assert_allclose(z, witness.reshape(-1, witness.shape[-1]).T, rtol=0, atol=1e-7)


@pytest.mark.parametrize("twin", ["", "   ", "<script>alert(1)</script>", "🙂🙂", "고양이가 잤다",
                                  "the zebra didn't cross the street"])
def test_a_bad_twin_gets_a_message_and_the_page_stays_up(world_models, twin):
    at = run_page("translation", {"translator": str(world_models), "source": TIRED}, timeout=180)
    at.text_input(key="pronoun_twin").set_value(twin).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_input(key="pronoun_twin").value == twin  # the user's text is kept, not reset
    shown = " ".join(page_texts(at, "warning") + page_texts(at, "info"))
    assert shown, "a twin the translator cannot read gets a message"
    assert "<script>" not in " ".join(page_texts(at, "markdown"))  # plain text only (st.text), never markdown

