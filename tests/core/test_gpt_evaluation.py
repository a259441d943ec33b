"""``eval gpt`` and ``coreference`` for a GPT: Kneser–Ney n-grams (witness: nltk.lm and a hand computation),
the GPT's perplexity (witness: transformers' own loss), substitution by sentence likelihood (witness:
transformers' log-probabilities summed by hand) and the pronoun's attention at the right positions.

Tolerance: the n-gram probabilities are a handful of float64 operations on small counts; ours and
nltk's run the same formula in the same order, so they agree to float64 rounding (1e-12 is a thousand
eps). The GPT figures compare float32 forwards of a 2-layer, width-24 model in two libraries:
``float32_atol(magnitude, depth 5)`` with the magnitude of what is compared (a log-probability sum of
~30 tokens of ~6 nats: 200).
"""

from __future__ import annotations

import json
import math
import random

import numpy as np
import pytest
import torch

from core.analysis.coreference import CorefExample
from core.analysis.gpt_evaluation import (
    gpt_head_scores,
    language_model_report,
    score_stories,
    substitution_answers,
)
from core.analysis.ngram import KneserNeyModel
from core.cli import main
from core.gpt.pipeline import load_pipeline
from core.gpt.training import export_model, train
from tests.support.gpt_training import tiny_train_config
from tests.support.tolerances import float32_atol

EXAMPLE = CorefExample(id="t", text="The animal didn't cross the street because it was too tired.", pronoun="it",
                       candidates=("animal", "street"), answer="animal", pair="p", kind="winograd")


def test_kneser_ney_by_hand():
    """Bigrams of "<s> 1 2 </s>" and "<s> 1 3 </s>", discount 0.5.

    Unigrams by continuation: 5 distinct bigrams; 2 follows one word, </s> two, so P(2) = 1/5, P(</s>) = 2/5.
    After 1 (seen twice, two distinct followers): P(2 | 1) = (1 - 0.5) / 2 + 0.5 * 2 / 2 * 1/5 = 0.35;
    P(</s> | 1) = 0 + 0.5 * 2 / 2 * 2/5 = 0.2; after an unseen context, the unigram itself."""
    model = KneserNeyModel.fit([[1, 2], [1, 3]], order=2, vocab_size=4, discount=0.5)
    end = model.end
    probabilities = model.probabilities(np.array([[1], [1], [0], [1]]), np.array([2, end, 2, 0]))
    assert probabilities == pytest.approx([0.35, 0.2, 0.2, 0.0])
    every_word = model.probabilities(np.ones((6, 1)), np.array([0, 1, 2, 3, model.start, end]))
    assert every_word.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("order", [2, 3, 4, 5])
@pytest.mark.parametrize("discount", [0.1, 0.75])
def test_kneser_ney_equals_nltk(order, discount):
    from nltk.lm import KneserNeyInterpolated
    from nltk.lm.preprocessing import padded_everygram_pipeline

    rng = random.Random(order)
    V = 6
    train_text = [[rng.randrange(V - 1) for _ in range(rng.randrange(1, 9))] for _ in range(30)]
    test_text = [[rng.randrange(V) for _ in range(rng.randrange(1, 9))] for _ in range(8)]  # V - 1: never seen
    grams, vocabulary = padded_everygram_pipeline(order, [[str(t) for t in s] for s in train_text])
    witness = KneserNeyInterpolated(order, discount=discount)
    witness.fit(grams, vocabulary)
    ours = KneserNeyModel.fit(train_text, order, V, discount)
    contexts, words = ours.targets(test_text)
    name = {V: "<s>", V + 1: "</s>"}
    expected = [witness.score(name.get(int(w), str(w)), [name.get(int(c), str(c)) for c in context])
                for context, w in zip(contexts, words)]
    assert ours.probabilities(contexts, words) == pytest.approx(expected, abs=1e-12)
    assert (words == V - 1).any() and ours.probabilities(contexts, words)[words == V - 1].max() == 0.0
    assert np.isneginf(ours.log_probs(test_text)[words == V - 1]).all()


def test_kneser_ney_refuses_what_nltk_cannot_fit():
    with pytest.raises(ValueError, match="order"):
        KneserNeyModel.fit([[1]], order=1, vocab_size=2)
    with pytest.raises(ValueError, match="discount"):
        KneserNeyModel.fit([[1]], order=3, vocab_size=2, discount=1.5)


@pytest.fixture(scope="module")
def tiny_gpt(tmp_path_factory):
    root = tmp_path_factory.mktemp("gpt-eval")
    config = tiny_train_config(root, steps=4)
    result = train(config, resume=False, progress=False)
    folder = export_model(result.model, config.data_dir, root / "model")
    return folder, result


def transformers_log_probs(folder, ids: list[int]) -> torch.Tensor:
    """(T - 1,) log P(ids[t] | ids[:t]) for t >= 1, from transformers' GPT2LMHeadModel."""
    from transformers import GPT2LMHeadModel

    model = GPT2LMHeadModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    with torch.no_grad():
        log_probs = torch.log_softmax(model(torch.tensor([ids])).logits[0, :-1].double(), dim=-1)
    return log_probs[torch.arange(len(ids) - 1), torch.tensor(ids[1:])]


def test_story_scores_equal_transformers_loss(tiny_gpt):
    from transformers import GPT2LMHeadModel

    folder, result = tiny_gpt
    pipeline = load_pipeline(str(folder))
    stories = result.data.heldout[:3]
    scores = score_stories(pipeline, stories)
    assert scores.log_probs.size == sum(len(s) + 1 for s in stories)  # every token and the closing <|endoftext|>
    theirs = GPT2LMHeadModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    losses, start = [], 0
    for story in stories:
        ids = torch.tensor([[0, *story, 0]])
        with torch.no_grad():
            losses.append(float(theirs(ids, labels=ids).loss))  # mean NLL of ids[1:], transformers' own shift
        ours = -scores.log_probs[start:start + len(story) + 1].mean()
        assert ours == pytest.approx(losses[-1], abs=float32_atol(10.0, 5))
        start += len(story) + 1
    assert 0 <= scores.top1.mean() <= scores.top5.mean() <= 1


def test_language_model_report_compares_like_with_like(tiny_gpt):
    folder, result = tiny_gpt
    pipeline = load_pipeline(str(folder))
    train_ids = [s for s in result.data.train.ids.tolist()]  # one stream; split back into stories
    stories, current = [], []
    for token in train_ids[1:] + [0]:
        if token == 0:
            stories.append(current)
            current = []
        else:
            current.append(token)
    heldout = result.data.heldout[:5]
    report = language_model_report(pipeline, stories, heldout, orders=(3,), discounts=(0.1, 0.75))
    assert report["targets"] == sum(len(s) + 1 for s in heldout)
    direct = KneserNeyModel.fit(stories, 3, pipeline.model.config.vocab_size, 0.75).log_probs(heldout)
    kept = np.isfinite(direct)
    assert report["unseen_targets_left_out"] == int((~kept).sum())
    row = next(r for r in report["ngrams"] if r["discount"] == 0.75)
    assert row["perplexity"] == pytest.approx(math.exp(-direct[kept].mean()), rel=1e-12)
    best = report["best_ngram"]["perplexity"]
    assert best == min(r["perplexity"] for r in report["ngrams"])
    assert report["margin"]["perplexity_difference"] == pytest.approx(best - report["perplexity"])


def test_substitution_compares_sentence_likelihoods_read_left_to_right(tiny_gpt):
    folder, _ = tiny_gpt
    pipeline = load_pipeline(str(folder))
    full = substitution_answers(pipeline, [EXAMPLE])[0]
    partial = substitution_answers(pipeline, [EXAMPLE], partial=True)[0]
    tokenizer = pipeline.tokenizer
    assert full.texts == ["The animal didn't cross the street because the animal was too tired.",
                          "The animal didn't cross the street because the street was too tired."]
    for index, text in enumerate(full.texts):
        ids = [0, *tokenizer(text)["input_ids"]]
        token_log_probs = transformers_log_probs(folder, ids)
        assert full.log_probs[index] == pytest.approx(float(token_log_probs.sum()), abs=float32_atol(200.0, 5))
        # partial: the tokens after the candidate only; the prefix up to it is "... because the animal"
        prefix = text[:text.index(" was too tired.")]
        after = len(tokenizer(prefix)["input_ids"])
        assert partial.log_probs[index] == pytest.approx(float(token_log_probs[after:].sum()),
                                                         abs=float32_atol(200.0, 5))
    assert full.choice == EXAMPLE.candidates[int(np.argmax(full.log_probs))]


def test_head_scores_read_the_pronoun_row_at_the_candidates(tiny_gpt):
    folder, _ = tiny_gpt
    pipeline = load_pipeline(str(folder))
    scores = gpt_head_scores(pipeline, [EXAMPLE])
    ids = [0, *pipeline.tokenizer(EXAMPLE.text)["input_ids"]]
    tokens = pipeline.tokenizer.convert_ids_to_tokens(ids)
    it = tokens.index("Ġit")  # <|endoftext|> first: every position one later than in the bare sentence
    where = scores.located[0]
    assert where.pronoun == [it]
    for word in EXAMPLE.candidates:
        assert pipeline.tokenizer.decode([ids[p] for p in where.candidates[word]]).strip() == word
        assert max(where.candidates[word]) < it
    trace = pipeline.trace(ids)
    for layer in range(2):
        row = trace.attentions[layer][0, :, it]  # (H, S)
        expected = [row[:, where.candidates[c]].sum(-1) for c in ("animal", "street")]
        assert np.allclose(scores.attention[0][layer], torch.stack(expected, -1).numpy(), atol=1e-6)
        assert float(row[:, it + 1:].abs().max()) == 0.0  # causal: "it" sees nothing after itself


def test_coreference_command_runs_for_a_gpt(tiny_gpt, capsys):
    folder, _ = tiny_gpt
    assert main(["coreference", "--model", str(folder), "--pairs", "4", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["examples"] == 8 and 0 <= report["answer"]["accuracy"] <= 1
    assert report["answer"]["examples"] + report["answer"]["not_answerable"] == 8
    assert np.array(report["head_accuracy"]).shape == (2, 3)
    assert main(["coreference", "--model", str(folder), "--pairs", "4", "--split", "heldout-frames"]) == 0
    assert "sentence log-likelihood" in capsys.readouterr().out
    assert main(["coreference", "--model", str(folder), "--text", EXAMPLE.text, "--pronoun", "it",
                 "--candidates", "animal", "street"]) == 0
    assert "own answer" in capsys.readouterr().out
    assert main(["coreference", "--model", str(folder), "--ablate", "top:1"]) == 2
    assert "head mask" in capsys.readouterr().err


def test_eval_gpt_command(tiny_gpt, capsys):
    folder, _ = tiny_gpt
    args = ["eval", "gpt", "--model", str(folder), "--stories", "300", "--heldout-stories", "10",
            "--compare-with", "none"]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    lm = report["language_model"]
    assert lm["stories"] == 10 and {r["order"] for r in lm["ngrams"]} == {3, 4, 5}
    assert set(report["coreference"]["splits"]) == {"heldout", "heldout-frames"}
    assert main(args) == 0
    assert "Kneser-Ney 5-gram" in capsys.readouterr().out


def test_eval_gpt_refuses_a_bert(tiny_pretraining_folder, capsys):
    assert main(["eval", "gpt", "--model", str(tiny_pretraining_folder), "--compare-with", "none"]) == 2
    assert "not a GPT" in capsys.readouterr().err


PARTNER = CorefExample(id="u", text="The animal didn't cross the street because it was too wide.", pronoun="it",
                       candidates=("animal", "street"), answer="street", pair="p", kind="winograd")


def test_from_the_pronoun_a_causal_head_cannot_tell_a_winograd_pair_apart(tiny_gpt):
    """Up to "it" both members are one sentence, so each head gives both the same attention and is right on
    exactly one: 50 % for every head, whatever the weights. From the deciding word the two differ."""
    folder, _ = tiny_gpt
    pipeline = load_pipeline(str(folder))
    from_pronoun = gpt_head_scores(pipeline, [EXAMPLE, PARTNER])
    assert np.array_equal(from_pronoun.attention[0], from_pronoun.attention[1])
    assert np.all(from_pronoun.accuracy == 0.5)
    from_word = gpt_head_scores(pipeline, [EXAMPLE, PARTNER], source="deciding")
    for example, where in zip((EXAMPLE, PARTNER), from_word.located):
        word = example.text.split()[-1].rstrip(".")
        ids = pipeline.tokenizer(example.text)["input_ids"]
        assert pipeline.tokenizer.decode([ids[p - 1] for p in where.pronoun]).strip() == word
    assert not np.array_equal(from_word.attention[0], from_word.attention[1])
    with pytest.raises(ValueError, match="source"):
        gpt_head_scores(pipeline, [EXAMPLE], source="period")


def test_deciding_word_without_a_partner_is_the_last_word():
    from core.analysis.gpt_evaluation import deciding_word_span, partners

    assert partners([EXAMPLE, PARTNER]) == [PARTNER, EXAMPLE]
    start, end = deciding_word_span(EXAMPLE, PARTNER)
    assert EXAMPLE.text[start:end] == "tired"
    lone = CorefExample(id="v", text="Tom met Sam because he didn't know him.", pronoun="he", candidates=("Tom", "Sam"),
                        answer="Tom")
    start, end = deciding_word_span(lone, None)
    assert lone.text[start:end] == "him"
