"""Random transformers GPT-1 and GPT-2 checkpoints with odd sizes, saved with ``save_pretrained``."""

from __future__ import annotations

from pathlib import Path

CLASSES = {"openai-gpt": ("OpenAIGPTConfig", "OpenAIGPTLMHeadModel"), "gpt2": ("GPT2Config", "GPT2LMHeadModel")}
# Odd on purpose: a head size of 12, a vocabulary no power of two, a feed-forward width not 4 E for GPT-2.
ODD_SIZES = {"n_embd": 36, "n_head": 3, "n_layer": 3, "vocab_size": 101, "n_positions": 40}


def random_gpt(variant: str, seed: int = 0, **config):
    """A seeded random transformers LM-head model of the variant, in eval mode, with weights spread wider than
    the 0.02 init (LayerNorm gains and biases included) so every quantity compared is far from zero."""
    import torch
    import transformers

    config_name, model_name = CLASSES[variant]
    sizes = {**ODD_SIZES, **({"n_inner": 50} if variant == "gpt2" else {}), **config}
    torch.manual_seed(seed)
    model = getattr(transformers, model_name)(getattr(transformers, config_name)(**sizes))
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "ln" in name and name.endswith("weight"):
                parameter.copy_(1 + 0.2 * torch.randn(parameter.shape, generator=generator))
            else:
                parameter.copy_(0.2 * torch.randn(parameter.shape, generator=generator))
    return model.eval()


def save_random_gpt(folder: Path, variant: str, seed: int = 0, **config) -> Path:
    random_gpt(variant, seed, **config).save_pretrained(str(folder))
    return folder
