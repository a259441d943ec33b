"""The settings of one word2vec run, under gensim's names (``vector_size``, ``window``, ``negative``,
``sample``, ``min_count``, ``alpha``) so the reference run takes the very same values."""

from __future__ import annotations

from dataclasses import dataclass

from core.data.stories import CORPUS_VERSION, CORPUS_VERSIONS

ARCHITECTURES = ("skip-gram", "cbow")


@dataclass(frozen=True)
class Word2VecConfig:
    """Everything a run depends on; the defaults train the shipped tiny-word2vec in minutes on one CPU thread."""

    architecture: str = "skip-gram"  # "skip-gram": a word predicts its neighbours; "cbow": the neighbours predict it
    vector_size: int = 100  # d, the width of a word vector
    window: int = 5  # farthest context word; each position draws its reach from 1..window, as word2vec.c does
    negative: int = 5  # k noise words per (word, context) pair (Mikolov et al., 2013b, eq. 4)
    ns_exponent: float = 0.75  # noise distribution U(w)^0.75 / Z (Mikolov et al., 2013b, sec. 2.2)
    sample: float = 1e-3  # t in P(discard w) = 1 - sqrt(t / f(w)) (Mikolov et al., 2013b, eq. 5)
    min_count: int = 5  # rarer words are left out of the vocabulary and of the text
    alpha: float = 0.025  # learning rate of plain SGD at the start, decayed linearly ...
    min_alpha: float = 1e-4  # ... to this at the end of the last epoch, as word2vec.c does
    epochs: int = 5  # passes over the corpus
    batch_size: int = 4096  # examples per SGD step, their gradients summed; word2vec.c steps once per pair
    seed: int = 0  # initial vectors, subsampling, windows, noise words and the order of pairs
    train_stories: int = 200_000  # the corpus: tiny-bert's training stories (core.data.stories.training_stories)
    corpus_seed: int = 0  # ... generated with this seed, as `python -m core train bert` does
    corpus_version: int = CORPUS_VERSION  # ... by this grammar version (core.data.stories.CORPUS_VERSIONS)

    def __post_init__(self) -> None:
        if self.architecture not in ARCHITECTURES:
            raise ValueError(f"architecture must be one of {ARCHITECTURES}, got {self.architecture!r}")
        for name in ("vector_size", "window", "negative", "min_count", "epochs", "batch_size", "train_stories"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.corpus_version not in CORPUS_VERSIONS:
            raise ValueError(f"corpus_version must be one of {CORPUS_VERSIONS}, got {self.corpus_version}")
        if not 0 < self.sample < 1:
            raise ValueError(f"sample must lie in (0, 1), got {self.sample}")
        if not 0 < self.min_alpha <= self.alpha:
            raise ValueError(f"need 0 < min_alpha <= alpha, got {self.min_alpha} and {self.alpha}")
