"""Coreference explorer core: the built-in data set, word alignment, head ranking and scoring."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from core.analysis.coreference import (
    CorefExample,
    Located,
    candidate_attention,
    head_credit,
    load_examples,
    locate_example,
    locate_word,
    positions_in_tokens,
    rank_heads,
    score_attention,
    score_heads,
    word_char_span,
)
from core.bert.model import BertTrace
from tests.support.tolerances import float32_atol


@pytest.fixture(scope="module")
def examples() -> list[CorefExample]:
    return load_examples()


@pytest.fixture(scope="module")
def minilm_tokenizer(minilm_folder):
    from transformers import BertTokenizerFast

    return BertTokenizerFast.from_pretrained(str(minilm_folder))


@pytest.fixture(scope="module")
def minilm_pipeline(minilm_folder):
    from core.bert.pipeline import load_pipeline

    return load_pipeline(str(minilm_folder))


# --- the data set ------------------------------------------------------------------------------

def test_data_set_is_large_and_consistent(examples):
    assert len(examples) >= 48
    assert len({e.id for e in examples}) == len(examples)
    for e in examples:
        word_char_span(e.text, e.pronoun, e.pronoun_occurrence)  # raises when absent
        for word in e.candidates:
            word_char_span(e.text, word)
        assert e.pronoun.lower() in {"it", "he", "she", "they"}
        assert e.kind in {"winograd", "gender", "number"}


def test_minimal_pairs_flip_the_answer(examples):
    by_text = {e.text: e for e in examples}
    assert by_text["The animal didn't cross the street because it was too tired."].answer == "animal"
    assert by_text["The animal didn't cross the street because it was too wide."].answer == "street"
    assert by_text["The trophy didn't fit in the suitcase because it was too big."].answer == "trophy"
    assert by_text["The trophy didn't fit in the suitcase because it was too small."].answer == "suitcase"
    assert by_text["Mary gave John the book because he asked for it."].answer == "John"
    pairs: dict[str, list[CorefExample]] = {}
    for e in examples:
        pairs.setdefault(e.pair, []).append(e)
    assert len(pairs) >= 24 and all(len(members) == 2 for members in pairs.values())
    for a, b in pairs.values():
        assert a.candidates == b.candidates and a.answer != b.answer and a.text != b.text
    # Balanced: the first-mentioned candidate is right exactly half the time, so "always the subject" is chance.
    assert sum(e.answer_index == 0 for e in examples) * 2 == len(examples)
    assert {e.pronoun.lower() for e in examples} == {"it", "he", "she", "they"}


def test_example_validation():
    with pytest.raises(ValueError, match="not one of"):
        CorefExample("x", "The cat saw the dog.", "it", ("cat", "dog"), "mat")
    with pytest.raises(ValueError, match="two distinct"):
        CorefExample("x", "The cat saw the dog.", "it", ("cat",), "cat")


# --- word -> WordPiece positions -----------------------------------------------------------------

def test_every_word_is_found_in_real_wordpiece_tokens(examples, minilm_tokenizer):
    for e in examples:
        ids = minilm_tokenizer(e.text)["input_ids"]
        tokens = minilm_tokenizer.convert_ids_to_tokens(ids)
        where = locate_example(minilm_tokenizer, e)
        for word, positions in [(e.pronoun, where.pronoun), *where.candidates.items()]:
            assert "".join(tokens[p].removeprefix("##") for p in positions) == word.lower(), (e.id, word)
        # The tokens-only fallback (slow tokenizers) agrees with the offset mapping.
        assert positions_in_tokens(tokens, e.pronoun, e.pronoun_occurrence) == where.pronoun
        assert {w: positions_in_tokens(tokens, w) for w in e.candidates} == where.candidates


def test_split_words_and_occurrences(minilm_tokenizer):
    text = "The xylophonist saw the xylophonist, and it was Anna."
    tokens = minilm_tokenizer.convert_ids_to_tokens(minilm_tokenizer(text)["input_ids"])
    first, second = locate_word(minilm_tokenizer, text, "xylophonist", 0), locate_word(minilm_tokenizer, text,
                                                                                       "Xylophonist", 1)
    assert len(first) > 1 and len(second) == len(first) and second[0] > first[-1]
    assert "".join(tokens[p].removeprefix("##") for p in second) == "xylophonist"
    assert positions_in_tokens(tokens, "xylophonist", 1) == second
    assert locate_word(minilm_tokenizer, text, "it") == [tokens.index("it")]
    with pytest.raises(ValueError, match="occurrence 2"):
        locate_word(minilm_tokenizer, text, "xylophonist", 2)
    with pytest.raises(ValueError):
        locate_word(minilm_tokenizer, text, "i")  # "i" inside "it" is not a whole word


# --- one sentence, hand-built attention ------------------------------------------------------------

def fake_trace(attentions: list[torch.Tensor]) -> BertTrace:
    B, H, T, _ = attentions[0].shape
    ids, zeros = torch.zeros(B, T, dtype=torch.long), torch.zeros(B, T, 4)
    return BertTrace(input_ids=ids, token_type_ids=ids, attention_mask=torch.ones(B, T, dtype=torch.bool),
                     word_embeddings=zeros, token_type_embeddings=zeros, position_embeddings=zeros,
                     embedding_sum=zeros, embedding_output=zeros, hidden_states=[zeros] * (len(attentions) + 1),
                     attentions=attentions)


def hand_built_attention() -> list[torch.Tensor]:
    """Tokens: [CLS] the ele ##phant saw a dog it [SEP] (T = 9); pronoun "it" at 7;
    candidate "elephant" = pieces 2, 3 and "dog" = 6. Rows of the pronoun set by hand."""
    L, H, T = 2, 2, 9
    probs = torch.full((L, 1, H, T, T), 1.0 / T)
    rows = {  # (layer, head): attention from position 7 to positions 0..8
        (0, 0): [0.1, 0.0, 0.2, 0.3, 0.0, 0.0, 0.1, 0.3, 0.0],  # elephant 0.5, dog 0.1
        (0, 1): [0.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.7, 0.2, 0.0],  # elephant 0.1, dog 0.7
        (1, 0): [0.2, 0.0, 0.1, 0.1, 0.0, 0.0, 0.2, 0.4, 0.0],  # elephant 0.2, dog 0.2 (tie)
        (1, 1): [0.0, 0.0, 0.3, 0.3, 0.0, 0.0, 0.1, 0.3, 0.0],  # elephant 0.6, dog 0.1
    }
    for (layer, head), row in rows.items():
        probs[layer, 0, head, 7] = torch.tensor(row)
    return list(probs)  # L of (1, H, T, T)


def test_candidate_attention_sums_pieces_and_averages_the_pronoun():
    attentions = hand_built_attention()
    candidates = {"elephant": [2, 3], "dog": [6]}
    got = candidate_attention(attentions, [7], candidates)
    expected = np.array([[[0.5, 0.1], [0.1, 0.7]], [[0.2, 0.2], [0.6, 0.1]]])
    np.testing.assert_allclose(got, expected, atol=1e-6)
    # A two-piece pronoun (positions 7 and 8) averages its rows: row 8 is uniform 1/9.
    got = candidate_attention(attentions, [7, 8], candidates)
    np.testing.assert_allclose(got[0, 0], [(0.5 + 2 / 9) / 2, (0.1 + 1 / 9) / 2], atol=1e-6)


def test_rank_heads_orders_by_margin():
    trace = fake_trace(hand_built_attention())
    candidates = {"elephant": [2, 3], "dog": [6]}
    ranking = rank_heads(trace, [7], candidates, sort_by="elephant")
    assert ranking.order == [(1, 1), (0, 0), (1, 0), (0, 1)]  # margins 0.5, 0.4, 0.0, -0.6
    rows = ranking.to_rows()
    assert [r["margin"] for r in rows] == pytest.approx([0.5, 0.4, 0.0, -0.6], abs=1e-6)
    assert rows[-1]["top"] == "dog" and rows[-1]["attention to dog"] == pytest.approx(0.7)
    unlabelled = rank_heads(trace, [7], candidates)  # by lead over the runner-up, either candidate
    assert unlabelled.order == [(0, 1), (1, 1), (0, 0), (1, 0)]  # 0.6, 0.5, 0.4, 0.0
    json.dumps(unlabelled.to_dict())
    with pytest.raises(ValueError):
        rank_heads(trace, [7], {"dog": [6]})


# --- scoring, hand-built attention -----------------------------------------------------------------

def test_head_credit_shares_ties():
    attention = np.array([[0.5, 0.1], [0.1, 0.5], [0.3, 0.3]])
    assert head_credit(attention, 0).tolist() == [1.0, 0.0, 0.5]
    assert head_credit(np.array([0.2, 0.2, 0.2]), 1) == pytest.approx(1 / 3)


def test_score_attention_gives_exact_accuracies():
    text = "The cat saw the dog and it ran."
    pair = [CorefExample("p-1", text, "it", ("cat", "dog"), "cat", pair="p"),
            CorefExample("p-2", text, "it", ("cat", "dog"), "dog", pair="p")]
    third = CorefExample("t", "The cat saw the dog on the mat and it ran.", "it", ("cat", "dog", "mat"), "mat")
    examples = [*pair, third]
    # One layer, three heads. Head 0 always right; head 1 always the first candidate; head 2 ties everything.
    attention = [np.array([[[0.6, 0.1], [0.5, 0.2], [0.3, 0.3]]]),
                 np.array([[[0.1, 0.6], [0.5, 0.2], [0.3, 0.3]]]),
                 np.array([[[0.0, 0.1, 0.4], [0.5, 0.2, 0.1], [0.2, 0.2, 0.2]]])]
    located = [Located([6], {"cat": [2], "dog": [5]}), Located([6], {"cat": [2], "dog": [5]}),
               Located([10], {"cat": [2], "dog": [5], "mat": [8]})]
    scores = score_attention(examples, attention, located, model="fake")
    assert scores.credit.shape == (3, 1, 3)
    np.testing.assert_allclose(scores.accuracy, [[1.0, 1 / 3, (0.5 + 0.5 + 1 / 3) / 3]])
    assert scores.chance == pytest.approx((0.5 + 0.5 + 1 / 3) / 3)
    assert scores.pair_ids == ["p"]
    np.testing.assert_allclose(scores.pair_accuracy, [[1.0, 0.0, 0.25]])
    assert scores.pair_chance == pytest.approx(0.25)
    assert scores.baselines == {"first candidate": pytest.approx(1 / 3), "nearest candidate": pytest.approx(2 / 3)}
    assert [(h.layer, h.head) for h in scores.best_heads(3)] == [(0, 0), (0, 2), (0, 1)]
    rows = scores.example_rows(0, 1)
    assert [r["head_choice"] for r in rows] == ["cat", "cat", "cat"] and rows[2]["nearest candidate"] == "mat"
    json.dumps(scores.to_dict())


# --- the real pretrained MiniLM ------------------------------------------------------------------

def test_score_heads_on_minilm(minilm_pipeline, examples):
    scores = score_heads(minilm_pipeline)
    config = minilm_pipeline.model.config
    assert scores.accuracy.shape == (config.num_hidden_layers, config.num_attention_heads) == (6, 12)
    assert scores.credit.shape == (len(examples), 6, 12)
    assert np.all((scores.accuracy >= 0) & (scores.accuracy <= 1))
    assert scores.chance == 0.5 and scores.pair_chance == 0.25
    assert scores.baselines == {"first candidate": 0.5, "nearest candidate": 0.5}  # balanced pairs
    assert len(scores.to_rows()) == 72 and scores.to_rows()[0]["accuracy"] == scores.accuracy.max()
    # The batched, padded pass gives the same attention as tracing the shortest sentence alone.
    n = min(range(len(examples)), key=lambda i: len(examples[i].text))
    trace, _ = minilm_pipeline.trace(examples[n].text, record_all=True)
    alone = candidate_attention(trace.attentions, scores.located[n].pronoun, scores.located[n].candidates)
    # padding changes the order of float32 sums: 12 sublayers compound it, and softmax turns a score's error
    # into a weight's relative error of twice that, so the scores' size sets the scale
    largest_score = max(float(record.scores.abs().max()) for record in trace.attention_records)
    np.testing.assert_allclose(scores.attention[n], alone, atol=float32_atol(2 * largest_score, depth=12), rtol=0)
