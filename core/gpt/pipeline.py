"""From text to trace: a GPT checkpoint with its byte-level BPE tokenizer, when the folder has one.

A checkpoint saved without a tokenizer (random test models) still runs: it is fed token ids.
Shape legend: B batch (1 here), T tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from core.gpt.checkpoint import CheckpointError, load_gpt
from core.gpt.model import GPTLMHeadModel, GPTTrace

TOKENIZER_FILES = ("tokenizer.json", "vocab.json")  # either one makes transformers' GPT-2 tokenizer loadable


@dataclass
class GPTPipeline:
    name: str
    model: GPTLMHeadModel
    tokenizer: object | None  # None: the folder has no tokenizer; give ids
    folder: Path
    ignored_keys: list[str] = field(default_factory=list)

    def encode(self, text: str) -> list[int]:
        if self.tokenizer is None:
            raise CheckpointError(f"{self.folder} has no tokenizer ({' or '.join(TOKENIZER_FILES)}): "
                                  "give token ids instead of text")
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def check_ids(self, ids: list[int]) -> None:
        V = self.model.config.vocab_size
        bad = [i for i in ids if not 0 <= i < V]
        if bad:
            raise CheckpointError(f"token id {bad[0]} is outside the vocabulary of {V}")

    def tokens(self, ids: list[int]) -> list[str]:
        """Each id's token string: the tokenizer's, or ``<id>`` without one."""
        if self.tokenizer is None:
            return [f"<{i}>" for i in ids]
        return self.tokenizer.convert_ids_to_tokens(ids)

    def decode(self, ids: list[int]) -> str | None:
        return None if self.tokenizer is None else self.tokenizer.decode(ids)

    @torch.no_grad()
    def trace(self, ids: list[int], record_all: bool = True) -> GPTTrace:
        self.check_ids(ids)
        trace = self.model(torch.tensor([ids]), record_all=record_all)  # (1, T)
        trace.tokens = [self.tokens(ids)]
        return trace


def load_tokenizer(folder: Path):
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        return None
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder))
    except Exception as error:  # transformers raises many types for a broken tokenizer folder
        raise CheckpointError(f"the tokenizer in {folder} could not be loaded: {error}") from None


def load_pipeline(name_or_path: str) -> GPTPipeline:
    loaded = load_gpt(name_or_path)
    return GPTPipeline(name=str(name_or_path), model=loaded.model, tokenizer=load_tokenizer(loaded.folder),
                       folder=loaded.folder, ignored_keys=loaded.ignored_keys)
