"""A labelled task for fine-tuning: the feeling an event implies, with the feeling word itself absent.

"Mary beat Tom in the race. How did Tom feel?" -> sad; "Tom beat Mary in the race. How did Tom
feel?" -> happy. Each example is one event from the story world's people, pets, things and places
(core/data/stories_lexicon.py), then the question that names whose feeling is asked. The label
belongs to the person asked about, so when two people take part, the two texts above hold the same
bag of words and differ only in word order: no single keyword gives the answer.

Splits. ``train`` (the pool the labelled examples are drawn from) and ``validation`` (early
stopping) use the training events. ``heldout`` is what the learning curve is measured on: events
phrased in ways no training example is ("Mary lost the race to Tom", "Tom did not win the race",
"Tom found a bear in the cave"), and training events with filler combinations that never occur in
training ("Tom lost his umbrella" when "lost" and "umbrella" are only ever seen apart), decided by
a hash so every machine agrees. No text occurs in two splits.

Deterministic: the same seed gives the same examples on every machine (one ``random.Random``).
"""

from __future__ import annotations

import functools
import hashlib
import random
from dataclasses import dataclass

from core.data.stories import FEMALE_NAMES, MALE_NAMES

TASK_NAME = "feelings"
LABELS = ("happy", "sad", "angry", "scared")  # index = class id, in this order
SPLIT_SIZES = {"train": 4096, "validation": 512, "heldout": 1024}  # "all" labelled examples = the train pool
SEED = 20  # the seed the shipped splits are generated with

# Fillers, each a word the shipped WordPiece vocabulary holds whole (tests/core/test_finetune_task.py)
THINGS = "toy ball book kite bicycle hat umbrella camera guitar key watch ring".split()
PETS = "dog cat puppy kitten pony rabbit parrot hamster".split()
PREDATORS = "bear wolf lion tiger snake".split()
PLACES = "forest cave garden house kitchen park attic basement".split()
SLOTS = {"thing": THINGS, "pet": PETS, "predator": PREDATORS, "place": PLACES}


@dataclass(frozen=True)
class Event:
    """One kind of event: its text with slots, and the feeling of each person in it.

    Slots: {a} and {b} are names, {a_pos} is a's possessive (his / her); {thing}, {pet}, {predator}
    and {place} are filled from the lists above. ``feelings`` maps "a" or "b" to the feeling of the
    person in that role; a role with no entry is never asked about."""

    text: str
    feelings: dict[str, str]
    heldout_phrasing: bool = False  # True: this phrasing occurs only in the held-out split


EVENTS = (
    Event("{a} found {a_pos} {thing}", {"a": "happy"}),
    Event("{a} lost {a_pos} {thing}", {"a": "sad"}),
    Event("{a} did not find {a_pos} {thing}", {"a": "sad"}),
    Event("{a} won the race", {"a": "happy"}),
    Event("{a} lost the race", {"a": "sad"}),
    Event("{a} passed the test", {"a": "happy"}),
    Event("{b} gave {a} a new {thing}", {"a": "happy", "b": "happy"}),
    Event("{a} beat {b} in the race", {"a": "happy", "b": "sad"}),
    Event("{a} chased {b} with a big stick", {"a": "angry", "b": "scared"}),
    Event("{b} had broken {a}'s {thing}", {"a": "angry"}),
    Event("{b} took {a}'s {thing} and lost it", {"a": "angry"}),
    Event("{a} heard a strange noise in the {place}", {"a": "scared"}),
    Event("{a} saw a {predator} in the {place}", {"a": "scared"}),
    Event("{a} was alone in the dark {place}", {"a": "scared"}),
    Event("{a_pos} {pet} ran away", {"a": "sad"}),
    Event("{a_pos} {pet} came home", {"a": "happy"}),
    # Phrasings of the held-out split only: each reuses training words in a new arrangement.
    Event("{b} lost the race to {a}", {"a": "happy", "b": "sad"}, heldout_phrasing=True),
    Event("{a} did not win the race", {"a": "sad"}, heldout_phrasing=True),
    Event("{a} found a {predator} in the {place}", {"a": "scared"}, heldout_phrasing=True),
    Event("{a} ran after {b} with a big stick", {"a": "angry", "b": "scared"}, heldout_phrasing=True),
    Event("{b} lost {a}'s {thing}", {"a": "angry"}, heldout_phrasing=True),
    Event("{a_pos} {pet} did not come home", {"a": "sad"}, heldout_phrasing=True),
    Event("{a} got a new {thing} from {b}", {"a": "happy", "b": "happy"}, heldout_phrasing=True),
)
HELDOUT_COMBINATION_ONE_IN = 5  # one (event, filler) combination in 5 occurs only in the held-out split


@dataclass(frozen=True)
class Example:
    text: str  # "Mary beat Tom in the race. How did Tom feel?"
    label: int  # index into LABELS
    event: int  # index into EVENTS
    fillers: tuple[tuple[str, str], ...] = ()  # (slot, word) pairs: (("thing", "kite"),)

    @property
    def label_name(self) -> str:
        return LABELS[self.label]


def is_heldout_combination(event: int, fillers: dict[str, str]) -> bool:
    """Whole (event, filler) combinations are held out, by a hash, so every machine agrees."""
    if EVENTS[event].heldout_phrasing or not fillers:
        return EVENTS[event].heldout_phrasing
    key = "|".join([str(event), *(f"{slot}={fillers[slot]}" for slot in sorted(fillers))])
    digest = hashlib.md5(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little") % HELDOUT_COMBINATION_ONE_IN == 0


NAMES = tuple(MALE_NAMES + FEMALE_NAMES)
POSSESSIVE = {**{name: "his" for name in MALE_NAMES}, **{name: "her" for name in FEMALE_NAMES}}


def render(event_index: int, role: str, a: str, b: str, fillers: dict[str, str]) -> Example:
    """The example's text: the event with its slots filled, then the question about ``role``'s person."""
    cause = EVENTS[event_index].text.format(a=a, b=b, a_pos=POSSESSIVE[a], **fillers)
    text = f"{cause[0].upper()}{cause[1:]}. How did {a if role == 'a' else b} feel?"
    return Example(text, LABELS.index(EVENTS[event_index].feelings[role]), event_index, tuple(sorted(fillers.items())))


@functools.cache
def _choices(label: str, heldout: bool) -> tuple[tuple[int, str], ...]:
    """(event, role) pairs with that feeling that may occur in the split."""
    return tuple((index, role) for index, event in enumerate(EVENTS) for role, feeling in event.feelings.items()
                 if feeling == label and (heldout or not event.heldout_phrasing))


def _draw(rng: random.Random, heldout: bool) -> Example:
    """A label uniformly, then an event and a role with that feeling, then names and fillers, until the
    combination belongs to the split."""
    label = rng.choice(LABELS)
    while True:
        event_index, role = rng.choice(_choices(label, heldout))
        text = EVENTS[event_index].text
        fillers = {slot: rng.choice(words) for slot, words in SLOTS.items() if "{" + slot + "}" in text}
        if is_heldout_combination(event_index, fillers) == heldout:
            a, b = rng.sample(NAMES, 2)
            return render(event_index, role, a, b, fillers)


def distinct_splits(draw, seed: int, sizes: dict[str, int]) -> dict[str, tuple]:
    """``sizes`` examples per split from ``draw(rng, heldout=...)``, held-out first, with no text in two splits
    (nor twice in one); shared by the feelings task and its token-tagged variant."""
    rng = random.Random(seed)
    seen: set[str] = set()
    result: dict[str, tuple] = {}
    for name in ("heldout", "validation", "train"):
        examples: list = []
        while len(examples) < sizes[name]:
            example = draw(rng, heldout=name == "heldout")
            if example.text not in seen:
                seen.add(example.text)
                examples.append(example)
        result[name] = tuple(examples)
    return {name: result[name] for name in sizes}


@functools.cache
def splits(seed: int = SEED) -> dict[str, tuple[Example, ...]]:
    """The three splits, with the sizes of SPLIT_SIZES and no text in two of them (nor twice in one)."""
    return distinct_splits(_draw, seed, SPLIT_SIZES)


def labelled_subset(examples: tuple[Example, ...], count: int | None, seed: int) -> tuple[Example, ...]:
    """``count`` examples of the pool drawn with ``seed`` (None: all of them, in the pool's order)."""
    if count is None or count >= len(examples):
        return examples
    if count <= 0:
        raise ValueError(f"the number of labelled examples must be positive, got {count}")
    return tuple(random.Random(seed).sample(examples, count))


@dataclass(frozen=True)
class LabelledTask:
    """What ``core.finetune`` trains on: class names and the three splits."""

    name: str
    labels: tuple[str, ...]
    train: tuple[Example, ...]  # the pool of labelled examples ("all")
    validation: tuple[Example, ...]  # early stopping
    heldout: tuple[Example, ...]  # the learning curve
    kind: str = "sequence"  # "sequence": one label per text; "token": a tag per word (core.data.feeling_tags_task)


def feelings_task() -> LabelledTask:
    return LabelledTask(TASK_NAME, LABELS, **splits())


def feeling_tags_task() -> LabelledTask:
    from core.data.feeling_tags_task import feeling_tags_task as tags_task  # it builds on this module's events

    return tags_task()


TASKS = {TASK_NAME: feelings_task, "feeling-tags": feeling_tags_task}  # the labelled tasks ``core.finetune`` knows


def load_task(name: str) -> LabelledTask:
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r} (known: {', '.join(TASKS)})")
    return TASKS[name]()
