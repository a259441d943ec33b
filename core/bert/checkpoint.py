"""Loading BERT checkpoints (Hugging Face layout) into the from-scratch model, strictly.

Accepted: a built-in model name (a folder under ``models/``), a local folder, or a hub id.
A folder holds config.json and model.safetensors (or pytorch_model.bin, read only with
``torch.load(weights_only=True)``), in the BertModel, BertForMaskedLM or BertForPreTraining
layouts, with or without the ``bert.`` prefix and with old ``gamma``/``beta`` names. Heads the
checkpoint lacks (pooler, MLM, NSP) are left out of the model and reported absent; nothing
is ever filled with random weights.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import torch

from core import model_folders
from core.bert.config import BertConfig, ConfigError
from core.bert.model import BertForPreTraining

MODEL_TYPE = "bert"  # config.json's model_type of the checkpoints this module reads
# Keys a checkpoint may hold that the from-scratch model derives or does not need.
DERIVED_KEYS = ("bert.embeddings.position_ids", "cls.predictions.decoder.weight", "cls.predictions.decoder.bias")


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be found, read, or matched to the model; the message says which and why."""


@dataclass
class LoadedCheckpoint:
    model: BertForPreTraining
    folder: Path
    ignored_keys: list[str] = field(default_factory=list)  # keys of heads this package does not build


def shipped_model_names() -> list[str]:
    """Built-in BERT models: folders under models/ whose config.json says ``model_type`` bert."""
    return model_folders.shipped_model_names(MODEL_TYPE)


def resolve_folder(name_or_path: str) -> Path:
    """A built-in name, a local folder or a hub id -> a local folder holding the files."""
    return model_folders.resolve_folder(name_or_path, MODEL_TYPE, CheckpointError, noun="BERT model")


def read_config(folder: Path) -> BertConfig:
    config_path = folder / "config.json"
    if not config_path.is_file():
        raise CheckpointError(f"{folder} has no config.json")
    try:
        raw = json.loads(config_path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CheckpointError(f"{config_path} is not valid JSON: {error}") from None
    try:
        return BertConfig.from_dict(raw)
    except (ConfigError, TypeError) as error:
        raise CheckpointError(f"{config_path}: {error}") from None


def read_state_dict(folder: Path) -> dict[str, torch.Tensor]:
    safetensors_path, pickle_path = folder / "model.safetensors", folder / "pytorch_model.bin"
    if safetensors_path.is_file():
        from safetensors.torch import load_file

        try:
            return load_file(str(safetensors_path))
        except Exception as error:
            raise CheckpointError(f"{safetensors_path} is corrupted or not a safetensors file: {error}") from None
    if pickle_path.is_file():
        try:
            return torch.load(pickle_path, map_location="cpu", weights_only=True)
        except Exception as error:
            raise CheckpointError(f"{pickle_path} could not be read safely (weights_only=True): {error}") from None
    raise CheckpointError(f"{folder} has neither model.safetensors nor pytorch_model.bin")


def normalise_key(key: str) -> str:
    """Old TF-converted names and bare BertModel layouts -> BertForPreTraining key names."""
    key = re.sub(r"LayerNorm\.gamma$", "LayerNorm.weight", key)
    key = re.sub(r"LayerNorm\.beta$", "LayerNorm.bias", key)
    if not key.startswith(("bert.", "cls.")):
        key = "bert." + key
    return key


def load_state_dict_strict(model: BertForPreTraining, state: dict[str, torch.Tensor]) -> list[str]:
    """Copy every expected key, checking shapes; returns the checkpoint keys that were not used."""
    expected = model.state_dict()
    missing = [k for k in expected if k not in state]
    if missing:
        raise CheckpointError(f"checkpoint is missing {len(missing)} key(s), first: {missing[0]!r}")
    for key, tensor in expected.items():
        if tuple(state[key].shape) != tuple(tensor.shape):
            raise CheckpointError(
                f"checkpoint key {key!r} has shape {tuple(state[key].shape)}, the config expects {tuple(tensor.shape)}")
    model.load_state_dict({k: state[k].to(expected[k].dtype) for k in expected}, strict=True)
    return sorted(k for k in state if k not in expected and k not in DERIVED_KEYS)


def load_bert(name_or_path: str) -> LoadedCheckpoint:
    """Build the from-scratch BERT with the checkpoint's heads and copy its weights in."""
    folder = resolve_folder(name_or_path)
    config = read_config(folder)
    state = {normalise_key(k): v for k, v in read_state_dict(folder).items()}
    if "cls.predictions.bias" not in state and "cls.predictions.decoder.bias" in state:
        state["cls.predictions.bias"] = state["cls.predictions.decoder.bias"]
    with_pooler = "bert.pooler.dense.weight" in state
    with_mlm = "cls.predictions.transform.dense.weight" in state
    with_nsp = "cls.seq_relationship.weight" in state and with_pooler
    model = BertForPreTraining(config, with_pooler=with_pooler, with_mlm=with_mlm, with_nsp=with_nsp)
    ignored = load_state_dict_strict(model, state)
    model.eval()
    return LoadedCheckpoint(model=model, folder=folder, ignored_keys=ignored)


def save_bert(model: BertForPreTraining, folder: Path) -> None:
    """Write config.json and model.safetensors with transformers' key names (decoder tied)."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(model.config.to_dict(), indent=2) + "\n")
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
