"""Scaled dot-product and multi-head attention, shared by BERT and the encoder-decoder.

Shape legend: B batch, T query length, S key length, H heads, D head size, E model width.

Mask convention (one everywhere): a boolean ``keep`` tensor broadcastable to (B, H, T, S),
True where a query may attend to a key. It is applied with
``masked_fill(~keep, torch.finfo(dtype).min)`` so a masked key gets exactly zero probability.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn


def padding_keep_mask(attention_mask: torch.Tensor) -> torch.Tensor:
    """(B, S) 1/0 or bool attention mask -> (B, 1, 1, S) keep mask: no query attends to padding."""
    return attention_mask.bool()[:, None, None, :]


def pad_sequences(rows: list[list[int]], pad_value: int = 0) -> torch.Tensor:
    """Ragged id lists -> one (B, T) long tensor, T the longest row, right-padded with ``pad_value``.

    Rows stay left-aligned, so position t is the t-th token in every row and padding only ever
    sits at the end, where ``padding_keep_mask`` hides it.
    """
    out = torch.full((len(rows), max(map(len, rows), default=0)), pad_value, dtype=torch.long)  # (B, T)
    for b, row in enumerate(rows):
        out[b, :len(row)] = torch.as_tensor(row, dtype=torch.long)
    return out


def subsequent_keep_mask(size: int, device: torch.device | None = None) -> torch.Tensor:
    """(1, 1, T, T) look-ahead keep mask: position t sees positions <= t (Vaswani et al. 2017, sec. 3.2.3)."""
    return torch.ones(size, size, dtype=torch.bool, device=device).tril()[None, None]


@dataclass
class AttentionRecord:
    """Everything one attention layer computed; all but ``probs`` only when asked for."""

    probs: torch.Tensor  # (B, H, T, S) softmax(QK^T / sqrt(d_k)) after the mask
    query: torch.Tensor | None = None  # (B, H, T, D)
    key: torch.Tensor | None = None  # (B, H, S, D)
    value: torch.Tensor | None = None  # (B, H, S, D)
    scores: torch.Tensor | None = None  # (B, H, T, S) QK^T / sqrt(d_k), before the mask and softmax
    context: torch.Tensor | None = None  # (B, H, T, D) probs @ V, each head's output before concatenation


def scaled_dot_product_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                 keep: torch.Tensor | None = None, dropout: nn.Module | None = None,
                                 ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Attention(Q, K, V) = softmax(QK^T / sqrt(d_k)) V, eq. (1) of Vaswani et al. (2017).

    query (B, H, T, D), key and value (B, H, S, D); returns (context (B, H, T, D),
    probs (B, H, T, S), scores (B, H, T, S) before masking).
    """
    d_k = query.size(-1)
    # Dividing by sqrt(d_k) keeps the dot products' variance near 1 so softmax does not saturate (sec. 3.2.1).
    # In-place scaling: the trace keeps these scores, so an extra (B, H, T, S) temporary per layer would cost.
    scores = torch.matmul(query, key.transpose(-1, -2)).mul_(1.0 / math.sqrt(d_k))  # (B, H, T, S)
    masked = scores if keep is None else scores.masked_fill(~keep, torch.finfo(scores.dtype).min)
    probs = torch.softmax(masked, dim=-1)
    attended = probs if dropout is None else dropout(probs)
    context = torch.matmul(attended, value)  # (B, H, T, D)
    return context, probs, scores


class MultiHeadAttention(nn.Module):
    """The Q, K, V projections and per-head attention (sec. 3.2.2), without the output projection.

    Module names equal the checkpoint keys of BERT's ``attention.self`` (query, key, value), so
    loading pretrained weights is a straight copy. The output projection W^O lives with the
    residual + LayerNorm block of whichever model uses this, as in BERT's ``attention.output``.
    """

    def __init__(self, hidden_size: int, num_heads: int, dropout_prob: float = 0.0) -> None:
        super().__init__()
        if hidden_size % num_heads:
            raise ValueError(f"hidden_size {hidden_size} is not divisible by {num_heads} heads")
        self.num_heads = num_heads
        self.head_size = hidden_size // num_heads
        self.query = nn.Linear(hidden_size, hidden_size)
        self.key = nn.Linear(hidden_size, hidden_size)
        self.value = nn.Linear(hidden_size, hidden_size)
        self.dropout = nn.Dropout(dropout_prob)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        B, T, E = x.size()
        return x.view(B, T, self.num_heads, self.head_size).transpose(1, 2)  # (B, H, T, D)

    def project_key_value(self, source: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values (B, H, S, D) of ``source`` (B, S, E): cacheable for cross-attention."""
        return self.split_heads(self.key(source)), self.split_heads(self.value(source))

    def forward(self, hidden: torch.Tensor, source: torch.Tensor | None = None,
                keep: torch.Tensor | None = None,
                past_key_value: tuple[torch.Tensor, torch.Tensor] | None = None,
                static_key_value: tuple[torch.Tensor, torch.Tensor] | None = None,
                record_all: bool = False, head_mask: torch.Tensor | None = None,
                ) -> tuple[torch.Tensor, AttentionRecord, tuple[torch.Tensor, torch.Tensor]]:
        """Attend from ``hidden`` (B, T, E) to ``source`` (B, S, E), itself when None.

        ``past_key_value``: keys/values of earlier positions (incremental self-attention);
        the new ones are appended. ``static_key_value``: precomputed keys/values to use as they
        are (cross-attention during decoding). ``head_mask`` (H,) of 1/0 switches heads off: a 0
        head's output (its probs @ V) is zeroed before the heads are concatenated and W^O mixes them
        (head ablation, Michel et al. 2019); its probs are still computed and recorded.
        Returns (context (B, T, E), record, (key, value)).
        """
        B, T, E = hidden.size()
        query = self.split_heads(self.query(hidden))  # (B, H, T, D)
        if static_key_value is not None:
            key, value = static_key_value
        else:
            key, value = self.project_key_value(hidden if source is None else source)  # (B, H, S, D)
            if past_key_value is not None:
                key = torch.cat([past_key_value[0], key], dim=2)
                value = torch.cat([past_key_value[1], value], dim=2)
        context, probs, scores = scaled_dot_product_attention(query, key, value, keep, self.dropout)
        if head_mask is not None:
            context = context * head_mask.to(context.dtype)[None, :, None, None]  # (B, H, T, D), x*1 is exact
        record = AttentionRecord(probs=probs)
        if record_all:
            record = AttentionRecord(probs=probs, query=query, key=key, value=value, scores=scores, context=context)
        merged = context.transpose(1, 2).reshape(B, T, E)  # (B, T, E): heads concatenated
        return merged, record, (key, value)
