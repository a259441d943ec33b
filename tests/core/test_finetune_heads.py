"""The fine-tuning heads are transformers' own: their classes load our folders and ours load theirs, with the
same logits.

Tolerance: float32_atol(magnitude, depth): the random weights below (std 0.2 for GPT, transformers' 0.02 init
for BERT with its LayerNorms) give activations of a few units; 2 to 3 layers of sums in a different order than
transformers' kernels add a few eps (1.2e-7) each, and the head one more sum, so 1e-5 bounds the difference,
while a wrong key, a missing transpose or the wrong token classified moves a logit by far more.
"""

from __future__ import annotations

import pytest
import torch
import transformers

from core.finetune.classifier import Classifier, load_classifier, save_classifier
from core.finetune.heads import (
    BertForSequenceClassification,
    BertForTokenClassification,
    GPTForSequenceClassification,
    last_real_positions,
)
from tests.support.builders import save_tiny_hf_model
from tests.support.gpt_builders import ODD_SIZES
from tests.support.tolerances import float32_atol

ATOL = float32_atol(magnitude=10, depth=4)  # 4.8e-5
IDS = torch.tensor([[2, 5, 9, 14, 7, 3], [2, 11, 6, 3, 0, 0], [2, 8, 3, 0, 0, 0]])  # (3, 6) right-padded
MASK = IDS != 0
LABELS = ("happy", "sad", "angry")


def spread(model: torch.nn.Module, seed: int) -> torch.nn.Module:
    """Weights wider than the 0.02 init, so every logit is far from zero and a wrong key shows."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            scale = 0.05 if "LayerNorm" in name or "ln_" in name else 0.2
            base = 1.0 if ("LayerNorm" in name or "ln_" in name) and name.endswith("weight") else 0.0
            parameter.copy_(base + scale * torch.randn(parameter.shape, generator=generator))
    return model.eval()


@pytest.mark.parametrize("cls_name", ["BertForSequenceClassification", "BertForTokenClassification"])
@torch.no_grad()
def test_bert_heads_load_transformers_folders_with_their_logits(tmp_path, cls_name):
    folder = save_tiny_hf_model(tmp_path / cls_name, cls_name, seed=3)
    theirs = getattr(transformers, cls_name).from_pretrained(str(folder)).eval()
    spread(theirs, 3).save_pretrained(str(folder))
    ours = load_classifier(folder).model
    expected = theirs(input_ids=IDS, attention_mask=MASK.long()).logits
    got = ours(IDS, attention_mask=MASK).logits
    if cls_name == "BertForTokenClassification":  # padding positions' outputs mean nothing in either
        expected, got = expected[MASK], got[MASK]
    assert got.shape == expected.shape
    assert expected.abs().max() > 0.1
    torch.testing.assert_close(got, expected, atol=ATOL, rtol=0)


@pytest.mark.parametrize("head", [BertForSequenceClassification, BertForTokenClassification])
@torch.no_grad()
def test_transformers_loads_our_bert_classifier_folder(tmp_path, head):
    source = save_tiny_hf_model(tmp_path / "base", "BertForPreTraining")
    from core.bert.checkpoint import read_config

    model = spread(head(read_config(source), len(LABELS)), seed=4)
    folder = save_classifier(Classifier(model, None, LABELS, "bert", source), tmp_path / "ours")
    theirs = getattr(transformers, head.__name__).from_pretrained(str(folder)).eval()
    assert theirs.config.id2label == dict(enumerate(LABELS)) and theirs.num_labels == 3
    expected = theirs(input_ids=IDS, attention_mask=MASK.long()).logits
    got = model(IDS, attention_mask=MASK).logits
    if head is BertForTokenClassification:  # (B, T, C): padding positions' outputs mean nothing in either
        expected, got = expected[MASK], got[MASK]
    assert expected.abs().max() > 0.1
    torch.testing.assert_close(got, expected, atol=ATOL, rtol=0)
    assert (folder / "vocab.txt").read_text() == (source / "vocab.txt").read_text()


def gpt_config(**extra) -> transformers.GPT2Config:
    return transformers.GPT2Config(**{**ODD_SIZES, "n_inner": 50, "num_labels": 3, "pad_token_id": 0, **extra})


@torch.no_grad()
def test_gpt_head_loads_transformers_folder_and_reads_the_last_real_token(tmp_path):
    torch.manual_seed(5)
    theirs = spread(transformers.GPT2ForSequenceClassification(gpt_config()), seed=5)
    theirs.save_pretrained(str(tmp_path / "theirs"))
    ours = load_classifier(tmp_path / "theirs").model
    ids = IDS.clone()
    ids[:, 0] = 0  # a first token equal to the pad id (tiny-gpt's <|endoftext|>) is still read, not classified
    expected = theirs(input_ids=ids, attention_mask=(MASK | (torch.arange(6) == 0)).long()).logits
    output = ours(ids, attention_mask=MASK | (torch.arange(6) == 0))
    assert output.positions.tolist() == [5, 3, 2]  # by hand: the last non-pad index of each row
    assert expected.abs().max() > 0.1
    torch.testing.assert_close(output.logits, expected, atol=ATOL, rtol=0)


@torch.no_grad()
def test_transformers_loads_our_gpt_classifier_folder(tmp_path):
    from core.gpt.config import GPTConfig

    config = GPTConfig.from_dict({**gpt_config().to_dict(), "model_type": "gpt2"})
    model = spread(GPTForSequenceClassification(config, len(LABELS), pad_token_id=0), seed=6)
    folder = save_classifier(Classifier(model, None, LABELS, "gpt", None), tmp_path / "ours")
    theirs = transformers.GPT2ForSequenceClassification.from_pretrained(str(folder)).eval()
    assert theirs.config.pad_token_id == 0 and theirs.config.id2label == dict(enumerate(LABELS))
    expected = theirs(input_ids=IDS, attention_mask=MASK.long()).logits
    torch.testing.assert_close(model(IDS, attention_mask=MASK).logits, expected, atol=ATOL, rtol=0)


def test_last_real_positions_without_a_pad_id_is_the_last_index():
    assert last_real_positions(IDS, None).tolist() == [5, 5, 5]
    assert last_real_positions(torch.tensor([[0, 0, 4, 5]]), 0).tolist() == [3]  # left padding too


def test_a_folder_missing_the_head_is_refused(tmp_path):
    from core.finetune.classifier import FinetuneCheckpointError

    folder = save_tiny_hf_model(tmp_path / "seq", "BertForSequenceClassification")
    from safetensors.torch import load_file, save_file

    state = load_file(str(folder / "model.safetensors"))
    save_file({k: v for k, v in state.items() if not k.startswith("classifier.")}, str(folder / "model.safetensors"))
    with pytest.raises(FinetuneCheckpointError, match=r"classifier\.weight"):
        load_classifier(folder)
