"""The from-scratch BERT reproduces transformers' BERT on the same weights."""

from __future__ import annotations

import pytest
import torch
import transformers

from core.analysis.parity import compare
from core.bert.pipeline import load_pipeline
from tests.support.builders import save_tiny_hf_model
from tests.support.tolerances import attention_row_bounds, float32_atol, gamma

SENTENCE = "the animal didn't cross the street because it was too tired."
# Ours and transformers' float32 BERT differ only in the order of their sums: eps x the roundings that compound
# x the size of the numbers x a margin of 10. The tiny random checkpoints: 6 (embedding LayerNorm, 2 layers x 2
# sublayers, the head), hidden states and logits up to ~3; MiniLM: 14 (6 layers), hidden states up to ~11.
TINY_ATOL = float32_atol(magnitude=3, depth=6)  # 2.1e-5
MINILM_ATOL = float32_atol(magnitude=11, depth=14)  # 1.8e-4


@pytest.mark.parametrize("cls_name", ["BertModel", "BertForMaskedLM", "BertForPreTraining"])
def test_tiny_random_checkpoints_match_transformers(tmp_path, cls_name):
    folder = save_tiny_hf_model(tmp_path / cls_name, cls_name, seed=1)
    report = compare(load_pipeline(str(folder)), SENTENCE, "a cat sat on the mat.", atol=TINY_ATOL)
    assert report.reference_class == cls_name
    quantities = {row.quantity for row in report.rows}
    assert {"embedding output", "layer 2 attention probs", "layer 2 hidden state"} <= quantities
    assert ("MLM logits" in quantities) == (cls_name != "BertModel")
    assert ("NSP logits" in quantities) == (cls_name == "BertForPreTraining")
    assert report.max_abs_diff <= TINY_ATOL, report.rows


def test_features_missing_from_checkpoint_are_absent_not_random(tmp_path):
    pipeline = load_pipeline(str(save_tiny_hf_model(tmp_path / "mlm", "BertForMaskedLM")))
    assert pipeline.model.has_mlm and not pipeline.model.has_nsp and not pipeline.model.has_pooler
    trace, _ = pipeline.trace(SENTENCE)
    assert trace.nsp_logits is None and trace.pooled_output is None


@torch.no_grad()
def test_padded_batch_matches_transformers_and_ignores_padding(tiny_pretraining_folder):
    pipeline = load_pipeline(str(tiny_pretraining_folder))
    batch = pipeline.tokenizer(["the cat sat on the mat.", SENTENCE], ["he asked for it.", "a dog"],
                               padding=True, return_tensors="pt")
    assert not batch["attention_mask"].all(), "the batch must contain padding"
    ours = pipeline.model(batch["input_ids"], batch["token_type_ids"], batch["attention_mask"])
    reference = transformers.BertForPreTraining.from_pretrained(str(tiny_pretraining_folder),
                                                                attn_implementation="eager")
    theirs = reference.eval()(**batch, output_attentions=True, output_hidden_states=True)
    real = batch["attention_mask"].bool()
    for layer in range(len(ours.attentions)):
        assert torch.allclose(ours.attentions[layer], theirs.attentions[layer], atol=TINY_ATOL)
        # hidden states at padding positions are meaningless in both; compare the real tokens
        assert torch.allclose(ours.hidden_states[layer + 1][real], theirs.hidden_states[layer + 1][real],
                              atol=TINY_ATOL)
    assert torch.allclose(ours.mlm_logits[real], theirs.prediction_logits[real], atol=TINY_ATOL)
    assert torch.allclose(ours.nsp_logits, theirs.seq_relationship_logits, atol=TINY_ATOL)
    # attention rows are distributions, and padding keys receive exactly zero attention
    for probs in ours.attentions:  # (B, H, T, S)
        # float32 weights each within a rounding, then an S-term float32 sum: Higham's gamma_{2S}
        assert torch.allclose(probs.sum(-1), torch.ones(probs.shape[:-1]), atol=gamma(2 * probs.shape[-1]), rtol=0)
        assert probs[0, :, :, ~real[0]].abs().max() == 0


def test_real_pretrained_checkpoint_matches_transformers(minilm_folder):
    pipeline = load_pipeline(str(minilm_folder))
    report = compare(pipeline, "The animal didn't cross the street because it was too tired.",
                     "It was a long day.", atol=MINILM_ATOL)
    assert report.reference_class == "BertModel"
    assert len([r for r in report.rows if "attention" in r.quantity]) == 6
    assert report.passed, report.rows


def test_trace_records_the_attention_arithmetic(tiny_pretraining_folder):
    pipeline = load_pipeline(str(tiny_pretraining_folder))
    trace, encoded = pipeline.trace(SENTENCE, record_all=True)
    B, T = encoded.input_ids.shape
    record = trace.attention_records[1]
    D = pipeline.model.config.head_size
    assert record.query.shape == (B, 4, T, D) and record.scores.shape == (B, 4, T, T)
    recomputed = torch.softmax(record.query.double() @ record.key.double().transpose(-1, -2) / D ** 0.5, dim=-1)
    # float64 against the model's float32: Higham's bound from these heads' own numbers, whatever the CPU
    bound = attention_row_bounds(record.query.numpy(), record.key.numpy(), record.value.numpy(),
                                 trace.attentions[1].numpy())
    assert (recomputed - trace.attentions[1].double()).abs().max() <= bound.probs
    assert (trace.attentions[1].double() @ record.value.double() - record.context.double()).abs().max() <= bound.context
    parts = trace.word_embeddings + trace.token_type_embeddings + trace.position_embeddings
    assert torch.equal(parts, trace.embedding_sum)
    assert trace.tokens[0][0] == "[CLS]" and trace.tokens[0][-1] == "[SEP]"


@pytest.mark.parametrize("cls_name", ["BertModel", "BertForPreTraining"])
def test_pooled_output_is_compared_whenever_the_checkpoint_has_a_pooler(tmp_path, cls_name):
    """BertForPreTraining's output has no pooler_output field, yet its pooler feeds the NSP head."""
    folder = save_tiny_hf_model(tmp_path / cls_name, cls_name, seed=2)
    report = compare(load_pipeline(str(folder)), SENTENCE, "a cat sat on the mat.", atol=TINY_ATOL)
    pooled = [row for row in report.rows if row.quantity == "pooled output"]
    assert len(pooled) == 1 and pooled[0].max_abs_diff <= TINY_ATOL
