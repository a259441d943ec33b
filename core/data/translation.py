"""A small English -> French task the project builds itself, from a hand-written grammar.

Every English sentence has exactly one French translation under the rules below, so exact match
is a fair metric. What the grammar exercises (the things a translator must get right):

- articles with gender and number: the -> le / la / l' / les, a -> un / une, bare plural -> des,
  possessives my -> mon / ma / mes (mon before a vowel, even for a feminine noun);
- adjectives after the noun, agreeing in gender and number: "the black cats" -> "les chats noirs";
- subject pronouns with conjugated verbs (je / tu / il / elle / nous / vous / ils), j' and l' elision;
- professions take no article after "être": "I am a student" -> "je suis étudiant";
- negation ne ... pas, with un / une / des -> de after it.

Long sentences (``generate_long_pair``, 6 to 30 words) build on the same clauses: clauses joined by
and / but / because (et / mais / parce que, "parce qu'il"), relative clauses (subject "qui", object
"que": "the apples that she eats are red" -> "les pommes qu'elle mange sont rouges", where the verb and
the adjective agree with a noun several words back), and lists ("a dog a cat and a cow" -> "un chien un
chat et une vache"; a list subject is plural, feminine only if every noun is).

Conventions that remove English ambiguity: "I", "you", "we" and "they" are masculine;
"you" is "tu" except before a plural profession ("you are students" -> "vous êtes étudiants");
a list is never followed by a relative clause (it would attach to the last noun or to the list),
and only a sentence's first clause may have a list subject ("I see the cat and the dog and the cows
are black" has one reading).
The generator is seeded and deterministic: the same seed gives the same splits.

This module's grammar is data version 2, the one the shipped translators were trained on and the default.
Version 3, the story world's grammar with correct French and "it" resolved into il / elle, is
core/data/translation_world.py; ``grammar(version)`` and the ``data_version`` argument of the split functions
choose between them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from core.data.translation_lexicon import (  # noqa: F401  (re-exported: the lexicon was defined here before)
    ADJECTIVES,
    CONNECTIVES,
    ETRE,
    NOUNS,
    PLURAL_YOU,
    POSSESSIVES,
    PREDICATE_ADJECTIVES,
    PREPOSITIONS,
    PROFESSIONS,
    PRONOUNS,
    RELATIVE,
    VERBS,
    VOWELS,
    Adjective,
    Noun,
    Profession,
    Verb,
    lexicon_words,
)

# Seed-note examples; always in the training split, never in validation or test.
SEED_EXAMPLES = (
    ("i am a student", "je suis étudiant"),
    ("the black cat", "le chat noir"),
)


def starts_with_vowel(word: str) -> bool:
    return word.startswith(VOWELS)


ELISIONS = {"je": "j'", "le": "l'", "la": "l'", "ne": "n'", "de": "d'", "que": "qu'"}  # "qui" never elides


def elide(words: list[str]) -> list[str]:
    """je / le / la / ne / de / que before a vowel -> j' / l' / l' / n' / d' / qu' (one token, as French writes it)."""
    return [ELISIONS[word] if word in ELISIONS and starts_with_vowel(following) else word
            for word, following in zip(words, words[1:] + [""])]


def english_article(following: str) -> str:
    return "an" if following[0] in "aeiou" else "a"


@dataclass
class NounPhrase:
    en: list[str]
    fr: list[str]
    person: int  # 2 for third singular, 5 for third plural
    feminine: bool
    kind: str = "person"  # the noun's kind (pronouns are people); a list's kind when all its nouns share it


def noun_phrase(rng: random.Random, kinds: tuple[str, ...] | None = None, negated: bool = False,
                allow_bare_plural: bool = True) -> NounPhrase:
    """A determiner, a noun and maybe one adjective, in both languages, agreeing."""
    noun = rng.choice([n for n in NOUNS if kinds is None or n.kind in kinds])
    plural = rng.random() < 0.35
    adjective = rng.choice(ADJECTIVES) if rng.random() < 0.45 else None
    det_kind = rng.choice(["the", "the", "a", "possessive"] + (["bare"] if plural and allow_bare_plural else []))
    if det_kind == "a" and plural and not allow_bare_plural:
        det_kind = "the"
    en_noun, fr_noun = (noun.en_plural, noun.fr_plural) if plural else (noun.en, noun.fr)
    en_words = ([adjective.en] if adjective else []) + [en_noun]
    fr_words = [fr_noun] + ([adjective.forms[2 * plural + noun.feminine]] if adjective else [])
    if det_kind == "possessive":
        en_det, fr_forms = rng.choice(POSSESSIVES)
        fr_det = fr_forms[2] if plural else fr_forms[0 if not noun.feminine or starts_with_vowel(fr_noun) else 1]
    elif det_kind == "the":
        en_det, fr_det = "the", "les" if plural else ("la" if noun.feminine else "le")
    elif det_kind == "bare" or (det_kind == "a" and plural):
        en_det, fr_det = "", "des"
    else:
        en_det, fr_det = english_article(en_words[0]), "une" if noun.feminine else "un"
    if negated and fr_det in ("un", "une", "des"):
        fr_det = "de"  # partitive after negation: "je n'ai pas de chat"
    return NounPhrase([en_det] * bool(en_det) + en_words, [fr_det] + fr_words, 5 if plural else 2, noun.feminine,
                      noun.kind)


def subject(rng: random.Random, kinds: tuple[str, ...] | None = None) -> NounPhrase:
    """A subject pronoun or a definite noun phrase (never a bare plural: its French article is ambiguous)."""
    if rng.random() < 0.55:
        en, fr, person, _ = rng.choice(PRONOUNS)
        return NounPhrase([en], [fr], person, en == "she")
    return noun_phrase(rng, kinds, allow_bare_plural=False)


def negation(rng: random.Random) -> bool:
    return rng.random() < 0.2


def be(phrase: NounPhrase, negated: bool) -> tuple[list[str], list[str]]:
    """English and French forms of 'to be' for a subject, negated or not."""
    en = {0: "am", 1: "are", 2: "is"}.get(phrase.person, "are")
    fr = ETRE[phrase.person]
    return ([en, "not"] if negated else [en]), (["ne", fr, "pas"] if negated else [fr])


def sentence_noun_phrase(rng: random.Random) -> tuple[list[str], list[str]]:
    """"the black cat" -> "le chat noir"."""
    phrase = noun_phrase(rng, allow_bare_plural=False)
    return phrase.en, phrase.fr


def sentence_profession(rng: random.Random) -> tuple[list[str], list[str]]:
    """"I am a student" -> "je suis étudiant": no article before a profession in French."""
    profession = rng.choice(PROFESSIONS)
    if rng.random() < 0.25:
        phrase = noun_phrase(rng, ("person",), allow_bare_plural=False)
    else:
        en, fr, person, _ = rng.choice(PRONOUNS + (PLURAL_YOU,))
        phrase = NounPhrase([en], [fr], person, en == "she")
    plural = phrase.person >= 3
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    en_complement = [profession.en_plural] if plural else [english_article(profession.en), profession.en]
    fr_complement = [profession.forms[2 * plural + phrase.feminine]]
    return phrase.en + en_be + en_complement, phrase.fr + fr_be + fr_complement


def sentence_adjective(rng: random.Random) -> tuple[list[str], list[str]]:
    """"she is tired" -> "elle est fatiguée"; "the cats are black" -> "les chats sont noirs"."""
    phrase = subject(rng)
    adjective = rng.choice(ADJECTIVES + PREDICATE_ADJECTIVES)
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    plural = phrase.person >= 3
    return phrase.en + en_be + [adjective.en], phrase.fr + fr_be + [adjective.forms[2 * plural + phrase.feminine]]


def sentence_verb(rng: random.Random) -> tuple[list[str], list[str]]:
    """"I eat the red apple" -> "je mange la pomme rouge"; "he does not have a cat" -> "il n'a pas de chat"."""
    verb = rng.choice(VERBS)
    phrase = subject(rng, ("animal", "person"))
    negated = negation(rng)
    obj = noun_phrase(rng, verb.objects, negated=negated, allow_bare_plural=not verb.generic)
    en_verb, fr_verb = conjugate(verb, phrase, negated)
    return phrase.en + en_verb + obj.en, phrase.fr + fr_verb + obj.fr


def conjugate(verb: Verb, phrase: NounPhrase, negated: bool) -> tuple[list[str], list[str]]:
    """"sees" / "does not see" -> "voit" / "ne voit pas", agreeing with the subject's person."""
    third_singular = phrase.person == 2
    fr_verb = verb.fr[phrase.person]
    if negated:
        return ["does" if third_singular else "do", "not", verb.en], ["ne", fr_verb, "pas"]
    return [verb.en_third if third_singular else verb.en], [fr_verb]


def sentence_location(rng: random.Random) -> tuple[list[str], list[str]]:
    """"the cat is under the table" -> "le chat est sous la table"."""
    phrase = subject(rng, ("animal", "person", "thing", "food", "text"))
    en_prep, fr_prep = rng.choice(PREPOSITIONS)
    negated = negation(rng)
    en_be, fr_be = be(phrase, negated)
    place = noun_phrase(rng, ("place", "thing", "animal", "person"), allow_bare_plural=False)
    return phrase.en + en_be + en_prep.split() + place.en, phrase.fr + fr_be + [fr_prep] + place.fr


TEMPLATES = ((sentence_noun_phrase, 0.10), (sentence_profession, 0.15), (sentence_adjective, 0.20),
             (sentence_verb, 0.40), (sentence_location, 0.15))


def generate_pair(rng: random.Random) -> tuple[str, str]:
    """One (English, French) pair as space-separated tokens; French elision applied (j' aime)."""
    template = rng.choices([t for t, _ in TEMPLATES], weights=[w for _, w in TEMPLATES])[0]
    en, fr = template(rng)
    return " ".join(en), " ".join(elide(fr))




# ---- Long sentences: clauses with relative clauses and lists, joined by connectives ----

# What a clause says about its subject, the subject kinds each allows (None: any), and how often.
PREDICATES = (("verb", ("animal", "person"), 0.45), ("adjective", None, 0.25),
              ("location", ("animal", "person", "thing", "food", "text"), 0.15), ("profession", ("person",), 0.15))


def choose_predicate(rng: random.Random, kind: str | None = None) -> tuple[str, tuple[str, ...] | None]:
    """A predicate a subject of this kind can take (any predicate when kind is None), and its subject kinds."""
    rows = [row for row in PREDICATES if kind is None or row[1] is None or kind in row[1]]
    name, kinds, _ = rng.choices(rows, weights=[weight for *_, weight in rows])[0]
    return name, kinds


def predicate(rng: random.Random, name: str, phrase: NounPhrase, extended: bool) -> tuple[list[str], list[str]]:
    """The rest of a clause after its subject, agreeing with it; objects may grow (``extended``) in main clauses."""
    negated = negation(rng)
    plural = phrase.person >= 3
    if name == "verb":
        verb = rng.choice(VERBS)
        en, fr = conjugate(verb, phrase, negated)
        obj = object_phrase(rng, verb.objects, negated, not verb.generic, extended)
        return en + obj.en, fr + obj.fr
    en, fr = be(phrase, negated)
    if name == "adjective":
        adjective = rng.choice(ADJECTIVES + PREDICATE_ADJECTIVES)
        return en + [adjective.en], fr + [adjective.forms[2 * plural + phrase.feminine]]
    if name == "profession":
        profession = rng.choice(PROFESSIONS)
        en_complement = [profession.en_plural] if plural else [english_article(profession.en), profession.en]
        return en + en_complement, fr + [profession.forms[2 * plural + phrase.feminine]]
    en_prep, fr_prep = rng.choice(PREPOSITIONS)
    # after a preposition un / une stay, negated or not ("il n'est pas sous une table")
    place = object_phrase(rng, ("place", "thing", "animal", "person"), False, False, extended)
    return en + en_prep.split() + place.en, fr + [fr_prep] + place.fr


def object_phrase(rng: random.Random, kinds: tuple[str, ...], negated: bool, allow_bare_plural: bool,
                  extended: bool) -> NounPhrase:
    """A noun phrase, or in a main clause one with a relative clause, or a list (never after a negation,
    where French would need "ni")."""
    roll = rng.random() if extended else 1.0
    if roll < 0.2 and not negated:
        return noun_list(rng, kinds, allow_bare_plural)
    phrase = noun_phrase(rng, kinds, negated, allow_bare_plural)
    return relative_clause(rng, phrase) if roll < 0.45 else phrase


def noun_list(rng: random.Random, kinds: tuple[str, ...] | None, allow_bare_plural: bool) -> NounPhrase:
    """"a dog a cat and a cow" -> "un chien un chat et une vache": plural, feminine only if every noun is."""
    items: list[NounPhrase] = []
    for _ in range(rng.choice((2, 2, 3, 4))):
        item = noun_phrase(rng, kinds, allow_bare_plural=allow_bare_plural)
        if item.en[-1] not in {other.en[-1] for other in items}:  # never "the cat and the cat"
            items.append(item)
    if len(items) == 1:
        return items[0]
    en = [w for item in items[:-1] for w in item.en] + ["and"] + items[-1].en
    fr = [w for item in items[:-1] for w in item.fr] + ["et"] + items[-1].fr
    kind = items[0].kind if len({item.kind for item in items}) == 1 else "mixed"
    return NounPhrase(en, fr, 5, all(item.feminine for item in items), kind)


def relative_clause(rng: random.Random, phrase: NounPhrase) -> NounPhrase:
    """"the cat that sees the dog" -> "le chat qui voit le chien" (qui: the noun is the clause's subject);
    "the cake that she eats" -> "le gâteau qu'elle mange" (que: the noun is its object)."""
    that, qui, que = RELATIVE
    verbs = [verb for verb in VERBS if phrase.kind in verb.objects]
    if verbs and rng.random() < 0.4:
        verb = rng.choice(verbs)
        inner = subject(rng, ("animal", "person"))
        en, fr = conjugate(verb, inner, negation(rng))
        en, fr = [that] + inner.en + en, [que] + inner.fr + fr
    else:
        en, fr = predicate(rng, choose_predicate(rng, phrase.kind)[0], phrase, extended=False)
        en, fr = [that] + en, [qui] + fr
    return NounPhrase(phrase.en + en, phrase.fr + fr, phrase.person, phrase.feminine, phrase.kind)


def clause(rng: random.Random, list_subject: bool) -> tuple[list[str], list[str]]:
    """A subject (pronoun, noun phrase, one with a relative clause, or a list) and its agreeing predicate."""
    name, kinds = choose_predicate(rng)
    roll = rng.random()
    if roll < 0.2 and list_subject:
        phrase = noun_list(rng, kinds, allow_bare_plural=False)
    elif roll < 0.5:
        phrase = relative_clause(rng, noun_phrase(rng, kinds, allow_bare_plural=False))
    else:
        phrase = subject(rng, kinds)
    en, fr = predicate(rng, name, phrase, extended=True)
    return phrase.en + en, phrase.fr + fr


def generate_long_pair(rng: random.Random, min_words: int = 6, max_words: int = 30) -> tuple[str, str]:
    """Clauses joined by and / but / because until the English has at least ``min_words`` words;
    drawn again while it has more than ``max_words``."""
    if not 1 <= min_words <= max_words:
        raise ValueError(f"need 1 <= min_words <= max_words, got {min_words} and {max_words}")
    for _ in range(10000):
        en, fr = clause(rng, list_subject=True)
        while len(en) < min_words:
            en_word, fr_words = rng.choice(CONNECTIVES)
            more_en, more_fr = clause(rng, list_subject=False)
            en, fr = en + [en_word] + more_en, fr + list(fr_words) + more_fr
        if len(en) <= max_words:
            return " ".join(en), " ".join(elide(fr))
    raise ValueError(f"no sentence of {min_words} to {max_words} words in 10000 draws")


# ---- Splits: train and validation mixed, test stratified by English length ----

# Bumped whenever the generated sentences change; a model's training.json records the version it was trained on
# ("data_version"), so an evaluation can tell when the held-out split may overlap its training data, and splits
# the data of that version. Version 1: the short grammar only (the first tiny-translator); 2: long sentences,
# stratified test split (this module's 354-word grammar); 3: the world grammar of core/data/translation_world.py
# (the story world, correct French, "it" resolved into il / elle), which the three shipped translators learned.
DATA_VERSION = 3  # the default: the version the shipped translators were trained on
LATEST_DATA_VERSION = 3
DATA_VERSIONS = (2, 3)  # the versions this module can generate again


@dataclass(frozen=True)
class Grammar:
    """One version of the generated task: its short and long generators, seed examples, vocabularies, and the
    sentences kept out of training besides the test split (``held_out(seed)``: the pronoun test of version 3)."""

    version: int
    generate_pair: Callable[[random.Random], tuple[str, str]]
    generate_long_pair: Callable[..., tuple[str, str]]
    seed_examples: tuple[tuple[str, str], ...]
    lexicon_words: Callable[[], tuple[list[str], list[str]]]
    held_out: Callable[[int], list[tuple[str, str]]]


def grammar(data_version: int = DATA_VERSION) -> Grammar:
    """The generators of ``data_version`` (2 or 3); a ValueError naming the versions otherwise."""
    if data_version == 2:
        return Grammar(2, generate_pair, generate_long_pair, SEED_EXAMPLES, lexicon_words, lambda seed: [])
    if data_version == 3:
        from core.data import translation_world as world
        from core.data.translation_pronouns import held_out_pairs

        return Grammar(3, world.generate_pair, world.generate_long_pair, world.SEED_EXAMPLES, world.lexicon_words,
                       held_out_pairs)
    raise ValueError(f"data version {data_version} cannot be generated again; versions: "
                     f"{', '.join(map(str, DATA_VERSIONS))}")


# Length buckets of the held-out test split: label -> inclusive range of English words.
BUCKETS = {"1-5": (1, 5), "6-10": (6, 10), "11-15": (11, 15), "16-20": (16, 20), "21-30": (21, 30)}
LONG_SHARE = 0.5  # share of training draws from generate_long_pair; the rest is the short grammar above


def length_bucket(n_words: int) -> str:
    """The BUCKETS label of a sentence of ``n_words`` English words: 7 -> "6-10"."""
    for label, (low, high) in BUCKETS.items():
        if low <= n_words <= high:
            return label
    raise ValueError(f"a sentence of {n_words} words is in no length bucket (they cover 1 to 30)")


def split_by_length(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Pairs grouped by the length bucket of their English side, every bucket present (maybe empty)."""
    groups: dict[str, list[tuple[str, str]]] = {label: [] for label in BUCKETS}
    for en, fr in pairs:
        groups[length_bucket(len(en.split()))].append((en, fr))
    return groups


def draw_pair(rng: random.Random, long_share: float = LONG_SHARE,
              data_version: int = DATA_VERSION) -> tuple[str, str]:
    """A training draw: a long sentence (its length bucket above 1-5 chosen uniformly) or a short one."""
    rules = grammar(data_version)
    if rng.random() < long_share:
        low, high = rng.choice([b for b in BUCKETS.values() if b[0] > 5])
        return rules.generate_long_pair(rng, low, high)
    return rules.generate_pair(rng)


def draw_in_bucket(rng: random.Random, low: int, high: int, data_version: int = DATA_VERSION) -> tuple[str, str]:
    """A pair whose English has low..high words: the short grammar (half of the time where it reaches), or long."""
    rules = grammar(data_version)
    if high <= 5 or (low <= 10 and rng.random() < 0.5):
        for _ in range(10000):
            en, fr = rules.generate_pair(rng)
            if low <= len(en.split()) <= high:
                return en, fr
        raise ValueError(f"the short grammar gave no sentence of {low} to {high} words")
    return rules.generate_long_pair(rng, low, high)


def stratified_test(rng: random.Random, num_test: int, exclude: set[str],
                    data_version: int = DATA_VERSION) -> list[tuple[str, str]]:
    """``num_test`` distinct pairs, an equal share per length bucket (the first buckets take the remainder)."""
    test: dict[str, str] = {}
    for index, (low, high) in enumerate(BUCKETS.values()):
        quota, bucket = num_test // len(BUCKETS) + (index < num_test % len(BUCKETS)), {}
        for _ in range(100 * quota):
            if len(bucket) >= quota:
                break
            en, fr = draw_in_bucket(rng, low, high, data_version)
            if en not in exclude and en not in test:
                bucket.setdefault(en, fr)
        if len(bucket) < quota:
            raise ValueError(f"only {len(bucket)} distinct test sentences of {low}-{high} words; asked for {quota}")
        test.update(bucket)
    return list(test.items())


@dataclass
class TranslationSplits:
    train: list[tuple[str, str]]
    validation: list[tuple[str, str]]
    test: list[tuple[str, str]]  # grouped by length bucket, shortest first: split_by_length(test)


def make_splits(num_train: int = 60000, num_validation: int = 1000, num_test: int = 2000,
                seed: int = 0, long_share: float = LONG_SHARE, data_version: int = DATA_VERSION) -> TranslationSplits:
    """Disjoint splits of distinct English sentences.

    The test split is drawn first, ``num_test // 5`` sentences per length bucket (400 each by default),
    so it depends only on ``seed`` and ``num_test`` (``make_test_split`` gives it without the rest). Train and
    validation then mix the short grammar and long sentences (``long_share`` of the draws), skipping every
    test sentence and the grammar's other held-out sentences (version 3: the pronoun test); the seed examples
    are put in train. ``data_version`` picks the grammar (``grammar``).
    """
    if not 0.0 <= long_share <= 1.0:
        raise ValueError(f"long_share must be between 0 and 1, got {long_share}")
    rules = grammar(data_version)
    rng = random.Random(seed)
    seeds = dict(rules.seed_examples)
    held_out = {en for en, _ in rules.held_out(seed)}
    test = stratified_test(rng, num_test, set(seeds) | held_out, data_version)
    taken = set(seeds) | held_out | {en for en, _ in test}
    pairs: dict[str, str] = {}
    total = num_train + num_validation - len(seeds)
    for _ in range(50 * total):
        if len(pairs) >= total:
            break
        en, fr = draw_pair(rng, long_share, data_version)
        if en not in taken:
            pairs.setdefault(en, fr)
    if len(pairs) < total:
        raise ValueError(f"the grammar gave only {len(pairs)} distinct sentences; asked for {total}")
    items = list(pairs.items())
    rng.shuffle(items)
    return TranslationSplits(list(rules.seed_examples) + items[num_validation:], items[:num_validation], test)


def make_test_split(num_test: int = 2000, seed: int = 0, data_version: int = DATA_VERSION) -> list[tuple[str, str]]:
    """The test split of ``make_splits(..., num_test=num_test, seed=seed)``, without generating the rest."""
    rules = grammar(data_version)
    exclude = set(dict(rules.seed_examples)) | {en for en, _ in rules.held_out(seed)}
    return stratified_test(random.Random(seed), num_test, exclude, data_version)
