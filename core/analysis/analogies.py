"""Analogy questions built from the story lexicon's structure, and how well word vectors answer them.

A relation is a list of word pairs (man, woman), (dog, dogs), (goes, went); a question takes two pairs
of one relation, (man, woman) and (king, queen), and asks king - man + woman = ? (answer queen). The
pairs of each relation are split in two halves by a hash: questions of the training half may be
looked at while choosing settings, those of the held-out half only to report. A question made of
one pair from each half is in neither.

Shape legend: V vocabulary, d vector size, Q questions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import torch

from core.data.stories import (
    ACTIVITIES,
    ANIMALS,
    BIG_THINGS,
    FEMALE_NOUNS,
    HEAVY,
    MALE_NOUNS,
    SMALL_THINGS,
    VEHICLES,
    gerund,
    past,
    plural,
    third_person,
)
from core.word2vec.vectors import WordVectors

SPLITS = ("train", "heldout")


def gender_pairs() -> list[tuple[str, str]]:
    """The lexicon lists its male and female nouns in matching order (man/woman ... prince/princess);
    its last entries, farmer and lady, are no pair."""
    return [(male, female) for male, female in zip(MALE_NOUNS, FEMALE_NOUNS) if (male, female) != ("farmer", "lady")]


def plural_pairs() -> list[tuple[str, str]]:
    """Nouns the grammar uses in the plural ("the dogs", "her keys"), with the grammar's own plural()."""
    nouns = dict.fromkeys([*MALE_NOUNS, *FEMALE_NOUNS, *ANIMALS, *SMALL_THINGS, *BIG_THINGS.split(), *HEAVY.split(),
                           *VEHICLES.split()])
    return [(noun, plural(noun)) for noun in nouns if plural(noun) != noun]


def story_verbs() -> list[str]:
    """Verbs the errand stories conjugate in every tense (go, feel, like, love and what people do at places)."""
    return list(dict.fromkeys(["go", "feel", "like", "love", *(activity.verb for activity in ACTIVITIES)]))


def relations() -> dict[str, list[tuple[str, str]]]:
    """relation -> (base, form) pairs: male -> female, singular -> plural, present -> past, present -> -ing."""
    verbs = story_verbs()
    return {
        "gender": gender_pairs(),
        "plural": plural_pairs(),
        "past tense": [(third_person(v), past(v)) for v in verbs if third_person(v) != past(v)],
        "progressive": [(third_person(v), gerund(v)) for v in verbs],
    }


def split_pairs(relation: str, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Half the pairs of each relation (the first half by rank of a hash) are held out ("heldout"), the rest
    are "train": the same on every machine."""
    ranked = sorted(pairs, key=lambda p: hashlib.md5(f"{relation}|{p[0]}|{p[1]}".encode()).hexdigest())
    return {pair: "train" if rank < (len(ranked) + 1) // 2 else "heldout" for rank, pair in enumerate(ranked)}


def pair_split(relation: str, pair: tuple[str, str]) -> str:
    return split_pairs(relation, relations()[relation])[pair]


@dataclass(frozen=True)
class Question:
    relation: str
    split: str
    a: str  # king
    b: str  # man
    c: str  # woman
    answer: str  # queen: a - b + c

    @property
    def words(self) -> tuple[str, str, str, str]:
        return self.a, self.b, self.c, self.answer


def analogy_questions(known: set[str] | None = None) -> list[Question]:
    """Every question of two pairs from the same relation and half; with ``known``, only those whose four
    words it holds (a vocabulary, or the words two vocabularies share)."""
    questions = []
    for relation, pairs in relations().items():
        splits = split_pairs(relation, pairs)
        for first in pairs:
            for second in pairs:
                if first == second or splits[first] != splits[second]:
                    continue
                question = Question(relation, splits[first], second[0], first[0], first[1], second[1])
                if len(set(question.words)) == 4 and (known is None or set(question.words) <= known):
                    questions.append(question)
    return questions


def answers(vectors: WordVectors, questions: list[Question]) -> list[str]:
    """The top-1 answer to each question, the three given words excluded."""
    if not questions:
        return []
    ids = torch.tensor([[vectors.index[q.a], vectors.index[q.b], vectors.index[q.c]] for q in questions])  # (Q, 3)
    return [vectors.words[i] for i in vectors.answer_many(ids).tolist()]


def accuracy_by_relation(vectors: WordVectors, questions: list[Question]) -> dict[str, dict[str, dict]]:
    """relation -> split -> {"correct", "questions", "accuracy"}; questions the vectors cannot ask are skipped."""
    askable = [q for q in questions if all(word in vectors for word in q.words)]
    table: dict[str, dict[str, dict]] = {}
    for question, given in zip(askable, answers(vectors, askable)):
        cell = table.setdefault(question.relation, {}).setdefault(question.split, {"correct": 0, "questions": 0})
        cell["questions"] += 1
        cell["correct"] += given == question.answer
    for splits in table.values():
        for cell in splits.values():
            cell["accuracy"] = cell["correct"] / cell["questions"]
    return table


def neighbour_overlap(first: WordVectors, second: WordVectors, words: int = 200, top_k: int = 10) -> dict:
    """Mean Jaccard index of the top_k nearest neighbours (self excluded) of the ``words`` most frequent words
    of ``first`` that ``second`` also knows, each searched among the words both know."""
    shared = [w for w in first.words if w in second]
    probe = shared[:words]
    restricted = [WordVectors(shared, v.vectors[[v.index[w] for w in shared]]) for v in (first, second)]
    jaccards = []
    for word in probe:
        ours, theirs = ({w for w, _ in v.nearest(word, top_k)} for v in restricted)
        jaccards.append(len(ours & theirs) / len(ours | theirs))
    return {"mean_jaccard": sum(jaccards) / len(jaccards), "words": len(probe), "top_k": top_k}
