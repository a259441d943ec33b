"""Analysis of a BERT trace's attention: rollout, token focus, hiding special tokens, the arithmetic of one row.

Pure NumPy (float32), so a notebook gets the same numbers the dashboard shows.
Shape legend: L layers, H heads, T query length, S key length, D head size, E model width, N points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.bert.wordpiece import FRAME_TOKENS


def as_array(x) -> np.ndarray:
    """A torch tensor or array-like -> float32 NumPy array (detached, on CPU)."""
    if hasattr(x, "detach"):
        x = x.detach().cpu().float().numpy()
    return np.asarray(x, dtype=np.float32)


def stack_attentions(attentions) -> np.ndarray:
    """The trace's list of L (B, H, T, S) probabilities -> (L, H, T, S) for batch item 0."""
    return np.stack([as_array(layer)[0] for layer in attentions])  # (L, H, T, S)


def special_token_mask(tokens: list[str], specials: tuple[str, ...] = FRAME_TOKENS) -> np.ndarray:
    """(T,) bool, True at [CLS], [SEP] and [PAD]."""
    return np.array([token in specials for token in tokens], dtype=bool)


def hide_tokens(matrix: np.ndarray, keep: np.ndarray, renormalise: bool) -> np.ndarray:
    """Drop the rows and columns where ``keep`` is False from (..., T, T); optionally rescale rows to sum to 1.

    Hiding [CLS]/[SEP] removes the "no-op" attention many heads park there (Clark et al., 2019);
    renormalising shows how the rest is shared among the remaining tokens.
    """
    kept = matrix[..., keep, :][..., keep]  # (..., T', T')
    if not renormalise:
        return kept
    totals = kept.sum(axis=-1, keepdims=True)
    return np.divide(kept, totals, out=np.zeros_like(kept), where=totals > 0)


def attention_rollout(attentions: np.ndarray, residual_weight: float = 0.5) -> np.ndarray:
    """Attention rollout (Abnar & Zuidema, 2020, eq. 1): (L, H, T, T) -> (L, T, T).

    Each layer's head-averaged attention is mixed with the identity for the residual
    connection, Â = w I + (1 - w) A, rows renormalised, and the layers are multiplied:
    rollout[l] = Â_l Â_{l-1} ... Â_1. Row t of rollout[l] is how much each input token
    flowed into token t after layer l+1.
    """
    L, H, T, S = attentions.shape
    if T != S:
        raise ValueError(f"rollout needs self-attention (T == S), got T={T}, S={S}")
    identity = np.eye(T, dtype=np.float32)
    rollout = np.empty((L, T, T), dtype=np.float32)
    flow = identity
    for layer in range(L):
        mixed = residual_weight * identity + (1.0 - residual_weight) * attentions[layer].mean(axis=0)  # (T, T)
        mixed = mixed / mixed.sum(axis=-1, keepdims=True)
        flow = mixed @ flow
        rollout[layer] = flow
    return rollout


@dataclass
class TokenFocus:
    """Where one query token attends most, in every layer and head."""

    query_index: int
    top_key_index: np.ndarray  # (L, H) int: the key with the largest weight
    top_weight: np.ndarray  # (L, H) float32: that weight
    row: np.ndarray  # (L, H, S) float32: the query's whole attention row


def token_focus(attentions: np.ndarray, query_index: int, key_keep: np.ndarray | None = None) -> TokenFocus:
    """For query ``query_index``: the most-attended key per (layer, head), ignoring keys where key_keep is False."""
    L, H, T, S = attentions.shape
    if not 0 <= query_index < T:
        raise IndexError(f"query index {query_index} is outside 0..{T - 1}")
    row = attentions[:, :, query_index, :]  # (L, H, S)
    candidates = row if key_keep is None else np.where(key_keep[None, None, :], row, -1.0)
    top = candidates.argmax(axis=-1)  # (L, H)
    weight = np.take_along_axis(row, top[..., None], axis=-1)[..., 0]
    return TokenFocus(query_index=query_index, top_key_index=top, top_weight=weight.astype(np.float32), row=row)


def block_mean(matrix: np.ndarray, factor: int) -> np.ndarray:
    """Average (..., T, S) over factor × factor blocks (edge blocks average what they hold)."""
    if factor <= 1:
        return matrix
    *lead, T, S = matrix.shape
    Tb, Sb = -(-T // factor), -(-S // factor)
    padded = np.full((*lead, Tb * factor, Sb * factor), np.nan, dtype=np.float32)
    padded[..., :T, :S] = matrix
    blocks = padded.reshape(*lead, Tb, factor, Sb, factor)  # (..., Tb, f, Sb, f)
    return np.nanmean(blocks, axis=(-3, -1)).astype(np.float32)


@dataclass
class AttentionRowSteps:
    """Scaled dot-product attention for one query, step by step (Vaswani et al. 2017, eq. 1)."""

    dot: np.ndarray  # (S,) q · k_j
    scaled: np.ndarray  # (S,) q · k_j / sqrt(d_k)
    masked: np.ndarray  # (S,) scaled, with -inf where the key is masked out
    probs: np.ndarray  # (S,) softmax of masked
    weighted_values: np.ndarray  # (S, D) probs_j * v_j
    context: np.ndarray  # (D,) sum_j probs_j v_j: this head's output for the query
    d_k: int


def attention_row_steps(query: np.ndarray, key: np.ndarray, value: np.ndarray,
                        keep: np.ndarray | None = None) -> AttentionRowSteps:
    """query (D,), key and value (S, D), keep (S,) bool -> every intermediate of softmax(q K^T / sqrt(d_k)) V.

    Computed in float64 so the comparison with the model's float32 numbers measures the model, not this.
    """
    q, k, v = (np.asarray(a, dtype=np.float64) for a in (query, key, value))
    d_k = q.shape[-1]
    dot = k @ q  # (S,)
    scaled = dot / np.sqrt(d_k)  # sec. 3.2.1: keeps the variance of the scores near 1
    masked = scaled if keep is None else np.where(keep, scaled, -np.inf)
    shifted = np.exp(masked - masked.max())
    probs = shifted / shifted.sum()
    weighted = probs[:, None] * v  # (S, D)
    return AttentionRowSteps(dot=dot.astype(np.float32), scaled=scaled.astype(np.float32),
                             masked=masked.astype(np.float32), probs=probs.astype(np.float32),
                             weighted_values=weighted.astype(np.float32),
                             context=weighted.sum(axis=0).astype(np.float32), d_k=d_k)


def pca_2d(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, E) -> (N, 2) coordinates on the two principal axes, and their explained-variance ratios (2,)."""
    x = np.asarray(vectors, dtype=np.float64)
    centred = x - x.mean(axis=0, keepdims=True)
    if centred.shape[0] < 2 or not np.any(centred):
        return np.zeros((x.shape[0], 2), dtype=np.float32), np.zeros(2, dtype=np.float32)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2]
    # A fixed sign per axis keeps the picture from flipping between reruns of the same data.
    signs = np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])
    axes = axes * signs[:, None]
    coords = centred @ axes.T  # (N, k)
    variance = singular ** 2
    ratio = variance[:2] / variance.sum()
    if coords.shape[1] < 2:  # a single principal axis (E == 1 or N == 2)
        coords = np.pad(coords, ((0, 0), (0, 2 - coords.shape[1])))
        ratio = np.pad(ratio, (0, 2 - ratio.shape[0]))
    return coords.astype(np.float32), ratio.astype(np.float32)
