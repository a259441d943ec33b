"""The bag-of-words baseline: logistic regression on word counts (scikit-learn), on the same splits.

A bag of words keeps which words occur and how often, and drops their order. On the feelings task
"Mary beat Tom in the race. How did Tom feel?" and "Tom beat Mary in the race. How did Tom feel?"
are the same bag with different labels, so what the baseline misses measures how much the task
needs word order and context.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from core.data.feelings_task import Example, LabelledTask, labelled_subset, load_task


@dataclass(frozen=True)
class BagOfWordsResult:
    examples: int
    validation_accuracy: float
    heldout_accuracy: float
    seconds: float


def fit_bag_of_words(examples: tuple[Example, ...], seed: int = 0):
    """CountVectorizer (scikit-learn's default word pattern, lower-cased) then LogisticRegression (L2, C = 1)."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(CountVectorizer(), LogisticRegression(max_iter=5000, random_state=seed))
    return pipeline.fit([e.text for e in examples], [e.label for e in examples])


def bag_of_words_accuracy(pipeline, examples: tuple[Example, ...]) -> float:
    predicted = pipeline.predict([e.text for e in examples])
    return float(sum(int(p == e.label) for p, e in zip(predicted, examples)) / len(examples))


def bag_of_words(task_name: str = "feelings", examples: int | None = None, seed: int = 0,
                 task: LabelledTask | None = None) -> BagOfWordsResult:
    """The baseline on ``examples`` labelled examples drawn with ``seed``, exactly as ``finetune`` draws them."""
    started = time.perf_counter()
    task = task or load_task(task_name)
    train = labelled_subset(task.train, examples, seed)
    if len({e.label for e in train}) < 2:  # too few examples to hold two classes: predict the only one seen
        only = train[0].label
        score = lambda split: sum(e.label == only for e in split) / len(split)
        return BagOfWordsResult(len(train), score(task.validation), score(task.heldout),
                                time.perf_counter() - started)
    pipeline = fit_bag_of_words(train, seed)
    return BagOfWordsResult(len(train), bag_of_words_accuracy(pipeline, task.validation),
                            bag_of_words_accuracy(pipeline, task.heldout), time.perf_counter() - started)
