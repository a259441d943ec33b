"""Chart builders and views of the translation, beam-search, coreference and compare pages, as figure dicts.

A tiny seeded translator (random weights, the generated grammar's vocabularies; built in conftest) is used.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.analysis.parity import ParityReport, ParityRow
from core.attention import subsequent_keep_mask
from core.decoding import greedy_decode
from core.transformer.translator import Translator, trace_translation, translate
from dashboard.charts.beam import beam_tree_figure, node_traces, tree_layout, visible_nodes
from dashboard.charts.compare import FAIL_COLOUR, PASS_COLOUR, parity_figure
from dashboard.charts.coreference import accuracy_colorscale, accuracy_heatmap, candidate_attention_figure
from dashboard.charts.translation import alignment_heatmap, head_grid, masked_attention_heatmap, step_figure
from dashboard.views import beam as beam_views
from dashboard.views import coreference as cv
from dashboard.views import translation as tv
from tests.support.apptest import decode_plotly_array as array
from tests.support.builders import tiny_translator


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
        assert len(set(rows)) == len(rows) <= 2 * 3  # distinct rows, at most 2K extensions per step
        assert np.allclose(np.diff(rows), 1.0) and math.isclose(rows[0] + rows[-1], 0.0, abs_tol=1e-6)  # centred
    assert sorted(layout.edges) == sorted((n.parent, n.id) for n in nodes if n.parent is not None)
    assert layout.max_rows == max(sum(n.step == s for n in nodes) for s in {n.step for n in nodes})


def test_tree_layout_keeps_siblings_in_rank_order_and_groups_them_by_parent(search):
    nodes = search.search.tree.nodes
    layout = tree_layout(nodes)
    for step in range(1, max(n.step for n in nodes) + 1):
        column = sorted((n for n in nodes if n.step == step), key=lambda n: layout.y[n.id])
        keys = [(float(layout.y[n.parent]), n.rank) for n in column]
        assert keys == sorted(keys)


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
    assert rows == sorted((n.id, n.step, n.token_log_prob, n.cumulative, n.score, n.rank) for n in tree.nodes)
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
    assert best["score"].tolist() == [c.score for c in search.candidates]


def test_candidate_cross_attention_is_what_the_search_recorded(search):
    candidate = search.candidates[0]
    attention = beam_views.candidate_cross_attention(candidate)
    recorded = candidate.hypothesis.cross_attentions()
    assert attention.shape[:2] == (len(recorded), recorded[0].shape[0])
    assert np.array_equal(attention[1, 2], recorded[1][2].numpy())
    assert len(beam_views.candidate_output_tokens(candidate)) == attention.shape[2]


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
    assert (fig["data"][0]["zmin"], fig["data"][0]["zmax"]) == (0.0, 1.0)
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
        "animal", "street"]  # not a built-in sentence: the nouns before the pronoun, never the verb "crossed"
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
