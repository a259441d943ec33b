"""Note 004's four steps redone by hand (core.analysis.seq2seq_step): the numbers against torch's own float64
attention module, the check's rounding bounds on the longest held-out sentences, and a changed model caught."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch

from core.analysis.evaluation import bucketed_test_split, trained_data_version
from core.analysis.seq2seq_step import FLOAT32_EPS, attention_arithmetic, context_sizes
from core.transformer.translator import load_translator, trace_translation, translate
from tests.support.builders import tiny_seq2seq_translator

SOURCE = "the boys that do not wash the cup like the spanish keys that are slow"
TARGET = "les garçons qui ne lavent pas la tasse aiment les clés espagnoles qui sont lentes"


@pytest.mark.parametrize("attention", ["dot", "additive"])
def test_the_four_steps_equal_torchs_attention_module_in_float64(attention):
    """Witness: the model's own DecoderAttention run in float64 on the same s_t and h_i."""
    translator = tiny_seq2seq_translator(0, attention)
    trace = trace_translation(translator, SOURCE, TARGET)
    steps = trace.attention.weights.shape[1]
    witness_module = copy.deepcopy(translator.model.attention).double()
    for step in (1, steps):
        result = attention_arithmetic(translator.model, trace, step)
        S = len(result.source_tokens)
        keys = trace.encoder_outputs[:, :S].double()  # (1, S, H)
        query = trace.decoder.hidden_states[-1][:, step - 1:step].double()  # (1, 1, H)
        with torch.no_grad():
            witness = witness_module(query, keys, torch.ones(1, S, dtype=torch.bool)).at(0, 0)
        for name in ("scores", "weights", "context", "concat", "output_input"):
            np.testing.assert_allclose(getattr(result, name), getattr(witness, name).numpy(), rtol=0, atol=1e-12)
        assert result.matches_model, (result.step_differences, result.tolerances)
        assert result.weights.sum() == pytest.approx(1.0, abs=1e-12)


def test_a_changed_combination_is_caught():
    translator = tiny_seq2seq_translator(0, "dot")
    trace = trace_translation(translator, SOURCE, TARGET)
    with torch.no_grad():
        translator.model.attention.combine.bias.add_(0.1)  # the trace was recorded with the old bias
    result = attention_arithmetic(translator.model, trace, 2)
    assert not result.matches_model and result.step_differences["output_input"] > result.tolerances["output_input"]


def test_changed_scores_are_caught():
    translator = tiny_seq2seq_translator(0, "additive")
    trace = trace_translation(translator, SOURCE, TARGET)
    with torch.no_grad():
        translator.model.attention.energy.weight.mul_(1.01)  # scores 1 % larger than the trace's
    result = attention_arithmetic(translator.model, trace, 2)
    assert not result.matches_model and result.step_differences["scores"] > result.tolerances["scores"]


@pytest.fixture(scope="module")
def shipped():
    return load_translator("tiny-seq2seq-attention")


def test_every_step_of_the_longest_held_out_sentences_matches(shipped):
    """30-word sentences: float32 rounding reaches 1-3e-5 on tanh(W_c [s_t; c_t]) from s_t and h_i alone, above the
    old fixed 1e-5; the check, each step from the model's inputs within its reasoned bound, holds at every step."""
    held_out = bucketed_test_split(2000, 0, None, trained_data_version(shipped))  # the grammar it was trained on
    longest = sorted(held_out["21-30"], key=lambda pair: -len(pair[0].split()))[:5]
    assert all(len(english.split()) == 30 for english, _ in longest)
    checked = 0
    for english, _ in longest:
        trace = trace_translation(shipped, english, translate(shipped, english, record_tree=False).candidates[0])
        for step in range(1, trace.attention.weights.shape[1] + 1):
            result = attention_arithmetic(shipped.model, trace, step)
            assert result.matches_model, (english, step, result.step_differences, result.tolerances)
            # the bounds stay far below what a wrong model moves (0.1 on a bias moves an output by ~1e-2)
            assert result.tolerances["output_input"] < 1e-2 and result.tolerances["weights"] < 1e-4
            checked += 1
    assert checked > 100


def test_a_small_change_to_the_shipped_model_is_caught(shipped):
    english = "the animal didn't cross the street because it was too tired"  # the lecture's sentence
    trace = trace_translation(shipped, english, translate(shipped, english, record_tree=False).candidates[0])
    changed = copy.deepcopy(shipped.model)
    with torch.no_grad():
        changed.attention.combine.bias.add_(0.01)
    assert attention_arithmetic(shipped.model, trace, 3).matches_model
    assert not attention_arithmetic(changed, trace, 3).matches_model


def test_weight_bound_is_eps_times_the_sum_size_by_hand():
    """One hand-checked bound: a weight's relative bound is 2 (eps |σ_i - max σ| + gamma_{S+2})."""
    translator = tiny_seq2seq_translator(0, "dot")
    trace = trace_translation(translator, SOURCE, TARGET)
    result = attention_arithmetic(translator.model, trace, 1)
    S, scores, weights = len(result.source_tokens), result.model["scores"], result.model["weights"]
    gamma = (S + 2) * FLOAT32_EPS / (1 - (S + 2) * FLOAT32_EPS)
    np.testing.assert_allclose(result.bounds["weights"],
                               2 * weights * (FLOAT32_EPS * (scores.max() - scores) + gamma), rtol=1e-12)


def test_what_the_decoder_can_read():
    """Hand count for the shipped size (2 layers, H = 192): without attention h and c of both layers, 768 numbers;
    with attention the decoder starts from the same 768 and also reads S × 192 encoder states."""
    sizes = context_sizes(2, 192, [3, 30])
    assert sizes["context_numbers"] == [768, 768]
    assert sizes["attention_numbers"] == [768 + 4 * 192, 768 + 31 * 192]
