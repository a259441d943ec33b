"""Head ablation in the from-scratch BERT: a (L, H) mask of 1/0 zeroes heads' outputs before W^O."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from core.bert.config import BertConfig
from core.bert.model import BertForPreTraining
from tests.support.tolerances import float32_atol


@pytest.fixture(scope="module")
def model() -> BertForPreTraining:
    config = BertConfig(vocab_size=50, hidden_size=24, num_hidden_layers=3, num_attention_heads=4,
                        intermediate_size=40, max_position_embeddings=32)
    model = BertForPreTraining(config)
    model.init_weights(seed=3)
    with torch.no_grad():  # init_weights zeroes biases; random ones make the hand computation a real check
        for module in model.modules():
            if isinstance(module, torch.nn.Linear):
                module.bias.normal_(0, 0.1, generator=torch.Generator().manual_seed(7))
    return model.eval()


@pytest.fixture(scope="module")
def inputs() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(5, 50, (2, 9), generator=generator)  # (B, T)
    token_type_ids = torch.zeros_like(input_ids)
    attention_mask = torch.ones_like(input_ids, dtype=torch.bool)
    attention_mask[1, 6:] = False  # the second row is padded
    return input_ids, token_type_ids, attention_mask


def tensors(trace) -> dict[str, torch.Tensor]:
    out = {}
    for field in dataclasses.fields(trace):
        value = getattr(trace, field.name)
        if isinstance(value, torch.Tensor):
            out[field.name] = value
        elif isinstance(value, list) and value and isinstance(value[0], torch.Tensor):
            out.update({f"{field.name}.{i}": v for i, v in enumerate(value)})
    for i, record in enumerate(trace.attention_records):
        out.update({f"record.{i}.{name}": getattr(record, name) for name in ("probs", "query", "key", "value",
                                                                               "scores", "context")})
    return out


@torch.no_grad()
def test_all_heads_on_changes_nothing_bit_for_bit(model, inputs):
    plain = tensors(model(*inputs, record_all=True))
    on = tensors(model(*inputs, record_all=True, head_mask=torch.ones(3, 4)))
    assert plain.keys() == on.keys() and len(plain) > 20
    for name in plain:
        assert torch.equal(plain[name], on[name]), name


@torch.no_grad()
def test_a_switched_off_head_equals_the_hand_computation(model, inputs):
    layer_index, head = 1, 2
    head_mask = torch.ones(3, 4)
    head_mask[layer_index, head] = 0
    plain = model(*inputs, record_all=True)
    ablated = model(*inputs, record_all=True, head_mask=head_mask)
    # Layers before the switched-off head are untouched.
    assert torch.equal(plain.hidden_states[1], ablated.hidden_states[1])
    # By hand: the same layer input, that head's context set to zero, heads concatenated, W^O, residual + LN, FFN.
    layer = model.bert.encoder.layer[layer_index]
    hidden = plain.hidden_states[layer_index]  # (B, T, E)
    context = plain.attention_records[layer_index].context.clone()  # (B, H, T, D)
    context[:, head] = 0.0
    B, H, T, D = context.shape
    merged = context.transpose(1, 2).reshape(B, T, H * D)  # (B, T, E)
    attended = layer.attention.output.LayerNorm(layer.attention.output.dense(merged) + hidden)
    expected = layer.output.LayerNorm(layer.output.dense(layer.intermediate(attended)) + attended)
    # the model's order of the same float32 sums: one layer's two sublayers of numbers this size, a margin of 10
    atol = float32_atol(magnitude=float(expected.abs().max()), depth=2)
    torch.testing.assert_close(ablated.hidden_states[layer_index + 1], expected, rtol=0, atol=atol)
    # The head's attention pattern is still computed and shown; only its output is removed.
    assert torch.equal(ablated.attentions[layer_index], plain.attentions[layer_index])
    assert not torch.allclose(ablated.hidden_states[layer_index + 1], plain.hidden_states[layer_index + 1])
    assert not torch.allclose(ablated.mlm_logits, plain.mlm_logits)


@torch.no_grad()
def test_head_mask_of_the_wrong_shape_is_refused(model, inputs):
    with pytest.raises(ValueError, match=r"\(3, 4\)"):
        model(*inputs, head_mask=torch.ones(4, 3))


@torch.no_grad()
def test_masked_trace_passes_the_head_mask_on(tiny_pretraining_folder):
    from core.analysis.head_ablation import head_mask_without
    from core.bert.pipeline import load_pipeline

    pipeline = load_pipeline(str(tiny_pretraining_folder))
    plain, _ = pipeline.masked_trace("the cat sat on the mat .", positions=(2,))
    on, _ = pipeline.masked_trace("the cat sat on the mat .", positions=(2,), head_mask=torch.ones(2, 4))
    off, _ = pipeline.masked_trace("the cat sat on the mat .", positions=(2,),
                                   head_mask=head_mask_without(2, 4, [(1, 0)]))
    assert torch.equal(plain.mlm_logits, on.mlm_logits)
    assert not torch.allclose(plain.mlm_logits, off.mlm_logits)
