"""The generated English -> French task: determinism, splits, and the grammar's agreement rules."""

from __future__ import annotations

import random

import pytest

from core.data.translation import (
    ADJECTIVES,
    ETRE,
    NOUNS,
    PRONOUNS,
    SEED_EXAMPLES,
    elide,
    generate_pair,
    lexicon_words,
    make_splits,
)
from core.transformer.translator import detokenize_french, tokenize_english, tokenize_french


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str]]:
    rng = random.Random(123)
    return [generate_pair(rng) for _ in range(20000)]


def test_splits_are_deterministic_disjoint_and_hold_the_seed_examples():
    splits = make_splits(num_train=400, num_validation=50, num_test=60, seed=7)
    again = make_splits(num_train=400, num_validation=50, num_test=60, seed=7)
    other = make_splits(num_train=400, num_validation=50, num_test=60, seed=8)
    assert splits == again and splits.test != other.test
    assert (len(splits.train), len(splits.validation), len(splits.test)) == (400, 50, 60)
    train, validation, test = ({en for en, _ in part} for part in (splits.train, splits.validation, splits.test))
    assert not train & test and not train & validation and not validation & test
    for pair in SEED_EXAMPLES:
        assert pair in splits.train
    assert ("i am a student", "je suis étudiant") in SEED_EXAMPLES
    assert ("the black cat", "le chat noir") in SEED_EXAMPLES


def test_every_english_sentence_has_one_translation(sample):
    translations: dict[str, str] = {}
    for en, fr in sample:
        assert translations.setdefault(en, fr) == fr, f"{en!r} -> {translations[en]!r} and {fr!r}"


def test_vocabulary_is_a_few_hundred_words_and_covers_the_data(sample):
    english, french = lexicon_words()
    assert 200 <= len(english) <= 1000 and 200 <= len(french) <= 1000
    assert {w for en, _ in sample for w in en.split()} <= set(english)
    assert {w for _, fr in sample for w in fr.split()} <= set(french)


def test_noun_phrases_agree_in_gender_and_number_with_the_adjective_after_the_noun(sample):
    nouns = {n.en: (n, False) for n in NOUNS} | {n.en_plural: (n, True) for n in NOUNS}
    adjectives = {a.en: a for a in ADJECTIVES}
    checked = 0
    for en, fr in sample:
        words = en.split()
        if len(words) != 3 or words[0] != "the" or words[1] not in adjectives:
            continue
        noun, plural = nouns[words[2]]
        article = "les" if plural else ("l'" if noun.fr[0] in "aeiouéèêâîôœh" else ("la" if noun.feminine else "le"))
        expected = [article, noun.fr_plural if plural else noun.fr, adjectives[words[1]].forms[2 * plural + noun.feminine]]
        assert fr.split() == expected, en
        checked += 1
    assert checked > 50


def test_pronouns_conjugate_etre_and_the_adjective_agrees(sample):
    pronouns = {en: (fr, person) for en, fr, person, _ in PRONOUNS}
    adjectives = {a.en: a for a in ADJECTIVES}
    checked = 0
    for en, fr in sample:
        words = en.split()
        if len(words) != 3 or words[0] not in pronouns or words[2] not in adjectives:
            continue
        subject, person = pronouns[words[0]]
        plural, feminine = person >= 3, words[0] == "she"
        assert fr.split() == elide([subject, ETRE[person], adjectives[words[2]].forms[2 * plural + feminine]]), en
        checked += 1
    assert checked > 50


def test_professions_take_no_article_and_negation_uses_de(sample):
    assert dict(sample).get("i am a student", "je suis étudiant") == "je suis étudiant"
    for en, fr in sample:
        if en.startswith("she is a ") and len(en.split()) == 4:
            assert fr.split()[:2] == ["elle", "est"] and len(fr.split()) == 3  # "elle est étudiante"
        if " not have a " in en:
            assert " pas de " in fr or " pas d' " in fr  # "il n'a pas de chat"


def test_elision():
    assert elide(["je", "aime", "le", "arbre"]) == ["j'", "aime", "l'", "arbre"]
    assert elide(["il", "ne", "est", "pas", "la", "école"]) == ["il", "n'", "est", "pas", "l'", "école"]
    assert elide(["le", "chat"]) == ["le", "chat"]


def test_tokenizers_round_trip():
    assert tokenize_english("I'm a Student.") == ["i", "am", "a", "student"]
    assert tokenize_english("He doesn't have a cat!") == ["he", "does", "not", "have", "a", "cat"]
    assert tokenize_french("J'aime l'école") == ["j'", "aime", "l'", "école"]
    assert detokenize_french(["j'", "aime", "l'", "école"]) == "j'aime l'école"
