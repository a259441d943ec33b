"""Attention for the recurrent decoder, as note 004 lays it out in four steps.

Shape legend: B batch, T decoding steps, S source length, H hidden size.

1. take the encoder's hidden states h_1 ... h_S (one per source token, the "stack" of note 003);
2. score each against the decoder's hidden state s_t: the dot product s_t · h_i (Luong et al. 2015,
   "dot") or v^T tanh(W_q s_t + W_k h_i) (Bahdanau et al. 2015, "additive"), then softmax the scores
   into weights a_t (padding gets exactly zero weight, and the weights sum to 1);
3. sum the encoder states with those weights: the context vector c_t = Σ_i a_ti h_i;
4. concatenate [s_t; c_t] and feed it to the output layer: h̃_t = tanh(W_c [s_t; c_t]), then the
   vocabulary logits W_out h̃_t (Luong's eq. 5 and 6).

Both score functions are used in Luong's placement (the query is the decoder state of this step,
after its LSTM update); only the score differs, so the two variants are compared fairly.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

SCORES = ("dot", "additive")


@dataclass
class AttentionStep:
    """Note 004's four steps with their numbers, for T decoding steps at once (T = 1 while decoding)."""

    scores: torch.Tensor  # (B, T, S) step 2: score(s_t, h_i) before masking and softmax
    weights: torch.Tensor  # (B, T, S) step 2: softmax over the real source tokens (0 on padding, rows sum to 1)
    context: torch.Tensor  # (B, T, H) step 3: Σ_i weights_ti h_i
    concat: torch.Tensor  # (B, T, 2H) step 4: [s_t; c_t]
    output_input: torch.Tensor  # (B, T, H) step 4: tanh(W_c [s_t; c_t]), what the output layer reads

    def at(self, b: int, t: int) -> AttentionStep:
        """Sentence b's step t alone: scores and weights (S,), context (H,), concat (2H,), output_input (H,)."""
        return AttentionStep(*(x[b, t] for x in (self.scores, self.weights, self.context, self.concat,
                                                 self.output_input)))


class DecoderAttention(nn.Module):
    """Global attention over the encoder states, with the combination layer W_c."""

    def __init__(self, hidden_size: int, score: str) -> None:
        super().__init__()
        if score not in SCORES:
            raise ValueError(f"attention score must be one of {SCORES}, got {score!r}")
        self.score = score
        if score == "additive":
            self.query_projection = nn.Linear(hidden_size, hidden_size, bias=False)  # W_q (Bahdanau's W_a)
            self.key_projection = nn.Linear(hidden_size, hidden_size)  # W_k (Bahdanau's U_a)
            self.energy = nn.Linear(hidden_size, 1, bias=False)  # v^T
        self.combine = nn.Linear(2 * hidden_size, hidden_size)  # W_c of Luong's eq. 5

    def scores(self, queries: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
        """queries (B, T, H), keys (B, S, H) -> (B, T, S)."""
        if self.score == "dot":
            return torch.matmul(queries, keys.transpose(1, 2))  # s_t · h_i
        # (B, T, S, H): every query against every key
        hidden = torch.tanh(self.query_projection(queries)[:, :, None] + self.key_projection(keys)[:, None])
        return self.energy(hidden).squeeze(-1)  # v^T tanh(W_q s_t + W_k h_i)

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, keep: torch.Tensor) -> AttentionStep:
        """queries (B, T, H) decoder states, keys (B, S, H) encoder states, keep (B, S) True on real tokens."""
        scores = self.scores(queries, keys)  # (B, T, S)
        masked = scores.masked_fill(~keep[:, None, :], torch.finfo(scores.dtype).min)
        weights = torch.softmax(masked, dim=-1)  # exp(min - max) underflows to exactly 0 on padding
        context = torch.matmul(weights, keys)  # (B, T, H)
        concat = torch.cat([queries, context], dim=-1)  # (B, T, 2H)
        return AttentionStep(scores, weights, context, concat, torch.tanh(self.combine(concat)))
