"""Words, their counts, and the two distributions word2vec draws from: which occurrences to keep
(subsampling of frequent words) and which words to use as noise (unigram^0.75).

Mikolov et al. (2013b), "Distributed Representations of Words and Phrases and their Compositionality",
sec. 2.2 (negative sampling) and 2.3 (subsampling).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np

WORD = re.compile(r"[a-z]+")  # lower-cased letters, punctuation apart: BERT's basic split of this corpus


def tokenize(text: str) -> list[str]:
    return WORD.findall(text.lower())


def story_words(stories: list[list[str]]) -> list[list[str]]:
    """One word sequence per story: the window may reach into the story's next sentence, never another story."""
    return [[word for line in story for word in tokenize(line)] for story in stories]


@dataclass(frozen=True)
class Vocabulary:
    """Words by descending count (ties alphabetical), so id 0 is the most frequent word."""

    words: list[str]
    counts: list[int]

    @classmethod
    def build(cls, texts: list[list[str]], min_count: int) -> Vocabulary:
        counted = Counter(word for text in texts for word in text)
        kept = sorted((item for item in counted.items() if item[1] >= min_count), key=lambda item: (-item[1], item[0]))
        return cls([word for word, _ in kept], [count for _, count in kept])

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self.index

    @cached_property
    def index(self) -> dict[str, int]:
        return {word: i for i, word in enumerate(self.words)}

    def encode(self, texts: list[list[str]]) -> list[np.ndarray]:
        """Each text as ids; words outside the vocabulary are dropped, as word2vec.c drops them."""
        index = self.index
        return [np.array([index[w] for w in text if w in index], dtype=np.int64) for text in texts]

    def keep_probabilities(self, sample: float) -> np.ndarray:
        """(V,) P(keep w) = min(1, sqrt(t / f(w))), f the word's share of all counted words: eq. 5 of the paper,
        which discards w with probability 1 - sqrt(t / f(w)). (word2vec.c and gensim keep a little more often,
        sqrt(t / f) + t / f; the two agree for the frequent words that subsampling is for.)"""
        frequency = np.asarray(self.counts, dtype=np.float64) / sum(self.counts)
        return np.minimum(1.0, np.sqrt(sample / frequency))

    def noise_distribution(self, exponent: float = 0.75) -> np.ndarray:
        """(V,) P_n(w) = U(w)^0.75 / Z, the noise of negative sampling (sec. 2.2): rare words drawn more often
        than their counts say, frequent ones less."""
        weights = np.asarray(self.counts, dtype=np.float64) ** exponent
        return weights / weights.sum()
