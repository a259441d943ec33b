"""The pronoun evaluation (core.analysis.pronouns, ``eval translator --pronouns``): hand-computed cases, a tiny
version-3 model trained a few steps, and the shipped version-2 models, which cannot read the sentences."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from core.analysis.pronouns import candidate_attention, evaluate_pronouns, head_ranking, produced_pronoun
from core.cli import main
from core.data.translation_pronouns import pronoun_cases
from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary, load_translator, translate
from core.translation_training import TrainingOptions, build_model, command_line, train


def test_the_pronoun_is_the_word_after_parce_qu():
    assert produced_pronoun("l' animal n' a pas traversé la rue parce qu' elle était trop large".split()) == "elle"
    assert produced_pronoun("le chat mange parce que je suis fatigué".split()) == "je"
    assert produced_pronoun("le chat mange".split()) is None
    assert produced_pronoun("le chat parce".split()) is None  # cut before the pronoun


def test_head_ranking_by_hand():
    """Four cases, one layer, two heads; weights [antecedent, other]. Head 1 picks the antecedent on both rank
    cases and one of two score cases; head 2 on one rank case and both score cases."""
    attention = np.array([[[[0.6, 0.1], [0.2, 0.3]]],   # rank: head 1 right, head 2 wrong
                          [[[0.5, 0.4], [0.7, 0.1]]],   # rank: both right
                          [[[0.1, 0.8], [0.9, 0.0]]],   # score: head 1 wrong, head 2 right
                          [[[0.3, 0.2], [0.6, 0.2]]]],  # score: both right
                         dtype=np.float32)  # (N=4, L=1, H=2, 2)
    rows = head_ranking(attention, ["rank", "rank", "score", "score"])
    assert [(r["layer"], r["head"]) for r in rows] == [(1, 1), (1, 2)]
    assert (rows[0]["rank_accuracy"], rows[0]["score_accuracy"]) == (1.0, 0.5)
    assert (rows[1]["rank_accuracy"], rows[1]["score_accuracy"]) == (0.5, 1.0)
    assert rows[0]["rank_antecedent_weight"] == pytest.approx((0.6 + 0.5) / 2, abs=1e-4)  # rounded to 4 places
    assert rows[1]["score_other_weight"] == pytest.approx((0.0 + 0.2) / 2, abs=1e-4)


def world_translator(arch: str) -> Translator:
    """An untrained (seeded) model over the version-3 vocabularies: every pronoun case is readable."""
    from core.data.translation_world import lexicon_words

    english, french = lexicon_words()
    source, target = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    options = TrainingOptions(arch=arch, layers=2, d_model=16, heads=2, ffn_dim=32, embedding_size=8,
                              hidden_size=16, data_version=3)
    model = build_model(options, source, target).eval()
    return Translator(model, source, target, f"untrained-{arch}", {"data_version": 3})


def test_candidate_attention_is_the_pronoun_rows_weights_on_the_two_nouns():
    """Witness: the model's own forward pass on ids built here, read at (pronoun row, noun columns)."""
    translator = world_translator("transformer")
    case = pronoun_cases()[0]
    source = torch.tensor([translator.source_vocab.encode(case.english.split() + ["</s>"])])
    target = torch.tensor([translator.target_vocab.encode(["<s>"] + case.french.split())])
    with torch.no_grad():
        trace = translator.model(source, target)
    got = candidate_attention(translator, case)  # (L, H, 2)
    assert got.shape == (2, 2, 2)
    for layer in range(2):
        for head in range(2):
            row = trace.cross_attentions[layer][0, head, case.french_pronoun]
            assert got[layer, head].tolist() == pytest.approx(
                [row[case.english_antecedent].item(), row[case.english_other].item()], abs=1e-6)


def test_evaluation_of_a_model_that_reads_every_sentence():
    translator = world_translator("transformer")
    cases = [c for half in ("rank", "score") for c in [c for c in pronoun_cases() if c.half == half][:4]]
    result = evaluate_pronouns(translator, cases, beam=2)
    assert (result["cases"], result["readable"], result["unreadable"]) == (8, 8, 0)
    # witness: translate() one sentence at a time, the pronoun read where "parce qu'" puts it
    outputs = [translate(translator, c.english, beam=2, record_tree=False).candidates[0].tokens for c in cases]
    wanted = [o[o.index("qu'") + 1] == c.pronoun if "qu'" in o[:-1] else False for o, c in zip(outputs, cases)]
    assert result["pronoun_accuracy"]["all"] == sum(wanted) / 8
    assert len(result["heads"]) == 4 and {r["rank_accuracy"] is not None for r in result["heads"]} == {True}
    plain = evaluate_pronouns(world_translator("seq2seq"), cases[:2], beam=1)
    assert plain["attention"] == "none" and plain["heads"] == []
    attended = evaluate_pronouns(world_translator("seq2seq-attention"), cases[:2], beam=1)
    assert [(r["layer"], r["head"]) for r in attended["heads"]] == [(1, 1)]


def test_a_version_3_model_trained_a_few_steps_reads_the_test_and_records_its_version(tmp_path, monkeypatch):
    from core.data import translation_pronouns

    first = pronoun_cases()[:8]
    monkeypatch.setattr(translation_pronouns, "pronoun_cases", lambda seed=0: first)  # a quick measurement
    options = TrainingOptions(output=str(tmp_path / "tiny"), checkpoint_dir=str(tmp_path / "run"), layers=1,
                              d_model=16, heads=2, ffn_dim=32, steps=4, batch_size=8, num_train=120,
                              num_validation=5, num_test=10, eval_every=100, beam_per_bucket=0, data_version=3,
                              beam_size=1)  # greedy: an untrained decoder runs to its length limit
    train(options, command_line(options))
    translator = load_translator(str(tmp_path / "tiny"))
    assert translator.training["data_version"] == 3 and "--data-version 3" in translator.training["command"]
    recorded = translator.training["pronouns"]  # what training measured, as the evaluation measures it
    assert recorded["cases"] == 8 and recorded["readable"] == 8 and len(recorded["heads"]) == 2
    result = evaluate_pronouns(translator, pronoun_cases()[:4], beam=1)
    assert result["readable"] == 4 and result["data_version"] == 3


def test_a_translator_of_the_earlier_grammar_reports_unknown_words_instead_of_crashing(capsys, tmp_path):
    from tests.support.builders import tiny_translator_folder

    version_2 = str(tiny_translator_folder(tmp_path / "tiny-random-v2", data_version=2))  # the 354-word grammar
    result = evaluate_pronouns(load_translator(version_2), pronoun_cases()[:4], beam=1)
    assert result["readable"] == 0 and result["pronoun_accuracy"]["all"] is None
    assert "didn't" in result["unknown_words"] and result["attention"] == "not measured"
    assert main(["eval", "translator", "--pronouns", "--model", version_2, "--limit", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["test"]["sentences"] == 4 and printed["models"][0]["readable"] == 0
    assert main(["eval", "translator", "--pronouns", "--model", version_2, "--limit", "1"]) == 0
    assert "none of the 4 sentences is readable" in capsys.readouterr().out
