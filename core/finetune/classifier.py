"""A classifier = a head model, its tokenizer and its class names: built, encoded, saved and loaded.

Shape legend: B batch, T tokens, C classes.

Saved folders are what transformers' own classes write: config.json (with ``num_labels``,
``id2label``, ``label2id`` and the head's class in ``architectures``), model.safetensors with their
key names (GPT's Conv1D weights transposed, as ``core.gpt.checkpoint`` does), the tokenizer's files,
and finetune.json (how it was trained). So ``BertForSequenceClassification.from_pretrained(folder)``
or ``GPT2ForSequenceClassification.from_pretrained(folder)`` loads it and computes the same logits.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from core import model_folders
from core.bert.checkpoint import load_bert
from core.bert.config import BertConfig
from core.bert.wordpiece import load_tokenizer as load_wordpiece
from core.finetune.heads import (
    BertForSequenceClassification,
    BertForTokenClassification,
    ClassifierOutput,
    GPTForSequenceClassification,
)
from core.gpt.checkpoint import CONV1D_WEIGHT, load_gpt, our_key, their_key
from core.gpt.config import GPTConfig
from core.gpt.tokenizer import END_OF_TEXT, TOKENIZER_FILES
from core.gpt.tokenizer import load_tokenizer as load_bpe

HEADS = {"BertForSequenceClassification": BertForSequenceClassification,
         "BertForTokenClassification": BertForTokenClassification,
         "GPT2ForSequenceClassification": GPTForSequenceClassification}
BERT_TOKENIZER_FILES = ("vocab.txt", "tokenizer_config.json")


class FinetuneCheckpointError(RuntimeError):
    """A fine-tuned folder that cannot be read or does not match its config; the message says which and why."""


@dataclass
class Classifier:
    """What training returns and the page predicts with."""

    model: nn.Module  # one of core.finetune.heads' classes
    tokenizer: object  # transformers' BertTokenizerFast or GPT-2 tokenizer (None: a folder without one; give ids)
    labels: tuple[str, ...]  # class names, index = class id
    family: str  # "bert" or "gpt"
    folder: Path | None = None  # where the tokenizer's files are (the base model's or the saved folder)

    def encode(self, texts: list[str]) -> dict[str, torch.Tensor]:
        """Texts -> padded (B, T) tensors the model takes. GPT reads <|endoftext|> first, as tiny-gpt scores
        every sentence, and is padded on the right with the same id, which its head skips."""
        if self.family == "bert":
            batch = self.tokenizer(list(texts), padding=True, return_tensors="pt")
            return {"input_ids": batch["input_ids"], "token_type_ids": batch["token_type_ids"],
                    "attention_mask": batch["attention_mask"].bool()}
        bos = self.tokenizer.convert_tokens_to_ids(END_OF_TEXT)
        rows = [[bos, *self.tokenizer(text, add_special_tokens=False)["input_ids"]] for text in texts]
        T = max(len(row) for row in rows)
        input_ids = torch.tensor([row + [bos] * (T - len(row)) for row in rows])  # (B, T)
        attention_mask = torch.tensor([[True] * len(row) + [False] * (T - len(row)) for row in rows])
        return {"input_ids": input_ids, "attention_mask": attention_mask}

    def tokens(self, input_ids: torch.Tensor) -> list[str]:
        return self.tokenizer.convert_ids_to_tokens(input_ids.tolist())

    def __call__(self, texts: list[str], record_all: bool = False) -> ClassifierOutput:
        return self.model(**self.encode(texts), record_all=record_all)


def family_of(name_or_path: str) -> str:
    model_type = model_folders.model_type_of(name_or_path)
    if model_type == "bert":
        return "bert"
    if model_type in ("gpt2", "openai-gpt"):
        return "gpt"
    raise FinetuneCheckpointError(f"{name_or_path!r} is neither a BERT nor a GPT model (model_type {model_type!r})")


def initial_classifier(model: str, labels: tuple[str, ...], init: str = "pretrained", seed: int = 0,
                       head: str = "sequence") -> Classifier:
    """The classifier before fine-tuning: ``model``'s pretrained weights (or, with init "random", the same
    architecture with BERT's / GPT-2's normal initialisation from ``seed``) and a new head drawn from ``seed``:
    ``head`` "sequence" (one class per text) or "token" (BERT only: a class per token)."""
    if init not in ("pretrained", "random"):
        raise ValueError(f"init must be 'pretrained' or 'random', got {init!r}")
    if head not in ("sequence", "token"):
        raise ValueError(f"head must be 'sequence' or 'token', got {head!r}")
    family = family_of(model)
    torch.manual_seed(seed)
    if family == "bert":
        loaded = load_bert(model)
        head_class = BertForSequenceClassification if head == "sequence" else BertForTokenClassification
        classifier_model = head_class(loaded.model.config, len(labels))
        tokenizer = load_wordpiece(loaded.folder)
    else:
        if head != "sequence":
            raise ValueError(f"{model} is a GPT: only BERT has a token-classification head here")
        loaded = load_gpt(model)
        tokenizer = load_bpe(loaded.folder)
        classifier_model = GPTForSequenceClassification(loaded.model.config, len(labels),
                                                        tokenizer.convert_tokens_to_ids(END_OF_TEXT))
    classifier_model.init_weights(seed)  # the head (and, for init "random", everything)
    if init == "pretrained":
        backbone = {k: v for k, v in loaded.model.state_dict().items() if k in classifier_model.state_dict()}
        missing = [k for k in classifier_model.state_dict() if k not in backbone
                   and not k.startswith(("classifier.", "score."))]
        if missing:
            raise FinetuneCheckpointError(f"{model} has no weights for {len(missing)} key(s), first {missing[0]!r}")
        classifier_model.load_state_dict(backbone, strict=False)
    return Classifier(classifier_model.eval(), tokenizer, tuple(labels), family, loaded.folder)


def classifier_config(classifier: Classifier) -> dict:
    """config.json as transformers' classification classes read it."""
    model = classifier.model
    raw = model.config.to_dict()
    raw["architectures"] = [next(name for name, cls in HEADS.items() if type(model) is cls)]
    raw["id2label"] = {str(i): label for i, label in enumerate(classifier.labels)}
    raw["label2id"] = {label: i for i, label in enumerate(classifier.labels)}
    if classifier.family == "gpt":
        raw["pad_token_id"] = model.pad_token_id
    return raw


def save_classifier(classifier: Classifier, folder: Path, extra: dict | None = None) -> Path:
    """Write config.json, model.safetensors (transformers' keys), the tokenizer files and finetune.json."""
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(classifier_config(classifier), indent=2) + "\n")
    state = classifier.model.state_dict()
    if classifier.family == "gpt":
        variant = classifier.model.config.variant
        state = {their_key(k, variant): (v.t() if CONV1D_WEIGHT.search(k) else v) for k, v in state.items()}
    save_file({k: v.detach().contiguous() for k, v in state.items()}, str(folder / "model.safetensors"),
              metadata={"format": "pt"})
    for name in (BERT_TOKENIZER_FILES if classifier.family == "bert" else TOKENIZER_FILES):
        source = Path(classifier.folder or folder) / name
        if source.is_file() and source.resolve() != (folder / name).resolve():
            shutil.copy(source, folder / name)
    (folder / "finetune.json").write_text(json.dumps(extra or {}, indent=2) + "\n")
    return folder


def class_names(raw: dict) -> tuple[str, ...]:
    """id2label in id order; transformers writes none for its default of two classes (LABEL_0, LABEL_1)."""
    id2label = raw.get("id2label") or {str(i): f"LABEL_{i}" for i in range(raw.get("num_labels", 2))}
    return tuple(id2label[str(i)] for i in range(len(id2label)))


def load_classifier(folder: Path) -> Classifier:
    """A folder written by ``save_classifier`` (or by transformers' ``save_pretrained`` of the same classes),
    loaded strictly: every key present, every shape equal. The tokenizer is None when the folder has none."""
    from core.bert.checkpoint import read_state_dict
    from core.gpt.pipeline import load_tokenizer as load_gpt_tokenizer

    folder = Path(folder)
    try:
        raw = json.loads((folder / "config.json").read_text())
    except (OSError, ValueError) as error:
        raise FinetuneCheckpointError(f"{folder}/config.json cannot be read: {error}") from None
    architecture = (raw.get("architectures") or [""])[0]
    if architecture not in HEADS:
        raise FinetuneCheckpointError(f"{folder} holds a {architecture!r}, not one of {', '.join(HEADS)}")
    labels = class_names(raw)
    if architecture.startswith("Bert"):
        family, model = "bert", HEADS[architecture](BertConfig.from_dict(raw), len(labels))
        tokenizer = load_wordpiece(folder) if (folder / "vocab.txt").is_file() else None
        state = read_state_dict(folder)
    else:
        family = "gpt"
        model = GPTForSequenceClassification(GPTConfig.from_dict(raw), len(labels), raw.get("pad_token_id"))
        tokenizer = load_gpt_tokenizer(folder)
        state = {our_key(k) if not k.startswith("score.") else k: v for k, v in read_state_dict(folder).items()}
        state = {k: (v.t() if CONV1D_WEIGHT.search(k) else v) for k, v in state.items()}
    expected = model.state_dict()
    for key, tensor in expected.items():
        if key not in state:
            raise FinetuneCheckpointError(f"{folder}: checkpoint is missing key {key!r}")
        if tuple(state[key].shape) != tuple(tensor.shape):
            raise FinetuneCheckpointError(f"{folder}: key {key!r} has shape {tuple(state[key].shape)}, "
                                          f"the config expects {tuple(tensor.shape)}")
    model.load_state_dict({k: state[k].to(expected[k].dtype) for k in expected}, strict=True)
    return Classifier(model.eval(), tokenizer, labels, family, folder)
