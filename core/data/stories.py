"""A generated English corpus for pretraining the shipped tiny BERT: short stories from a grammar.

A story is 2-4 sentences about one cast (people with names, animals, objects, food, places), in
several tenses, where pronouns refer back to earlier nouns. Winograd-style minimal pairs
(Levesque et al., 2012) are part of the grammar: in "The animal didn't cross the street because
it was too tired / too wide." the adjective decides which noun "it" names, and the story's next
sentence often names it again ("The animal was really tired."), so a model that predicts well
has to link the pronoun to the right noun. Consecutive sentences of one story are the true next
sentence for next-sentence prediction (Devlin et al., 2019, sec. 3.1, task 2).

Deterministic: the same seed gives the same stories on every machine (one ``random.Random``).
The lexicon (data) is in core/data/stories_lexicon.py; this file is the grammar (one function per kind of
story), then files. The labelled pronoun set built from it is core/data/stories_coreference.py.
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from core.data.stories_lexicon import (  # noqa: F401  (re-exported: tests and callers read them from here)
    ACTIVITIES,
    ADULTS,
    ANIMALS,
    BIG_THINGS,
    CAUSAL_FRAMES,
    CAUSED_FEELINGS,
    CHILDREN,
    COLOURS,
    FEELINGS_GOOD,
    FEMALE_NAMES,
    FEMALE_NOUNS,
    HEAVY,
    IRREGULAR_PLURALS,
    IRREGULAR_VERBS,
    MALE_NAMES,
    MALE_NOUNS,
    PERSON_FRAMES,
    PETS,
    PLACES,
    PLACES_AT,
    PREDATORS,
    PREY,
    SMALL_THINGS,
    THINGS_TO_GIVE,
    TIMES,
    VEHICLES,
    WALKERS,
    WEATHER,
    Activity,
    CausalFrame,
    PersonFrame,
)
from core.data.stories_world import MORE_CAUSAL_FRAMES

# Every frame a training causal clause may use: the measured ones, then frames built from kinds of things
TRAINING_CAUSAL_FRAMES = CAUSAL_FRAMES + MORE_CAUSAL_FRAMES

HELDOUT_ONE_IN = 40  # one sentence in 40 never occurs in training (see is_heldout_sentence)

# ---------------------------------------------------------------- the lexicon (data, not grammar)


def plural(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def third_person(verb: str) -> str:
    if verb == "be":
        return "is"
    if verb.endswith(("s", "sh", "ch", "x", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def gerund(verb: str) -> str:
    if verb in ("run", "swim", "sit", "dig", "shop", "stop", "plan", "get", "put"):
        return verb + verb[-1] + "ing"
    if verb.endswith("e") and verb not in ("see", "be"):
        return verb[:-1] + "ing"
    return verb + "ing"


def past(verb: str) -> str:
    if verb in IRREGULAR_VERBS:
        return IRREGULAR_VERBS[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def conjugate(verb: str, tense: str) -> str:
    """The verb for a third-person singular subject in one of the corpus's tenses."""
    if tense == "past":
        return past(verb)
    if tense == "present":
        return third_person(verb)
    if tense == "future":
        return "will " + verb
    return "is" if verb == "be" else "is " + gerund(verb)  # progressive


def a_or_an(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
# ---------------------------------------------------------------- characters


@dataclass(frozen=True)
class Character:
    """Someone or something a story talks about, and the words that refer back to it."""

    mention: str  # "Mary", "the dog", "the boys"
    subject: str  # he / she / it / they
    object: str  # him / her / it / them
    possessive: str  # his / her / its / their
    plural: bool = False

    @property
    def be_past(self) -> str:
        return "were" if self.plural else "was"


HE, SHE, IT, THEY = ("he", "him", "his"), ("she", "her", "her"), ("it", "it", "its"), ("they", "them", "their")


def person(rng: random.Random, avoid: str = "") -> Character:
    """A named person; he or she agrees with the name."""
    if rng.random() < 0.5:
        return Character(rng.choice([n for n in MALE_NAMES if n != avoid]), *HE)
    return Character(rng.choice([n for n in FEMALE_NAMES if n != avoid]), *SHE)


def thing(noun: str, plural_form: bool = False, article: str = "the") -> Character:
    """A noun phrase; people nouns take he/she, everything else it, and plurals they."""
    if plural_form:
        return Character(f"{article} {plural(noun)}", *THEY, plural=True)
    pronouns = HE if noun in MALE_NOUNS else SHE if noun in FEMALE_NOUNS else IT
    return Character(f"{article} {noun}", *pronouns)


def place_phrase(place: str) -> str:
    return f"{'at' if place in PLACES_AT else 'in'} the {place}"


def sentence(*parts: str) -> str:
    """Join words into a sentence: single spaces, a capital first letter, a full stop unless one is given."""
    text = re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()
    text = re.sub(r" ([,.!?])", r"\1", text)
    if text[-1] not in ".!?":
        text += "."
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------- stories with a pronoun to resolve


UNAGREEING_VERBS = ("seemed", "looked", "had been")  # the same form after it, they, he and she
HELDOUT_COMBINATION_ONE_IN = 6  # one (noun pair, property) combination in 6 never occurs in any generated text


def combination_key(first: str, second: str, property_word: str) -> str:
    """A combination of two nouns (or names, in either order) and the property that picks one of them."""
    return "|".join((*sorted((first.lower(), second.lower())), property_word.lower()))


def is_heldout_combination(first: str, second: str, property_word: str,
                           one_in: int = HELDOUT_COMBINATION_ONE_IN) -> bool:
    """Whole combinations are held out, not sentences: "animal, street, tired" never occurs together in
    the corpus (in any frame, tense, number or order), so a model that resolves "The animal didn't
    cross the street because it was too tired." must generalise from what it learned about animals,
    streets and tiredness apart. Decided by a hash, so every machine agrees."""
    digest = hashlib.md5(combination_key(first, second, property_word).encode("utf-8")).digest()
    return int.from_bytes(digest[4:8], "little") % one_in == 0


def causal_choice(rng: random.Random, frame: CausalFrame, about_subject: bool) -> tuple[str, str, str]:
    """(subject noun, object noun, adjective) of a training combination: held-out ones are drawn again."""
    while True:
        subject_noun = rng.choice(frame.subjects)
        object_noun = rng.choice([noun for noun in frame.objects if noun != subject_noun])
        adjective = rng.choice(frame.subject_adjectives if about_subject else frame.object_adjectives)
        if not is_heldout_combination(subject_noun, object_noun, adjective):
            return subject_noun, object_noun, adjective


def causal_story(rng: random.Random) -> list[str]:
    """"The X <verb> the Y because it was too <adj>.", then the noun that "it" meant, named again.

    The nouns differ in number (or in gender, for people) often enough that the pronoun's own form
    (it / they / he / she) can only be predicted by resolving it: the adjective picks the referent,
    the referent picks the pronoun. In two clauses of five the verb after the pronoun does not agree
    ("seemed", "looked", "had been"), so a masked pronoun cannot be read off "was" / "were" and the
    model has to find the antecedent. Half the clauses name the referent instead ("because the
    animal was too tired"), the substitution that Trinh & Le (2018) score a model with."""
    frame = rng.choice(TRAINING_CAUSAL_FRAMES)
    about_subject = rng.random() < 0.5
    subject_noun, object_noun, adjective = causal_choice(rng, frame, about_subject)
    subject = thing(subject_noun, rng.random() < 0.4)
    obj = thing(object_noun, rng.random() < 0.4)
    referent = subject if about_subject else obj
    named = rng.random() < 0.5
    verb = rng.choice(UNAGREEING_VERBS) if rng.random() < 0.4 else referent.be_past
    story = [sentence(subject.mention, frame.verb, obj.mention, "because",
                      referent.mention if named else referent.subject, verb, rng.choice(frame.degrees), adjective)]
    if rng.random() < 0.8:
        degree = rng.choice(("really", "very", "just", ""))
        story.append(sentence(referent.mention, referent.be_past, degree, adjective))
    if rng.random() < 0.35:
        story.insert(0, sentence(person(rng).mention, "saw", subject.mention, "near", obj.mention))
    return story


def people_story(rng: random.Random) -> list[str]:
    """Two people and a pronoun: gender decides it when they differ, the situation when they do not."""
    frame = rng.choice(PERSON_FRAMES)
    about_first = rng.random() < 0.5
    reason = rng.choice(frame.first_reasons if about_first else frame.second_reasons)
    while True:  # a held-out (two names, reason) combination is drawn again
        if rng.random() < 0.25:
            first_noun, second_noun = rng.sample(MALE_NOUNS + FEMALE_NOUNS, 2)
            first, second = thing(first_noun), thing(second_noun)
        else:
            first = person(rng)
            second = person(rng, avoid=first.mention)
        # "The farmer helped the man because he was kind." is also a Winograd clause: its (two nouns, last word)
        # combination is checked too, or a held-out pair of the coreference set could be trained on here
        nouns = first.mention.split()[-1], second.mention.split()[-1]
        if not (is_heldout_combination(first.mention, second.mention, reason)
                or is_heldout_combination(*nouns, reason.split()[-1])):
            break
    referent, other = (first, second) if about_first else (second, first)
    given = rng.choice(THINGS_TO_GIVE)
    story = [sentence(first.mention, frame.verb.format(b=second.mention, thing=given), frame.link,
                      reason.format(p=referent.subject, o=other.object, pos=referent.possessive, thing=given))]
    if rng.random() < 0.8:
        after = rng.choice(frame.first_after if about_first else frame.second_after)
        story.append(sentence(after.format(a=referent.mention, b=other.mention, thing=given)))
    return story


# ---------------------------------------------------------------- everyday stories with consistent characters


def errand_story(rng: random.Random) -> list[str]:
    """Someone goes to a place and does what people do there, in one tense throughout."""
    hero, activity = person(rng), rng.choice(ACTIVITIES)
    tense = rng.choice(("past", "past", "present", "future", "progressive"))
    time, place = rng.choice(TIMES[tense]), rng.choice(activity.places)
    first = rng.choice(activity.things)
    second = rng.choice([t for t in activity.things if t != first])
    go = conjugate("go", tense)
    story = [sentence(time + ",", hero.mention, go, "to the", place) if rng.random() < 0.5
             else sentence(hero.mention, go, "to the", place, time)]
    adjective = rng.choice(activity.adjectives)
    story.append(sentence(hero.subject, conjugate(activity.verb, tense), a_or_an(adjective), adjective, first,
                          "and", a_or_an(second), second))
    if rng.random() < 0.7:
        story.append(sentence("the", first, conjugate("be", tense), rng.choice(("very", "so", "really")),
                              rng.choice(activity.adjectives), ", so", hero.subject,
                              conjugate("enjoy" if tense == "progressive" else rng.choice(("like", "love")), tense),
                              "it"))
    if rng.random() < 0.4:
        story.append(sentence("after that,", hero.subject, conjugate("go", tense), "home and",
                              conjugate("feel", tense), rng.choice(FEELINGS_GOOD)))
    return story


def pet_story(rng: random.Random) -> list[str]:
    """A person, a pet with a name, and where the pet sits: "The cat sat on the mat."."""
    owner, pet = person(rng), person(rng)  # pets get people's names, and he or she
    kind, spots = rng.choice(PETS)
    colour = rng.choice(COLOURS)
    story = [sentence(owner.mention, "has", a_or_an(colour), colour, kind, "named", pet.mention),
             sentence("the", kind, rng.choice(("sat", "slept", "lay", "waited")), "on the", rng.choice(spots.split()))]
    if rng.random() < 0.6:
        story.append(sentence(rng.choice(TIMES["present"]) + ",", owner.mention, "takes", pet.object, "to the",
                              rng.choice(("park", "garden", "beach", "field", "forest", "river"))))
    if rng.random() < 0.5:
        story.append(sentence(pet.mention, "is a", rng.choice(("good", "happy", "clever", "lazy", "friendly")), kind,
                              ", and", owner.mention, "loves", pet.object, "very much"))
    return story


def weather_story(rng: random.Random) -> list[str]:
    """The day's weather decides what someone does, while an animal of theirs does something too."""
    hero, weather = person(rng), rng.choice(list(WEATHER))
    story = [sentence("it was a", rng.choice(WEATHER[weather]), "and", weather, "day in the",
                      rng.choice(("village", "city", "town", "valley", "mountains")))]
    if weather in ("rainy", "snowy", "windy", "foggy"):
        story.append(sentence(hero.mention, "stayed at home and", rng.choice((
            "read a book", "made some soup", "played cards", "wrote a letter", "watched a movie", "baked a cake"))))
    else:
        story.append(sentence(hero.mention, "went to the", rng.choice(("beach", "park", "lake", "hill", "meadow")),
                              "and", rng.choice(("played football", "had a picnic", "went swimming", "flew a kite",
                                                 "rode a bicycle", "took a walk"))))
    if rng.random() < 0.6:
        story.append(sentence(hero.possessive, rng.choice(PETS)[0], rng.choice(("slept", "played", "waited", "sat")),
                              rng.choice(("near the door", "on the sofa", "under the table", "in the garden",
                                          "by the window")), "all day"))
    return story


def lost_story(rng: random.Random) -> list[str]:
    """Something lost and found again, referred to with it or them."""
    hero = person(rng)
    helper = person(rng, avoid=hero.mention)
    item = thing(rng.choice(SMALL_THINGS), rng.random() < 0.4, article=hero.possessive)
    story = [sentence(hero.mention, "lost", item.mention, place_phrase(rng.choice(PLACES))),
             sentence(hero.subject, "looked everywhere for", item.object, ", but", hero.subject, "could not find",
                      item.object)]
    if rng.random() < 0.8:
        spot = rng.choice(("under a bench", "behind the door", "in a drawer", "near the window", "on the floor",
                           "under the bed", "in the grass"))
        story.append(sentence("later,", helper.mention, "found", item.object, spot, "and gave", item.object,
                              "back to", hero.object))
    return story


def feeling_story(rng: random.Random) -> list[str]:
    """A feeling and its cause in the past perfect, then what the person did about it."""
    hero = person(rng)
    feeling, cause, remedy = rng.choice(CAUSED_FEELINGS)
    names = {"p": hero.subject, "pos": hero.possessive, "o": hero.object}
    story = [sentence(hero.mention, "was", rng.choice(("very", "so", "really")), feeling, "because",
                      cause.format(**names)),
             sentence(remedy.format(**names))]
    if rng.random() < 0.4:
        story.append(sentence("after that,", hero.subject, "felt much better"))
    return story


STORY_KINDS = ((causal_story, 10), (people_story, 3), (errand_story, 3), (pet_story, 2), (weather_story, 1),
               (lost_story, 1), (feeling_story, 1))


# Corpus versions: 1 is the story world the shipped tiny-bert, tiny-gpt and translators' world grammar learned from;
# 2 adds the family and court stories of core/data/stories_family.py (each gender pair of people nouns in contexts
# of its own role, so static vectors can tell king from father: docs/word2vec.md). The shipped tiny-bert, tiny-gpt and
# tiny-word2vec learned from version 2 (their training.json name it); version 1 stays, so the earlier models' commands
# still make the corpus they learned from (--corpus-version 1).
CORPUS_VERSIONS = (1, 2)
CORPUS_VERSION = 2
FAMILY_STORY_WEIGHT = 2  # of 30 in version 2: about one story in fifteen


@functools.cache
def story_kinds(version: int = CORPUS_VERSION) -> tuple[tuple, tuple]:
    """(grammars, weights): the kinds above, then the knowledge and relative-clause stories of
    core/data/stories_knowledge.py (imported here: those modules build on this one's helpers), then from
    version 2 the family and court stories."""
    from core.data.stories_knowledge import knowledge_story, relative_story

    if version not in CORPUS_VERSIONS:
        raise ValueError(f"corpus version must be one of {CORPUS_VERSIONS}, got {version}")
    kinds = [*STORY_KINDS, (knowledge_story, 5), (relative_story, 2)]
    if version >= 2:
        from core.data.stories_family import family_story

        kinds.append((family_story, FAMILY_STORY_WEIGHT))
    return tuple(zip(*kinds))


def generate_story(rng: random.Random, version: int = CORPUS_VERSION) -> list[str]:
    """2-4 sentences; a story of one sentence gets a second one, so every story has a next sentence for NSP."""
    kinds, weights = story_kinds(version)
    story = rng.choices(kinds, weights)[0](rng)
    while len(story) < 2:
        story = rng.choices(kinds, weights)[0](rng)
    return story


def generate_stories(count: int, seed: int, version: int = CORPUS_VERSION) -> list[list[str]]:
    rng = random.Random(seed)
    return [generate_story(rng, version) for _ in range(count)]


# ---------------------------------------------------------------- files


def grammar_fingerprint(version: int = CORPUS_VERSION) -> str:
    """A short hash of what the grammar generates (500 stories of seed 0, and which combinations are held
    out): it changes exactly when an edit changes the corpus, so a corpus on disk made by an older grammar
    is recognised instead of silently reused."""
    sample = "\n\n".join("\n".join(story) for story in generate_stories(500, seed=0, version=version))
    return hashlib.md5(f"{sample}|{HELDOUT_COMBINATION_ONE_IN}|{HELDOUT_ONE_IN}".encode()).hexdigest()[:12]


def write_stories(stories: list[list[str]], path: Path) -> None:
    """One sentence per line, a blank line between stories (the layout of BERT's pretraining text)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join("\n".join(story) for story in stories) + "\n", encoding="utf-8")


def read_stories(path: Path) -> list[list[str]]:
    blocks = Path(path).read_text(encoding="utf-8").strip().split("\n\n")
    return [block.split("\n") for block in blocks if block.strip()]


def is_heldout_sentence(text: str, one_in: int = HELDOUT_ONE_IN) -> bool:
    """A fixed one sentence in ``one_in`` is held out, decided by a hash of its lower-cased text."""
    digest = hashlib.md5(text.strip().lower().encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "little") % one_in == 0


def generate_heldout(count: int, seed: int, version: int = CORPUS_VERSION) -> list[list[str]]:
    """Distinct stories with at least one held-out sentence: text no training story contains."""
    rng, stories, seen = random.Random(seed), [], set()
    while len(stories) < count:
        story = generate_story(rng, version)
        if any(is_heldout_sentence(line) for line in story) and "\n".join(story) not in seen:
            stories.append(story)
            seen.add("\n".join(story))
    return stories


def training_stories(count: int, seed: int, version: int = CORPUS_VERSION) -> list[list[str]]:
    """The stories of train.txt, in memory: the seeded stream without any story that has a held-out sentence."""
    rng, train = random.Random(seed), []
    while len(train) < count:
        story = generate_story(rng, version)
        if not any(is_heldout_sentence(line) for line in story):
            train.append(story)
    return train


def build_corpus(folder: Path, train_stories: int, heldout_stories: int, seed: int,
                 version: int = CORPUS_VERSION) -> dict[str, int]:
    """train.txt (stories without any held-out sentence) and heldout.txt (from a stream of its own)."""
    train = training_stories(train_stories, seed, version)
    heldout = generate_heldout(heldout_stories, seed + 1, version)
    write_stories(train, Path(folder) / "train.txt")
    write_stories(heldout, Path(folder) / "heldout.txt")
    return {"train": len(train), "heldout": len(heldout)}


def word_types(stories: list[list[str]]) -> set[str]:
    """Distinct lower-cased words, split as BERT's basic tokenizer splits them (punctuation apart)."""
    return {w for story in stories for line in story for w in re.findall(r"[a-z]+", line.lower())}
