"""From a BERT trace and ``core.analysis.coreference`` results to what the coreference page shows.

No Streamlit, no figures. Layers and heads are 0-based in core and 1-based on screen and in every
table or file this module builds (columns ``layer`` and ``head``), as on the other pages.
Shape legend: L layers, H heads, C candidates, N examples.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.coreference import HeadRanking, HeadScores, load_examples, rank_heads
from core.bert.wordpiece import word_groups, word_text

STOPWORDS = frozenset("a an the and or but because so if that this these those it its he she him her his they them "
                      "their we us our you your i me my was were is are be been to of in on at for with from by "
                      "not didn don doesn t s too very than then when who which what did do does had has have".split())


@dataclass
class Word:
    """A whole word of the sentence: its WordPiece positions and a unique label."""

    label: str  # the word, with "#2", "#3" added to repeats so labels are unique
    text: str  # the word as the tokenizer wrote it, ## pieces joined
    positions: list[int]


def words_of(tokens: list[str]) -> list[Word]:
    """The sentence's whole words (``core.bert.wordpiece.word_groups``), each with a unique label."""
    words, seen = [], {}
    for positions in word_groups(tokens):
        text = word_text(tokens, positions)
        seen[text] = seen.get(text, 0) + 1
        words.append(Word(text if seen[text] == 1 else f"{text} #{seen[text]}", text, positions))
    return words


def word_at(words: list[Word], position: int) -> Word | None:
    return next((w for w in words if position in w.positions), None)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def default_candidates(text: str, words: list[Word], pronoun: Word | None) -> list[str]:
    """The labelled candidates when the sentence is one of the built-in examples; else the content words
    before the pronoun (at most the four nearest; those after it when fewer than two precede)."""
    for example in load_examples():
        if _normalise(example.text) == _normalise(text):
            labels = [w.label for w in words if w.label in example.candidates]
            if len(labels) >= 2:
                return labels
    others = [w for w in words if w is not pronoun and w.text.isalpha() and w.text.lower() not in STOPWORDS]
    if pronoun is not None:
        before = [w for w in others if w.positions[0] < pronoun.positions[0]]
        others = before[-4:] if len(before) >= 2 else others[:4]
    return [w.label for w in others[:4]]


def ranking(trace, pronoun: Word, candidates: list[Word], sort_by: str | None) -> HeadRanking:
    return rank_heads(trace, pronoun.positions, {w.label: w.positions for w in candidates}, sort_by=sort_by)


def ranking_frame(result: HeadRanking) -> pd.DataFrame:
    """Every layer × head, best first, 1-based."""
    frame = pd.DataFrame(result.to_rows())
    frame[["layer", "head"]] += 1
    return frame


def ranking_payload(result: HeadRanking) -> dict:
    return {"layers_and_heads": "1-based", "candidates": result.candidates, "sort_by": result.sort_by,
            "attention (layer, head, candidate)": result.attention, "rows": ranking_frame(result)}


def significance_threshold(chance: float, num_examples: int) -> float:
    """Accuracy two standard errors above chance for ``num_examples`` independent guesses."""
    return chance + 2 * math.sqrt(chance * (1 - chance) / max(num_examples, 1))


def scores_frame(scores: HeadScores) -> pd.DataFrame:
    """One row per head, best first, 1-based."""
    frame = pd.DataFrame(scores.to_rows())
    frame[["layer", "head"]] += 1
    return frame


def scores_payload(scores: HeadScores) -> dict:
    """JSON export: core's to_dict, its head rows made 1-based like the screen."""
    out = scores.to_dict()
    out["layers_and_heads"] = "1-based in 'heads'; arrays are indexed [layer - 1][head - 1]"
    out["heads"] = scores_frame(scores)
    return out


def best_heads_frame(scores: HeadScores, k: int = 10) -> pd.DataFrame:
    return scores_frame(scores).head(k)


def head_options(scores: HeadScores) -> list[tuple[int, int]]:
    """(layer, head) pairs, 0-based, best first."""
    return [(s.layer, s.head) for s in scores.head_scores()]


def example_frame(scores: HeadScores, layer: int, head: int) -> pd.DataFrame:
    """One row per built-in sentence: what the head picked, its credit and its attention to each candidate."""
    rows = scores.example_rows(layer, head)
    for row in rows:
        row["attention"] = " · ".join(f"{name} {value:.3f}" for name, value in row["attention"].items())
    return pd.DataFrame(rows)


def comparison(scores: HeadScores) -> tuple[list[str], np.ndarray]:
    """Labels and accuracies of the best head and the attention-free baselines, for one bar chart."""
    best = scores.best_heads(1)[0]
    labels = [f"best head: layer {best.layer + 1}, head {best.head + 1}"] + list(scores.baselines)
    return labels, np.array([best.accuracy] + list(scores.baselines.values()), dtype=np.float32)
