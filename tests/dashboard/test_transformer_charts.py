"""Chart builders and views of the translation, beam-search, coreference and compare pages, as figure dicts.

A tiny seeded translator (random weights, the generated grammar's vocabularies; built in conftest) is used.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch

from core.analysis.parity import ParityReport, ParityRow
from core.attention import subsequent_keep_mask
from core.decoding import greedy_decode
from core.transformer.translator import Translator, trace_translation, translate
from dashboard.charts.beam import beam_tree_figure, path_to, tree_layout, visible_nodes
from dashboard.charts.compare import FAIL_COLOUR, PASS_COLOUR, parity_figure
from dashboard.charts.coreference import accuracy_colorscale, accuracy_heatmap, candidate_attention_figure
from dashboard.charts.translation import (
    alignment_heatmap,
    encoder_heatmap,
    head_grid,
    masked_attention_heatmap,
    next_word_figure,
    step_figure,
)
from dashboard.views import beam as beam_views
from dashboard.views import coreference as cv
from dashboard.views import translation as tv
from tests.support.apptest import decode_plotly_array as array
from tests.support.builders import tiny_translator
from tests.support.figures import node_traces

EMPTY = "(empty: </s> first)"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return tiny_translator()


@pytest.fixture(scope="module")
def search(translator):
    return translate(translator, "I am a student", beam=3, max_length=8, length_penalty=0.6, record_attention=True)


# ---------------------------------------------------------------------------------------------
# Beam tree
# ---------------------------------------------------------------------------------------------

def test_tree_layout_places_every_node_by_step_in_columns_no_taller_than_2k(search):
    nodes = search.search.tree.nodes
    layout = tree_layout(nodes)
    assert np.array_equal(layout.x, np.array([n.step for n in nodes], dtype=np.float32))
    for step in {n.step for n in nodes}:
        rows = sorted(float(layout.y[n.id]) for n in nodes if n.step == step)
        assert len(rows) <= 2 * 3  # at most 2K extensions per step
        assert rows == list(range(len(rows)))  # rows 0, 1, ... from the top: the root's row is the best path's
    assert sorted(layout.edges) == sorted((n.parent, n.id) for n in nodes if n.parent is not None)
    assert layout.max_rows == max(sum(n.step == s for n in nodes) for s in {n.step for n in nodes})


def test_tree_layout_puts_survivors_first_in_parent_order_so_their_edges_never_cross(search):
    nodes = search.search.tree.nodes
    layout = tree_layout(nodes)
    for step in range(1, max(n.step for n in nodes) + 1):
        column = sorted((n for n in nodes if n.step == step), key=lambda n: layout.y[n.id])
        keys = [(n.fate == "pruned", float(layout.y[n.parent]), n.rank) for n in column]
        assert keys == sorted(keys)
        survivors = [n for n in column if n.fate != "pruned"]
        assert [n.id for n in column[:len(survivors)]] == [n.id for n in survivors]  # pruned ones below
        parent_rows = [float(layout.y[n.parent]) for n in survivors]
        assert parent_rows == sorted(parent_rows)  # edges from one column to the next do not cross


def test_wide_beam_tree_has_no_crossing_survivor_edges(translator):
    result = translate(translator, "the black cat is on the table", beam=8, max_length=10)
    nodes = result.search.tree.nodes
    layout = tree_layout(visible_nodes(nodes, show_pruned=False))
    edges = [(float(layout.y[p]), float(layout.y[c]), float(layout.x[c])) for p, c in layout.edges]
    for a in edges:
        for b in edges:
            if a[2] == b[2] and a[0] < b[0]:
                assert a[1] < b[1]  # a parent above another keeps its children above the other's


def test_tree_layout_without_pruned_nodes_places_only_the_rest(search):
    drawn = visible_nodes(search.search.tree.nodes, show_pruned=False)
    layout = tree_layout(drawn)
    placed = set(np.nonzero(~np.isnan(layout.x))[0].tolist())
    assert placed == {n.id for n in drawn} and all(n.fate != "pruned" for n in drawn)


def test_width_one_tree_is_exactly_the_greedy_path(translator):
    result = translate(translator, "the black cat", beam=1, max_length=10)
    greedy = greedy_decode(translator.model, translator.encode_source("the black cat")[1], 10)[0]
    tree = result.search.tree
    survivors = [n for n in tree.nodes if n.fate != "pruned"]
    path = beam_views.greedy_path_in_tree(tree, greedy.token_ids)
    assert [n.id for n in survivors] == path
    assert [n.token_id for n in survivors[1:]] == greedy.token_ids


def test_beam_tree_figure_holds_every_node_with_its_exact_scores(search, translator):
    tree = search.search.tree
    tokens = beam_views.node_tokens(tree, search.target_vocabulary)
    fig = beam_tree_figure(tree.nodes, tokens, tree_layout(tree.nodes), [0, 1],
                           beam_views.n_best_ranks(search)).to_dict()
    drawn = node_traces(fig)
    assert set(drawn) == {n.fate for n in tree.nodes}
    rows = sorted((int(r[0]), int(r[1]), float(r[2]), float(r[3]), float(r[4]), int(r[5]))
                  for fate in drawn for r in drawn[fate])
    assert rows == sorted((n.id, n.step, n.token_log_prob, n.cumulative, n.score, n.rank + 1) for n in tree.nodes)
    root_trace = next(t for t in fig["data"] if t.get("meta") == "root")
    assert list(root_trace["text"]) == ["&lt;s&gt;"]  # a token is text: <s> would be a strike-through tag
    assert "cumulative log-prob" in root_trace["hovertemplate"]
    names = [t.get("name") for t in fig["data"]]
    assert "greedy path" in names and "final n-best (#rank)" in names
    n_best = next(t for t in fig["data"] if t.get("name") == "final n-best (#rank)")
    assert list(n_best["text"]) == [f"#{r}" for r in range(1, len(search.candidates) + 1)]


def test_tree_frame_and_n_best_frame_match_core(search):
    frame = beam_views.tree_frame(search)
    tree = search.search.tree
    assert frame["cumulative"].tolist() == [n.cumulative for n in tree.all_nodes()]  # every hypothesis scored
    assert frame.loc[0, "token"] == "<s>" and frame.loc[0, "path"] == ""
    vocabulary = search.target_vocabulary
    for node_id in (len(tree.nodes) - 1, len(frame) - 1):  # a compared node and an extra pruned one
        parent_path = " ".join(vocabulary[n.token_id] for n in tree.path(int(frame.loc[node_id, "parent"]))[1:])
        assert frame.loc[node_id, "path"] == f"{parent_path} {frame.loc[node_id, 'token']}".strip()
    best = beam_views.n_best_frame(search)
    assert best["score"].tolist() == [beam_views.significant(c.score) for c in search.candidates]


def test_candidate_cross_attention_is_what_the_search_recorded(search):
    candidate = search.candidates[0]
    attention = beam_views.candidate_cross_attention(candidate)
    recorded = candidate.hypothesis.cross_attentions()
    assert attention.shape[:2] == (len(recorded), recorded[0].shape[0])
    assert np.array_equal(attention[1, 2], recorded[1][2].numpy())
    assert len(beam_views.candidate_output_tokens(candidate)) == attention.shape[2]


def test_pruned_nodes_carry_their_word_and_hovers_are_rounded_with_a_1_based_rank(search):
    tree = search.search.tree
    tokens = beam_views.node_tokens(tree, search.target_vocabulary)
    fig = beam_tree_figure(tree.nodes, tokens, tree_layout(tree.nodes)).to_dict()
    pruned = next(t for t in fig["data"] if t.get("meta") == "pruned")
    assert "text" in pruned["mode"]  # the word is drawn, not only on hover
    ids = [int(row[0]) for row in pruned["customdata"]]
    assert list(pruned["text"]) == [tokens[i] for i in ids] and all(pruned["text"])
    for trace in (t for t in fig["data"] if t.get("meta")):
        template = trace["hovertemplate"]
        for field in (2, 3, 4):  # token log-prob, cumulative, score: 4 significant digits, not 17
            assert f"%{{customdata[{field}]:.4g}}" in template
        assert "1 = best" in template
    ranks = sorted(int(row[5]) for t in fig["data"] if t.get("meta") for row in t["customdata"])
    assert ranks == sorted(n.rank + 1 for n in tree.nodes) and min(ranks) == 1


def test_step_slider_and_path_highlight(search):
    tree = search.search.tree
    tokens = beam_views.node_tokens(tree, search.target_vocabulary)
    up_to = visible_nodes(tree.nodes, show_pruned=True, up_to_step=2)
    assert {n.step for n in up_to} == {0, 1, 2} and len(up_to) == sum(n.step <= 2 for n in tree.nodes)
    target = beam_views.step_choices(tree, 2)[-1]
    path = path_to(tree.nodes, target)
    assert path[0] == 0 and path[-1] == target and [tree.nodes[i].step for i in path] == [0, 1, 2]
    layout = tree_layout(tree.nodes)  # the whole tree's layout: nodes keep their place as the slider moves
    fig = beam_tree_figure(up_to, tokens, layout, highlight=path, last_step=max(n.step for n in tree.nodes)).to_dict()
    band = next(t for t in fig["data"] if t.get("name") == "chosen path")
    assert [y for y in band["y"] if y is not None] == [float(layout.y[i]) for pair in zip(path[:-1], path[1:])
                                                         for i in pair]
    drawn = node_traces(fig)
    assert max(int(row[1]) for rows in drawn.values() for row in rows) == 2
    assert beam_views.path_text(tree, search.target_vocabulary, target) == " ".join(
        search.target_vocabulary[tree.nodes[i].token_id] for i in path[1:])


def test_a_long_search_shows_a_window_of_steps_up_to_the_slider(translator):
    result = translate(translator, "the black cat is on the table", beam=2, max_length=30)
    nodes = result.search.tree.nodes
    steps = max(n.step for n in nodes)
    assert steps > 12
    tokens = beam_views.node_tokens(result.search.tree, result.target_vocabulary)
    fig = beam_tree_figure(visible_nodes(nodes, False, 20), tokens, tree_layout(nodes), last_step=20,
                           window=12).to_dict()
    assert fig["layout"]["xaxis"]["range"] == [8.5, 20.9]  # steps 9 .. 20 in view, words 12 columns apart
    whole = beam_tree_figure(nodes, tokens, tree_layout(nodes)).to_dict()
    assert whole["layout"]["xaxis"]["range"][0] == -0.5


def test_beam_at_step_lists_what_lived_on(search):
    tree = search.search.tree
    table = beam_views.beam_at_step(tree, search.target_vocabulary, 1)
    alive = sorted((n for n in tree.nodes if n.step == 1 and n.fate != "pruned"), key=lambda n: n.rank)
    assert table["node"].tolist() == [n.id for n in alive] and table["rank"].tolist() == [n.rank + 1 for n in alive]
    assert set(table["beam_fate"]) <= {"kept", "finished"}


def test_empty_hypothesis_is_named_and_scores_have_4_significant_digits():
    from core.decoding import Hypothesis
    from core.transformer.translator import Candidate, TranslationResult

    empty = Candidate("", [], -1.2345678901234567, -1.2345678901234567, Hypothesis([3], [-1.2345678], -1.2345678,
                                                                                    -1.2345678, node_id=5))
    result = TranslationResult("I am", ["i", "am", "</s>"], [empty], None)
    frame = beam_views.n_best_frame(result, empty=EMPTY)
    assert frame.loc[0, "translation"] == EMPTY  # not a blank cell
    assert frame.loc[0, "score"] == -1.235 and frame.loc[0, "log_prob"] == -1.235
    assert beam_views.significant(-6.765149116516113) == -6.765 and beam_views.significant(0.000123456) == 0.0001235


def test_shipped_beam_examples_are_read_per_model(tmp_path):
    path = tmp_path / "beam_examples.json"
    win = {"source": "you are cooks", "reference": "vous êtes cuisiniers", "greedy": "tu es cuisiniers",
           "beam": "vous êtes cuisiniers", "max_length": 18}
    path.write_text(json.dumps({"beam": 4, "length_penalty": 0.6, "command": "python -m core eval beam-examples",
                                "models": [{"model": "m", "sentences": 3, "wins": [win]}]}))
    found = beam_views.beam_examples("m", path)
    assert found["beam"] == 4 and found["wins"][0]["source"] == "you are cooks"
    assert beam_views.beam_examples("other", path) is None and beam_views.beam_examples("m", tmp_path / "no") is None
    assert beam_views.example_for(found["wins"], "You are cooks!") is found["wins"][0]
    win = found["wins"][0]
    assert beam_views.example_outcome(win, "vous êtes cuisiniers".split(), "tu es cuisiniers".split()) == "beam_wins"
    assert beam_views.example_outcome(win, "tu es cuisiniers".split(), "tu es cuisiniers".split()) == "both_wrong"


# ---------------------------------------------------------------------------------------------
# Translation
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def view(translator, search):
    return tv.translation_view(trace_translation(translator, "I am a student", search.candidates[0]))


def test_translation_view_holds_the_trace(translator, search, view):
    trace = trace_translation(translator, "I am a student", search.candidates[0])
    assert np.array_equal(view.cross[1, 3], trace.cross_attentions[1][0, 3].numpy())
    assert np.array_equal(view.look_ahead, subsequent_keep_mask(len(view.decoder_tokens))[0, 0].numpy())
    one = tv.step_view(view, 1, 2, step=3)
    assert one.prefix == view.decoder_tokens[:3] and one.predicted == view.output_tokens[2]
    assert np.array_equal(one.self_row, view.decoder_self[1, 2, 2, :3])


def test_masked_heatmap_draws_masked_cells_apart_not_as_zero(view):
    matrix, keep = view.decoder_self[0, 1], view.look_ahead
    fig = masked_attention_heatmap(matrix, keep, view.decoder_tokens, view.decoder_tokens, highlight_row=2).to_dict()
    weights, masked = (array(t["z"]) for t in fig["data"])
    assert np.array_equal(np.isnan(weights), ~keep) and np.allclose(weights[keep], matrix[keep])
    assert np.array_equal(~np.isnan(masked), ~keep)
    assert (fig["data"][0]["zmin"], fig["data"][0]["zmax"]) == (0.0, float(np.nanmax(weights)))  # follows the data
    assert "masked" in fig["data"][1]["hovertemplate"]
    shape = fig["layout"]["shapes"][0]
    assert (shape["y0"], shape["y1"]) == (1.5, 2.5)


def test_alignment_heatmap_is_target_rows_by_source_columns(view):
    fig = alignment_heatmap(view.cross[1, 0], view.source_tokens, view.output_tokens).to_dict()
    z = array(fig["data"][0]["z"])
    assert z.shape == (len(view.output_tokens), len(view.source_tokens)) and np.allclose(z, view.cross[1, 0])
    assert fig["layout"]["xaxis"]["title"]["text"].startswith("source")


def test_step_figure_and_head_grid_hold_the_rows(view):
    one = tv.step_view(view, 0, 0, step=2)
    fig = step_figure(one.self_row, one.cross_row, one.prefix, view.source_tokens, 2, one.predicted).to_dict()
    assert np.allclose(array(fig["data"][0]["y"]), one.self_row)
    assert np.allclose(array(fig["data"][1]["y"]), one.cross_row)
    grid = head_grid(view.decoder_self[0], view.decoder_tokens, view.decoder_tokens, keep=view.look_ahead).to_dict()
    heatmaps = [t for t in grid["data"] if t.get("name") != "masked"]
    assert len(heatmaps) == 4 and np.allclose(np.nan_to_num(array(heatmaps[3]["z"])),
                                              view.decoder_self[0, 3] * view.look_ahead)


def test_token_labels_are_escaped_text():
    fig = alignment_heatmap(np.eye(2, dtype=np.float32), ["<script>", "a&b"], ["x", "</s>"]).to_dict()
    assert list(fig["data"][0]["x"]) == ["&lt;script&gt;", "a&amp;b"]
    assert "&lt;/s&gt;" in list(fig["data"][0]["y"])


def test_cross_marks_only_the_masked_cells(view):
    keep = view.look_ahead
    fig = masked_attention_heatmap(view.decoder_self[0, 0], keep, view.decoder_tokens, view.decoder_tokens).to_dict()
    masked = fig["data"][1]
    assert masked["texttemplate"] == "%{text}"  # a constant "×" template would draw it on every cell
    assert np.array_equal(np.array(masked["text"]) == "×", ~keep)
    assert np.array_equal(np.array(masked["text"]) == "", keep)


def test_colour_range_follows_the_data_or_is_fixed(view):
    cross = view.cross[1, 0] * 0.3  # weights that never reach 1
    follows = alignment_heatmap(cross, view.source_tokens, view.output_tokens).to_dict()["data"][0]
    fixed = alignment_heatmap(cross, view.source_tokens, view.output_tokens, zmax=1.0).to_dict()["data"][0]
    assert follows["zmax"] == pytest.approx(float(cross.max())) and fixed["zmax"] == 1.0
    grid = head_grid(view.encoder[0], view.source_tokens, view.source_tokens).to_dict()
    assert grid["layout"]["coloraxis"]["cmax"] == pytest.approx(float(view.encoder[0].max()))


def test_projector_defaults_every_row_labelled_at_14_px():
    rng = np.random.default_rng(0)
    tokens = [f"w{i}" for i in range(64)]
    weights = rng.random((4, 64, 64)).astype(np.float32)
    for fig in (encoder_heatmap(weights[0], tokens).to_dict(), head_grid(weights, tokens, tokens).to_dict()):
        for name, axis in fig["layout"].items():
            if name.startswith(("xaxis", "yaxis")):
                assert axis["tickfont"]["size"] >= 14 and axis["nticks"] > 64  # Plotly may show all 64 labels
        assert fig["layout"]["xaxis"]["showticklabels"] and fig["layout"]["yaxis"]["showticklabels"]
        assert "%{z:.4g}" in fig["data"][0]["hovertemplate"]
    grid = head_grid(weights, tokens, tokens, max_columns=2).to_dict()["layout"]
    labelled = {name for name, axis in grid.items() if name.startswith("yaxis") and axis.get("showticklabels")}
    assert labelled == {"yaxis", "yaxis3"}  # rows labelled once per row of panels, in the first column
    assert all(axis["showticklabels"] for name, axis in grid.items() if name.startswith("xaxis"))


def test_next_word_probabilities_are_the_softmax_of_the_step(translator, search):
    trace = trace_translation(translator, "I am a student", search.candidates[0])
    view = tv.translation_view(trace, translator.target_vocab.tokens)
    probabilities = torch.softmax(trace.logits[0, 1].float(), dim=-1).numpy()  # step 2 = row 1
    words, top = tv.top_next_words(view, 2, k=5)
    best = np.argsort(-probabilities, kind="stable")[:5]
    assert words == [translator.target_vocab.tokens[i] for i in best] and np.allclose(top, probabilities[best])
    fig = next_word_figure(words, top, words[1], 2).to_dict()
    bars = fig["data"][0]
    assert np.allclose(array(bars["x"]), top) and list(bars["y"]) == words
    colours = list(bars["marker"]["color"])
    assert colours[1] != colours[0] and colours.count(colours[1]) == 1  # the chosen word stands out
    with pytest.raises(ValueError, match="vocabulary"):
        tv.top_next_words(tv.translation_view(trace), 1)


# ---------------------------------------------------------------------------------------------
# Coreference and compare
# ---------------------------------------------------------------------------------------------

def test_words_group_wordpieces_and_defaults_follow_the_labelled_set():
    tokens = ["[CLS]", "the", "ani", "##mal", "crossed", "the", "street", "because", "it", "was", "tired", ".", "[SEP]"]
    words = cv.words_of(tokens)
    assert [w.label for w in words][:4] == ["the", "animal", "crossed", "the #2"]
    assert next(w for w in words if w.text == "animal").positions == [2, 3]
    it = cv.word_at(words, 8)
    assert cv.default_candidates("The animal crossed the street because it was tired.", words, it) == [
        "street", "animal"]  # not a built-in sentence: the nouns before the pronoun, nearest first, never "crossed"
    default = "The animal didn't cross the street because it was too tired."
    default_tokens = ["[CLS]", "the", "animal", "didn", "'", "t", "cross", "the", "street", "because", "it", "was",
                      "too", "tired", ".", "[SEP]"]
    default_words = cv.words_of(default_tokens)
    assert cv.default_candidates(default, default_words, cv.word_at(default_words, 10)) == ["animal", "street"]


def test_significance_threshold_matches_the_binomial_standard_error():
    assert cv.significance_threshold(0.5, 58) == pytest.approx(0.5 + 2 * math.sqrt(0.25 / 58))
    assert cv.significance_threshold(0.5, 58) == pytest.approx(0.631, abs=1e-3)


def test_candidate_attention_figure_holds_each_candidate_panel():
    attention = np.random.default_rng(0).random((3, 4, 2)).astype(np.float32)
    fig = candidate_attention_figure(attention, ["animal", "<b>street</b>"], "it").to_dict()
    assert [array(t["z"]).tolist() for t in fig["data"]] == [attention[:, :, 0].tolist(), attention[:, :, 1].tolist()]
    assert (fig["layout"]["coloraxis"]["cmin"], fig["layout"]["coloraxis"]["cmax"]) == (0.0, 1.0)
    assert "&lt;b&gt;street" in fig["data"][1]["hovertemplate"]


def test_accuracy_heatmap_is_white_at_chance():
    accuracy = np.array([[0.2, 0.5], [0.7, 1.0]], dtype=np.float32)
    fig = accuracy_heatmap(accuracy, chance=0.4, threshold=0.55).to_dict()
    assert np.array_equal(array(fig["data"][0]["z"]), accuracy)
    assert [stop for stop, _ in accuracy_colorscale(0.4)] == [0.0, 0.4, 1.0]
    assert any(text.startswith("chance 0.40") for text in fig["data"][0]["colorbar"]["ticktext"])


def test_parity_figure_colours_by_tolerance_and_keeps_exact_values():
    report = ParityReport("m", "BertModel", ["a"], [ParityRow("layer 1 attention probs", 0.0),
                                                   ParityRow("layer 1 hidden state", 3e-6),
                                                   ParityRow("MLM logits", 2e-3)], atol=1e-4)
    trace = parity_figure(report).to_dict()["data"][0]
    assert list(trace["marker"]["color"]) == [PASS_COLOUR, PASS_COLOUR, FAIL_COLOUR]
    assert array(trace["customdata"]).tolist() == [0.0, 3e-6, 2e-3]


def test_compare_controls_clip_to_each_model_and_parity_rows_split_by_layer():
    from dashboard.views import compare as compare_views

    assert compare_views.clamp(5, 11, 2, 4) == (1, 3) and compare_views.clamp(0, 2, 12, 12) == (0, 2)
    report = ParityReport("m", "BertModel", ["a"], [ParityRow("embedding output", 1e-7),
                                                   ParityRow("attention probs", 2e-8, layer=1),
                                                   ParityRow("hidden state", 3e-7, layer=1),
                                                   ParityRow("attention probs", 0.0, layer=2),
                                                   ParityRow("hidden state", 5e-4, layer=2)], atol=1e-4)
    layers = compare_views.per_layer(report)
    assert layers.to_dict("records") == [{"layer": 1, "attention probs": 2e-8, "hidden state": 3e-7},
                                         {"layer": 2, "attention probs": 0.0, "hidden state": 5e-4}]
    assert compare_views.other_quantities(report)["quantity"].tolist() == ["embedding output"]
    assert compare_views.parity_frame(report)["within_tolerance"].tolist() == [True, True, True, True, False]
