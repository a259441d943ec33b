"""What a fine-tuned classifier says about one text, and where its classified token looks.

Shape legend: L layers, H heads, T tokens, C classes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from core.finetune.classifier import Classifier, load_classifier, save_classifier
from core.finetune.training import FinetuneResult


@dataclass
class Prediction:
    label: str  # the most probable class
    probabilities: dict[str, float]  # every class -> its softmax probability, in the classifier's label order
    tokens: list[str]  # the T tokens the model read ([CLS] ... [SEP] for BERT, <|endoftext|> first for GPT)
    position: int  # the token the head classified: 0 ([CLS]) for BERT, the last token for GPT
    attentions: np.ndarray  # (L, H, T, T) float32 attention probabilities of every layer and head

    @property
    def classified_token_attention(self) -> np.ndarray:
        """(L, H, T): where the classified token attends in each layer and head (its row of each pattern)."""
        return self.attentions[:, :, self.position, :]


@torch.no_grad()
def predict(classifier: Classifier, text: str) -> Prediction:
    """The label of one text, its probabilities, and the attentions of the same forward pass."""
    classifier.model.eval()
    encoded = classifier.encode([text])
    output = classifier.model(**encoded)
    probabilities = torch.softmax(output.logits[0].double(), dim=-1)  # (C,)
    attentions = torch.stack([a[0] for a in output.trace.attentions]).float().numpy()  # (L, H, T, T)
    return Prediction(label=classifier.labels[int(probabilities.argmax())],
                      probabilities={label: float(p) for label, p in zip(classifier.labels, probabilities)},
                      tokens=classifier.tokens(encoded["input_ids"][0]), position=int(output.positions[0]),
                      attentions=attentions)


@dataclass
class TagPrediction:
    """What a token classifier says about each word of one text (BERT sec. 4.3: a word read at its first piece)."""

    words: list[str]  # the text split as the token task splits it ("Lucy's" -> "Lucy", "'s")
    probabilities: np.ndarray  # (W, C) float32: each word's softmax over the classes
    labels: tuple[str, ...]  # the classes, index = column

    def label_of(self, index: int) -> str:
        return self.labels[int(self.probabilities[index].argmax())]


@torch.no_grad()
def predict_tags(classifier: Classifier, text: str) -> TagPrediction:
    """Every word's class probabilities from a token classifier, read at the word's first word piece."""
    from core.data.feeling_tags_task import WORD
    from core.finetune.tagging import encode_words

    classifier.model.eval()
    words = WORD.findall(text)
    if not words:
        return TagPrediction([], np.zeros((0, len(classifier.labels)), np.float32), tuple(classifier.labels))
    inputs, word_ids = encode_words(classifier, [tuple(words)])
    probabilities = torch.softmax(classifier.model(**inputs).logits[0].double(), dim=-1)  # (T, C)
    first = {}
    for position, word in enumerate(word_ids[0]):
        if word is not None:
            first.setdefault(word, position)
    rows = [first[i] for i in range(len(words)) if i in first]  # a word cut off past the positions has none
    return TagPrediction(words[:len(rows)], probabilities[rows].float().numpy(), tuple(classifier.labels))


def save_finetuned(result: FinetuneResult, folder: Path, source: dict | None = None) -> Path:
    """The fine-tuned classifier as transformers' class saves it, with finetune.json: the config, the history,
    the accuracies, the wall time, and ``source`` (e.g. the base model's training command)."""
    extra = {**result.summary(), "labels": list(result.classifier.labels), **({"source": source} if source else {})}
    return save_classifier(result.classifier, folder, extra)


def load_finetuned(folder: Path) -> tuple[Classifier, dict]:
    """(classifier, the folder's finetune.json as a dict: {} when absent)."""
    folder = Path(folder)
    record = folder / "finetune.json"
    return load_classifier(folder), (json.loads(record.read_text()) if record.is_file() else {})
