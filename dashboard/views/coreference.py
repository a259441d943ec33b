"""From a BERT trace and ``core.analysis.coreference`` results to what the coreference page shows.

No Streamlit, no figures. Layers and heads are 0-based in core and 1-based on screen and in every
table or file this module builds (columns ``layer`` and ``head``), as on the other pages.
Shape legend: L layers, H heads, C candidates, N examples.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.coreference import (
    CorefExample,
    HeadRanking,
    HeadScores,
    candidate_attention,
    load_examples,
    positions_in_tokens,
    rank_heads,
)
from core.analysis.head_ablation import measured_examples  # noqa: F401 (the pages read it here)
from core.analysis.own_answer import DETERMINERS, OwnAnswer
from core.bert.wordpiece import word_groups, word_text
from core.data.stories_lexicon import FEMALE_NAMES, MALE_NAMES
from dashboard.i18n import ENGLISH, Words

STOPWORDS = frozenset("a an the and or but because so if that this these those it its he she him her his they them "
                      "their we us our you your i me my was were is are be been to of in on at for with from by "
                      "not didn don doesn t s too very than then when who which what did do does had has have".split())
NAMES = frozenset(name.lower() for name in MALE_NAMES + FEMALE_NAMES)  # the generated stories' people
PRONOUNS = ("it", "they", "he", "she", "him", "her", "them")  # the pronoun a new sentence's pair view starts on


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


def labelled_example(text: str) -> CorefExample | None:
    """The built-in set's example with this text (case and spacing aside), or None."""
    return next((e for e in load_examples() if _normalise(e.text) == _normalise(text)), None)


@functools.cache
def lexicon_parts_of_speech() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, adjectives) of the story lexicon (core/data/stories_lexicon.py, stories_world.py): every noun
    list of the grammar with its plurals, and every adjective it attaches to things."""
    from core.data import stories_lexicon as lexicon
    from core.data.stories_world import FEELINGS, KINDS

    nouns = {*lexicon.MALE_NOUNS, *lexicon.FEMALE_NOUNS, *lexicon.ANIMALS, *lexicon.SMALL_THINGS, *lexicon.PLACES,
             *lexicon.THINGS_TO_GIVE, *" ".join((lexicon.WALKERS, lexicon.BIG_THINGS, lexicon.PREY, lexicon.PREDATORS,
                                                 lexicon.ADULTS, lexicon.CHILDREN, lexicon.VEHICLES,
                                                 lexicon.HEAVY)).split()}
    adjectives = {*lexicon.COLOURS, *lexicon.FEELINGS_GOOD, *FEELINGS, *lexicon.WEATHER,
                  *(word for words in lexicon.WEATHER.values() for word in words)}
    for pet, places in lexicon.PETS:
        nouns.update([pet, *places.split()])
    for activity in lexicon.ACTIVITIES:
        nouns.update([*activity.things, *activity.places])
        adjectives.update(activity.adjectives)
    for frame in lexicon.CAUSAL_FRAMES:
        nouns.update([*frame.subjects, *frame.objects])
        adjectives.update([*frame.subject_adjectives, *frame.object_adjectives])
    for kind in KINDS.values():
        nouns.update(kind.nouns)
        adjectives.update(kind.properties)
    nouns = {noun for noun in nouns if noun.isalpha()}
    plurals = {lexicon.IRREGULAR_PLURALS.get(noun, noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s"))
               for noun in nouns}
    return frozenset(nouns | plurals), frozenset(adjectives - nouns)


# Words every English noun phrase may hold before its noun that the lexicon does not list as adjectives.
COMMON_ADJECTIVES = frozenset("little old big small young new good bad long short tall high low great large tiny "
                              "huge other same first last next own few many much some any every each all both "
                              "nice pretty beautiful ugly happy sad".split())


def is_noun(words: list[Word], index: int) -> bool:
    """Could the word be an antecedent: a noun or a name. The story lexicon's nouns (and their plurals) and
    people's names are; its adjectives, the common ones and stop words are not. A word the lexicon does not
    know counts when it closes a noun phrase: after a determiner (the, a, his ...), past any adjectives, with no
    lexicon noun right after it ("the little old river": river, not little or old)."""
    word = words[index].text.lower()
    if not word.isalpha() or word in STOPWORDS:
        return False
    nouns, adjectives = lexicon_parts_of_speech()
    if word in nouns or word in NAMES:
        return True
    if word in adjectives or word in COMMON_ADJECTIVES:
        return False
    before = index - 1
    while before >= 0 and words[before].text.lower() in adjectives | COMMON_ADJECTIVES:
        before -= 1
    if before < 0 or words[before].text.lower() not in DETERMINERS:
        return False
    after = words[index + 1].text.lower() if index + 1 < len(words) else ""
    return after not in nouns


MAX_CANDIDATES = 4


def default_candidates(text: str, words: list[Word], pronoun: Word | None) -> list[str]:
    """The labelled candidates when the sentence is one of the built-in examples; else the nouns and names
    (``is_noun``) before the pronoun, nearest first (at most MAX_CANDIDATES; those after it, nearest first, when
    fewer than two precede)."""
    example = labelled_example(text)
    if example is not None:
        labels = [w.label for w in words if w.label in example.candidates]
        if len(labels) >= 2:
            return labels
    nouns = [w for index, w in enumerate(words) if w is not pronoun and is_noun(words, index)]
    if pronoun is not None:
        before = [w for w in nouns if w.positions[0] < pronoun.positions[0]][::-1]  # nearest first
        after = [w for w in nouns if w.positions[0] > pronoun.positions[0]]
        nouns = before if len(before) >= 2 else before + after
    return [w.label for w in nouns[:MAX_CANDIDATES]]


def answer_question(words: list[Word], pronoun: Word,
                    candidates: list[Word]) -> tuple[str, int, tuple[str, ...]] | None:
    """(pronoun word, its occurrence, candidate words): what ``core.analysis.own_answer`` needs to put each
    candidate in the pronoun's place. None when two chosen candidates are the same word (substitution
    could not tell them apart)."""
    names = tuple(w.text for w in candidates)
    if len(set(names)) < len(names):
        return None
    occurrence = sum(1 for w in words if w.text == pronoun.text and w.positions[0] < pronoun.positions[0])
    return pronoun.text, occurrence, names


def ranking(trace, pronoun: Word, candidates: list[Word], sort_by: str | None) -> HeadRanking:
    return rank_heads(trace, pronoun.positions, {w.label: w.positions for w in candidates}, sort_by=sort_by)


def ranking_frame(result: HeadRanking) -> pd.DataFrame:
    """Every layer × head, best first, 1-based."""
    return _one_based(pd.DataFrame(result.to_rows()))


def ranking_payload(result: HeadRanking) -> dict:
    return {"layers_and_heads": "1-based", "candidates": result.candidates, "sort_by": result.sort_by,
            "attention (layer, head, candidate)": result.attention, "rows": ranking_frame(result)}


def significance_threshold(chance: float, num_examples: int) -> float:
    """Accuracy two standard errors above chance for ``num_examples`` independent guesses."""
    return chance + 2 * math.sqrt(chance * (1 - chance) / max(num_examples, 1))


def scores_frame(scores: HeadScores) -> pd.DataFrame:
    """One row per head, best first, 1-based."""
    return _one_based(pd.DataFrame(scores.to_rows()))


def _one_based(frame: pd.DataFrame) -> pd.DataFrame:
    """Layers and heads counted from 1, as the charts name them. Column by column: adding to the two as one
    block (``frame[["layer", "head"]] += 1``) took pandas 4 of the ranking table's 5 ms, the same values."""
    for column in ("layer", "head"):
        frame[column] += 1
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


BASELINE_KEYS = {"first candidate": "chart.tick.first_candidate", "nearest candidate": "chart.tick.nearest_candidate"}


def comparison(scores: HeadScores, words: Words = ENGLISH) -> tuple[list[str], np.ndarray]:
    """Labels (in ``words``' language) and accuracies of the best head and the attention-free baselines, for one
    bar chart."""
    best = scores.best_heads(1)[0]
    labels = [words("chart.tick.best_head", layer=best.layer + 1, head=best.head + 1)]
    labels += [words(BASELINE_KEYS[name]) if name in BASELINE_KEYS else name for name in scores.baselines]
    return labels, np.array([best.accuracy] + list(scores.baselines.values()), dtype=np.float32)


# ---------------------------------------------------------------------------------------------
# Minimal pair: two sentences one word apart, side by side, so a class sees the one word that flips the answer
# ---------------------------------------------------------------------------------------------

DEFAULT_PAIR = "animal-street"  # "...because it was too tired" / "...too wide": the built-in set's first pair


def default_pair(pair: str = DEFAULT_PAIR) -> list[str]:
    """The two sentences of a built-in minimal pair, in the set's order."""
    return [e.text for e in load_examples() if e.pair == pair]


def chance_of(examples: list[CorefExample]) -> float:
    """Accuracy of a random choice among each example's candidates, averaged over the examples."""
    return float(np.mean([1.0 / len(e.candidates) for e in examples])) if examples else float("nan")


@dataclass
class PairQuestion:
    """What the pair view asks of both sentences: the pronoun, the candidates, and each sentence's correct answer."""

    pronoun: str
    candidates: list[str]
    answers: list[str | None]  # per sentence: the labelled answer, or None when not known


def pair_defaults(texts: list[str], words: list[Word]) -> PairQuestion:
    """Labels when both sentences are built-in examples with the same question; else the first pronoun of the
    first sentence (``words``) and its nouns (``default_candidates``), answers unknown."""
    examples = [labelled_example(text) for text in texts]
    first = examples[0]
    if first is not None and all(e is not None and e.pronoun == first.pronoun and e.candidates == first.candidates
                                 for e in examples):
        return PairQuestion(first.pronoun, list(first.candidates), [e.answer for e in examples])
    pronoun = next((w for w in words if w.text.lower() in PRONOUNS), None)
    labels = default_candidates(texts[0], words, pronoun)
    candidates = list(dict.fromkeys(w.text for w in words if w.label in labels))
    return PairQuestion(pronoun.text if pronoun else "", candidates, [None] * len(texts))


def pair_attention(trace, tokens: list[str], pronoun: str, candidates: list[str],
                   heads: list[tuple[int, int]]) -> np.ndarray:
    """(K, C) attention from the pronoun's first occurrence to each candidate's, in each chosen head (0-based).
    Raises ValueError when the pronoun or a candidate is not a word of the sentence."""
    where = {name: positions_in_tokens(tokens, name) for name in candidates}
    attention = candidate_attention(trace.attentions, positions_in_tokens(tokens, pronoun), where)  # (L, H, C)
    return np.array([attention[layer, head] for layer, head in heads], dtype=np.float32).reshape(len(heads), -1)


def pair_frame(texts: list[str], heads: list[tuple[int, int]], attention: list[np.ndarray],
               question: PairQuestion, answers: list[OwnAnswer | None]) -> pd.DataFrame:
    """One row per sentence × head, 1-based: attention to each candidate, the correct and the model's answer."""
    rows = []
    for n, (text, values, answer) in enumerate(zip(texts, attention, answers), start=1):
        for (layer, head), row_values in zip(heads, values):
            row = {"sentence": n, "text": text, "layer": layer + 1, "head": head + 1,
                   "correct": question.answers[n - 1] or "", "model_answer": answer.choice if answer else ""}
            row.update({f"attention to {name}": float(v) for name, v in zip(question.candidates, row_values)})
            rows.append(row)
    return pd.DataFrame(rows)
