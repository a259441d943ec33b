"""BERT configuration, with Hugging Face's field names so config.json maps 1:1."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

SUPPORTED_ACTIVATIONS = ("gelu", "relu", "gelu_new", "gelu_pytorch_tanh")


class ConfigError(ValueError):
    """A config.json that does not describe a BERT this package can build."""


@dataclass(frozen=True)
class BertConfig:
    vocab_size: int = 30522  # V: rows of the word-embedding table
    hidden_size: int = 768  # E: model width, d_model in the paper
    num_hidden_layers: int = 12  # L: encoder layers
    num_attention_heads: int = 12  # H: heads per layer; head size D = E / H
    intermediate_size: int = 3072  # width of the feed-forward block
    hidden_act: str = "gelu"  # exact (erf) GELU, as in the BERT release
    hidden_dropout_prob: float = 0.1  # dropout on embeddings and sub-layer outputs
    attention_probs_dropout_prob: float = 0.1  # dropout on the attention probabilities
    max_position_embeddings: int = 512  # longest input; rows of the position table
    type_vocab_size: int = 2  # segments A and B
    layer_norm_eps: float = 1e-12  # LayerNorm epsilon of the original release
    pad_token_id: int = 0  # id of [PAD]
    initializer_range: float = 0.02  # std of the normal init used when training from scratch

    def __post_init__(self) -> None:
        for name in ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                     "intermediate_size", "max_position_embeddings", "type_vocab_size"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) <= 0:
                raise ConfigError(f"config field {name!r} must be a positive integer, got {getattr(self, name)!r}")
        if self.hidden_size % self.num_attention_heads:
            raise ConfigError(f"hidden_size ({self.hidden_size}) is not divisible by "
                              f"num_attention_heads ({self.num_attention_heads})")
        if self.hidden_act not in SUPPORTED_ACTIVATIONS:
            supported = ", ".join(SUPPORTED_ACTIVATIONS)
            raise ConfigError(f"hidden_act {self.hidden_act!r} is not supported (supported: {supported})")
        if not 0 <= self.pad_token_id < self.vocab_size:
            raise ConfigError(f"pad_token_id {self.pad_token_id} is outside the vocabulary of {self.vocab_size}")

    @property
    def head_size(self) -> int:
        """D = E / H, d_k in the paper."""
        return self.hidden_size // self.num_attention_heads

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> BertConfig:
        """Build from a config.json dict; refuses configs of other architectures."""
        model_type = raw.get("model_type")
        architectures = raw.get("architectures") or []
        if model_type != "bert" and not any(str(a).startswith("Bert") for a in architectures):
            raise ConfigError(
                f"config.json describes model_type={model_type!r} (architectures={architectures}), not a BERT; "
                "only BERT checkpoints (model_type 'bert') can be loaded")
        if raw.get("position_embedding_type", "absolute") != "absolute":
            raise ConfigError(f"position_embedding_type {raw['position_embedding_type']!r} is not supported "
                              "(only 'absolute')")
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in raw.items() if k in names}
        if kwargs.get("pad_token_id") is None:
            kwargs.pop("pad_token_id", None)
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """A config.json that transformers' BertConfig reads."""
        return {"model_type": "bert", "architectures": ["BertForPreTraining"], **dataclasses.asdict(self)}
