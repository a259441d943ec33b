"""Family and court stories: each pair of people nouns (king / queen, father / mother, ...) in the contexts of its
own role, so that the nouns of one gender are no longer interchangeable.

In the other story kinds king, father and grandfather (and queen, mother, grandmother) are drawn from the same lists
into the same frames: only their pronoun tells them apart, so static word vectors learn the gender direction but
not which noun of one gender is meant (docs/word2vec.md). Here a role is said with words of its own ("The queen
sat on her throne in the castle.", "The grandfather told the children an old story."), the same for both members
of a pair, and the two members differ only where a he / she, his / her or a male / female noun does.
"""

from __future__ import annotations

import random

from core.data.stories import HE, SHE, Character, sentence

# (male noun, female noun) -> sentences of the role, {p} / {o} / {pos}: the member's he / him / his forms,
# {n}: the member itself, {m}: its partner of the other gender. Every pair of core.analysis.analogies.gender_pairs.
ROLES: dict[tuple[str, str], list[str]] = {
    ("king", "queen"): [
        "the {n} sat on {pos} throne in the castle",
        "the {n} wore a golden crown",
        "the {n} ruled the kingdom for many years",
        "everyone in the kingdom bowed to the {n}",
        "the {n} gave a feast in the castle and {p} invited the whole kingdom",
        "the crown of the {n} was made of gold",
        "the people of the kingdom loved their {n}",
    ],
    ("prince", "princess"): [
        "the young {n} lived in the castle with {pos} parents",
        "one day the {n} will rule the kingdom",
        "the {n} rode a white horse to the castle",
        "the {n} learned to ride and to fight with a sword",
        "the young {n} was the child of the king and the queen",
        "the {n} danced at the ball in the castle",
    ],
    ("father", "mother"): [
        "the {n} of the family cooked dinner for {pos} children",
        "the {n} carried the baby home",
        "the children ran to their {n} after school",
        "the {n} and the {m} are the parents of the family",
        "the {n} kissed {pos} baby good night",
        "the {n} of the baby was very proud",
    ],
    ("son", "daughter"): [
        "the {n} is the child of {pos} parents",
        "the parents were proud of their {n}",
        "the youngest {n} of the family was only five",
        "the {n} helped {pos} parents at home",
        "the parents gave their {n} a present for {pos} birthday",
    ],
    ("brother", "sister"): [
        "the {n} shared a bedroom with {pos} twin",
        "the older {n} walked the twins to school",
        "the twins played with their big {n}",
        "the {n} and the {m} are twins",
        "the {n} fought with {pos} twin over a toy",
    ],
    ("uncle", "aunt"): [
        "the {n} visited {pos} nephew and niece for the holidays",
        "the nephew and the niece loved their {n}",
        "the {n} brought presents for {pos} niece and nephew",
        "every holiday the {n} came to see the nephews",
        "the {n} came to the family party with a big cake for the nephews",
    ],
    ("grandfather", "grandmother"): [
        "the old {n} told the grandchildren a story",
        "the {n} wore glasses and had grey hair",
        "the grandchildren visited their {n} every sunday",
        "the {n} was eighty years old",
        "the {n} knitted a warm scarf for the grandchildren",
        "the old {n} sat in an old chair by the fire",
    ],
    ("boy", "girl"): [
        "the little {n} played with {pos} toys",
        "the {n} went to school with {pos} friends",
        "the {n} was only seven years old",
        "the little {n} climbed a tree in the playground",
    ],
    ("man", "woman"): [
        "the {n} went to work in the morning",
        "the {n} read {pos} newspaper on the train",
        "the {n} was a grown up",
        "the {n} paid for the tickets",
    ],
}


def member(noun: str, male: bool) -> Character:
    return Character(f"the {noun}", *(HE if male else SHE))


def family_story(rng: random.Random) -> list[str]:
    """Two or three sentences of one pair's role about one of its two members (he or she at random)."""
    (male_noun, female_noun), lines = rng.choice(list(ROLES.items()))
    male = rng.random() < 0.5
    noun, partner = (male_noun, female_noun) if male else (female_noun, male_noun)
    who = member(noun, male)
    return [sentence(line.format(n=noun, m=partner, p=who.subject, o=who.object, pos=who.possessive))
            for line in rng.sample(lines, rng.choice((2, 2, 3)))]
