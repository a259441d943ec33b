"""A labelled pronoun set drawn from the story grammar: Winograd-style minimal pairs in two halves.

Each pair is two sentences that differ in one word and flip the answer:

* ``winograd``: "The animal didn't cross the street because it was too tired / too wide." Both
  candidates take the same pronoun (both singular things: *it*; both plural: *they*; two people of
  one gender: *he* or *she*), so only the property decides which noun the pronoun names.
* ``gender``: "John called Mary because he / she needed help." The reason fits either person, so
  only the name's gender decides.

The halves are the corpus's held-out split of *combinations* (``is_heldout_combination``): the
``heldout`` half uses only (noun pair, property) and (two names, reason) combinations that never occur
in any generated story, the ``train`` half only combinations the corpus may contain. Rank heads on
``train``; measure on ``heldout``. A third half, ``heldout-frames``, holds Winograd pairs whose verb
never heads a causal clause of the corpus (``HELDOUT_FRAMES``: "The horse didn't jump over the wall
because it was too high.") and relative clauses of the lecture notes' shape with verbs the corpus
never puts there ("The kitten that is looking at the tree is surprised because it was too tall."):
only what the model learned about the things can resolve them. No sentence occurs twice in a half.
Deterministic: the same arguments give the same examples.

Each example is a dict with the fields of ``core.analysis.coreference.CorefExample`` (data does not
import analysis).
"""

from __future__ import annotations

import random

from core.data.stories import (
    CAUSAL_FRAMES,
    FEMALE_NAMES,
    FEMALE_NOUNS,
    MALE_NAMES,
    MALE_NOUNS,
    PERSON_FRAMES,
    CausalFrame,
    is_heldout_combination,
    plural,
    sentence,
)
from core.data.stories_world import HELDOUT_FRAMES, HELDOUT_RELATIVE_FRAMES, KINDS, RELATIVE_OBJECT_KINDS

SPLITS = ("train", "heldout", "heldout-frames")
GENDER_SHARE = 0.2  # one pair in five is a gender pair, the rest property (Winograd) pairs
RELATIVE_SHARE = 0.25  # of the heldout-frames half: pairs with a relative clause


def pronoun_class(noun: str) -> str:
    return "he" if noun in MALE_NOUNS else "she" if noun in FEMALE_NOUNS else "it"


def _wanted(split: str, first: str, second: str, *properties: str) -> bool:
    """Every combination of the pair on the split's side: all held out, or none."""
    held = [is_heldout_combination(first, second, p) for p in properties]
    return all(held) if split == "heldout" else not any(held)


def winograd_pair(rng: random.Random, split: str) -> list[dict] | None:
    """Two sentences of one causal frame, one adjective apart; None when the draw does not fit the split.
    The ``heldout-frames`` half draws from frames no training clause uses, with any combination."""
    frame: CausalFrame = rng.choice(HELDOUT_FRAMES if split == "heldout-frames" else CAUSAL_FRAMES)
    subject = rng.choice(frame.subjects)
    obj = rng.choice([noun for noun in frame.objects if noun != subject and pronoun_class(noun) ==
                      pronoun_class(subject)] or [None])
    if obj is None:
        return None
    subject_adjective, object_adjective = rng.choice(frame.subject_adjectives), rng.choice(frame.object_adjectives)
    if subject_adjective == object_adjective or (
            split != "heldout-frames" and not _wanted(split, subject, obj, subject_adjective, object_adjective)):
        return None
    many = rng.random() < 0.2
    words = (plural(subject), plural(obj)) if many else (subject, obj)
    if words[0] == words[1]:
        return None
    pronoun, be = ("they", "were") if many else (pronoun_class(subject), "was")
    degree = rng.choice(frame.degrees)
    pair_id = f"{split}-{words[0]}-{frame.verb.replace(' ', '_')}-{words[1]}-{subject_adjective}-{object_adjective}"
    examples = []
    for answer, adjective in ((words[0], subject_adjective), (words[1], object_adjective)):
        text = sentence(f"the {words[0]}", frame.verb, f"the {words[1]}", "because", pronoun, be, degree, adjective)
        examples.append({"id": f"{pair_id}-{adjective}", "text": text, "pronoun": pronoun,
                         "candidates": list(words), "answer": answer, "pair": pair_id, "kind": "winograd"})
    return examples


def gender_pair(rng: random.Random, split: str) -> list[dict] | None:
    """Two sentences with a man's and a woman's name, one pronoun apart, where the reason fits either."""
    frame = rng.choice([f for f in PERSON_FRAMES if set(f.first_reasons) & set(f.second_reasons)])
    reason = rng.choice(sorted(set(frame.first_reasons) & set(frame.second_reasons)))
    names = [rng.choice(MALE_NAMES), rng.choice(FEMALE_NAMES)]
    rng.shuffle(names)
    if not _wanted(split, names[0], names[1], reason):
        return None
    pair_id = f"{split}-{names[0]}-{names[1]}-{reason.split()[1]}"
    examples = []
    for answer in names:
        pronoun = "he" if answer in MALE_NAMES else "she"
        text = sentence(names[0], frame.verb.format(b=names[1], thing=""), frame.link, reason.format(p=pronoun))
        examples.append({"id": f"{pair_id}-{pronoun}", "text": text, "pronoun": pronoun, "candidates": list(names),
                         "answer": answer, "pair": pair_id, "kind": "gender"})
    return examples


def relative_pair(rng: random.Random, split: str) -> list[dict] | None:
    """"The kitten that is looking at the tree is surprised because it was too tall / too sleepy."."""
    frame = rng.choice(HELDOUT_RELATIVE_FRAMES)
    object_kind = rng.choice(RELATIVE_OBJECT_KINDS)
    subject, obj = rng.choice(KINDS["animal"].nouns), rng.choice(KINDS[object_kind].nouns)
    subject_adjective = rng.choice([p for p in KINDS["animal"].properties if p not in KINDS[object_kind].properties])
    object_adjective = rng.choice([p for p in KINDS[object_kind].properties if p not in KINDS["animal"].properties])
    degree = rng.choice(("too", "so"))
    pair_id = f"{split}-{subject}-{frame.watching.replace(' ', '_')}-{obj}-{subject_adjective}-{object_adjective}"
    examples = []
    for answer, adjective in ((subject, subject_adjective), (obj, object_adjective)):
        text = sentence(f"the {subject} that is", frame.watching, f"the {obj} is", frame.feeling, "because it was",
                        degree, adjective)
        examples.append({"id": f"{pair_id}-{adjective}", "text": text, "pronoun": "it", "candidates": [subject, obj],
                         "answer": answer, "pair": pair_id, "kind": "winograd"})
    return examples


# The generated set the causal test and the Coreference page measure: minimal pairs per half, and the seed.
PAIRS_PER_HALF, DATA_SEED = 200, 0


def coreference_set(split: str, pairs: int = PAIRS_PER_HALF, seed: int = DATA_SEED) -> list[dict]:
    """``pairs`` distinct minimal pairs (2 × pairs examples) of one half, ``train`` or ``heldout``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    rng = random.Random(f"{split}-{seed}")
    if split == "heldout-frames":  # property pairs only: one in four with a relative clause
        relative = round(pairs * RELATIVE_SHARE)
        grammars = ((relative_pair, relative), (winograd_pair, pairs - relative))
    else:
        grammars = ((winograd_pair, pairs - round(pairs * GENDER_SHARE)), (gender_pair, round(pairs * GENDER_SHARE)))
    examples: list[dict] = []
    seen: set[str] = set()  # pair ids and sentences: a sentence shared by two pairs would be counted twice
    for draw_pair, wanted in grammars:
        count = 0
        while count < wanted:
            draw = draw_pair(rng, split)
            if draw is None or draw[0]["pair"] in seen or any(e["text"] in seen for e in draw):
                continue
            seen.update([draw[0]["pair"], *(e["text"] for e in draw)])
            examples.extend(draw)
            count += 1
    return examples
