"""Views and charts of the coreference experiments and the head switches, on arrays and a tiny random BERT.

One colour meaning per scale, nouns-only default candidates, the minimal-pair figure, the causal-test
figure, and the Masked LM head switches' before/after numbers against a direct computation.
"""

from __future__ import annotations

import colorsys

import numpy as np
import plotly.colors
import pytest
import torch

from core.analysis.head_ablation import AblationResult, head_mask_without
from core.analysis.own_answer import OwnAnswer
from core.bert.pipeline import load_pipeline
from dashboard.charts.common import ATTENTION_COLORSCALE
from dashboard.charts.coreference import (
    CANDIDATE_COLOURS,
    accuracy_colorscale,
    minimal_pair_figure,
    own_answer_figure,
)
from dashboard.charts.head_ablation import causal_figure, switch_figure
from dashboard.views import coreference as cv
from dashboard.views import head_ablation as hv
from tests.support.apptest import decode_plotly_array as array

DEFAULT = "The animal didn't cross the street because it was too tired."


def hsv(colour: str) -> tuple[float, float, float]:
    """(hue in degrees, saturation, value) of "#rrggbb" or "rgb(r, g, b)"."""
    rgb = plotly.colors.hex_to_rgb(colour) if colour.startswith("#") else plotly.colors.unlabel_rgb(colour)
    h, s, v = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    return h * 360, s, v


def is_blue(colour: str) -> bool:
    h, s, _ = hsv(colour)
    return s > 0.2 and 190 <= h <= 250


# ---------------------------------------------------------------------------------------------
# One colour meaning per scale
# ---------------------------------------------------------------------------------------------

def test_blue_means_attention_only():
    """Attention is drawn in Blues; accuracy (below/at/above chance) and the candidates use no blue at all.
    Before the fix the accuracy scale drew "below chance" in blue (#2166ac)."""
    attention_scale = plotly.colors.get_colorscale(ATTENTION_COLORSCALE)
    assert is_blue(attention_scale[-1][1])
    accuracy_scale = accuracy_colorscale(0.5)
    assert [stop for stop, _ in accuracy_scale] == [0.0, 0.5, 1.0]
    assert not any(is_blue(colour) for _, colour in accuracy_scale)
    assert not any(is_blue(colour) for colour in CANDIDATE_COLOURS)
    below, above = accuracy_scale[0][1], accuracy_scale[-1][1]
    assert below not in CANDIDATE_COLOURS and above not in CANDIDATE_COLOURS


# ---------------------------------------------------------------------------------------------
# Default candidates are nouns
# ---------------------------------------------------------------------------------------------

def words(tokens: list[str]):
    return cv.words_of(["[CLS]", *tokens, "[SEP]"])


def test_default_candidates_of_a_new_sentence_are_nouns_not_verbs():
    sentence = words("the dog chased the cat because it was hungry .".split())
    it = next(w for w in sentence if w.text == "it")
    assert cv.default_candidates("the dog chased the cat because it was hungry.", sentence, it) == ["cat", "dog"]
    people = words("mary gave john the book because he asked for it .".split())
    he = next(w for w in people if w.text == "he")
    # Names of the generated stories count as nouns; "gave" and "asked" never do. Nearest first.
    assert cv.default_candidates("Mary gave John the book because he asked for it.", people, he) == [
        "book", "john", "mary"]


def test_a_sentence_without_nouns_suggests_none():
    sentence = words("it ran quickly .".split())
    assert cv.default_candidates("it ran quickly.", sentence, sentence[1]) == []


def test_pair_defaults_come_from_the_labelled_pair():
    texts = cv.default_pair()
    assert texts == [DEFAULT, DEFAULT.replace("tired", "wide")]
    question = cv.pair_defaults(texts, words("the animal didn ' t cross the street because it was too tired .".split()))
    assert (question.pronoun, question.candidates, question.answers) == ("it", ["animal", "street"],
                                                                          ["animal", "street"])
    unknown = cv.pair_defaults(["the dog chased the cat because it was hungry .", "x"],
                               words("the dog chased the cat because it was hungry .".split()))
    assert (unknown.pronoun, unknown.candidates, unknown.answers) == ("it", ["dog", "cat"], [None, None])


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

def answer(candidates, scores) -> OwnAnswer:
    return OwnAnswer(candidates=list(candidates), log_probs=np.array(scores, dtype=np.float64),
                     texts=[f"the {c} ..." for c in candidates])


def test_minimal_pair_figure_holds_each_sentence_and_marks_the_correct_answer():
    attention = [np.array([[0.6, 0.1], [0.2, 0.3]], np.float32), np.array([[0.1, 0.7], [0.4, 0.2]], np.float32)]
    answers = [answer(["animal", "street"], [-1.0, -3.0]), answer(["animal", "street"], [-2.0, -0.5])]
    fig = minimal_pair_figure("it", ["animal", "street"], ["L1 H1", "L2 H3"], attention, answers,
                              ["animal", "street"]).to_dict()
    legend = [t for t in fig["data"] if t.get("legendgroup") and t.get("showlegend", True)]
    assert [t["name"] for t in legend] == ["animal", "street"]
    assert all("line" not in t["marker"] for t in legend)  # the legend does not suggest an outlined answer
    bars = [t for t in fig["data"] if t.get("legendgroup") and t.get("showlegend") is False]
    assert len(bars) == 4  # two candidates × two sentences
    for index, trace in enumerate(bars):
        sentence, candidate = divmod(index, 2)
        assert np.allclose(array(trace["y"]), attention[sentence][:, candidate])
        correct = ["animal", "street"][sentence] == ["animal", "street"][candidate]
        assert (trace["marker"]["line"]["width"] == 3) == correct
    answer_bars = [t for t in fig["data"] if not t.get("legendgroup")]
    assert np.allclose(array(answer_bars[1]["y"]), answers[1].probabilities)
    assert list(answer_bars[1]["marker"]["line"]["color"]) == ["rgba(0,0,0,0)", "black"]
    titles = [note["text"] for note in fig["layout"]["annotations"]]
    assert "sentence 2: the model's own answer street<br>(correct: street)" in titles


def test_minimal_pair_figure_escapes_words_and_survives_a_missing_answer():
    attention = [np.array([[0.5, 0.5]], np.float32)] * 2
    fig = minimal_pair_figure("<b>it</b>", ["<script>", "a&b"], ["L1 H1"], attention, [None, None],
                              [None, None]).to_dict()
    text = str(fig)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "sentence 1: no answer" in [note["text"] for note in fig["layout"]["annotations"]]


def test_own_answer_figure_shows_the_softmax_of_the_substitution_scores():
    own = answer(["animal", "street"], [-0.2, -2.5])
    fig = own_answer_figure(own.candidates, own.probabilities, own.choice).to_dict()
    assert np.allclose(array(fig["data"][0]["x"]), own.probabilities)
    assert fig["layout"]["title"]["text"] == "the model's own answer: animal"
    cosine = own_answer_figure(["a", "b"], [-0.3, 0.4], "b", representation=True).to_dict()
    assert cosine["layout"]["xaxis"]["range"][0] <= -0.3  # a negative cosine stays on the axis


def test_causal_figure_holds_every_draw_and_the_chance_line():
    draws = [0.8, 0.82, 0.79, 0.85] * 5
    fig = causal_figure(0.86, 0.7, draws, 3, 0.5).to_dict()
    assert list(array(fig["data"][0]["x"])) == pytest.approx([0.86, 0.7])
    assert list(array(fig["data"][1]["x"])) == pytest.approx(draws)
    assert array(fig["data"][2]["x"])[0] == pytest.approx(np.mean(draws))
    assert array(fig["data"][2]["error_x"]["array"])[0] == pytest.approx(np.std(draws))
    assert list(fig["layout"]["yaxis"]["ticktext"]) == ["all heads", "top 3 heads off", "3 random heads off (20 draws)"]
    assert any(note["text"] == "chance 0.50" for note in fig["layout"]["annotations"])


@pytest.mark.parametrize("count", [1, 5, 30, 40])
def test_switch_figure_keeps_every_mask_readable(count):
    """The before/after chart too: 40 masks wrap into rows of fixed height."""
    panels = [(f"position {i} (was <b>x</b>)", ["cat", "dog", "<pad>"], np.array([0.5, 0.2, 0.1], np.float32),
               np.array([0.1, 0.6, 0.1], np.float32)) for i in range(count)]
    fig = switch_figure(panels, 2)
    fig.to_json()  # Plotly validates the whole figure (subplot spacing included) here
    assert len(fig.data) == 2 * count
    rows = -(-count // 3)
    assert fig.layout.height >= rows * (40 + 34 * 3)
    assert all("<b>" not in note.text for note in fig.layout.annotations)


# ---------------------------------------------------------------------------------------------
# Views: head codes, the before/after numbers, the causal-test table
# ---------------------------------------------------------------------------------------------

def test_head_codes_round_trip():
    codes = hv.head_codes(2, 3)
    assert codes == ["L1H1", "L1H2", "L1H3", "L2H1", "L2H2", "L2H3"]
    assert hv.head_name("L2H3") == "L2 H3"
    assert hv.heads_of(["L2H3", "L1H1", "L2H3", "bogus", "<script>"]) == ((0, 0), (1, 2))


def test_switched_predictions_equal_a_direct_ablated_pass(tiny_pretraining_folder):
    pipeline = load_pipeline(str(tiny_pretraining_folder))
    config = pipeline.model.config
    text = "the [MASK] sat on the [MASK] ."
    before, encoded = pipeline.masked_trace(text)
    heads = [(0, h) for h in range(config.num_attention_heads)]
    after, _ = pipeline.masked_trace(text, head_mask=head_mask_without(config.num_hidden_layers,
                                                                       config.num_attention_heads, heads))
    masks = hv.switched_predictions(pipeline.tokenizer, before, after, encoded.tokens, top_k=3)
    assert [m.position for m in masks] == [i for i, tok in enumerate(encoded.tokens) if tok == "[MASK]"]
    for m in masks:
        ids = pipeline.tokenizer.convert_tokens_to_ids(m.tokens)
        expected_before = torch.softmax(before.mlm_logits[0, m.position], -1)[ids].numpy()
        expected_after = torch.softmax(after.mlm_logits[0, m.position], -1)[ids].numpy()
        assert np.allclose(m.before, expected_before, atol=1e-6) and np.allclose(m.after, expected_after, atol=1e-6)
        assert 3 <= len(m.tokens) <= 6
    assert not np.allclose(masks[0].before, masks[0].after)  # a whole layer off changes the prediction
    frame = hv.switch_frame(masks)
    assert list(frame.columns) == ["position", "original", "top_before", "p_before", "top_after", "p_after",
                                   "changed"]


def test_causal_frame_lists_every_run():
    result = AblationResult(measure="own answer (substitution)", k=2, top_heads=[(0, 1), (1, 0)],
                            full_accuracy=0.9, top_accuracy=0.6, random_heads=[[(0, 0), (1, 1)]] * 20,
                            random_accuracies=[0.85] * 20)
    frame = hv.causal_frame(result)
    assert frame["run"].tolist()[:3] == ["all heads", "top 2", "random 1"]
    assert frame["heads_off"].tolist()[1] == "L1 H2, L2 H1"
    assert frame["accuracy"].tolist() == [0.9, 0.6] + [0.85] * 20
    payload = hv.causal_payload(result, "m", 200, 0, 0)
    assert payload["command"] == "python -m core coreference --model m --ablate top:2 --draws 20 --seed 0 " \
                                 "--pairs 200 --data-seed 0"


def test_causal_figure_labels_near_the_axis_end_sit_left_of_their_marker():
    """A mean of 0.972 ± 0.025 labelled "bottom center" ran past the right edge of the [0, 1.02] axis."""
    fig = causal_figure(0.984, 0.5, [0.97, 0.98, 0.99], 3, 0.5).to_dict()
    diamonds, _, mean = fig["data"]
    assert diamonds["textposition"] == ["top left", "top center"]
    assert mean["textposition"] == "bottom left"


FORTY_WORDS = ("the little old man walked slowly along the side of the wide river with his young granddaughter and "
               "a small brown dog , and when they reached the bridge the girl saw that it was too narrow for them to "
               "cross .")


def test_candidates_in_a_long_sentence_are_its_nouns_nearest_first():
    """40 words: the rule "after a determiner" offered little, old, river; the lexicon's parts of speech give
    the nouns, nearest to "it" first (a hand reading: girl, bridge, dog, granddaughter; then river, side, man)."""
    tokens = FORTY_WORDS.split()
    assert len([t for t in tokens if t.isalpha()]) == 40
    sentence = words(tokens)
    it = next(w for w in sentence if w.text == "it")
    chosen = cv.default_candidates(FORTY_WORDS, sentence, it)
    assert chosen == ["girl", "bridge", "dog", "granddaughter"]
    nouns = [w.text for index, w in enumerate(sentence) if cv.is_noun(sentence, index)]
    assert nouns == ["man", "side", "river", "granddaughter", "dog", "bridge", "girl"]
    assert not {"little", "old", "wide", "young", "small", "brown", "narrow"} & set(nouns)


def test_ranking_table_counts_layers_and_heads_from_one():
    """The ranking table against a hand count: each head's row, layer and head one more than the 0-based order."""
    from core.analysis.coreference import HeadRanking

    attention = np.array([[[0.1, 0.7], [0.5, 0.4]], [[0.2, 0.3], [0.9, 0.05]]])  # (L, H, C)
    ranking = HeadRanking(candidates=["cat", "mat"], attention=attention, sort_by=None,
                          order=[(1, 1), (0, 0), (0, 1), (1, 0)])
    frame = cv.ranking_frame(ranking)
    assert frame["rank"].tolist() == [1, 2, 3, 4]
    assert frame["layer"].tolist() == [2, 1, 1, 2] and frame["head"].tolist() == [2, 1, 2, 1]
    assert frame["layer"].dtype == np.int64 and frame["head"].dtype == np.int64
    assert frame["top"].tolist() == ["cat", "mat", "cat", "mat"]
    assert frame["attention to cat"].tolist() == [0.9, 0.1, 0.5, 0.2]
    assert frame["margin"].tolist() == pytest.approx([0.85, 0.6, 0.1, 0.1])
