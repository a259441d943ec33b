"""Batches for either head: a text and its class (a sequence head), or words and a tag per word (a token head).

Shape legend: B batch, T tokens, C classes.

A word may be cut into several word pieces; as in BERT sec. 4.3 (and transformers' token-classification
examples), the first piece carries the word's tag and the others, like [CLS], [SEP] and padding, carry
``IGNORE``, so the loss and the accuracy count each tagged word once.
"""

from __future__ import annotations

import torch

from core.data.feeling_tags_task import IGNORE, TaggedExample
from core.finetune.classifier import Classifier


def is_tagged(examples) -> bool:
    return bool(examples) and isinstance(examples[0], TaggedExample)


def encode_words(classifier: Classifier, words: list[tuple[str, ...]]) -> tuple[dict[str, torch.Tensor], list]:
    """Pre-split words -> the padded (B, T) tensors a BERT head takes, and each row's word index per token (None
    for [CLS], [SEP] and padding)."""
    if classifier.family != "bert":
        raise ValueError("only BERT has a token-classification head here")
    batch = classifier.tokenizer([list(w) for w in words], is_split_into_words=True, padding=True,
                                 return_tensors="pt")
    inputs = {"input_ids": batch["input_ids"], "token_type_ids": batch["token_type_ids"],
              "attention_mask": batch["attention_mask"].bool()}
    return inputs, [batch.word_ids(row) for row in range(len(words))]


def first_piece_tags(word_ids: list[int | None], tags: tuple[int, ...]) -> list[int]:
    """One tag per token: the word's tag on its first piece, IGNORE elsewhere."""
    targets, previous = [], None
    for word in word_ids:
        targets.append(tags[word] if word is not None and word != previous else IGNORE)
        previous = word
    return targets


def inputs_and_targets(classifier: Classifier, examples) -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    """The model's inputs and the targets: (B,) class ids for texts, (B, T) tags (IGNORE where unscored) for
    tagged examples."""
    if not is_tagged(examples):
        return classifier.encode([e.text for e in examples]), torch.tensor([e.label for e in examples])
    inputs, word_ids = encode_words(classifier, [e.words for e in examples])
    targets = [first_piece_tags(ids, e.tags) for ids, e in zip(word_ids, examples)]
    return inputs, torch.tensor(targets)  # (B, T)


def classification_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Cross-entropy over every scored position: logits (B, C) or (B, T, C), targets (B,) or (B, T)."""
    C = logits.size(-1)
    return torch.nn.functional.cross_entropy(logits.reshape(-1, C), targets.reshape(-1), ignore_index=IGNORE)


def correct_and_scored(logits: torch.Tensor, targets: torch.Tensor) -> tuple[int, int]:
    """(how many scored positions the argmax gets right, how many are scored)."""
    scored = targets != IGNORE
    return int(((logits.argmax(-1) == targets) & scored).sum()), int(scored.sum())
