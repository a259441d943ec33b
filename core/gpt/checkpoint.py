"""Loading GPT-1 and GPT-2 checkpoints (transformers' layout) into the from-scratch model, strictly.

A folder holds config.json (``model_type`` "openai-gpt" or "gpt2", which picks the variant) and
model.safetensors (or pytorch_model.bin, read only with ``torch.load(weights_only=True)``), as
``save_pretrained`` of ``OpenAIGPTLMHeadModel``/``GPT2LMHeadModel`` writes it, or of the bare
``OpenAIGPTModel``/``GPT2Model`` (no ``transformer.`` prefix). Two translations, nothing else:
GPT-1's ``tokens_embed``/``positions_embed`` are our ``wte``/``wpe``, and transformers' ``Conv1D``
stores its weight as (in, out), the transpose of ``nn.Linear``'s.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import torch

from core import model_folders
from core.bert.checkpoint import read_state_dict
from core.gpt.config import VARIANTS, ConfigError, GPTConfig
from core.gpt.model import GPTLMHeadModel

GPT1_NAMES = {"transformer.tokens_embed.": "transformer.wte.", "transformer.positions_embed.": "transformer.wpe."}
CONV1D_WEIGHT = re.compile(r"\.(attn\.c_attn|attn\.c_proj|mlp\.c_fc|mlp\.c_proj)\.weight$")
# Buffers old GPT-2 checkpoints stored: the look-ahead mask, which the model builds itself.
DERIVED_KEY = re.compile(r"\.attn\.(bias|masked_bias)$")


class CheckpointError(RuntimeError):
    """A checkpoint that cannot be found, read, or matched to the model; the message says which and why."""


@dataclass
class LoadedGPT:
    model: GPTLMHeadModel
    folder: Path
    ignored_keys: list[str] = field(default_factory=list)  # checkpoint keys of heads this package does not build


def shipped_model_names() -> list[str]:
    """Built-in GPT models: folders under models/ whose config.json names a GPT variant."""
    return sorted(name for variant in VARIANTS for name in model_folders.shipped_model_names(variant))


def resolve_folder(name_or_path: str) -> Path:
    """A built-in name, a local folder or a hub id -> a local folder holding the files."""
    name = str(name_or_path).strip()
    for variant in VARIANTS:
        if name in model_folders.shipped_model_names(variant):
            return model_folders.SHIPPED_MODELS_DIR / name
    return model_folders.resolve_folder(name, "gpt2", CheckpointError, noun="GPT model")


def read_config(folder: Path) -> GPTConfig:
    config_path = folder / "config.json"
    if not config_path.is_file():
        raise CheckpointError(f"{folder} has no config.json")
    try:
        return GPTConfig.from_dict(json.loads(config_path.read_text()))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CheckpointError(f"{config_path} is not valid JSON: {error}") from None
    except (ConfigError, TypeError) as error:
        raise CheckpointError(f"{config_path}: {error}") from None


def our_key(key: str) -> str:
    """A transformers key of either variant and either layout -> this model's key."""
    if not key.startswith(("transformer.", "lm_head.")):
        key = "transformer." + key
    for theirs, ours in GPT1_NAMES.items():
        if key.startswith(theirs):
            return ours + key[len(theirs):]
    return key


def their_key(key: str, variant: str) -> str:
    """This model's key -> the key ``save_pretrained`` of the variant's LM-head class writes."""
    if variant == "openai-gpt":
        for theirs, ours in GPT1_NAMES.items():
            if key.startswith(ours):
                return theirs + key[len(ours):]
    return key


def load_state_dict_strict(model: GPTLMHeadModel, state: dict[str, torch.Tensor]) -> list[str]:
    """Copy every expected key, checking shapes in the checkpoint's own layout; returns the unused keys."""
    variant = model.config.variant
    mapped = {our_key(k): v for k, v in state.items()}
    expected = model.state_dict()
    for key, tensor in expected.items():
        if key not in mapped:
            raise CheckpointError(f"checkpoint is missing key {their_key(key, variant)!r}")
        stored = tuple(tensor.shape[::-1]) if CONV1D_WEIGHT.search(key) else tuple(tensor.shape)
        if tuple(mapped[key].shape) != stored:
            raise CheckpointError(f"checkpoint key {their_key(key, variant)!r} has shape {tuple(mapped[key].shape)}, "
                                  f"the config expects {stored}")
    weights = {k: (mapped[k].t() if CONV1D_WEIGHT.search(k) else mapped[k]).to(expected[k].dtype) for k in expected}
    model.load_state_dict(weights, strict=True)
    tied_head = {"lm_head.weight"} if model.config.tie_word_embeddings else set()
    return sorted(k for k in state if our_key(k) not in expected and our_key(k) not in tied_head
                  and not DERIVED_KEY.search(k))


def load_gpt(name_or_path: str) -> LoadedGPT:
    """Build the from-scratch GPT of the checkpoint's variant and copy its weights in."""
    folder = resolve_folder(name_or_path)
    config = read_config(folder)
    try:
        state = read_state_dict(folder)
    except RuntimeError as error:
        raise CheckpointError(str(error)) from None
    model = GPTLMHeadModel(config)
    ignored = load_state_dict_strict(model, state)
    return LoadedGPT(model=model.eval(), folder=folder, ignored_keys=ignored)


def save_gpt(model: GPTLMHeadModel, folder: Path) -> None:
    """Write config.json and model.safetensors as transformers' LM-head class of the variant saves them,
    so ``GPT2LMHeadModel.from_pretrained`` (or OpenAIGPT's) reads the folder."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(model.config.to_dict(), indent=2) + "\n")
    state = {their_key(k, model.config.variant): (v.t() if CONV1D_WEIGHT.search(k) else v).detach().contiguous()
             for k, v in model.state_dict().items()}
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
