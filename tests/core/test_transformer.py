"""The encoder-decoder of core.transformer.model: positional encoding, masks, padding, cached decoding."""

from __future__ import annotations

import math

import pytest
import torch

from core.attention import padding_keep_mask, subsequent_keep_mask
from core.positional import sinusoidal_positional_encoding
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig
from tests.support.tolerances import float32_atol

# Two float32 orders of the same sums (a longer or padded input, incremental decoding): the roundings that
# compound through the embedding, 2 encoder layers x 2 sublayers and 2 decoder layers x 3 sublayers
DEPTH = 11


def logit_atol(logits: torch.Tensor) -> float:
    """eps x DEPTH x the logits' size x a margin of 10."""
    return float32_atol(magnitude=float(logits.detach().abs().max()), depth=DEPTH)


def tiny_model(seed: int = 0, **overrides) -> EncoderDecoderTransformer:
    fields = dict(src_vocab_size=13, tgt_vocab_size=11, d_model=16, encoder_layers=2, decoder_layers=2,
                  encoder_attention_heads=2, decoder_attention_heads=4, encoder_ffn_dim=24, decoder_ffn_dim=24,
                  dropout=0.0, max_position_embeddings=20)
    fields.update(overrides)
    model = EncoderDecoderTransformer(TransformerConfig(**fields))
    model.init_weights(seed)
    return model.eval()


SOURCE = torch.tensor([[5, 6, 7, 8, 3], [9, 10, 3, 0, 0]])  # second row padded
TARGET = torch.tensor([[2, 4, 5, 6, 7, 3], [2, 8, 9, 3, 0, 0]])


def test_positional_encoding_matches_hand_computed_values():
    table = sinusoidal_positional_encoding(3, 4)
    # d_model = 4: dimensions (0, 1) use 10000^(0/4) = 1, dimensions (2, 3) use 10000^(2/4) = 100.
    expected = torch.tensor([
        [0.0, 1.0, 0.0, 1.0],
        [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)],
        [math.sin(2), math.cos(2), math.sin(0.02), math.cos(0.02)],
    ])
    torch.testing.assert_close(table, expected, atol=1e-7, rtol=0)  # a float32 rounding of values <= 1: 6e-8


def test_embeddings_are_scaled_by_sqrt_d_model_and_add_the_sinusoids():
    model = tiny_model()
    ids = torch.tensor([[4, 5, 6]])
    embedded, tokens = model.encoder_embeddings(ids)
    table = model.encoder_embeddings.word_embeddings.weight[ids[0]]
    torch.testing.assert_close(tokens[0], table * 4.0)  # sqrt(16)
    torch.testing.assert_close(embedded[0], table * 4.0 + sinusoidal_positional_encoding(3, 16))


def test_look_ahead_mask_is_lower_triangular():
    keep = subsequent_keep_mask(4)
    assert keep.shape == (1, 1, 4, 4)
    assert keep[0, 0].tolist() == [[True, False, False, False], [True, True, False, False],
                                   [True, True, True, False], [True, True, True, True]]


def test_decoder_never_looks_ahead():
    model = tiny_model()
    trace = model(SOURCE[:1], TARGET[:1])
    for probs in trace.decoder_self_attentions:  # (B, H, T, T)
        assert torch.all(probs[0].triu(diagonal=1) == 0)
    changed = TARGET[:1].clone()
    changed[0, 4] = 9  # a later token must not change any earlier position's output
    other = model(SOURCE[:1], changed)
    torch.testing.assert_close(other.logits[:, :4], trace.logits[:, :4], atol=logit_atol(trace.logits), rtol=0)
    assert not torch.allclose(other.logits[:, 4:], trace.logits[:, 4:])


def test_masks_combine_padding_and_look_ahead():
    keep = subsequent_keep_mask(3) & padding_keep_mask(torch.tensor([[1, 1, 0]]))  # (1, 1, 3, 3)
    assert keep[0, 0].tolist() == [[True, False, False], [True, True, False], [True, True, False]]


def test_no_attention_to_padding():
    model = tiny_model()
    trace = model(SOURCE, TARGET)
    for probs in trace.encoder_attentions:  # (B, H, S, S): keys 3 and 4 of row 1 are padding
        assert torch.all(probs[1, :, :, 3:] == 0)
    for probs in trace.cross_attentions:  # (B, H, T, S)
        assert torch.all(probs[1, :, :, 3:] == 0)
    for probs in trace.decoder_self_attentions:  # target positions 4 and 5 of row 1 are padding
        assert torch.all(probs[1, :, :, 4:] == 0)
    # The padded sentence gives the same numbers as the sentence alone, whatever sits in the padding.
    alone = model(SOURCE[1:, :3], TARGET[1:, :4])
    garbage_source, garbage_target = SOURCE[1:].clone(), TARGET[1:].clone()
    garbage_source[0, 3:], garbage_target[0, 4:] = 7, 5
    padded = model(garbage_source, garbage_target, SOURCE[1:] != 0, TARGET[1:] != 0)
    torch.testing.assert_close(padded.logits[:, :4], alone.logits, atol=logit_atol(alone.logits), rtol=0)


def test_cached_decoding_equals_full_recomputation():
    model = tiny_model(seed=3)
    trace = model(SOURCE[:1], TARGET[:1])
    encoded = model.encode(SOURCE[:1])
    cache = model.start_cache(encoded)
    weight_atol = float32_atol(magnitude=1, depth=DEPTH)  # attention weights <= 1, scores of order 1 here
    for t in range(TARGET.size(1)):
        step = model.decode(TARGET[:1, t:t + 1], encoded, cache=cache)
        cache = step.cache
        assert (step.logits[:, 0] - trace.logits[:, t]).abs().max() <= logit_atol(trace.logits)
        for layer in range(model.config.decoder_layers):
            self_row = trace.decoder_self_attentions[layer][:, :, t, :t + 1]  # (B, H, t + 1)
            assert (step.self_attentions[layer][:, :, 0] - self_row).abs().max() <= weight_atol
            cross_row = trace.cross_attentions[layer][:, :, t]
            assert (step.cross_attentions[layer][:, :, 0] - cross_row).abs().max() <= weight_atol
    assert cache.length == TARGET.size(1)


def test_trace_shapes_are_per_layer_and_head():
    model = tiny_model()
    trace = model(SOURCE, TARGET)
    B, S, T = 2, SOURCE.size(1), TARGET.size(1)
    assert trace.num_layers == 2
    assert [p.shape for p in trace.encoder_attentions] == [(B, 2, S, S)] * 2
    assert [p.shape for p in trace.decoder_self_attentions] == [(B, 4, T, T)] * 2
    assert [p.shape for p in trace.cross_attentions] == [(B, 4, T, S)] * 2
    assert trace.logits.shape == (B, T, 11)
    assert len(trace.encoder_hidden_states) == len(trace.decoder_hidden_states) == 3


def test_output_projection_is_tied_to_the_target_embedding():
    model = tiny_model()
    assert not any("lm_head" in key for key in model.state_dict())
    with torch.no_grad():
        model.decoder_embeddings.word_embeddings.weight[7] += 1.0
    hidden = torch.randn(1, 1, 16)
    expected = hidden @ model.decoder_embeddings.word_embeddings.weight.T + model.final_logits_bias
    torch.testing.assert_close(model.output_logits(hidden), expected)


@pytest.mark.parametrize("overrides, message", [
    ({"d_model": 15, "encoder_attention_heads": 3, "decoder_attention_heads": 3}, "even"),
    ({"decoder_attention_heads": 3}, "not divisible"),
    ({"encoder_layers": 0}, "encoder_layers"),
    ({"eos_token_id": 50}, "eos_token_id"),
])
def test_config_rejects_impossible_models(overrides, message):
    with pytest.raises(ValueError, match=message):
        tiny_model(**overrides)
