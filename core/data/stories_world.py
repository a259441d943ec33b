"""What things are like: the property lexicon behind the corpus's knowledge sentences and its causal frames.

A property belongs to a kind of thing (walls are high, ladders tall, kittens scared), not to a
sentence frame. The corpus states these properties in many sentence types
(core/data/stories_knowledge.py), and causal frames are built from two kinds: the adjectives that
point to the subject are the subject kind's properties that the object kind lacks, and the other way
round. Frames in ``HELDOUT_FRAMES`` use verbs that no training causal clause uses; they appear only
in the ``heldout-frames`` half of the pronoun set, so a model can resolve them only with what it
learned about the things themselves. Data, not grammar.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.data.stories_lexicon import CausalFrame


@dataclass(frozen=True)
class Kind:
    """Nouns that share properties, the properties, and what follows when a property is extreme."""

    nouns: list[str]
    properties: list[str]
    consequences: list[str]  # "<The wall was too high>, so <nobody could climb over it>"; {p} / {o}: its subject /
    # object pronoun, {be}: was / were


def _kind(nouns: str, properties: str, *consequences: str) -> Kind:
    return Kind(nouns.split(), properties.split(), list(consequences))


KINDS = {
    "animal": _kind("animal dog cat horse cow sheep goat fox deer rabbit bear wolf duck pig donkey mouse squirrel "
                    "turtle hedgehog camel elephant lion tiger goose puppy kitten pony lamb zebra badger monkey",
                    "tired scared sleepy weak sick afraid nervous lazy frightened shy",
                    "{p} lay down to rest", "{p} stayed where {p} {be}", "{p} did not want to move",
                    "{p} hid behind a tree"),
    "barrier": _kind("wall fence gate hedge", "high tall thick",
                     "nobody could climb over {o}", "nobody could see over {o}", "the children walked around {o}"),
    "tall": _kind("tree ladder tower pole", "tall high shaky",
                  "nobody could reach the top", "the children did not go up {o}", "{p} {be} hard to climb"),
    "path": _kind("street road highway stream bridge railway square path", "wide long busy deep dangerous "
                  "crowded noisy narrow muddy icy dark",
                  "nobody wanted to cross {o}", "the children stayed away from {o}", "the cars went slowly"),
    "water": _kind("river lake pond sea pool", "deep cold rough wide",
                   "nobody went swimming", "the children stayed on the shore", "the boats stayed away"),
    "container": _kind("box bag basket drawer cupboard suitcase backpack crate jar bucket", "small narrow full tiny",
                       "nothing else fit in {o}", "we needed another one", "the toys did not fit in {o}"),
    "load": _kind("cart wagon sled sack piano sofa log stone", "heavy big large",
                  "nobody could lift {o}", "{p} stayed where {p} {be}", "four people had to carry {o}"),
}

# What a kind can never be, for "Can a wall be scared?" / "No, a wall cannot be scared.": things have no
# feelings, and animals are not icy, muddy, crowded, full or shaky. Size and weight are left out: an
# elephant can be big, so "cannot be big" would teach something false.
FEELINGS = "tired scared sleepy sick afraid nervous lazy frightened shy".split()
NEVER = {kind: FEELINGS for kind in KINDS if kind != "animal"} | {"animal": "icy muddy crowded full shaky".split()}

# Training frames: every verb here may head a causal clause of the corpus (with the combinations that
# core.data.stories.is_heldout_combination keeps out).
TRAINING_KIND_FRAMES = [
    ("couldn't get over", "animal", "barrier"),
    ("didn't reach the top of", "animal", "tall"),
    ("didn't go up", "animal", "tall"),
    ("didn't swim across", "animal", "water"),
    ("stayed away from", "animal", "path"),
    ("didn't sleep in", "animal", "container"),
    ("didn't drink from", "animal", "water"),
    ("couldn't move", "animal", "load"),
]
# Held-out frames: their verbs (jump, climb, crawl, walk, pull) never head a training causal clause,
# though the corpus uses them in plain sentences ("The horse jumped over the fence.").
HELDOUT_KIND_FRAMES = [
    ("didn't jump over", "animal", "barrier"),
    ("didn't climb", "animal", "tall"),
    ("didn't crawl into", "animal", "container"),
    ("didn't walk across", "animal", "path"),
    ("couldn't pull", "animal", "load"),
]
# Plain sentences with those verbs and others: "<The horse> <jumped over> <the fence>." (no because).
ACTIONS = [
    ("jumped over", "animal", "barrier"), ("climbed", "animal", "tall"), ("crawled into", "animal", "container"),
    ("walked across", "animal", "path"), ("pulled", "animal", "load"), ("looked at", "animal", "tall"),
    ("swam across", "animal", "water"), ("slept in", "animal", "container"), ("walked along", "animal", "barrier"),
    ("ran around", "animal", "tall"),
]


def kind_frame(verb: str, subject_kind: str, object_kind: str, degrees: str = "too, too, so") -> CausalFrame:
    """A causal frame from two kinds: each side's adjectives are its own properties the other kind lacks."""
    subject, obj = KINDS[subject_kind], KINDS[object_kind]
    return CausalFrame(verb, subject.nouns, obj.nouns,
                       [p for p in subject.properties if p not in obj.properties],
                       [p for p in obj.properties if p not in subject.properties],
                       [d.strip() for d in degrees.split(",")])


MORE_CAUSAL_FRAMES = [kind_frame(*frame) for frame in TRAINING_KIND_FRAMES]
HELDOUT_FRAMES = [kind_frame(*frame) for frame in HELDOUT_KIND_FRAMES]


@dataclass(frozen=True)
class RelativeFrame:
    """"A boy who is <watching> the tree is <feeling> because it was too tall.": the relative clause's verb
    and the main clause's adjective."""

    watching: str
    feeling: str


# Relative clauses put the pronoun's two candidates in a subject with a clause inside it, the shape of
# the lecture notes' example; the notes' own verbs (looking at, surprised) are kept for the held-out half.
RELATIVE_FRAMES = [RelativeFrame(w, f) for w, f in (("standing near", "sad"), ("sitting next to", "unhappy"),
                                                     ("walking past", "worried"), ("waiting by", "upset"))]
HELDOUT_RELATIVE_FRAMES = [RelativeFrame("looking at", "surprised")]
RELATIVE_OBJECT_KINDS = ("barrier", "tall", "path", "water", "container", "load")
PEOPLE = "man woman boy girl father mother farmer king queen prince princess".split()
PEOPLE_PROPERTIES = "tired scared sleepy weak sick afraid nervous lazy busy short".split()
# The lecture notes' sentence: the grammar reaches its shape, and it never occurs in the corpus.
LECTURE_SENTENCE = "A boy who is looking at the tree is surprised because it was too tall."

COMPARATIVES = {"big": "bigger", "thin": "thinner", "wet": "wetter", "hot": "hotter", "busy": "busier",
                "tiny": "tinier", "muddy": "muddier", "icy": "icier", "shaky": "shakier", "noisy": "noisier",
                "sleepy": "sleepier", "lazy": "lazier", "heavy": "heavier", "full": "fuller"}
SHORT_ADJECTIVES = set("high tall thick wide long deep narrow small large cold rough dark weak shy".split())


def comparative(adjective: str) -> str:
    """"higher", "wider", "more tired": the comparative as English writes it."""
    if adjective in COMPARATIVES:
        return COMPARATIVES[adjective]
    if adjective in SHORT_ADJECTIVES:
        return adjective + ("r" if adjective.endswith("e") else "er")
    return "more " + adjective
