"""The from-scratch BERT reproduces transformers' BERT on the same weights."""

from __future__ import annotations

import pytest
import torch
import transformers

from core.analysis.parity import compare
from core.bert.pipeline import load_pipeline
from tests.support.builders import save_tiny_hf_model

SENTENCE = "the animal didn't cross the street because it was too tired."


@pytest.mark.parametrize("cls_name", ["BertModel", "BertForMaskedLM", "BertForPreTraining"])
def test_tiny_random_checkpoints_match_transformers(tmp_path, cls_name):
    folder = save_tiny_hf_model(tmp_path / cls_name, cls_name, seed=1)
    report = compare(load_pipeline(str(folder)), SENTENCE, "a cat sat on the mat.", atol=1e-5)
    assert report.reference_class == cls_name
    quantities = {row.quantity for row in report.rows}
    assert {"embedding output", "layer 2 attention probs", "layer 2 hidden state"} <= quantities
    assert ("MLM logits" in quantities) == (cls_name != "BertModel")
    assert ("NSP logits" in quantities) == (cls_name == "BertForPreTraining")
    assert report.max_abs_diff <= 1e-5, report.rows


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
        assert torch.allclose(ours.attentions[layer], theirs.attentions[layer], atol=1e-5)
        # hidden states at padding positions are meaningless in both; compare the real tokens
        assert torch.allclose(ours.hidden_states[layer + 1][real], theirs.hidden_states[layer + 1][real], atol=1e-5)
    assert torch.allclose(ours.mlm_logits[real], theirs.prediction_logits[real], atol=1e-5)
    assert torch.allclose(ours.nsp_logits, theirs.seq_relationship_logits, atol=1e-5)
    # attention rows are distributions, and padding keys receive exactly zero attention
    for probs in ours.attentions:  # (B, H, T, S)
        assert torch.allclose(probs.sum(-1), torch.ones(probs.shape[:-1]), atol=1e-6)
        assert probs[0, :, :, ~real[0]].abs().max() == 0


def test_real_pretrained_checkpoint_matches_transformers(minilm_folder):
    pipeline = load_pipeline(str(minilm_folder))
    report = compare(pipeline, "The animal didn't cross the street because it was too tired.",
                     "It was a long day.", atol=1e-4)
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
    recomputed = torch.softmax(record.query @ record.key.transpose(-1, -2) / D ** 0.5, dim=-1)
    assert torch.allclose(recomputed, trace.attentions[1], atol=1e-6)
    assert torch.allclose(trace.attentions[1] @ record.value, record.context, atol=1e-6)
    parts = trace.word_embeddings + trace.token_type_embeddings + trace.position_embeddings
    assert torch.equal(parts, trace.embedding_sum)
    assert trace.tokens[0][0] == "[CLS]" and trace.tokens[0][-1] == "[SEP]"


@pytest.mark.parametrize("cls_name", ["BertModel", "BertForPreTraining"])
def test_pooled_output_is_compared_whenever_the_checkpoint_has_a_pooler(tmp_path, cls_name):
    """BertForPreTraining's output has no pooler_output field, yet its pooler feeds the NSP head."""
    folder = save_tiny_hf_model(tmp_path / cls_name, cls_name, seed=2)
    report = compare(load_pipeline(str(folder)), SENTENCE, "a cat sat on the mat.", atol=1e-5)
    pooled = [row for row in report.rows if row.quantity == "pooled output"]
    assert len(pooled) == 1 and pooled[0].max_abs_diff <= 1e-5
