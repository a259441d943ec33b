"""The causal test beyond one draw: the top heads' percentile among random draws, every head switched off
alone, gender pairs through the representation answer, and the held-out-frames half on the command line."""

from __future__ import annotations

import json

import pytest
import torch

from core.analysis.coreference import CorefExample, score_heads
from core.analysis.head_ablation import AblationResult, answer_accuracy, causal_test, single_head_accuracies
from core.analysis.own_answer import accuracy, representation_answers

TIRED = CorefExample("t", "The animal didn't cross the street because it was too tired.", "it", ("animal", "street"),
                     "animal", pair="p", kind="winograd")
WIDE = CorefExample("w", "The animal didn't cross the street because it was too wide.", "it", ("animal", "street"),
                    "street", pair="p", kind="winograd")
HE = CorefExample("g1", "John called Mary because he needed help.", "he", ("John", "Mary"), "John", pair="g",
                  kind="gender")
SHE = CorefExample("g2", "John called Mary because she needed help.", "she", ("John", "Mary"), "Mary", pair="g",
                   kind="gender")


@pytest.fixture(scope="module")
def tiny(tiny_pretraining_folder):
    from core.bert.pipeline import load_pipeline

    torch.set_num_threads(1)
    return load_pipeline(str(tiny_pretraining_folder))


def test_top_percentile_is_the_share_of_draws_that_cost_as_much_or_more():
    result = AblationResult("own answer", 3, [(0, 0)], full_accuracy=0.9, top_accuracy=0.6,
                            random_accuracies=[0.88, 0.86, 0.6, 0.9, 0.55, 0.7, 0.8, 0.85])
    assert result.top_percentile == pytest.approx(2 / 8)  # 0.6 (a tie) and 0.55, counted by hand
    assert AblationResult("own answer", 3, [], 0.9, 0.6).top_percentile != AblationResult(
        "own answer", 3, [], 0.9, 0.6).top_percentile  # no draws: nan, never a made-up 0
    assert json.loads(json.dumps(result.to_dict()))["top_percentile"] == pytest.approx(0.25)


def test_single_head_ablation_switches_off_exactly_one_head_per_cell(tiny):
    L, H = tiny.model.config.num_hidden_layers, tiny.model.config.num_attention_heads
    single = single_head_accuracies(tiny, [TIRED, WIDE, HE, SHE], L, H)
    assert single.shape == (L, H)
    for layer in range(L):
        for head in range(H):
            mask = torch.ones(L, H)
            mask[layer, head] = 0.0  # built by hand: row = layer, column = head
            assert single[layer, head] == answer_accuracy(tiny, [TIRED, WIDE], mask)  # gender pairs left out


def test_gender_pairs_are_measured_by_the_representation_answer_beside_the_substitution_answer(tiny):
    examples = [TIRED, WIDE, HE, SHE]
    train = score_heads(tiny, examples)
    result = causal_test(tiny, train, examples, k=2, draws=5, seed=3)
    assert result.full_accuracy == answer_accuracy(tiny, [TIRED, WIDE])
    assert result.gender_full == accuracy(representation_answers(tiny, [HE, SHE]), [HE, SHE])
    assert len(result.gender_random) == len(result.random_accuracies) == 5
    assert set(json.loads(json.dumps(result.to_dict()))["gender_representation"]) == {
        "full_accuracy", "top_accuracy", "random_accuracies"}
    without_gender = causal_test(tiny, train, [TIRED, WIDE], k=2, draws=2, seed=3)
    assert without_gender.gender_full is None and without_gender.to_dict()["gender_representation"] is None


def test_command_measures_the_heldout_frames_half_and_every_single_head(tiny_pretraining_folder, capsys):
    from core.__main__ import main

    folder = str(tiny_pretraining_folder)
    assert main(["coreference", "--model", folder, "--split", "heldout-frames", "--pairs", "4", "--json",
                 "--threads", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["split"] == "heldout-frames" and report["examples"] == 8
    assert 0.0 <= report["answer"]["pairs_both_right"] <= report["answer"]["accuracy"] + 1e-9
    assert main(["coreference", "--model", folder, "--pairs", "4", "--ablate", "top:2", "--draws", "3",
                 "--single-heads", "--threads", "1"]) == 0
    printed = capsys.readouterr().out
    assert "random draws costing as much or more" in printed and "with one head off" in printed
    assert "gender pairs (representation answer" in printed


def test_both_members_right_counts_a_pair_only_when_each_member_wins():
    import numpy as np

    from core.analysis.own_answer import OwnAnswer
    from core.cli.coreference import pairs_both_right

    def answer(animal: float, street: float) -> OwnAnswer:
        return OwnAnswer(["animal", "street"], np.array([animal, street]), ["", ""])

    other_tired = CorefExample("t2", TIRED.text, "it", TIRED.candidates, "animal", pair="q", kind="winograd")
    other_wide = CorefExample("w2", WIDE.text, "it", WIDE.candidates, "street", pair="q", kind="winograd")
    answers = [answer(-1, -2), answer(-3, -1), answer(-1, -2), answer(-1, -1)]  # pair q: the second is a tie
    assert pairs_both_right(answers, [TIRED, WIDE, other_tired, other_wide]) == 0.5
