"""The pronoun test of the world grammar (data version 3): causal sentences whose "it" can only be translated
once the translator knows what it means, because the two candidates differ in French gender.

"The animal didn't cross the street because it was too tired." -> "... parce qu'il était trop fatigué." and
"... too wide." -> "... parce qu'elle était trop large.": l'animal is masculine, la rue feminine, and only the
adjective tells which one "it" is. Each case comes with its twin (same nouns, the other side's adjective), so a
translator that always writes il, or always the gender of the nearer noun, scores 50 %. The cases are kept out
of training (``held_out_pairs``) and split in two halves: ``rank`` (to rank the cross-attention heads) and
``score`` (to score the best-ranked heads on sentences the ranking never saw; it holds the lecture's pair).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from core.data.translation_world import LECTURE_PAIR, realise
from core.data.translation_world_lexicon import CAUSAL_FRAMES, CausalFrame, nouns_of

NUM_PAIRS = 200  # twin pairs: 400 sentences, half to rank heads, half to score them


@dataclass(frozen=True)
class PronounCase:
    english: str  # space-separated tokens, as the generator writes them
    french: str
    pronoun: str  # il or elle: the reference's pronoun
    antecedent: str  # subject or object: the noun "it" means
    english_antecedent: int  # index of that noun among the English tokens
    english_other: int  # index of the other candidate noun
    french_pronoun: int  # index of il / elle among the French tokens
    pair: int  # twin pairs share it
    half: str  # rank or score


def it_frames() -> list[CausalFrame]:
    """Frames where English says "it" for either noun (animals and things, not people: he / she tell them apart)."""
    return [frame for frame in CAUSAL_FRAMES
            if not any(noun.he_or_she for noun in nouns_of(frame.subjects) + nouns_of(frame.objects))]


def twin_specs(frame: CausalFrame, subject: str, obj: str, subject_adjective: str, object_adjective: str,
               degree: str) -> list[dict]:
    """The two sentences of one pair: "it" is the subject, then the object."""
    base = {"template": "causal", "verb": frame.en, "subject": {"noun": subject, "det": "the"},
            "object": {"noun": obj, "det": "the"}, "degree": degree}
    return [{**base, "adjective": subject_adjective}, {**base, "adjective": object_adjective}]


def case(spec: dict, pair: int, half: str) -> PronounCase:
    english, french = realise({"clauses": [spec]})
    en, fr = english.split(), french.split()
    frame_words = len(spec["verb"].split())
    subject_index, object_index = 1, 2 + frame_words + 1  # the X <verb words> the Y
    on_subject = spec["adjective"] in next(f for f in CAUSAL_FRAMES if f.en == spec["verb"]).subject_adjectives
    pronoun_index = fr.index("qu'") + 1  # parce qu'il / qu'elle
    assert en[subject_index] == spec["subject"]["noun"] and en[object_index] == spec["object"]["noun"]
    return PronounCase(english, french, fr[pronoun_index], "subject" if on_subject else "object",
                       subject_index if on_subject else object_index, object_index if on_subject else subject_index,
                       pronoun_index, pair, half)


@lru_cache(maxsize=4)
def pronoun_cases(seed: int = 0, num_pairs: int = NUM_PAIRS) -> tuple[PronounCase, ...]:
    """``num_pairs`` distinct twin pairs whose two nouns differ in French gender (the first half ranks, the
    second scores; the lecture's pair is the score half's first)."""
    rng = random.Random(f"pronouns-{seed}")
    frames = it_frames()
    lecture = twin_specs(next(f for f in frames if f.en == "didn't cross"), "animal", "street", "tired", "wide",
                         "too")
    pairs: list[list[dict]] = []
    seen = {tuple(sorted(realise({"clauses": [spec]})[0] for spec in lecture))}
    for _ in range(200 * num_pairs):
        if len(pairs) >= num_pairs - 1:
            break
        frame = rng.choice(frames)
        subject = rng.choice(nouns_of(frame.subjects))
        others = [n for n in nouns_of(frame.objects) if n.feminine != subject.feminine and n.en != subject.en]
        if not others:
            continue
        specs = twin_specs(frame, subject.en, rng.choice(others).en, rng.choice(frame.subject_adjectives),
                           rng.choice(frame.object_adjectives), rng.choice(frame.degrees))
        key = tuple(sorted(realise({"clauses": [spec]})[0] for spec in specs))
        if key not in seen:
            seen.add(key)
            pairs.append(specs)
    if len(pairs) < num_pairs - 1:
        raise ValueError(f"only {len(pairs) + 1} distinct pronoun pairs; asked for {num_pairs}")
    half = num_pairs // 2
    ordered = pairs[:half] + [lecture] + pairs[half:]
    cases = [case(spec, index, "rank" if index < half else "score")
             for index, specs in enumerate(ordered) for spec in specs]
    assert [(c.english, c.french) for c in cases[2 * half:2 * half + 2]] == list(LECTURE_PAIR)
    return tuple(cases)


def held_out_pairs(seed: int = 0) -> list[tuple[str, str]]:
    """Every pronoun case as (English, French): kept out of the training and test splits of version 3."""
    return [(c.english, c.french) for c in pronoun_cases(seed)]
