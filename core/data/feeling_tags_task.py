"""A token-labelled task for fine-tuning: every mention of a person is tagged with the feeling the event gives them.

A story is one event of the feelings task (``core.data.feelings_task.EVENTS``), without the question, then a
plain sentence that names one of its people again:

    "Mary beat Tom in the race. Later Tom sat down."  ->  Mary: happy, Tom: sad, Tom: sad
    "Tom beat Mary in the race. Later Tom sat down."  ->  Tom: happy, Mary: sad, Tom: happy

A classifier on each token (note 000; BERT sec. 4.3) labels them token by token. A name says nothing about its
feeling: every name fills every role, so the same word takes every label. A first mention's tag follows from the
verb and the name's place around it; a later mention's tag only from which role that name had in the event: the
two stories above hold the same words around the last "Tom", and as bags of words they are equal, yet its tags
differ. Words that are not a mention of a person the event gives a feeling to are not scored (tag ``IGNORE``,
transformers' ``ignore_index``): "Sam had broken Lucy's guitar." -> Lucy: angry, Sam ignored (the event does
not say how Sam felt). Events that name nobody ("Her dog ran away") are left out.

Splits as in the feelings task: ``train`` (the labelled pool) and ``validation`` (early stopping) use the
training phrasings; ``heldout`` (the learning curve) holds the phrasings no training text has ("Tom lost the
race to Mary": Mary happy, Tom sad) and the (event, filler) combinations held out by the feelings task's hash.
No text occurs in two splits. Deterministic: one ``random.Random`` per seed.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

from core.data.feelings_task import (
    EVENTS,
    LABELS,
    NAMES,
    POSSESSIVE,
    SLOTS,
    LabelledTask,
    distinct_splits,
    is_heldout_combination,
)

TASK_NAME = "feeling-tags"
IGNORE = -100  # the tag of a word no label is scored on (torch's and transformers' ignore_index)
SPLIT_SIZES = {"train": 4096, "validation": 512, "heldout": 1024}  # stories; each has two or three tagged mentions
SEED = 20
FOLLOW_UPS = ("{x} went home.", "Later {x} sat down.", "After that {x} walked to the park.")  # name no feeling
WORD = re.compile(r"'s|[A-Za-z]+|[^\sA-Za-z]")  # "Lucy's guitar." -> Lucy, 's, guitar, .


@dataclass(frozen=True)
class TaggedExample:
    text: str  # "Mary beat Tom in the race."
    words: tuple[str, ...]  # ("Mary", "beat", "Tom", "in", "the", "race", ".")
    tags: tuple[int, ...]  # one per word: an index into LABELS, or IGNORE
    event: int  # index into feelings_task.EVENTS
    fillers: tuple[tuple[str, str], ...] = ()  # (slot, word) pairs: (("thing", "kite"),)

    @property
    def tagged(self) -> dict[int, str]:
        """Word index -> label name, for the scored words only."""
        return {i: LABELS[tag] for i, tag in enumerate(self.tags) if tag != IGNORE}


def names_someone(event_index: int) -> bool:
    """Whether the event writes the name of a person it gives a feeling to (not only "his" / "her")."""
    event = EVENTS[event_index]
    return any("{" + role + "}" in event.text for role in event.feelings)


def render(event_index: int, a: str, b: str, fillers: dict[str, str], follow_up: int = 0,
           again: str = "a") -> TaggedExample:
    """The event with its slots filled, then ``FOLLOW_UPS[follow_up]`` naming the person in role ``again``; split
    into words, each mention of a person tagged with that person's feeling."""
    event = EVENTS[event_index]
    sentence = event.text.format(a=a, b=b, a_pos=POSSESSIVE[a], **fillers)
    text = f"{sentence[0].upper()}{sentence[1:]}. " + FOLLOW_UPS[follow_up].format(x=a if again == "a" else b)
    words = tuple(WORD.findall(text))
    feeling_of = {a: event.feelings.get("a"), b: event.feelings.get("b")}
    tags = tuple(LABELS.index(feeling_of[w]) if feeling_of.get(w) else IGNORE for w in words)
    return TaggedExample(text, words, tags, event_index, tuple(sorted(fillers.items())))


def later_mentions(examples: tuple[TaggedExample, ...]) -> tuple[TaggedExample, ...]:
    """The same examples with only the follow-up sentence's mentions scored (the event's set to IGNORE): the
    tags a window around the word cannot read."""
    result = []
    for e in examples:
        first_end = e.words.index(".")
        tags = tuple(IGNORE if i <= first_end else tag for i, tag in enumerate(e.tags))
        result.append(TaggedExample(e.text, e.words, tags, e.event, e.fillers))
    return tuple(result)


@functools.cache
def _choices(label: str, heldout: bool) -> tuple[int, ...]:
    """Events that name a person with that feeling and may occur in the split (an event once per such role)."""
    return tuple(index for index, event in enumerate(EVENTS) if names_someone(index)
                 for role, feeling in event.feelings.items()
                 if feeling == label and "{" + role + "}" in event.text and (heldout or not event.heldout_phrasing))


def _draw(rng: random.Random, heldout: bool) -> TaggedExample:
    """A label uniformly, then an event that names someone with it, then fillers until the combination belongs
    to the split, then two different names."""
    label = rng.choice(LABELS)
    while True:
        event_index = rng.choice(_choices(label, heldout))
        text = EVENTS[event_index].text
        fillers = {slot: rng.choice(words) for slot, words in SLOTS.items() if "{" + slot + "}" in text}
        if is_heldout_combination(event_index, fillers) == heldout:
            a, b = rng.sample(NAMES, 2)
            named = [role for role in EVENTS[event_index].feelings if "{" + role + "}" in text]
            return render(event_index, a, b, fillers, rng.randrange(len(FOLLOW_UPS)), rng.choice(sorted(named)))


@functools.cache
def splits(seed: int = SEED) -> dict[str, tuple[TaggedExample, ...]]:
    """The three splits, with the sizes of SPLIT_SIZES and no text in two of them (nor twice in one)."""
    return distinct_splits(_draw, seed, SPLIT_SIZES)


def feeling_tags_task() -> LabelledTask:
    return LabelledTask(TASK_NAME, LABELS, **splits(), kind="token")
