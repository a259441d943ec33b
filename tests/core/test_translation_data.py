"""The generated English -> French task: determinism, splits, and the grammar's agreement rules."""

from __future__ import annotations

import random

import pytest

from core.data.translation import (
    ADJECTIVES,
    BUCKETS,
    ETRE,
    NOUNS,
    POSSESSIVES,
    PREDICATE_ADJECTIVES,
    PRONOUNS,
    SEED_EXAMPLES,
    NounPhrase,
    elide,
    generate_long_pair,
    generate_pair,
    length_bucket,
    lexicon_words,
    make_splits,
    make_test_split,
    relative_clause,
    split_by_length,
)
from core.transformer.translator import detokenize_french, dropped_pieces, tokenize_english, tokenize_french


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str]]:
    rng = random.Random(123)
    return [generate_pair(rng) for _ in range(20000)]


@pytest.fixture(scope="module")
def long_sample() -> list[tuple[str, str]]:
    rng = random.Random(321)
    return [generate_long_pair(rng, low, high) for _ in range(1500) for low, high in BUCKETS.values() if low > 5]


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


def test_every_english_sentence_has_one_translation(sample, long_sample):
    translations: dict[str, str] = {}
    for en, fr in sample + long_sample:
        assert translations.setdefault(en, fr) == fr, f"{en!r} -> {translations[en]!r} and {fr!r}"


def test_vocabulary_is_a_few_hundred_words_and_covers_the_data(sample, long_sample):
    english, french = lexicon_words()
    assert 200 <= len(english) <= 400 and 200 <= len(french) <= 600  # modest: the models have ~1M parameters
    assert {w for en, _ in sample + long_sample for w in en.split()} <= set(english)
    assert {w for _, fr in sample + long_sample for w in fr.split()} <= set(french)


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
        adjective = adjectives[words[1]].forms[2 * plural + noun.feminine]
        expected = [article, noun.fr_plural if plural else noun.fr, adjective]
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


def test_dropped_pieces_are_those_the_english_tokenizer_reads_nothing_from():
    assert dropped_pieces("I am a student 🙂 학생 !") == ["🙂", "학생"]
    assert dropped_pieces("I am a student.") == []
    assert dropped_pieces("<script> 123") == ["123"]  # "<script>" still yields the word "script"


# ---- long sentences: the English is parsed here, independently of the generator, and the French checked ----

NOUN_FORMS = {n.en: (n, False) for n in NOUNS} | {n.en_plural: (n, True) for n in NOUNS}
ADJECTIVE_FORMS = {a.en: a for a in ADJECTIVES + PREDICATE_ADJECTIVES}
DETERMINERS = {"the", "a", "an"} | {p[0] for p in POSSESSIVES}


def noun_phrase_at(words: list[str], i: int) -> tuple[object, bool, int] | None:
    """(noun, plural, index after it) for "[det] [adjective] noun" starting at words[i], else None."""
    start = i
    if i < len(words) and words[i] in DETERMINERS:
        i += 1
    if i < len(words) and words[i] in ADJECTIVE_FORMS and words[i] not in NOUN_FORMS:
        i += 1
    if i < len(words) and words[i] in NOUN_FORMS and (i > start or NOUN_FORMS[words[i]][1]):
        noun, plural = NOUN_FORMS[words[i]]
        return noun, plural, i + 1
    return None


def french_predicate_adjective(fr: list[str], index: int) -> str:
    """The adjective after the être at fr[index] (est / sont), skipping "pas" of a negation."""
    following = fr[index + 1:]
    return following[1] if following[0] == "pas" else following[0]


def test_lengths_spread_from_short_to_thirty_words(sample, long_sample):
    lengths = {len(en.split()) for en, _ in sample + long_sample}
    assert min(lengths) <= 3 and max(lengths) == 30 and set(range(3, 31)) <= lengths
    assert max(len(fr.split()) for _, fr in long_sample) <= 62  # fits 64 decoder positions with <s> / </s>
    for low, high in BUCKETS.values():
        if low > 5:
            rng = random.Random(low)
            assert all(low <= len(generate_long_pair(rng, low, high)[0].split()) <= high for _ in range(50))


def test_connectives_and_relatives_are_translated_one_for_one(long_sample):
    for en, fr in long_sample:
        e, f = en.split(), fr.split()
        relatives = sum(f.count(w) for w in ("qui", "que", "qu'")) - f.count("parce")  # "parce que" is no relative
        assert e.count("that") == relatives, en
        assert e.count("and") == f.count("et") and e.count("but") == f.count("mais"), en
        assert e.count("because") == f.count("parce"), en
        for word, following in zip(f, f[1:]):
            if word in ("que", "qu'"):  # "parce qu'il", "le gâteau qu'elle mange": elided before a vowel only
                assert (word == "qu'") == following.startswith(tuple("aeiouéèêâîôœh")), fr
        for index, word in enumerate(f[:-1]):
            if word == "parce":
                assert f[index + 1] in ("que", "qu'"), fr


def test_relative_clauses_use_qui_for_the_subject_and_agree_with_their_noun(long_sample):
    checked = {"qui": 0, "que": 0}
    for en, fr in long_sample:
        e, f = en.split(), fr.split()
        relatives = [i for i, w in enumerate(f) if w in ("qui", "que", "qu'") and (i == 0 or f[i - 1] != "parce")]
        for k, i in enumerate(j for j, w in enumerate(e) if w == "that"):
            french = f[relatives[k]]
            if e[i + 1] in ("is", "are"):  # subject relative: "the cows that are black" -> "... qui sont noires"
                assert french == "qui", en
                adjective = e[i + 3] if e[i + 2] == "not" else e[i + 2]
                head = next(noun_phrase_at(e, s) for s in range(i - 1, -1, -1) if noun_phrase_at(e, s)
                            and noun_phrase_at(e, s)[2] == i)
                if adjective in ADJECTIVE_FORMS:
                    noun, plural, _ = head
                    être = relatives[k] + 1 + (f[relatives[k] + 1] in ("ne", "n'"))
                    assert f[être] == ("sont" if plural else "est"), en
                    expected = ADJECTIVE_FORMS[adjective].forms[2 * plural + noun.feminine]
                    assert french_predicate_adjective(f, être) == expected, (en, fr)
                checked["qui"] += 1
            elif e[i + 1] in {p[0] for p in PRONOUNS} or e[i + 1] in DETERMINERS:  # object relative
                assert french in ("que", "qu'"), en
                checked["que"] += 1
    assert checked["qui"] > 300 and checked["que"] > 300


def list_subject(words: list[str]) -> tuple[list, int] | None:
    """The nouns of a list subject "NP NP ... and NP" opening the sentence, and the index after it."""
    nouns, i = [], 0
    while (phrase := noun_phrase_at(words, i)) is not None:
        nouns.append(phrase[0])
        i = phrase[2]
        if i < len(words) and words[i] == "and":
            last = noun_phrase_at(words, i + 1)
            return (nouns + [last[0]], last[2]) if last else None
    return None


def test_list_subjects_are_plural_and_feminine_only_when_every_noun_is(long_sample):
    checked = {True: 0, False: 0}
    for en, fr in long_sample:
        e, f = en.split(), fr.split()
        found = list_subject(e)
        if found is None or found[1] + 1 >= len(e) or e[found[1]] != "are":
            continue
        nouns, i = found
        adjective = e[i + 2] if e[i + 1] == "not" else e[i + 1]
        if adjective in ADJECTIVE_FORMS:
            feminine = all(n.feminine for n in nouns)
            assert french_predicate_adjective(f, f.index("sont")) == ADJECTIVE_FORMS[adjective].forms[2 + feminine], en
            checked[feminine] += 1
    assert checked[True] > 5 and checked[False] > 30


def find(make, target: str, seeds: int = 20000):
    """The first result of make(rng) whose English is ``target``, over seeded draws."""
    for seed in range(seeds):
        phrase = make(random.Random(seed))
        if " ".join(phrase.en) == target:
            return phrase
    raise AssertionError(f"no draw gave {target!r}")


def test_hand_checked_relative_clauses():
    cows = NounPhrase(["the", "cows"], ["les", "vaches"], 5, True, "animal")
    apples = NounPhrase(["the", "apples"], ["les", "pommes"], 5, True, "food")
    boy = NounPhrase(["a", "boy"], ["un", "garçon"], 2, False, "person")
    cases = [
        (cows, "the cows that are black", "les vaches qui sont noires"),
        (cows, "the cows that are not small", "les vaches qui ne sont pas petites"),
        (apples, "the apples that she eats", "les pommes qu' elle mange"),
        (apples, "the apples that i do not eat", "les pommes que je ne mange pas"),
        (boy, "a boy that is a doctor", "un garçon qui est médecin"),
        (boy, "a boy that is old", "un garçon qui est vieux"),
    ]
    for head, english, french in cases:
        phrase = find(lambda rng, head=head: relative_clause(rng, head), english)
        assert " ".join(elide(phrase.fr)) == french
        assert (phrase.person, phrase.feminine) == (head.person, head.feminine)  # the head noun still agrees


# ---- length buckets and the stratified test split ----

def test_length_buckets():
    assert list(BUCKETS) == ["1-5", "6-10", "11-15", "16-20", "21-30"]
    assert [length_bucket(n) for n in (1, 5, 6, 10, 11, 16, 20, 21, 30)] == [
        "1-5", "1-5", "6-10", "6-10", "11-15", "16-20", "16-20", "21-30", "21-30"]
    for bad in (0, 31):
        with pytest.raises(ValueError, match="no length bucket"):
            length_bucket(bad)


def test_test_split_has_at_least_300_sentences_per_bucket_each_in_its_bucket():
    test = make_test_split()
    groups = split_by_length(test)
    assert {label: len(pairs) for label, pairs in groups.items()} == {label: 400 for label in BUCKETS}
    for label, pairs in groups.items():
        low, high = BUCKETS[label]
        assert all(low <= len(en.split()) <= high for en, _ in pairs)
    assert len({en for en, _ in test}) == len(test)


def test_stratified_splits_are_disjoint_deterministic_and_keep_the_short_grammar():
    splits = make_splits(num_train=4000, num_validation=300, num_test=1500, seed=3)
    assert splits == make_splits(num_train=4000, num_validation=300, num_test=1500, seed=3)
    assert splits.test == make_test_split(num_test=1500, seed=3)  # the test split needs no train generation
    assert splits.test != make_test_split(num_test=1500, seed=4)
    assert all(len(pairs) == 300 for pairs in split_by_length(splits.test).values())
    train, validation, test = ({en for en, _ in part} for part in (splits.train, splits.validation, splits.test))
    assert len(train) == 4000 and len(validation) == 300
    assert not train & test and not validation & test and not train & validation
    assert ("i am a student", "je suis étudiant") in splits.train
    new_words = {"and", "but", "because", "that"}
    short = sum(not new_words & set(en.split()) for en in train)
    assert short / len(train) >= 0.4  # the short grammar stays a large share, so it is still learned
    lengths = [len(en.split()) for en in train]
    assert max(lengths) == 30 and sum(n > 20 for n in lengths) / len(lengths) >= 0.1
    assert make_splits(num_train=500, num_validation=50, num_test=100, seed=3, long_share=0.0).train != []
    with pytest.raises(ValueError, match="long_share"):
        make_splits(num_train=10, num_validation=1, num_test=5, long_share=1.5)
