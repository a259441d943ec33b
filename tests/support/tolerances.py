"""Tolerances reasoned from the dtype and the size of a computation, so a check holds on any CPU.

Higham's bound (Accuracy and Stability of Numerical Algorithms, 2nd ed., sec. 3.1): a floating-point sum
or dot product of n terms, in any order, differs from the exact one by at most gamma_n * sum |term_i|,
gamma_n = n u / (1 - n u) with u = eps / 2 the unit roundoff. The bounds below use eps instead of u, a
margin of two, and hold whatever order a CPU's threads or vector units add the terms in.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

FLOAT32_EPS = float(np.finfo(np.float32).eps)  # 1.19e-7


def gamma(n: int, eps: float = FLOAT32_EPS) -> float:
    """Higham's gamma_n with eps for u (a margin of two): the relative error bound of an n-term sum."""
    return n * eps / (1 - n * eps)


class AttentionRowBounds(NamedTuple):
    scores: float  # largest error of one scaled score q.k / sqrt(D)
    probs: float  # of one attention weight
    context: float  # of one number of the head output


def attention_row_bounds(query: np.ndarray, keys: np.ndarray, values: np.ndarray,
                         probs: np.ndarray) -> AttentionRowBounds:
    """Largest float32 error of attention scores and weights and of the head output, from the rows' own numbers.

    One row: query (D,), keys and values (S, D), probs (S,); or whole heads: query (..., T, D), keys and
    values (..., S, D), probs (..., T, S). Each score q.k / sqrt(D) is a D-term dot product and a scaling
    (gamma_{D+1} of sum |q_i k_i| / sqrt(D)); softmax turns score errors into relative errors of at most
    twice the row's largest, plus the exp, the S-term sum and the division (gamma_{S+2}); the head output
    sums S weighted values (gamma_S of sum p_j |v_j|) on top of the weights' errors.
    """
    q, k, v, p = (np.abs(np.asarray(a, dtype=np.float64)) for a in (query, keys, values, probs))
    if q.ndim == 1:  # one row
        q, p = q[None], p[None]
    S, D = k.shape[-2:]
    score_error = gamma(D + 1) * (q @ np.swapaxes(k, -1, -2)).max(-1, keepdims=True) / np.sqrt(D)  # (..., T, 1)
    prob_error = p * (2 * score_error + gamma(S + 2))  # (..., T, S)
    context_error = prob_error @ v + gamma(S) * (p @ v)  # (..., T, D)
    return AttentionRowBounds(float(score_error.max()), float(prob_error.max()), float(context_error.max()))


def float32_atol(magnitude: float, depth: int, margin: float = 10.0) -> float:
    """Two float32 computations of one quantity in a different order (batched or alone, cached or not, two
    libraries): eps x the roundings that compound (layers, sublayers, recurrent steps) x the size of the
    numbers x a margin."""
    return FLOAT32_EPS * depth * magnitude * margin


# A choice between two float32 numbers (an argmax, a ranking) whose sides are further apart than this comes out
# the same on any CPU: the models decoded in the tests differ between two orders of their sums by at most ~1e-5
# in a log-probability (eps x their depth x their size), and this keeps a margin of a hundred.
DECISION_MARGIN = 1e-3


def greedy_margin(model, source, token_ids: list[int]) -> float:
    """The smallest lead of a greedy path's chosen token over the runner-up it could have decoded (the tokens
    decoding never emits left out), teacher-forced in float64. ``source`` (1, S) ids, ``token_ids`` ending in
    </s>."""
    import torch

    decoder_input = torch.tensor([[model.config.bos_token_id] + token_ids[:-1]])
    with torch.no_grad():
        log_probs = torch.log_softmax(model(source, decoder_input).logits[0].double(), dim=-1)  # (T, V)
    banned = [model.config.pad_token_id, model.config.unk_token_id, model.config.bos_token_id]
    top_two = log_probs.index_fill(-1, torch.tensor(banned), -torch.inf).topk(2, dim=-1).values
    return float((top_two[:, 0] - top_two[:, 1]).min())


def ranking_margin(tree) -> float:
    """The smallest gap between the cumulative log-probabilities of neighbours in any step's ranking of the
    extensions compared for the beam, and between the last compared and the best pruned one."""
    everything, gaps = tree.all_nodes(), []
    for step in {node.step for node in everything[1:]}:
        ranked = sorted((n for n in everything if n.step == step), key=lambda n: n.rank)
        compared = len([n for n in ranked if n.id < len(tree.nodes)])
        cumulative = [n.cumulative for n in ranked[:compared + 1]]
        gaps += [a - b for a, b in zip(cumulative, cumulative[1:])]
    return min(gaps)
