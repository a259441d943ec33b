"""Seq2seq with and without attention (core.rnn.seq2seq): context vector, attention, teacher forcing, decoding."""

from __future__ import annotations

import pytest
import torch

from core.decoding import beam_search, greedy_decode
from core.rnn.seq2seq import Seq2seq, Seq2seqConfig
from core.transformer.translator import (
    SPECIAL_TOKENS,
    Translator,
    Vocabulary,
    load_translator,
    save_translator,
    trace_translation,
    translate,
)
from tests.support.tolerances import DECISION_MARGIN, greedy_margin

SOURCE = torch.tensor([[4, 5, 6, 7, 8, 3], [9, 10, 3, 0, 0, 0]])  # the second row is padded
TARGET = torch.tensor([[2, 4, 5, 6, 7, 8], [2, 9, 10, 0, 0, 0]])
# Two float32 computations (batched or alone, step by step or teacher-forced) of these tiny recurrent models'
# log-probabilities: eps 1.19e-7 x up to ~12 steps and layers that compound x log-probs up to ~5 = 7e-6 per
# token; LOG_PROB_ATOL keeps a margin of ten for a sentence's sum.
LOG_PROB_ATOL = 1e-4
ATTENTIONS = [None, "dot", "additive"]


def tiny_seq2seq(attention: str | None, seed: int = 0, target_words: int = 12, dropout: float = 0.0) -> Seq2seq:
    model = Seq2seq(Seq2seqConfig(src_vocab_size=12, tgt_vocab_size=4 + target_words, embedding_size=8,
                                  hidden_size=16, num_layers=2, dropout=dropout, attention=attention))
    model.init_weights(seed)
    with torch.no_grad():  # livelier scores than the init gives, so attention and hypotheses differ clearly
        model.fc.weight.mul_(6.0)
        for parameter in [*model.encoder.parameters(), *model.decoder.parameters()]:
            parameter.mul_(4.0)
        if model.attention is not None and model.config.attention == "additive":
            model.attention.energy.weight.mul_(8.0)
    return model.eval()


@pytest.mark.parametrize("attention", ATTENTIONS)
def test_context_vector_is_the_encoders_last_state_whatever_the_length(attention):
    model = tiny_seq2seq(attention)
    trace = model(SOURCE, TARGET, record=True)
    L, H = model.config.num_layers, model.config.hidden_size
    assert trace.context_hidden.shape == trace.context_cell.shape == (L, 2, H)  # same size for 6 tokens or 3
    for b, length in enumerate([6, 3]):  # the last real step, not the padding after it
        last_hidden = torch.stack([h[b, length - 1] for h in trace.encoder.hidden_states])  # (L, H)
        torch.testing.assert_close(trace.context_hidden[:, b], last_hidden)
        last_cell = torch.stack([c[b, length - 1] for c in trace.encoder.cell_states])
        torch.testing.assert_close(trace.context_cell[:, b], last_cell)
    alone = model(SOURCE[1:, :3], TARGET[1:, :3], record=True)  # padding changes nothing
    torch.testing.assert_close(alone.context_hidden[:, 0], trace.context_hidden[:, 1])
    torch.testing.assert_close(alone.logits[0], trace.logits[1, :3])
    assert set(trace.decoder.gates[0]) == {"input", "forget", "cell", "output"}


@pytest.mark.parametrize("attention", ["dot", "additive"])
def test_attention_weights_sum_to_one_and_padding_gets_none(attention):
    trace = tiny_seq2seq(attention)(SOURCE, TARGET, record=True)
    weights = trace.attention.weights  # (B, T, S)
    torch.testing.assert_close(weights.sum(-1), torch.ones(2, 6))
    assert torch.all(weights[1, :, 3:] == 0.0)  # exactly zero on the padded source positions
    assert torch.all(weights[1, :, :3] > 0.0)
    spread = weights[0].max(-1).values - weights[0].min(-1).values
    assert spread.min() > 0.01  # not uniform: the test would see a softmax over constant scores
    assert trace.cross_attentions[0].shape == (2, 1, 6, 6)


@pytest.mark.parametrize("attention", ["dot", "additive"])
def test_the_four_steps_end_in_the_models_numbers(attention):
    """Note 004's arithmetic redone by hand from the trace equals what the model computed."""
    model = tiny_seq2seq(attention)
    trace = model(SOURCE, TARGET, record=True)
    a, memory, s = trace.attention, trace.encoder_outputs, trace.decoder.hidden_states[-1]
    if attention == "dot":
        scores = torch.einsum("bth,bsh->bts", s, memory)  # step 2: s_t · h_i
    else:
        projection = model.attention
        scores = projection.energy(torch.tanh(projection.query_projection(s)[:, :, None]
                                              + projection.key_projection(memory)[:, None])).squeeze(-1)
    torch.testing.assert_close(a.scores, scores)
    weights = torch.softmax(scores.masked_fill(~trace.source_mask[:, None], float("-inf")), dim=-1)
    torch.testing.assert_close(a.weights, weights)
    torch.testing.assert_close(a.context, torch.einsum("bts,bsh->bth", weights, memory))  # step 3
    torch.testing.assert_close(a.concat, torch.cat([s, a.context], dim=-1))  # step 4: [s_t; c_t]
    combined = torch.tanh(a.concat @ model.attention.combine.weight.T + model.attention.combine.bias)
    torch.testing.assert_close(a.output_input, combined)
    torch.testing.assert_close(trace.logits, combined @ model.fc.weight.T + model.fc.bias)


@pytest.mark.parametrize("attention", ATTENTIONS)
def test_step_by_step_teacher_forcing_equals_the_one_pass(attention):
    model = tiny_seq2seq(attention)
    whole = model(SOURCE[:1], TARGET[:1], record=True)
    encoded, keep = model.encode(SOURCE[:1])
    logits, steps, decoder, inputs = model.run_steps(encoded, keep, TARGET[:1], [True] * 6, record=True)
    torch.testing.assert_close(logits, whole.logits)
    torch.testing.assert_close(decoder.gates[1]["forget"], whole.decoder.gates[1]["forget"])
    assert torch.equal(inputs, TARGET[:1])


def test_free_running_feeds_the_models_own_predictions():
    model = tiny_seq2seq("dot")
    free = model(SOURCE, TARGET, teacher_forcing_ratio=0.0, record=True)
    assert free.teacher_forced == [True] + [False] * 5  # step 0 reads <s>, then its own argmax
    predictions = free.logits.argmax(-1)
    assert torch.equal(free.decoder_inputs[:, 1:], predictions[:, :-1])
    assert not torch.equal(free.decoder_inputs, TARGET)  # it did not read the reference
    greedy = greedy_decode(model, SOURCE[:1], max_length=6)[0].token_ids  # greedy is free running too
    n = len(greedy) - 1  # greedy's last token is </s>, forced at max_length if not chosen before
    assert not {0, 1, 2} & set(predictions[0, :n].tolist())  # nothing greedy would have banned
    assert predictions[0, :n].tolist() == greedy[:n]
    forced = sum(sum(model(SOURCE, TARGET, teacher_forcing_ratio=0.5,
                           generator=torch.Generator().manual_seed(seed)).teacher_forced[1:]) for seed in range(20))
    assert 30 <= forced <= 70  # 100 draws at ratio 0.5


@pytest.mark.parametrize("attention", ATTENTIONS)
def test_free_running_never_feeds_back_what_decoding_bans(attention):
    """<pad>, <unk> and <s> made the most probable tokens: decoding never emits them, so neither does free running."""
    model = tiny_seq2seq(attention)
    with torch.no_grad():
        model.fc.bias[:3] += 100.0  # ids 0, 1, 2: <pad>, <unk>, <s>
    free = model(SOURCE[:1], TARGET[:1], teacher_forcing_ratio=0.0)
    assert set(free.logits.argmax(-1).flatten().tolist()) <= {0, 1, 2}  # the raw argmax would feed them back
    fed = free.decoder_inputs[0, 1:].tolist()
    assert not {0, 1, 2} & set(fed)
    assert fed == free.logits[0, :-1, 3:].argmax(-1).add(3).tolist()  # by hand: the best of the allowed ids
    greedy = greedy_decode(model, SOURCE[:1], max_length=6)[0].token_ids
    eos = model.config.eos_token_id
    n = greedy.index(eos) if eos in greedy else len(greedy)
    assert fed[:n] == greedy[:n]  # free running is greedy decoding up to its first </s>


@pytest.mark.parametrize("attention", ATTENTIONS)
@pytest.mark.parametrize("seed", range(3))
def test_beam_width_one_equals_greedy(attention, seed):
    model = tiny_seq2seq(attention, seed)
    greedy = greedy_decode(model, SOURCE[:1], max_length=10)[0]
    beam = beam_search(model, SOURCE[:1], beam_size=1, max_length=10).hypotheses[0]
    assert greedy_margin(model, SOURCE[:1], greedy.token_ids) > DECISION_MARGIN  # no near-tie to flip
    assert beam.token_ids == greedy.token_ids
    assert beam.score == pytest.approx(greedy.score, abs=LOG_PROB_ATOL)


@pytest.mark.parametrize("attention", ATTENTIONS)
def test_beam_search_scores_equal_the_teacher_forced_log_probs(attention):
    model = tiny_seq2seq(attention, 5)
    result = beam_search(model, SOURCE[:1], beam_size=4, max_length=8)
    assert len({tuple(h.token_ids) for h in result.hypotheses}) == len(result.hypotheses) > 1
    for hypothesis in result.hypotheses:
        decoder_input = torch.tensor([[2] + hypothesis.token_ids[:-1]])
        log_probs = model(SOURCE[:1], decoder_input).log_probs()[0]
        total = sum(log_probs[t, token].item() for t, token in enumerate(hypothesis.token_ids))
        assert total == pytest.approx(hypothesis.log_prob, abs=LOG_PROB_ATOL)
    nodes = result.tree.nodes
    assert nodes[0].fate == "root" and all(nodes[n.parent].fate in ("root", "kept") for n in nodes[1:])


def test_batched_greedy_equals_one_sentence_at_a_time():
    model = tiny_seq2seq("additive", 2)
    batched = greedy_decode(model, SOURCE, max_length=8)
    alone = greedy_decode(model, SOURCE[1:, :3], max_length=8)[0].token_ids
    assert greedy_margin(model, SOURCE[1:, :3], alone) > DECISION_MARGIN  # padding changes rounding, not choices
    assert batched[1].token_ids == alone


def translator_of(model: Seq2seq) -> Translator:
    source = Vocabulary(list(SPECIAL_TOKENS) + [f"e{c}" for c in "abcdefgh"])
    target = Vocabulary(list(SPECIAL_TOKENS) + [f"w{i}" for i in range(12)])
    return Translator(model, source, target, "tiny")


@pytest.mark.parametrize("attention", ["dot", "additive"])
def test_decoding_records_equal_the_teacher_forced_trace(attention):
    translator = translator_of(tiny_seq2seq(attention, 1))
    result = translate(translator, "ea eb ec ed", beam=3, max_length=6, record_attention=True)
    candidate = result.candidates[0]
    trace = trace_translation(translator, "ea eb ec ed", candidate)
    assert trace.output_tokens[0] == candidate.tokens + ["</s>"]
    for t, record in enumerate(candidate.hypothesis.attentions):
        torch.testing.assert_close(record.steps.weights, trace.attention.weights[0, t], atol=1e-5, rtol=0)
        torch.testing.assert_close(record.steps.output_input, trace.attention.output_input[0, t], atol=1e-5, rtol=0)
        torch.testing.assert_close(record.cross_attentions[0], trace.attention.weights[0, t][None], atol=1e-5, rtol=0)
    assert candidate.hypothesis.cross_attentions()[0].shape == (1, len(candidate.hypothesis.token_ids), 5)


@pytest.mark.parametrize("attention", ATTENTIONS)
def test_save_and_load_by_model_type(tmp_path, attention):
    translator = translator_of(tiny_seq2seq(attention, 3))
    folder = save_translator(translator, tmp_path / "s2s")
    loaded = load_translator(str(folder))
    assert type(loaded.model) is Seq2seq and loaded.model.config == translator.model.config
    assert loaded.model_type == ("seq2seq-lstm" if attention is None else "seq2seq-lstm-attention")
    first = translate(translator, "ee ef", beam=2).candidates[0].tokens
    assert translate(loaded, "ee ef", beam=2).candidates[0].tokens == first


def test_config_is_validated():
    with pytest.raises(ValueError, match="attention"):
        Seq2seqConfig(attention="cosine")
    with pytest.raises(ValueError, match="model_type"):
        Seq2seqConfig.from_dict({"model_type": "seq2seq-lstm", "attention": "dot"})
    with pytest.raises(ValueError, match="hidden_size"):
        Seq2seqConfig(hidden_size=0)


def test_source_embeddings_replace_the_lookup_and_carry_the_gradient():
    model = tiny_seq2seq("dot")
    embedded = model.encoder_embeddings(SOURCE[:1]).detach().requires_grad_(True)  # (1, S, E)
    trace = model(SOURCE[:1], TARGET[:1], source_embeddings=embedded)
    torch.testing.assert_close(trace.logits, model(SOURCE[:1], TARGET[:1]).logits)
    trace.logits[0, -1].sum().backward()
    assert embedded.grad.norm(dim=-1).min() > 0  # every source position, the first included, gets a gradient
