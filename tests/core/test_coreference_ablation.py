"""The model's own answer (substitution scoring), the causal test (head ablation) and the coreference command."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from core.analysis.coreference import CorefExample, score_heads
from core.analysis.head_ablation import (
    AblationResult,
    answer_accuracy,
    causal_test,
    head_mask_without,
    random_head_sets,
)
from core.analysis.own_answer import NoMLMHead, accuracy, noun_phrase, own_answers, representation_answers, substitute
from tests.support.tolerances import float32_atol

TIRED = CorefExample("t", "The animal didn't cross the street because it was too tired.", "it", ("animal", "street"),
                     "animal", pair="p", kind="winograd")
WIDE = CorefExample("w", "The animal didn't cross the street because it was too wide.", "it", ("animal", "street"),
                    "street", pair="p", kind="winograd")


@pytest.fixture(scope="module")
def tiny(tiny_pretraining_folder):
    from core.bert.pipeline import load_pipeline

    return load_pipeline(str(tiny_pretraining_folder))


@pytest.fixture(scope="module")
def minilm(minilm_folder):
    from core.bert.pipeline import load_pipeline

    return load_pipeline(str(minilm_folder))


def test_substitution_puts_the_candidate_with_its_determiner_in_the_pronouns_place():
    text, span = substitute(TIRED, "street")
    assert text == "The animal didn't cross the street because the street was too tired."
    assert text[span[0]:span[1]] == "street" and span[0] > text.index("because")
    names = CorefExample("n", "Mary called John because he needed help.", "he", ("Mary", "John"), "John")
    assert substitute(names, "Mary")[0] == "Mary called John because Mary needed help."
    start = CorefExample("s", "The dog saw the cat. It was tired.", "It", ("dog", "cat"), "dog")
    assert substitute(start, "cat")[0] == "The dog saw the cat. The cat was tired."
    assert noun_phrase("Sue lost her key.", "key") == "her key"


@torch.no_grad()
def test_own_answer_equals_the_hand_computed_masked_log_probability(tiny):
    answers = own_answers(tiny, [TIRED, WIDE])
    assert [a.candidates for a in answers] == [["animal", "street"]] * 2
    tokenizer = tiny.tokenizer
    for answer, example in zip(answers, (TIRED, WIDE)):
        for c, candidate in enumerate(example.candidates):
            text, _ = substitute(example, candidate)
            ids = tokenizer(text)["input_ids"]
            position = len(ids) - 1 - ids[::-1].index(tokenizer.convert_tokens_to_ids(candidate))  # its second mention
            masked = torch.tensor([ids])
            masked[0, position] = tokenizer.mask_token_id
            logits = tiny.model(masked).mlm_logits[0, position]  # (V,)
            expected = float(torch.log_softmax(logits, dim=-1)[ids[position]])
            # batched with padding against alone: log-probs up to ~log V = 7 through 6 roundings, a margin of 10
            assert answer.log_probs[c] == pytest.approx(expected, abs=float32_atol(magnitude=7, depth=6))
        assert answer.choice == example.candidates[int(np.argmax(answer.log_probs))]
        assert answer.probabilities.sum() == pytest.approx(1.0)
    # A head mask changes the answer's scores (the random tiny model uses every head).
    ablated = own_answers(tiny, [TIRED], head_mask=head_mask_without(2, 4, [(0, 0), (1, 2)]))[0]
    assert not np.allclose(ablated.log_probs, answers[0].log_probs)


def test_accuracy_gives_ties_shared_credit():
    from core.analysis.own_answer import OwnAnswer

    answers = [OwnAnswer(["a", "b"], np.array([-1.0, -2.0]), []), OwnAnswer(["a", "b"], np.array([-1.0, -1.0]), [])]
    examples = [CorefExample("1", "a b it", "it", ("a", "b"), "a"), CorefExample("2", "a b it", "it", ("a", "b"), "b")]
    assert accuracy(answers, examples) == pytest.approx(0.75)


def test_a_model_without_mlm_head_says_so_and_still_gives_the_representation_answer(minilm):
    with pytest.raises(NoMLMHead, match="masked-LM head"):
        own_answers(minilm, [TIRED])
    answers = representation_answers(minilm, [TIRED, WIDE])
    assert all(a.choice in ("animal", "street") and np.all(np.abs(a.log_probs) <= 1.0) for a in answers)
    assert 0.0 <= answer_accuracy(minilm, [TIRED, WIDE]) <= 1.0


def test_head_sets_masks_and_the_causal_test(tiny):
    mask = head_mask_without(2, 4, [(1, 3)])
    assert mask.shape == (2, 4) and mask.sum() == 7 and mask[1, 3] == 0
    with pytest.raises(ValueError, match="outside"):
        head_mask_without(2, 4, [(2, 0)])
    draws = random_head_sets(2, 4, 3, 20, seed=5)
    assert draws == random_head_sets(2, 4, 3, 20, seed=5) and len(draws) == 20
    assert all(len(set(heads)) == 3 for heads in draws) and len({tuple(h) for h in draws}) > 5
    train = score_heads(tiny, [TIRED, WIDE])
    result = causal_test(tiny, train, [TIRED, WIDE], k=2, draws=4, seed=1)
    assert result.top_heads == [(s.layer, s.head) for s in train.best_heads(2)]
    assert result.top_accuracy == answer_accuracy(tiny, [TIRED, WIDE], head_mask_without(2, 4, result.top_heads))
    assert len(result.random_accuracies) == 4 and json.dumps(result.to_dict())


def test_beyond_random_spread_needs_a_drop_below_every_draw():
    result = AblationResult("own answer", 3, [(0, 0)], full_accuracy=0.9, top_accuracy=0.6,
                            random_accuracies=[0.88, 0.86, 0.9, 0.87])
    assert result.beyond_random_spread and result.top_cost == pytest.approx(0.3)
    result.random_accuracies.append(0.55)
    assert not result.beyond_random_spread


def test_command_scores_one_sentence_and_a_set(tiny_pretraining_folder, capsys):
    from core.__main__ import main

    folder = str(tiny_pretraining_folder)
    assert main(["coreference", "--model", folder, "--text", TIRED.text, "--pronoun", "it", "--candidates",
                 "animal", "street", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["heads"]) == 8 and out["own_answer"]["choice"] in ("animal", "street")
    assert main(["coreference", "--model", folder, "--pairs", "4", "--ablate", "top:2", "--draws", "3"]) == 0
    printed = capsys.readouterr().out
    assert "best head chosen on the training half" in printed and "causal test" in printed
    assert main(["coreference", "--model", folder, "--text", "  ", "--pronoun", "it", "--candidates", "a", "b"]) == 2
    assert main(["coreference", "--model", folder, "--text", "The cat sat.", "--pronoun", "it",
                 "--candidates", "cat", "mat"]) == 2
    assert "error" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["coreference", "--ablate", "best:3"])


def test_command_on_minilm_notes_the_missing_mlm_head(minilm_folder, capsys):
    from core.__main__ import main

    assert main(["coreference", "--model", str(minilm_folder), "--set", "handwritten", "--ablate", "top:3",
                 "--draws", "2"]) == 0
    printed = capsys.readouterr().out
    assert "has no masked-LM head" in printed and "representation answer" in printed
