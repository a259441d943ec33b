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
