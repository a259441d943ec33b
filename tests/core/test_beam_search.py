"""Greedy decoding and beam search of core.decoding, checked against exhaustive enumeration."""

from __future__ import annotations

import itertools
import json

import pytest
import torch

from core.decoding import beam_search, greedy_decode
from core.transformer.model import EncoderDecoderTransformer
from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary, trace_translation, translate
from tests.support.builders import random_encoder_decoder
from tests.support.tolerances import DECISION_MARGIN, greedy_margin, ranking_margin

WORDS = 3  # target words besides the four special tokens: a tiny vocabulary of 7


def tiny_model(seed: int = 0, target_words: int = WORDS) -> EncoderDecoderTransformer:
    return random_encoder_decoder(seed, src_vocab_size=10, tgt_vocab_size=4 + target_words, d_model=16,
                                  encoder_layers=1, decoder_layers=2, encoder_attention_heads=2,
                                  decoder_attention_heads=2, encoder_ffn_dim=24, decoder_ffn_dim=24,
                                  max_position_embeddings=40)


SOURCE = torch.tensor([[4, 5, 6, 7, 3]])
# Two float32 computations (batched or not, cached or not) of these models' log-probabilities pass through 8
# sublayers (one encoder layer, two decoder layers with cross-attention): they differ by about eps 1.19e-7 x 8
# = 9.5e-7 relative, so LOG_PROB_RTOL keeps a margin of ten, with TOKEN_ATOL (eps x 8 x values up to ~10)
# under it for values near 0.
LOG_PROB_RTOL, TOKEN_ATOL = 1e-5, 1e-5


@torch.no_grad()
def exhaustive_best(model, source, max_length: int, alpha: float) -> list[tuple[float, list[int]]]:
    """Every sequence of words followed by </s> within max_length tokens, scored by full recomputation."""
    eos, bos, words = model.config.eos_token_id, model.config.bos_token_id, range(4, model.config.tgt_vocab_size)
    sequences = [list(s) + [eos] for n in range(max_length) for s in itertools.product(words, repeat=n)]
    # One teacher-forced pass for all of them: right padding cannot change earlier positions (look-ahead mask).
    decoder_input = torch.tensor([[bos] + ids[:-1] + [0] * (max_length - len(ids)) for ids in sequences])
    logits = model(source.expand(len(sequences), -1), decoder_input).logits  # (N, max_length, V)
    log_probs = torch.log_softmax(logits.float(), dim=-1)
    scored = []
    for row, ids in zip(log_probs, sequences):
        total = sum(row[t, token].item() for t, token in enumerate(ids))
        scored.append((total / len(ids) ** alpha, ids))
    return sorted(scored, key=lambda pair: pair[0], reverse=True)


@pytest.mark.parametrize("seed, alpha", [(0, 0.0), (1, 0.6), (2, 1.0), (3, 2.0)])
def test_wide_beam_finds_the_exhaustive_optimum(seed, alpha):
    model, max_length = tiny_model(seed), 3
    reference = exhaustive_best(model, SOURCE, max_length, alpha)  # 1 + 3 + 9 = 13 sequences
    scores = [score for score, _ in reference]
    assert min(a - b for a, b in zip(scores, scores[1:])) > DECISION_MARGIN  # so the order is no near-tie
    # Width 16 >= the vocabulary (7) and >= every step's extensions (at most 3 x 4): nothing is ever pruned.
    result = beam_search(model, SOURCE, beam_size=16, max_length=max_length, length_penalty=alpha, n_best=13)
    assert [h.token_ids for h in result.hypotheses] == [ids for _, ids in reference]
    for hypothesis, (score, _) in zip(result.hypotheses, reference):
        assert hypothesis.score == pytest.approx(score, rel=LOG_PROB_RTOL, abs=TOKEN_ATOL)


def test_narrow_beam_misses_the_optimum_somewhere():
    """The exhaustive test can fail: a width-1 beam is not always optimal on these models."""
    def misses(seed: int) -> bool:
        model = tiny_model(seed)
        best = exhaustive_best(model, SOURCE, 3, 0.0)[0][1]
        return beam_search(model, SOURCE, beam_size=1, max_length=3, length_penalty=0.0).hypotheses[0].token_ids != best

    assert any(misses(seed) for seed in range(12))


@pytest.mark.parametrize("seed", range(4))
def test_beam_width_one_equals_greedy(seed):
    model = tiny_model(seed, target_words=12)
    greedy = greedy_decode(model, SOURCE, max_length=12)[0]
    beam = beam_search(model, SOURCE, beam_size=1, max_length=12).hypotheses[0]
    assert greedy_margin(model, SOURCE, greedy.token_ids) > DECISION_MARGIN  # no near-tie for rounding to flip
    assert beam.token_ids == greedy.token_ids
    assert beam.score == pytest.approx(greedy.score, rel=LOG_PROB_RTOL, abs=TOKEN_ATOL)


def test_batched_greedy_equals_one_sentence_at_a_time():
    model = tiny_model(target_words=12)
    sources = torch.tensor([[4, 5, 6, 7, 3], [8, 9, 3, 0, 0]])
    batched = greedy_decode(model, sources, max_length=10)
    alone = greedy_decode(model, sources[1:, :3], max_length=10)
    assert greedy_margin(model, sources[1:, :3], alone[0].token_ids) > DECISION_MARGIN  # padding changes rounding
    assert batched[1].token_ids == alone[0].token_ids
    assert batched[0].token_ids == greedy_decode(model, sources[:1], max_length=10)[0].token_ids


def test_cache_and_tree_switches_do_not_change_the_result():
    model = tiny_model(5, target_words=12)
    reference = beam_search(model, SOURCE, beam_size=5, max_length=10, use_cache=False)
    assert ranking_margin(reference.tree) > DECISION_MARGIN  # the cache changes rounding, not a decision
    for use_cache, record_tree in [(True, True), (True, False)]:
        other = beam_search(model, SOURCE, beam_size=5, max_length=10, use_cache=use_cache, record_tree=record_tree)
        assert [h.token_ids for h in other.hypotheses] == [h.token_ids for h in reference.hypotheses]
        assert [h.score for h in other.hypotheses] == pytest.approx([h.score for h in reference.hypotheses],
                                                                    rel=LOG_PROB_RTOL, abs=TOKEN_ATOL)
    assert beam_search(model, SOURCE, beam_size=5, max_length=10, record_tree=False).tree is None


@pytest.mark.parametrize("seed, alpha", [(0, 0.6), (7, 1.0)])
def test_tree_invariants(seed, alpha):
    model, beam_size = tiny_model(seed, target_words=12), 4
    result = beam_search(model, SOURCE, beam_size=beam_size, max_length=8, length_penalty=alpha)
    nodes = result.tree.nodes
    assert nodes[0].fate == "root" and nodes[0].parent is None
    for node in nodes[1:]:
        parent = nodes[node.parent]
        assert parent.fate in ("root", "kept") and parent.step == node.step - 1  # only live hypotheses grow
        # the same float32 numbers added and divided once more: a rounding of values up to ~20 (eps x 20 = 2.4e-6)
        assert node.cumulative == pytest.approx(parent.cumulative + node.token_log_prob, abs=TOKEN_ATOL)
        assert node.score == pytest.approx(node.cumulative / node.step ** alpha, abs=TOKEN_ATOL)
        assert (node.fate == "finished") <= (node.token_id == model.config.eos_token_id)
    for step in range(1, result.steps + 1):
        at_step = [n for n in nodes if n.step == step]
        assert sum(n.fate == "kept" for n in at_step) <= beam_size
        assert len(at_step) <= 2 * beam_size
        assert [n.rank for n in at_step] == list(range(len(at_step)))  # compared best first
    finished = sorted((n for n in nodes if n.fate == "finished"), key=lambda n: n.score, reverse=True)
    assert [h.node_id for h in result.hypotheses] == [n.id for n in finished[:beam_size]]
    assert [h.score for h in result.hypotheses] == sorted((h.score for h in result.hypotheses), reverse=True)
    for hypothesis in result.hypotheses:
        assert [n.token_id for n in result.tree.path(hypothesis.node_id)[1:]] == hypothesis.token_ids
        assert hypothesis.score == pytest.approx(hypothesis.log_prob / len(hypothesis.token_ids) ** alpha)
    assert json.loads(json.dumps(result.to_dict()))["tree"][0]["fate"] == "root"


@pytest.mark.parametrize("seed, alpha", [(0, 0.6), (5, 1.0)])
def test_the_tree_holds_every_hypothesis_ever_scored(seed, alpha):
    """Each live hypothesis is extended by every token that may follow it, each exactly once; the
    nodes compared for the beam are the best of them; the extra ones are pruned and add up."""
    model, beam_size, max_length = tiny_model(seed, target_words=12), 3, 6
    result = beam_search(model, SOURCE, beam_size=beam_size, max_length=max_length, length_penalty=alpha)
    tree = result.tree
    everything = tree.all_nodes()
    assert everything[:len(tree.nodes)] == tree.nodes and len(everything) == tree.num_scored()
    V, eos = model.config.tgt_vocab_size, model.config.eos_token_id
    banned = {model.config.pad_token_id, model.config.unk_token_id, model.config.bos_token_id}
    live = [n for n in tree.nodes if n.fate in ("root", "kept")]
    for parent in live:
        if parent.step == result.steps:
            continue  # the search stopped before extending it
        children = [n for n in everything if n.parent == parent.id]
        allowed = {eos} if parent.step + 1 == max_length else set(range(V)) - banned
        assert sorted(n.token_id for n in children) == sorted(allowed)  # every token once, none banned
        for child in children:
            # one float32 addition and division of values up to ~20 more than the tree did: eps x 20 = 2.4e-6
            assert child.cumulative == pytest.approx(parent.cumulative + child.token_log_prob, abs=TOKEN_ATOL)
            assert child.score == pytest.approx(child.cumulative / child.step ** alpha, abs=TOKEN_ATOL)
    assert all(n.parent in {p.id for p in live} for n in everything[1:])  # only live hypotheses were extended
    for step in range(1, result.steps + 1):
        at_step = [n for n in everything if n.step == step]
        compared = [n for n in at_step if n.id < len(tree.nodes)]
        rest = [n for n in at_step if n.id >= len(tree.nodes)]
        assert all(n.fate == "pruned" for n in rest)
        assert sorted(n.rank for n in at_step) == list(range(len(at_step)))
        if rest:
            assert min(n.cumulative for n in compared) >= max(n.cumulative for n in rest)  # one ranking, exact
    rows = json.loads(json.dumps(result.to_dict()))["tree"]
    assert len(rows) == len(everything) and len(result.to_dict()["tree"]) > len(tree.nodes)
    assert len(tree.to_dict(everything=False)) == len(tree.nodes)


def test_every_hypothesis_ends_with_eos_within_max_length():
    model = tiny_model(2, target_words=12)
    result = beam_search(model, SOURCE, beam_size=3, max_length=2)
    assert result.hypotheses and all(h.token_ids[-1] == model.config.eos_token_id for h in result.hypotheses)
    assert all(len(h.token_ids) <= 2 for h in result.hypotheses)


def test_step_attentions_equal_the_teacher_forced_trace():
    model = tiny_model(4, target_words=6)
    words = [f"w{i}" for i in range(6)]
    translator = Translator(model, Vocabulary(list(SPECIAL_TOKENS) + [f"e{c}" for c in "abcdef"]),
                            Vocabulary(list(SPECIAL_TOKENS) + words), "tiny")
    result = translate(translator, "ea eb ec ed", beam=3, max_length=6, record_attention=True)
    candidate = result.candidates[0]
    trace = trace_translation(translator, "ea eb ec ed", candidate)
    assert trace.output_tokens[0] == candidate.tokens + ["</s>"]
    # attention weights (<= 1, error relative to scores up to ~10): TOKEN_ATOL
    for t, step in enumerate(candidate.hypothesis.attentions):
        for layer in range(2):
            torch.testing.assert_close(step.cross_attentions[layer], trace.cross_attentions[layer][0, :, t],
                                       atol=TOKEN_ATOL, rtol=0)
            torch.testing.assert_close(step.self_attentions[layer],
                                       trace.decoder_self_attentions[layer][0, :, t, :t + 1], atol=TOKEN_ATOL, rtol=0)
    stacked = candidate.hypothesis.cross_attentions()  # L of (H, T, S)
    torch.testing.assert_close(stacked[1], trace.cross_attentions[1][0], atol=TOKEN_ATOL, rtol=0)
    log_probs = trace.log_probs()[0]
    ids = candidate.hypothesis.token_ids
    assert sum(log_probs[t, i].item() for t, i in enumerate(ids)) == pytest.approx(candidate.log_prob,
                                                                                  rel=LOG_PROB_RTOL, abs=TOKEN_ATOL)


def test_bad_arguments_are_refused():
    model = tiny_model()
    with pytest.raises(ValueError, match="one sentence"):
        beam_search(model, torch.tensor([[4, 3], [5, 3]]))
    with pytest.raises(ValueError, match="n_best"):
        beam_search(model, SOURCE, beam_size=2, n_best=3)
    with pytest.raises(ValueError, match="at least 1"):
        beam_search(model, SOURCE, beam_size=0)
