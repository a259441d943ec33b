"""Stories that say what things are like, and relative-clause causal stories (core/data/stories_world.py's kinds).

A property is stated about its noun in many sentence types: descriptions ("The wall was very
high."), comparisons ("The wall was higher than the fence."), questions and answers ("Was the
ladder tall?" / "Yes, it was very tall." and "Can a wall be scared?" / "No, a wall cannot be
scared."), lists ("The kitten was sleepy, shy and scared."), cause and effect ("The wall was too
high, so nobody could climb over it.") and plain action sentences ("The horse jumped over the
fence."). A model that predicts these well knows which thing can have which property, whatever the
frame of the sentence that later asks it to resolve a pronoun.
"""

from __future__ import annotations

import random

from core.data.stories import Character, a_or_an, is_heldout_combination, person, sentence, thing
from core.data.stories_world import (
    ACTIONS,
    KINDS,
    LECTURE_SENTENCE,
    NEVER,
    PEOPLE,
    PEOPLE_PROPERTIES,
    RELATIVE_FRAMES,
    RELATIVE_OBJECT_KINDS,
    comparative,
)

DEGREES = ("very", "really", "so", "quite", "")


def _noun(rng: random.Random, kind: str) -> str:
    return rng.choice(KINDS[kind].nouns)


def description(rng: random.Random, item: Character, adjective: str) -> list[str]:
    return [sentence(item.mention, item.be_past, rng.choice(DEGREES), adjective)]


def question_and_answer(rng: random.Random, item: Character, adjective: str) -> list[str]:
    answer = rng.choice((f"yes, {item.subject} {item.be_past} very {adjective}",
                         f"yes, {item.mention} {item.be_past} {adjective}"))
    return [sentence(item.be_past, item.mention, adjective + "?"), sentence(answer)]


def what_it_cannot_be(rng: random.Random, kind: str, noun: str, adjective: str) -> list[str]:
    """"Can a wall be scared?" "No, a wall cannot be scared, but it can be high.": a property the kind never has."""
    wrong = rng.choice(NEVER[kind])
    return [sentence("can", a_or_an(noun), noun, "be", wrong + "?"),
            sentence("no,", a_or_an(noun), noun, "cannot be", wrong, ", but it can be", adjective)]


def comparison(rng: random.Random, kind: str, noun: str, adjective: str) -> list[str]:
    other = rng.choice([n for n in KINDS[kind].nouns if n != noun])
    if is_heldout_combination(noun, other, adjective):
        return [sentence("the", noun, "was", rng.choice(DEGREES), adjective)]
    return [sentence("the", noun, "was", comparative(adjective), "than the", other)]


def property_list(rng: random.Random, kind: str, noun: str, adjective: str) -> list[str]:
    others = rng.sample([p for p in KINDS[kind].properties if p != adjective], 2)
    return [sentence("the", noun, "was", others[0] + ",", others[1], "and", adjective)]


def cause_and_effect(rng: random.Random, kind: str, item: Character, adjective: str) -> list[str]:
    effect = rng.choice(KINDS[kind].consequences).format(p=item.subject, o=item.object, be=item.be_past)
    if rng.random() < 0.5:
        return [sentence(item.mention, item.be_past, "too", adjective + ", so", effect)]
    return [sentence("because", item.mention, item.be_past, "so", adjective + ",", effect)]


def scene(rng: random.Random) -> list[str]:
    """"There was a high wall and a sleepy kitten.": two kinds, each noun with one of its own properties."""
    first_kind, second_kind = rng.sample(list(KINDS), 2)
    first, second = _noun(rng, first_kind), _noun(rng, second_kind)
    first_adjective = rng.choice(KINDS[first_kind].properties)
    second_adjective = rng.choice(KINDS[second_kind].properties)
    if first == second or any(is_heldout_combination(first, second, p) for p in (first_adjective, second_adjective)):
        return []
    return [sentence("there was", a_or_an(first_adjective), first_adjective, first, "and",
                     a_or_an(second_adjective), second_adjective, second)]


def action(rng: random.Random) -> list[str]:
    verb, subject_kind, object_kind = rng.choice(ACTIONS)
    return [sentence("the", _noun(rng, subject_kind), verb, "the", _noun(rng, object_kind))]


def knowledge_story(rng: random.Random) -> list[str]:
    """Two to four sentences about one thing's properties, sometimes with a scene or an action."""
    kind = rng.choice(list(KINDS))
    noun, adjective = _noun(rng, kind), rng.choice(KINDS[kind].properties)
    item = thing(noun, rng.random() < 0.3)
    makers = [lambda: description(rng, item, adjective), lambda: question_and_answer(rng, item, adjective),
              lambda: what_it_cannot_be(rng, kind, noun, adjective), lambda: comparison(rng, kind, noun, adjective),
              lambda: property_list(rng, kind, noun, adjective), lambda: cause_and_effect(rng, kind, item, adjective),
              lambda: scene(rng), lambda: action(rng)]
    story: list[str] = []
    for make in rng.sample(makers, rng.choice((2, 2, 3))):
        sentences = make()
        if len(story) + len(sentences) <= 4:  # a question keeps its answer
            story.extend(sentences)
    return story


def relative_story(rng: random.Random) -> list[str]:
    """"A boy who is standing near the wall is sad because it was too high.", then the referent named again.

    The subject is a person (he / she: the pronoun's form already decides) or an animal (it, like the
    wall: only the property decides)."""
    frame = rng.choice(RELATIVE_FRAMES)
    object_kind = rng.choice(RELATIVE_OBJECT_KINDS)
    obj = thing(_noun(rng, object_kind))
    if rng.random() < 0.5:
        subject_noun, subject_properties = rng.choice(PEOPLE), PEOPLE_PROPERTIES
    else:
        subject_noun, subject_properties = _noun(rng, "animal"), KINDS["animal"].properties
    subject = thing(subject_noun, article=rng.choice(("a", "the")))
    about_subject = rng.random() < 0.5
    choices = subject_properties if about_subject else KINDS[object_kind].properties
    adjective = rng.choice([p for p in choices if p not in (KINDS[object_kind].properties if about_subject
                                                            else subject_properties)])
    referent = subject if about_subject else obj
    present = rng.random() < 0.5
    be = "is" if present else "was"
    who = "who" if subject.subject in ("he", "she") else "that"
    text = sentence(subject.mention, who, be, frame.watching, obj.mention, be, frame.feeling, "because",
                    referent.subject, "was", rng.choice(("too", "so")), adjective)
    if text == LECTURE_SENTENCE or is_heldout_combination(subject_noun, obj.mention.split()[-1], adjective):
        return []
    story = [text]
    if rng.random() < 0.8:
        named = "the " + referent.mention.split()[-1]
        story.append(sentence(named, "was", rng.choice(("really", "very", "just", "")), adjective))
    if rng.random() < 0.3:
        story.insert(0, sentence(person(rng).mention, "saw", subject.mention.replace("a ", "the ", 1)))
    return story
