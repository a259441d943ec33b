"""GPT configuration, one dataclass for both variants, with the field names of config.json.

GPT-1 (Radford et al. 2018, ``model_type`` "openai-gpt") and GPT-2 (Radford et al. 2019, "gpt2")
share every field but where LayerNorm sits: ``variant`` says which. transformers' two configs spell a
few fields differently (GPT-1's ``afn`` is GPT-2's ``activation_function``); ``from_dict`` reads both.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

VARIANTS = ("openai-gpt", "gpt2")  # config.json's model_type of GPT-1 and GPT-2
ARCHITECTURES = {"openai-gpt": "OpenAIGPTLMHeadModel", "gpt2": "GPT2LMHeadModel"}
SUPPORTED_ACTIVATIONS = ("gelu_new", "gelu_pytorch_tanh", "gelu", "relu")
# GPT-1's ``afn`` names -> GPT-2's ``activation_function`` names: transformers' OpenAIGPT maps "gelu"
# to the tanh approximation (gelu_new), the function the original GPT-1 code used.
GPT1_ACTIVATIONS = {"gelu": "gelu_new", "relu": "relu"}


class ConfigError(ValueError):
    """A config.json that does not describe a GPT this package can build."""


@dataclass(frozen=True)
class GPTConfig:
    variant: str = "gpt2"  # "openai-gpt": post-LN blocks (GPT-1); "gpt2": pre-LN blocks and a final LayerNorm
    vocab_size: int = 50257  # V: rows of the token-embedding table, tied to the output layer
    n_positions: int = 1024  # longest input; rows of the learned position table
    n_embd: int = 768  # E: model width, d_model
    n_layer: int = 12  # L: decoder blocks
    n_head: int = 12  # H: heads per block; head size D = E / H
    n_inner: int | None = None  # feed-forward width; None means 4 E, as in both papers
    activation_function: str = "gelu_new"  # the tanh approximation of GELU both releases used
    layer_norm_epsilon: float = 1e-5
    resid_pdrop: float = 0.1  # dropout on each sub-layer's output before the residual sum
    embd_pdrop: float = 0.1  # dropout on the summed token + position embeddings
    attn_pdrop: float = 0.1  # dropout on the attention probabilities
    initializer_range: float = 0.02  # std of the normal init used when training from scratch
    tie_word_embeddings: bool = True  # the output layer reuses the token-embedding matrix (both papers)
    bos_token_id: int | None = None  # <|endoftext|> for GPT-2; GPT-1 has none
    eos_token_id: int | None = None  # generation stops here; None: only the length stops it

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ConfigError(f"variant {self.variant!r} is not one of {', '.join(VARIANTS)}")
        for name in ("vocab_size", "n_positions", "n_embd", "n_layer", "n_head"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) <= 0:
                raise ConfigError(f"config field {name!r} must be a positive integer, got {getattr(self, name)!r}")
        if self.n_inner is not None and (not isinstance(self.n_inner, int) or self.n_inner <= 0):
            raise ConfigError(f"config field 'n_inner' must be a positive integer or null, got {self.n_inner!r}")
        if self.n_embd % self.n_head:
            raise ConfigError(f"n_embd ({self.n_embd}) is not divisible by n_head ({self.n_head})")
        if self.activation_function not in SUPPORTED_ACTIVATIONS:
            supported = ", ".join(SUPPORTED_ACTIVATIONS)
            raise ConfigError(f"activation {self.activation_function!r} is not supported (supported: {supported})")
        if self.variant == "openai-gpt" and (self.activation_function not in GPT1_ACTIVATIONS.values()
                                             or self.n_inner is not None):
            raise ConfigError("GPT-1 (openai-gpt) has a 4 E feed-forward block with gelu_new or relu; got "
                              f"n_inner={self.n_inner!r}, activation {self.activation_function!r}")
        for name in ("bos_token_id", "eos_token_id"):
            value = getattr(self, name)
            if value is not None and not 0 <= value < self.vocab_size:
                raise ConfigError(f"{name} {value} is outside the vocabulary of {self.vocab_size}")

    @property
    def pre_layer_norm(self) -> bool:
        """GPT-2 moved LayerNorm to each sub-block's input and added one after the last block (sec. 2.3)."""
        return self.variant == "gpt2"

    @property
    def inner_size(self) -> int:
        return self.n_inner if self.n_inner is not None else 4 * self.n_embd

    @property
    def head_size(self) -> int:
        """D = E / H, d_k in the paper."""
        return self.n_embd // self.n_head

    # BERT's names, so code written for either family reads the same fields
    @property
    def hidden_size(self) -> int:
        return self.n_embd

    @property
    def num_hidden_layers(self) -> int:
        return self.n_layer

    @property
    def num_attention_heads(self) -> int:
        return self.n_head

    @property
    def max_position_embeddings(self) -> int:
        return self.n_positions

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> GPTConfig:
        """Build from a transformers config.json dict (GPT-1 or GPT-2); refuses other architectures
        and the GPT-2 options this model does not implement."""
        variant = raw.get("model_type")
        if variant not in VARIANTS:
            raise ConfigError(f"config.json describes model_type={variant!r} (architectures="
                              f"{raw.get('architectures')}), not a GPT; only {' and '.join(VARIANTS)} can be loaded")
        unsupported = {"scale_attn_weights": True, "scale_attn_by_inverse_layer_idx": False,
                       "add_cross_attention": False}
        for name, needed in unsupported.items():
            if raw.get(name, needed) != needed:
                raise ConfigError(f"{name}={raw[name]!r} is not supported (only {needed})")
        kwargs = {f.name: raw[f.name] for f in dataclasses.fields(cls) if f.name in raw}
        kwargs["variant"] = variant
        if variant == "openai-gpt":
            afn = raw.get("afn", "gelu")
            if afn not in GPT1_ACTIVATIONS:
                raise ConfigError(f"afn {afn!r} is not supported (supported: {', '.join(GPT1_ACTIVATIONS)})")
            kwargs["activation_function"] = GPT1_ACTIVATIONS[afn]
        for name in ("bos_token_id", "eos_token_id"):
            # GPT2Config() defaults them to 50256 whatever the vocabulary: a small model saved with the
            # defaults has no such token, so the id means nothing here.
            if not isinstance(kwargs.get(name), int) or not 0 <= kwargs[name] < raw.get("vocab_size", 0):
                kwargs[name] = None
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """A config.json that transformers' GPT2Config or OpenAIGPTConfig reads."""
        fields = dataclasses.asdict(self)
        variant = fields.pop("variant")
        if variant == "openai-gpt":
            fields["afn"] = {v: k for k, v in GPT1_ACTIVATIONS.items()}[fields.pop("activation_function")]
            fields.pop("n_inner")
        return {"model_type": variant, "architectures": [ARCHITECTURES[variant]], **fields}
