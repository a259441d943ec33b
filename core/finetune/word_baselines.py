"""Baselines of the token task without a network (scikit-learn), on the same splits and labelled subsets.

Two readers of a tagged word, from weak to strong:

- ``majority``: the tag the word itself most often has in the labelled examples (a word never seen: the most
  frequent tag overall). A name takes every feeling, so this measures what a word's identity alone gives.
- ``window``: logistic regression on the word, its neighbours at offsets -2, -1, +1, +2 (each marked with its
  offset) and the bags of the words on its left and on its right. It reads local order and which side each word
  is on, so "X beat Y" is solved without a Transformer; what it misses on the held-out split measures how much
  the new phrasings need more than a window of the training phrasings.

Accuracy is per tagged word, as the token head's (``core.finetune.training.accuracy``).
"""

from __future__ import annotations

import collections
import time
from dataclasses import dataclass

from core.data.feeling_tags_task import TaggedExample, later_mentions
from core.data.feelings_task import LabelledTask, labelled_subset, load_task

BASELINES = ("window", "majority")


@dataclass(frozen=True)
class WordBaselineResult:
    examples: int  # labelled texts used
    validation_accuracy: float  # per tagged word
    heldout_accuracy: float
    heldout_later_accuracy: float  # the held-out stories' later mentions alone (feeling_tags_task.later_mentions)
    seconds: float


def tagged_words(examples: tuple[TaggedExample, ...]) -> list[tuple[tuple[str, ...], int, int]]:
    """(the text's lower-cased words, the tagged word's index, its tag), one per tagged word."""
    return [(tuple(w.lower() for w in e.words), index, tag) for e in examples for index, tag in enumerate(e.tags)
            if tag >= 0]


def window_features(words: tuple[str, ...], index: int) -> dict[str, float]:
    """The word, its neighbours at -2..+2 by offset, and the bags of words left and right of it."""
    features = {f"word={words[index]}": 1.0}
    for offset in (-2, -1, 1, 2):
        position = index + offset
        neighbour = words[position] if 0 <= position < len(words) else "<edge>"
        features[f"{offset:+d}={neighbour}"] = 1.0
    for side, span in (("left", words[:index]), ("right", words[index + 1:])):
        for word in span:
            features[f"{side}:{word}"] = features.get(f"{side}:{word}", 0.0) + 1.0
    return features


def fit_window(examples: tuple[TaggedExample, ...], seed: int = 0):
    """DictVectorizer then LogisticRegression (L2, C = 1), on every tagged word of ``examples``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = tagged_words(examples)
    pipeline = make_pipeline(DictVectorizer(), LogisticRegression(max_iter=5000, random_state=seed))
    return pipeline.fit([window_features(words, i) for words, i, _ in rows], [tag for _, _, tag in rows])


class MajorityTag:
    """The most frequent tag of each word in the labelled examples; the most frequent overall for a new word."""

    def __init__(self, examples: tuple[TaggedExample, ...]):
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        overall: collections.Counter = collections.Counter()
        for words, index, tag in tagged_words(examples):
            counts[words[index]][tag] += 1
            overall[tag] += 1
        # ties go to the smaller tag id, so the baseline is the same on every machine
        self.fallback = min(overall, key=lambda tag: (-overall[tag], tag))
        self.tag_of = {word: min(c, key=lambda tag: (-c[tag], tag)) for word, c in counts.items()}

    def predict(self, rows) -> list[int]:
        return [self.tag_of.get(words[index], self.fallback) for words, index, _ in rows]


def word_accuracy(baseline: str, fitted, examples: tuple[TaggedExample, ...]) -> float:
    rows = tagged_words(examples)
    if baseline == "window":
        predicted = fitted.predict([window_features(words, i) for words, i, _ in rows])
    else:
        predicted = fitted.predict(rows)
    return float(sum(int(p == tag) for p, (_, _, tag) in zip(predicted, rows)) / len(rows))


def word_baseline(baseline: str = "window", task_name: str = "feeling-tags", examples: int | None = None,
                  seed: int = 0, task: LabelledTask | None = None) -> WordBaselineResult:
    """``baseline`` on ``examples`` labelled texts drawn with ``seed``, exactly as ``finetune`` draws them."""
    if baseline not in BASELINES:
        raise ValueError(f"unknown baseline {baseline!r} (known: {', '.join(BASELINES)})")
    started = time.perf_counter()
    task = task or load_task(task_name)
    train = labelled_subset(task.train, examples, seed)
    rows = tagged_words(train)
    if baseline == "majority" or len({tag for _, _, tag in rows}) < 2:  # one tag seen: the majority rule
        fitted, used = MajorityTag(train), "majority"
    else:
        fitted, used = fit_window(train, seed), "window"
    return WordBaselineResult(len(train), word_accuracy(used, fitted, task.validation),
                              word_accuracy(used, fitted, task.heldout),
                              word_accuracy(used, fitted, later_mentions(task.heldout)), time.perf_counter() - started)
