"""AppTest for the translation, beam-search, coreference and compare pages: no exception, what each
page draws equals what core computes, and the bad inputs of the first dashboard issue.

Models: the tiny random BERT of conftest (``tiny_pretraining_folder``) and a tiny random translator
saved on the spot, both offered to the app through DASHBOARD_MODELS / DASHBOARD_TRANSLATORS.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from core.analysis.coreference import rank_heads, score_heads
from core.bert.pipeline import load_pipeline
from core.transformer.translator import load_translator, trace_translation, translate
from dashboard.charts.common import token_labels
from dashboard.registry import available_models
from dashboard.views.beam import beam_examples, significant
from tests.support.apptest import decode_plotly_array as array
from tests.support.apptest import figure_by_key as figure
from tests.support.apptest import on_dashboard_worker, page_texts, run_page
from tests.support.builders import tiny_translator_folder
from tests.support.figures import node_traces
from tests.support.tolerances import DECISION_MARGIN, greedy_margin

SOURCE = "I am a student"
BAD_INPUTS = {"empty": "", "whitespace": "   \t ", "3000 words": " ".join(["the cat"] * 1500),
              "emoji": "😀 🐱 🚀", "korean": "나는 학생이다", "script": "<script>alert(1)</script>"}


@pytest.fixture(scope="module")
def translator_folder(tmp_path_factory) -> Path:
    return tiny_translator_folder(tmp_path_factory.mktemp("translator") / "tiny-translator-random")


@pytest.fixture
def models(monkeypatch, tiny_pretraining_folder, translator_folder):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", str(translator_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tiny_pretraining_folder, translator_folder


def open_page(page: str, translator: Path | None = None, **query) -> AppTest:
    """Run a page; ``translator`` picks the test's translator over a shipped one (the first offered)."""
    if translator is not None:
        query["translator"] = translator
    at = run_page(page, {name: str(value) for name, value in query.items()}, timeout=180)
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    return " ".join(text for kind in ("warning", "info", "error", "success") for text in page_texts(at, kind))


# ---------------------------------------------------------------------------------------------
# Translation
# ---------------------------------------------------------------------------------------------

def test_translation_page_draws_the_trace_of_the_best_translation(models):
    _, folder = models
    at = open_page("translation", folder, source=SOURCE, layer=2, head=3, step=2, enc_layer=1, enc_head=4)
    translator = load_translator(str(folder))
    best = on_dashboard_worker(translate, translator, SOURCE, beam=4, length_penalty=0.6).candidates[0]
    trace = on_dashboard_worker(trace_translation, translator, SOURCE, best)  # bit for bit: the page's thread
    decoder = figure(at, "decoder_self_attention")
    weights, masked = (array(t["z"]) for t in decoder["data"])
    expected = trace.decoder_self_attentions[1][0, 2].numpy()  # layer 2, head 3
    keep = np.tril(np.ones_like(expected, dtype=bool))
    assert np.array_equal(weights[keep], expected[keep]) and np.isnan(weights[~keep]).all()
    assert np.array_equal(~np.isnan(masked), ~keep)  # the mask drawn as its own layer, not as zeros
    cross = array(figure(at, "cross_attention")["data"][0]["z"])
    assert np.array_equal(cross, trace.cross_attentions[1][0, 2].numpy())
    step = figure(at, "translation_step")
    assert np.array_equal(array(step["data"][1]["y"]), trace.cross_attentions[1][0, 2, 1].numpy())  # step 2 = row 1
    # the encoder has pickers of its own: layer 1, head 4 here, while the decoder shows layer 2, head 3
    encoder = figure(at, "encoder_self_attention")
    assert np.array_equal(array(encoder["data"][0]["z"]), trace.encoder_attentions[0][0, 3].numpy())
    grid = figure(at, "encoder_heads")
    panels = [t for t in grid["data"] if t["type"] == "heatmap"]
    assert [array(p["z"]).tolist() for p in panels] == [h.tolist() for h in trace.encoder_attentions[0][0].numpy()]
    assert all(axis["showticklabels"] for name, axis in grid["layout"].items() if name.startswith("xaxis"))
    assert grid["layout"]["yaxis"]["showticklabels"]  # each row of panels labelled on its left
    assert list(panels[0]["y"]) == token_labels(trace.source_tokens[0])  # the grid is labelled
    probabilities = torch.softmax(trace.logits[0, 1].float(), dim=-1).numpy()  # step 2's next-word distribution
    bars = figure(at, "next_word")["data"][0]
    assert np.allclose(array(bars["x"]), np.sort(probabilities)[::-1][:len(array(bars["x"]))])


def test_shipped_translator_is_offered_first_and_translates_the_seed_example(models):
    from core.transformer.translator import translator_model_names

    if "tiny-translator" not in translator_model_names():
        pytest.skip("models/tiny-translator is not shipped in this checkout yet")
    at = open_page("translation", source=SOURCE)
    assert at.sidebar.selectbox(key="translator_choice").value == "tiny-translator"
    assert any("je suis étudiant" in m.value for m in at.markdown)


SHIPPED = {"tiny-translator": "Transformer — tiny-translator",
           "tiny-seq2seq": "Seq2seq LSTM, no attention — tiny-seq2seq",
           "tiny-seq2seq-attention": "Seq2seq LSTM + attention — tiny-seq2seq-attention"}


def shipped_translators() -> list[str]:
    from core.transformer.translator import translator_model_names

    missing = set(SHIPPED) - set(translator_model_names())
    if missing:
        pytest.skip(f"not shipped in this checkout yet: {sorted(missing)}")
    return list(SHIPPED)


def test_beam_page_offers_the_three_translators_by_architecture_and_translation_only_the_transformer(models):
    shipped_translators()
    beam = open_page("beam_search", source=SOURCE).sidebar.selectbox(key="translator_choice")
    assert [beam.format_func(name) for name in SHIPPED] == list(SHIPPED.values())
    assert set(SHIPPED) <= set(beam.options) or set(SHIPPED.values()) <= set(beam.options)
    translation = open_page("translation", source=SOURCE).sidebar.selectbox(key="translator_choice")
    assert "tiny-translator" in translation.options or SHIPPED["tiny-translator"] in translation.options
    assert not any("seq2seq" in option for option in translation.options)


def test_moving_the_step_slider_moves_the_highlighted_row(models):
    at = open_page("translation", source=SOURCE)
    at.slider(key="step").set_value(3).run()
    assert not at.exception
    shape = figure(at, "cross_attention")["layout"]["shapes"][0]
    assert (shape["y0"], shape["y1"]) == (1.5, 2.5)


# ---------------------------------------------------------------------------------------------
# Beam search
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("beam, max_length, alpha", [(3, 8, 0.6), (5, 20, 1.0)])
def test_beam_page_draws_the_tree_core_returns(models, beam, max_length, alpha):
    _, folder = models
    at = open_page("beam_search", folder, source=SOURCE, beam=beam, max_length=max_length, alpha=alpha,
                   show_pruned="true")
    result = on_dashboard_worker(translate, load_translator(str(folder)), SOURCE, beam=beam, max_length=max_length,
                                 length_penalty=alpha)  # the page's thread: scores compared bit for bit
    drawn = node_traces(figure(at, "beam_tree"))
    rows = sorted((int(r[0]), int(r[1]), float(r[3]), float(r[4])) for fate in drawn for r in drawn[fate])
    assert rows == sorted((n.id, n.step, n.cumulative, n.score) for n in result.search.tree.nodes)
    fates = {int(r[0]): fate for fate in drawn for r in drawn[fate]}
    assert fates == {n.id: n.fate for n in result.search.tree.nodes}
    table = next(d.value for d in at.dataframe if "beam #1" in d.value.iloc[:, 0].tolist())
    assert table.iloc[:len(result.candidates), 2].tolist() == [significant(c.score) for c in result.candidates]


def test_width_one_with_the_shipped_translator_draws_exactly_the_greedy_path(models):
    shipped_translators()
    at = open_page("beam_search", "tiny-translator", source=SOURCE, beam=1, max_length=20)
    translator = load_translator("tiny-translator")
    greedy = translate(translator, SOURCE, max_length=20, greedy=True).candidates[0]
    source_ids = translator.encode_source(SOURCE)[1]
    assert greedy_margin(translator.model, source_ids, greedy.hypothesis.token_ids) > DECISION_MARGIN  # no near-tie
    drawn = node_traces(figure(at, "beam_tree"))
    survivors = sorted((int(r[1]), int(r[0])) for fate in ("root", "kept", "finished") for r in drawn.get(fate, []))
    assert [step for step, _ in survivors] == list(range(len(greedy.hypothesis.token_ids) + 1))  # one node a step


def test_width_one_draws_exactly_the_greedy_path(models):
    _, folder = models
    at = open_page("beam_search", folder, source=SOURCE, beam=1, max_length=12, show_pruned="false")
    translator = load_translator(str(folder))
    greedy = translate(translator, SOURCE, max_length=12, greedy=True).candidates[0]
    source_ids = translator.encode_source(SOURCE)[1]
    assert greedy_margin(translator.model, source_ids, greedy.hypothesis.token_ids) > DECISION_MARGIN  # no near-tie
    fig = figure(at, "beam_tree")
    drawn = node_traces(fig)
    assert "pruned" not in drawn
    nodes = sorted((int(r[1]), int(r[0])) for fate in drawn for r in drawn[fate])  # (step, id)
    assert [step for step, _ in nodes] == list(range(len(greedy.hypothesis.token_ids) + 1))
    band = next(t for t in fig["data"] if t.get("name") == "greedy path")
    assert len([x for x in band["x"] if x is not None]) == 2 * len(greedy.hypothesis.token_ids)


def test_step_slider_shows_the_search_so_far_and_a_chosen_path_is_highlighted(models):
    _, folder = models
    at = open_page("beam_search", folder, source=SOURCE, beam=3, max_length=8)
    at.slider(key="tree_step").set_value(2).run()
    drawn = node_traces(figure(at, "beam_tree"))
    assert max(int(r[1]) for rows in drawn.values() for r in rows) == 2
    at.selectbox(key="highlight").select_index(0).run()  # the best hypothesis alive at step 2
    assert not at.exception
    band = next(t for t in figure(at, "beam_tree")["data"] if t.get("name") == "chosen path")
    assert len([x for x in band["x"] if x is not None]) == 4  # root -> step 1 -> step 2: two edges


def test_pruned_hypotheses_start_hidden_at_large_widths(models):
    _, folder = models
    wide = node_traces(figure(open_page("beam_search", folder, source=SOURCE, beam=6, max_length=8), "beam_tree"))
    narrow = node_traces(figure(open_page("beam_search", folder, source=SOURCE, beam=3, max_length=8), "beam_tree"))
    assert "pruned" not in wide and "pruned" in narrow


def test_beam_page_offers_held_out_examples_where_beam_beats_greedy(models):
    shipped_translators()
    at = open_page("beam_search", "tiny-seq2seq", source=SOURCE)
    found = beam_examples("tiny-seq2seq")
    assert found["wins"], "the shipped file lists beam wins for tiny-seq2seq"
    at.selectbox(key="example").select_index(0).run()
    assert not at.exception
    win = found["wins"][0]
    assert at.sidebar.text_input(key="source").value == win["source"]
    assert f"Held-out reference: **{win['reference']}**. Beam (K = {found['beam']}) finds it" in texts(at)
    none = open_page("beam_search", "tiny-translator", source=SOURCE)
    assert "no held-out sentence where beam search is right and greedy wrong" in texts(none)


def test_choosing_a_finished_hypothesis_shows_its_recorded_cross_attention(models):
    _, folder = models
    at = open_page("beam_search", folder, source=SOURCE, beam=3, max_length=8, hypothesis=2, layer=1, head=2)
    result = on_dashboard_worker(translate, load_translator(str(folder)), SOURCE, beam=3, max_length=8,
                                 record_attention=True)
    expected = result.candidates[1].hypothesis.cross_attentions()[0][1].numpy()  # layer 1, head 2: (T, S)
    assert np.array_equal(array(figure(at, "beam_cross_attention")["data"][0]["z"]), expected)


# ---------------------------------------------------------------------------------------------
# Coreference and compare
# ---------------------------------------------------------------------------------------------

def test_coreference_page_ranks_heads_and_scores_the_built_in_set(models):
    at = open_page("coreference")
    pipeline = load_pipeline(available_models()[0])  # the default model: shipped tiny-bert, else the test's
    trace, encoded = pipeline.trace("The animal didn't cross the street because it was too tired.", record_all=False)
    it, animal, street = (encoded.tokens.index(word) for word in ("it", "animal", "street"))
    ranking = rank_heads(trace, [it], {"animal": [animal], "street": [street]})
    candidates = figure(at, "coreference_candidates")
    assert np.array_equal(array(candidates["data"][0]["z"]), ranking.attention[:, :, 0])
    assert np.array_equal(array(candidates["data"][1]["z"]), ranking.attention[:, :, 1])
    scores = score_heads(pipeline)
    assert np.array_equal(array(figure(at, "coreference_accuracy")["data"][0]["z"]),
                          scores.accuracy.astype(np.float32))
    assert any("evidence, not proof" in str(i.value) for i in at.info)
    # The best-heads table is the one with an accuracy column (the page's other tables: the lexicon, the ranking).
    heads = next(frame.value for frame in at.dataframe if "accuracy" in frame.value.columns)
    assert len(heads) == 10
    assert heads["accuracy"].tolist() == [s.accuracy for s in scores.head_scores()][:len(heads)]


def test_compare_page_shows_both_models_and_parity_within_tolerance(models):
    at = open_page("compare", layer=2, head=4)
    offered = available_models()  # left: the default model; right: the next one offered (itself when alone)
    heads = figure(at, "compare_heads")["data"]  # one figure, a panel per model: left first
    for index, name in enumerate((offered[0], offered[min(1, len(offered) - 1)])):
        trace, _ = load_pipeline(name).trace("The animal didn't cross the street because it was too tired.",
                                             record_all=False)
        assert np.array_equal(array(heads[index]["z"]), trace.attentions[1][0, 3].numpy())
    assert at.success and "Within tolerance" in at.success[0].value
    assert figure(at, "parity")["data"][0]["marker"]["color"]


# ---------------------------------------------------------------------------------------------
# Bad input on every page of part two
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(BAD_INPUTS))
@pytest.mark.parametrize("page", ["translation", "beam_search"])
def test_translation_pages_explain_bad_input(models, page, kind):
    at = open_page(page, models[1], source=BAD_INPUTS[kind])
    message = texts(at)
    expected = {"empty": "Type an English source sentence", "whitespace": "Type an English source sentence",
                "3000 words": "reads at most", "emoji": "English words", "korean": "English words",
                "script": "unknown word(s) 'alert', 'script'"}[kind]
    assert expected in message
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
@pytest.mark.parametrize("page", ["coreference", "compare"])
def test_bert_pages_survive_bad_input(models, page, kind):
    at = open_page(page, text=BAD_INPUTS[kind])
    if kind in ("empty", "whitespace"):
        assert "Type a sentence in the sidebar" in texts(at)
    if kind == "3000 words":
        assert "reads" in texts(at)  # the truncation notice
    if kind == "script" and page == "coreference":
        assert "<script>alert(1)</script>" not in json.dumps([json.loads(c.proto.spec) for c in at.get("plotly_chart")])


def test_pieces_that_are_not_english_words_are_named_not_dropped_silently(models):
    at = open_page("translation", models[1], source="😀 the cat 🚀")
    assert "left out of the translation: 😀 🚀" in texts(at)
    assert at.get("plotly_chart")
