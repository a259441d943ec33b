"""Interpolated Kneser–Ney n-gram language models: the baseline a small Transformer LM has to beat.

The estimator is ``nltk.lm.KneserNeyInterpolated`` (Kneser & Ney 1995; Chen & Goodman 1998, sec. 3),
computed from sorted count tables with NumPy instead of nltk's Python dictionaries: nltk recomputes
every continuation count by scanning all higher-order n-grams, which on a corpus of millions of
tokens takes hours; the numbers are the same (tests/core/test_gpt_evaluation.py compares every
probability with nltk's on toy corpora). The recursion, for an order-n model, a word w and its context c:

    P(w | c) = max(N(c, w) - d, 0) / N(c, ·)  +  d · T(c) / N(c, ·) · P(w | c[1:])        (top order: raw counts)
    P(w | c) = max(K(c, w) - d, 0) / K(c, ·)  +  d · T(c) / K(c, ·) · P(w | c[1:])        (lower orders)
    P(w)     = K(w) / K(·)                                                              (unigrams)

N counts occurrences; K(c, w) counts the distinct words x seen before (c, w) (continuation counts:
"how many contexts does w complete", not "how often"); T(c) is the number of distinct words seen
after c. A context never seen gives all its weight to the shorter one (nltk: alpha 0, gamma 1).

Sequences are padded as nltk's ``padded_everygram_pipeline`` pads them: n - 1 ``<s>`` before, n - 1
``</s>`` after, and every k-gram (k = 1..n) inside one padded sequence is counted. Tokens are
integers (BPE ids); ``<s>`` and ``</s>`` get the two ids after the vocabulary. Shape legend: N targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _codes(tokens: np.ndarray, sequence_ids: np.ndarray, k: int, base: int) -> np.ndarray:
    """Every k-gram lying inside one sequence, as one int64 code: sum of token_i * base^(k - 1 - i)."""
    count = tokens.size - k + 1
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    inside = sequence_ids[:count] == sequence_ids[k - 1:]
    codes = np.zeros(count, dtype=np.int64)
    for i in range(k):
        codes = codes * base + tokens[i:i + count]
    return codes[inside]


def _lookup(keys: np.ndarray, values: np.ndarray, query: np.ndarray) -> np.ndarray:
    """values[keys == query] for each query, 0 where the key is absent (keys sorted)."""
    if keys.size == 0:
        return np.zeros(query.shape, dtype=values.dtype if values.size else np.int64)
    where = np.clip(np.searchsorted(keys, query), 0, keys.size - 1)
    return np.where(keys[where] == query, values[where], 0)


def _grouped(codes: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct codes, how many times each occurs, or the sum of ``weights`` over each)."""
    if weights is None:
        return np.unique(codes, return_counts=True)
    keys, inverse = np.unique(codes, return_inverse=True)
    return keys, np.bincount(inverse, weights=weights).astype(np.int64)


@dataclass
class KneserNeyModel:
    """Count tables of orders 1..n, and the interpolated Kneser–Ney probability of any (context, word)."""

    order: int
    vocab_size: int
    discount: float
    tables: dict  # name -> (sorted keys, values); see fit

    @property
    def base(self) -> int:
        return self.vocab_size + 2  # the vocabulary, <s>, </s>

    @property
    def start(self) -> int:
        return self.vocab_size

    @property
    def end(self) -> int:
        return self.vocab_size + 1

    @classmethod
    def fit(cls, sequences: list[list[int]], order: int, vocab_size: int, discount: float = 0.1) -> KneserNeyModel:
        if order < 2:
            raise ValueError(f"order must be at least 2 (nltk's unigram level needs bigrams), got {order}")
        if not 0 <= discount <= 1:
            raise ValueError(f"discount must lie in [0, 1] (nltk's bound), got {discount}")
        if (vocab_size + 2) ** order >= 2 ** 63:
            raise ValueError(f"{order}-grams of a vocabulary of {vocab_size} do not fit one int64 code")
        model = cls(order, vocab_size, discount, {})
        padded = [[model.start] * (order - 1) + list(s) + [model.end] * (order - 1) for s in sequences]
        tokens = np.fromiter((t for s in padded for t in s), dtype=np.int64)
        sequence_ids = np.repeat(np.arange(len(padded)), [len(s) for s in padded])
        B = model.base
        for k in range(2, order + 1):
            grams, counts = _grouped(_codes(tokens, sequence_ids, k, B))  # distinct k-grams, N(k-gram)
            prefixes = grams // B  # (k-1)-gram context c of each k-gram (c, w)
            model.tables[f"count{k}"] = (grams, counts)
            model.tables[f"context_total{k - 1}"] = _grouped(prefixes, counts.astype(np.float64))  # N(c, ·)
            model.tables[f"context_types{k - 1}"] = _grouped(prefixes)  # T(c)
            suffixes = grams % B ** (k - 1)  # (c[1:], w): K counts the distinct words before it
            model.tables[f"continuation{k - 1}"] = _grouped(suffixes)  # K(c[1:], w)
            model.tables[f"continuation_total{k - 2}"] = _grouped(suffixes // B)  # K(c[1:], ·)
        return model

    def probabilities(self, contexts: np.ndarray, words: np.ndarray) -> np.ndarray:
        """P(word | context) for N pairs: ``contexts`` (N, n - 1) token ids (<s> where the text begins), words (N,)."""
        words = np.asarray(words, dtype=np.int64)
        contexts = np.asarray(contexts, dtype=np.int64).reshape(len(words), self.order - 1)
        keys, values = self.tables["continuation1"]
        total = self.tables["continuation_total0"][1].sum()
        probability = _lookup(keys, values, words) / total  # P(w) from continuation counts
        B, d = self.base, self.discount
        context_code = np.zeros(len(words), dtype=np.int64)
        for j in range(1, self.order):  # context length j: the last j tokens, shortest first
            context_code = contexts[:, self.order - 1 - j] * B ** (j - 1) + context_code
            pair_code = context_code * B + words
            seen = _lookup(*self.tables[f"context_types{j}"], context_code)  # T(c); 0: c never seen
            if j == self.order - 1:
                numerator = _lookup(*self.tables[f"count{j + 1}"], pair_code)
                denominator = _lookup(*self.tables[f"context_total{j}"], context_code)
            else:
                numerator = _lookup(*self.tables[f"continuation{j + 1}"], pair_code)
                denominator = _lookup(*self.tables[f"continuation_total{j}"], context_code)
            known = (seen > 0) & (denominator > 0)
            safe = np.where(known, denominator, 1)
            alpha = np.where(known, np.maximum(numerator - d, 0.0) / safe, 0.0)
            gamma = np.where(known, d * seen / safe, 1.0)
            probability = alpha + gamma * probability
        return probability

    def targets(self, sequences: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """(contexts (N, n - 1), words (N,)) of every token of each sequence and its closing </s>."""
        pad = self.order - 1
        contexts, words = [], []
        for sequence in sequences:
            padded = [self.start] * pad + list(sequence) + [self.end]
            for i in range(pad, len(padded)):
                contexts.append(padded[i - pad:i])
                words.append(padded[i])
        return np.array(contexts, dtype=np.int64).reshape(len(words), pad), np.array(words, dtype=np.int64)

    def log_probs(self, sequences: list[list[int]]) -> np.ndarray:
        """(N,) natural-log probability of every target of the sequences, in order; -inf for a token never seen."""
        contexts, words = self.targets(sequences)
        with np.errstate(divide="ignore"):
            return np.log(self.probabilities(contexts, words))
