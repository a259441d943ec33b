"""Choosing the next token from a language model's logits: temperature, top-k, top-p, greedy.

Shape legend: V vocabulary; every function takes logits (..., V) with any leading dimensions.

Applied in this order, as transformers' logits processors apply them: temperature divides the logits
(T < 1 sharpens, T > 1 flattens); top-k keeps the k largest (Fan et al. 2018); top-p keeps the smallest
set of most probable tokens whose probabilities sum to at least p, "nucleus sampling" (Holtzman et al.
2020, sec. 3.1), measured on the distribution top-k left. Temperature 0 means greedy: the argmax.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class NextTokenDistribution:
    """One step's distribution before and after each cut, for a view to show what each one removed."""

    probs: torch.Tensor  # (..., V) softmax(logits / T) before any cut
    keep: torch.Tensor  # (..., V) bool: tokens top-k and top-p left
    filtered: torch.Tensor  # (..., V) probs renormalised over ``keep``, zero elsewhere: what is sampled from


def top_k_keep(logits: torch.Tensor, k: int) -> torch.Tensor:
    """True for the k largest logits (and any tied with the k-th)."""
    if k < 1:
        raise ValueError(f"top-k must be at least 1, got {k}")
    kth = logits.topk(min(k, logits.size(-1)), dim=-1).values[..., -1:]  # (..., 1)
    return logits >= kth


def top_p_keep(probs: torch.Tensor, p: float) -> torch.Tensor:
    """True for the nucleus: most probable first, a token is kept while the mass before it is below p."""
    if not 0 < p <= 1:
        raise ValueError(f"top-p must be in (0, 1], got {p}")
    sorted_probs, order = probs.sort(dim=-1, descending=True)
    mass_before = sorted_probs.cumsum(dim=-1) - sorted_probs  # (..., V)
    keep_sorted = mass_before < p
    keep_sorted[..., 0] = True  # the most probable token always stays
    return torch.zeros_like(keep_sorted).scatter(-1, order, keep_sorted)


def next_token_distribution(logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None,
                            top_p: float | None = None) -> NextTokenDistribution:
    """softmax(logits / T), then the top-k and top-p cuts, renormalised."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive here (0 means greedy: use choose_next), got {temperature}")
    scaled = logits.float() / temperature
    keep = torch.ones_like(scaled, dtype=torch.bool)
    if top_k is not None:
        keep &= top_k_keep(scaled, top_k)
    if top_p is not None:
        after_k = torch.softmax(scaled.masked_fill(~keep, float("-inf")), dim=-1)
        keep &= top_p_keep(after_k, top_p)
    filtered = torch.softmax(scaled.masked_fill(~keep, float("-inf")), dim=-1)
    return NextTokenDistribution(probs=torch.softmax(scaled, dim=-1), keep=keep, filtered=filtered)


def choose_next(logits: torch.Tensor, temperature: float = 0.0, top_k: int | None = None, top_p: float | None = None,
                generator: torch.Generator | None = None) -> torch.Tensor:
    """logits (B, V) -> next token ids (B,): the argmax at temperature 0, else a draw from the filtered distribution."""
    if temperature == 0:
        return logits.argmax(dim=-1)
    filtered = next_token_distribution(logits, temperature, top_k, top_p).filtered  # (B, V)
    return torch.multinomial(filtered, 1, generator=generator).squeeze(-1)
