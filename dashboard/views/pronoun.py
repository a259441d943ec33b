"""Translation needs coreference: the French pronoun a translator wrote for "it", and where the cross-attention of
the step that wrote it looked. No Streamlit, no figures.

Shape legend: L decoder layers, H heads, S source tokens. Row t of a decoder attention is the step that chose
output token t (``TranslationView.output_tokens[t]``), so the pronoun's row is its index among the output tokens.

"The animal didn't cross the street because it was too tired." -> "... parce qu'il ...": l'animal is masculine,
la rue feminine, so *il* says the translator took "it" to be the animal. The candidates are the source's nouns
that the world lexicon (core.data.translation_world_lexicon) gives a French gender.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.data.translation_world_lexicon import CAUSAL_FRAMES, NOUNS
from core.transformer.translator import tokenize_english
from dashboard.views.translation import LECTURE_PRESETS, TranslationView

FRENCH_PRONOUNS = ("il", "elle", "ils", "elles")
CAUSAL_CONJUNCTION = ("qu'", "que")  # "parce qu'il": the pronoun the causal clause starts with


@dataclass(frozen=True)
class NounCandidate:
    position: int  # index among the source tokens
    english: str  # as written in the source (singular or plural)
    french: str  # the French noun, same number
    feminine: bool  # its French gender: elle / elles refer to it, il / ils to a masculine one
    plural: bool

    @property
    def pronoun(self) -> str:
        """The French pronoun that refers to this noun."""
        return ("elle" if self.feminine else "il") + ("s" if self.plural else "")


@dataclass
class PronounView:
    source_tokens: list[str]  # S
    output_tokens: list[str]
    row: int | None  # the pronoun's index among the output tokens; None when the translation has none
    weights: np.ndarray | None  # (L, H, S) cross-attention of that row; None without a pronoun
    candidates: list[NounCandidate]  # the source's nouns, in source order

    @property
    def pronoun(self) -> str | None:
        return None if self.row is None else self.output_tokens[self.row]

    def agreeing(self) -> list[NounCandidate]:
        """The candidates whose French gender and number the written pronoun agrees with."""
        return [c for c in self.candidates if c.pronoun == self.pronoun]


def pronoun_row(output_tokens: list[str]) -> int | None:
    """The index of the pronoun that opens a causal clause ("parce qu'il"); else of the first French subject
    pronoun il / elle / ils / elles anywhere; None when there is none."""
    for index, word in enumerate(output_tokens[:-1]):
        if word in CAUSAL_CONJUNCTION and output_tokens[index + 1] in FRENCH_PRONOUNS:
            return index + 1
    return next((index for index, word in enumerate(output_tokens) if word in FRENCH_PRONOUNS), None)


def noun_candidates(source_tokens: list[str]) -> list[NounCandidate]:
    """Every source token that is a noun of the world lexicon, singular or plural, in source order."""
    by_english = {}
    for noun in NOUNS:
        by_english.setdefault(noun.en, (noun, False))
        by_english.setdefault(noun.en_plural, (noun, True))
    candidates = []
    for position, token in enumerate(source_tokens):
        if token in by_english:
            noun, plural = by_english[token]
            candidates.append(NounCandidate(position, token, noun.fr_plural if plural else noun.fr, noun.feminine,
                                            plural))
    return candidates


def pronoun_view(view: TranslationView) -> PronounView:
    """The pronoun of a (teacher-forced) translation view and its cross-attention row in every layer and head."""
    row = pronoun_row(view.output_tokens)
    weights = None if row is None else view.cross[:, :, row, :].astype(np.float32)  # (L, H, S)
    return PronounView(list(view.source_tokens), list(view.output_tokens), row, weights,
                       noun_candidates(view.source_tokens))


def candidate_weights(pronoun: PronounView) -> dict[int, np.ndarray]:
    """Source position of each candidate -> (L, H) the weight every head puts on it from the pronoun's row."""
    if pronoun.weights is None:
        return {}
    return {c.position: pronoun.weights[:, :, c.position] for c in pronoun.candidates}


def mean_weights(pronoun: PronounView) -> np.ndarray:
    """(S,) the pronoun row's weight on each source token, averaged over every layer and head."""
    if pronoun.weights is None:
        return np.zeros(len(pronoun.source_tokens), dtype=np.float32)
    return pronoun.weights.mean(axis=(0, 1))


def most_attended(pronoun: PronounView, count: int = 3) -> list[tuple[str, float]]:
    """The ``count`` source tokens with the largest mean weight, largest first (ties: earlier first)."""
    weights = mean_weights(pronoun)
    order = np.argsort(-weights, kind="stable")[:count]
    return [(pronoun.source_tokens[i], float(weights[i])) for i in order]


def recorded_heads(training: dict, top: int = 5) -> list[dict]:
    """The best cross-attention heads of the pronoun test in a model's training.json (ranked on the rank half,
    scored on the score half), best first; [] for a model trained before the test existed."""
    return list((training.get("pronouns") or {}).get("heads", []))[:top]


def recorded_accuracy(training: dict) -> dict | None:
    """il / elle accuracy of the recorded pronoun test: {"all", "rank", "score"}, or None."""
    return (training.get("pronouns") or {}).get("pronoun_accuracy")


def twin_sentence(source: str) -> str:
    """The sentence to set beside ``source``: the lecture's other ending for a lecture preset; for a causal
    sentence of the world grammar ending on one side's adjective ("... because it was too tired"), the same
    sentence ending on the other side's first adjective ("... too wide"), so "it" changes noun; else the
    lecture's "wide" sentence."""
    presets = list(LECTURE_PRESETS.values())
    if source.strip() in presets:
        return presets[1 - presets.index(source.strip())]
    words = tokenize_english(source)
    text = " ".join(words)
    for frame in CAUSAL_FRAMES:
        if not words or f" {frame.en} " not in f" {text} ":
            continue
        last = words[-1]
        for mine, other in ((frame.subject_adjectives, frame.object_adjectives),
                            (frame.object_adjectives, frame.subject_adjectives)):
            if last in mine:
                cut = source.rstrip().rstrip(".!?").rstrip()
                return cut[: len(cut) - len(last)] + other[0] + "."
    return LECTURE_PRESETS["wide"]
