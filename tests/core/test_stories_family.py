"""Corpus version 2's family and court stories: every gender pair has a role of its own, the two members of a pair
are said in the same words apart from their gender, and version 1 (what the shipped models learned from) is
untouched."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from core.analysis.analogies import gender_pairs
from core.data.stories import CORPUS_VERSION, generate_stories, training_stories
from core.data.stories_family import ROLES, family_story

GENDERED = {"he": "she", "him": "her", "his": "her"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_every_gender_pair_of_the_analogy_set_has_a_role():
    assert set(ROLES) == set(gender_pairs())


@pytest.mark.parametrize("pair", list(ROLES))
def test_the_two_members_of_a_pair_are_said_in_the_same_words_but_their_gender(pair):
    """Swap the male member for the female one and he / him / his for she / her: each line is the other's."""
    male, female = pair
    for line in ROLES[pair]:
        his = words(line.format(n=male, m=female, p="he", o="him", pos="his"))
        hers = words(line.format(n=female, m=male, p="she", o="her", pos="her"))
        swapped = [female if w == male else male if w == female else GENDERED.get(w, w) for w in his]
        assert swapped == hers, line


def test_role_words_belong_to_one_pair():
    """A role is told apart by words no other pair's lines use (throne for king / queen, grandchildren for the
    grandparents): what a static vector can learn the difference between king and father from."""
    owners: dict[str, set] = {}
    for pair, lines in ROLES.items():
        for line in lines:
            for word in words(line.format(n="", m="", p="", o="", pos="")):
                owners.setdefault(word, set()).add(pair)
    for pair in ROLES:
        own = [word for word, pairs in owners.items() if pairs == {pair}]
        assert len(own) >= 3, (pair, own)


def test_a_family_story_is_about_one_member_with_its_own_pronoun():
    """Pronouns refer to the one member the story is about: never he-forms and she-forms in one story, and a
    he-form only beside a male noun of the pair (a she-form beside a female one)."""
    rng = random.Random(0)
    males, females = {male for male, _ in ROLES}, {female for _, female in ROLES}
    for _ in range(500):
        story = family_story(rng)
        assert 2 <= len(story) <= 3 and all(line[0].isupper() and line.endswith(".") for line in story)
        text = set(words(" ".join(story)))
        his, hers = bool({"he", "him", "his"} & text), bool({"she", "her"} & text)
        assert not (his and hers), story
        assert not his or males & text, story
        assert not hers or females & text, story


def test_version_two_adds_family_stories_and_version_one_has_none():
    assert CORPUS_VERSION == 2  # the default is the corpus the shipped models learned from
    assert generate_stories(300, seed=5) == generate_stories(300, seed=5, version=2)
    first = [" ".join(story) for story in generate_stories(3000, seed=5, version=1)]
    second = [" ".join(story) for story in generate_stories(3000, seed=5, version=2)]
    role_words = {"throne", "kingdom", "crown", "grandchildren", "nephew", "niece", "twins", "twin", "parents"}
    assert not any(role_words & set(words(story)) for story in first)
    # 2 / 30 of the stories are family stories (200 of 3,000), each about one of nine pairs; the royal ones
    # (about 22 for king / queen, 22 for prince / princess) nearly all say kingdom, crown, throne or castle
    said = Counter(word for story in second for word in set(words(story)) & role_words)
    assert 100 <= sum(said.values()) <= 400 and said["kingdom"] >= 10, said
    with pytest.raises(ValueError, match="corpus version"):
        generate_stories(1, seed=0, version=3)


def test_training_stories_take_the_version():
    assert training_stories(50, seed=2, version=1) != training_stories(50, seed=2)
