"""The world grammar (data version 3): hand-checked references, French rules checked against English parsed
independently of the generator, the pronoun test, and the splits; version 2 unchanged."""

from __future__ import annotations

import random

import pytest

from core.data import translation_world as world
from core.data.translation import (
    BUCKETS,
    DATA_VERSION,
    grammar,
    make_splits,
    make_test_split,
    split_by_length,
)
from core.data.translation_pronouns import held_out_pairs, it_frames, pronoun_cases
from core.data.translation_references import RULES, reference_pairs
from core.data.translation_world_lexicon import ADJECTIVES, BEFORE_NOUN, CAUSAL_FRAMES, NOUNS
from core.transformer.translator import tokenize_english

APOSTROPHE_ENDINGS = ("l'", "j'", "n'", "d'", "qu'")


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, str]]:
    rng = random.Random(11)
    short = [world.generate_pair(rng) for _ in range(8000)]
    long = [world.generate_long_pair(rng, low, high) for _ in range(300) for low, high in BUCKETS.values() if low > 5]
    return short + long


def test_the_generator_writes_exactly_the_hand_checked_references():
    references = reference_pairs()
    assert len(references) >= 60
    for reference in references:
        assert world.realise(reference["spec"]) == (reference["english"], reference["french"]), reference["english"]


def test_every_rule_is_exercised_and_every_tag_is_a_rule():
    tags = [tag for reference in reference_pairs() for tag in reference["rules"]]
    assert set(tags) == set(RULES)


def test_rule_tags_are_visible_in_the_french():
    """A tag the French cannot show is a wrong tag: checked on the words themselves, not on the generator."""
    before_forms = {form for adjective in BEFORE_NOUN for form in adjective.forms} | {"vieil", "bel", "nouvel"}
    visible = {
        "elision": lambda fr: any(word in APOSTROPHE_ENDINGS for word in fr),
        "contraction": lambda fr: bool({"au", "aux", "du", "des"} & set(fr)),
        "negative_de": lambda fr: "pas" in fr and bool({"de", "d'"} & set(fr[fr.index("pas"):])),
        "ne_pas": lambda fr: bool({"ne", "n'"} & set(fr)) and "pas" in fr,
        "pronoun_il_elle": lambda fr: bool({"il", "elle"} & set(fr)),
        "pronoun_ils_elles": lambda fr: bool({"ils", "elles"} & set(fr)),
        "adjective_before_noun": lambda fr: bool(before_forms & set(fr)),
        "adjective_liaison_form": lambda fr: bool({"vieil", "bel", "nouvel"} & set(fr)),
        "h_aspire": lambda fr: any(a in ("le", "la") and b.startswith("haut") for a, b in zip(fr, fr[1:])),
        "imparfait_description": lambda fr: any(word.startswith("étai") for word in fr),
        "relative_qui": lambda fr: "qui" in fr,
        "relative_que": lambda fr: bool({"que", "qu'"} & set(fr)),
        "possessive_before_vowel": lambda fr: any(word in ("mon", "ton", "son") for word in fr),
    }
    for reference in reference_pairs():
        for tag in reference["rules"]:
            if tag in visible:
                assert visible[tag](reference["french"].split()), (tag, reference["french"])


def test_the_lecture_pair_and_the_notes_sentences():
    pairs = {r["english"]: r["french"] for r in reference_pairs()}
    assert pairs["the animal didn't cross the street because it was too tired"] == (
        "l' animal n' a pas traversé la rue parce qu' il était trop fatigué")
    assert pairs["the animal didn't cross the street because it was too wide"] == (
        "l' animal n' a pas traversé la rue parce qu' elle était trop large")
    assert pairs["i am a student"] == "je suis étudiant" and pairs["the black cat"] == "le chat noir"
    assert tokenize_english("The animal didn't cross the street because it was too tired.") == (
        "the animal didn't cross the street because it was too tired".split())  # what a page reads


def test_every_english_sentence_has_one_translation_and_the_vocabulary_covers_it(sample):
    translations: dict[str, str] = {}
    for en, fr in sample:
        assert translations.setdefault(en, fr) == fr, (en, translations[en], fr)
    english, french = world.lexicon_words()
    assert {w for en, _ in sample for w in en.split()} <= set(english)
    assert {w for _, fr in sample for w in fr.split()} <= set(french)
    assert len(english) <= 600 and len(french) <= 900  # the models stay small


def test_lengths_reach_thirty_words_and_fit_the_decoder(sample):
    lengths = {len(en.split()) for en, _ in sample}
    assert min(lengths) == 2 and max(lengths) == 30 and set(range(2, 31)) <= lengths  # "the cat" up to 30
    assert max(len(fr.split()) for _, fr in sample) <= 62


def test_causal_pronouns_agree_with_the_french_gender_of_the_noun_the_adjective_names(sample):
    """The English is parsed here: "the S <frame> the O because <it> was [degree] ADJ"; the noun the adjective
    belongs to (by the frame's lists) gives il / elle / ils / elles and the adjective's form."""
    nouns = {n.en_plural: (n, True) for n in NOUNS} | {n.en: (n, False) for n in NOUNS}  # sheep: singular
    checked = 0
    for en, fr in sample:
        words = en.split()
        if len(words) < 9 or words[0] != "the" or "because" not in words:
            continue
        frame = next((f for f in CAUSAL_FRAMES if words[2:2 + len(f.en.split())] == f.en.split()), None)
        if frame is None:
            continue
        after = 2 + len(frame.en.split())
        because = words.index("because")
        if words[after] != "the" or because != after + 2 or len(words) > because + 5:
            continue  # a long sentence: only single causal clauses are parsed here
        adjective = words[-1]
        noun, plural = nouns[words[1] if adjective in frame.subject_adjectives else words[after + 1]]
        pronoun = ("elles" if noun.feminine else "ils") if plural else ("elle" if noun.feminine else "il")
        f = fr.split()
        assert f[f.index("qu'") + 1] == pronoun, (en, fr)
        assert f[-1] == ADJECTIVES[adjective].form(plural, noun.feminine), (en, fr)
        checked += 1
    assert checked > 300


def test_adjectives_take_their_french_place_in_noun_phrases(sample):
    """"the ADJ NOUN ..." at the start of a sentence: a BAGS adjective precedes the noun in French, any other
    follows it; both agree."""
    nouns = {n.en_plural: (n, True) for n in NOUNS} | {n.en: (n, False) for n in NOUNS}  # sheep: singular
    checked = {True: 0, False: 0}
    for en, fr in sample:
        words, f = en.split(), fr.split()
        if len(words) < 3 or words[0] != "the" or words[1] not in ADJECTIVES or words[2] not in nouns:
            continue
        noun, plural = nouns[words[2]]
        adjective = ADJECTIVES[words[1]]
        form = adjective.form(plural, noun.feminine)
        fr_noun = noun.fr_plural if plural else noun.fr
        if adjective.before_noun:
            if adjective.liaison and not plural and not noun.feminine and fr_noun[0] in "aeiouéèêâîôœh":
                form = adjective.liaison
            assert f[1:3] == [form, fr_noun], (en, fr)
        else:
            assert f[1] == fr_noun and f[2] == form, (en, fr)
        checked[adjective.before_noun] += 1
    assert checked[True] > 50 and checked[False] > 50


def test_etre_verbs_agree_and_avoir_verbs_do_not(sample):
    participles = {"allé": "être", "venu": "être", "arrivé": "être", "tombé": "être", "resté": "être",
                   "couru": "avoir"}
    checked = 0
    for _, fr in sample:
        f = fr.split()
        for index, word in enumerate(f):
            stem = next((p for p in participles if word.startswith(p) and len(word) - len(p) <= 2), None)
            if stem is None or index == 0:
                continue
            auxiliary = f[index - 2] if f[index - 1] == "pas" else f[index - 1]
            assert (auxiliary in ("suis", "es", "est", "sommes", "êtes", "sont")) == (participles[stem] == "être"), fr
            checked += 1
    assert checked > 200


def test_the_pronoun_cases_are_twins_that_differ_in_gender_and_are_held_out():
    cases = pronoun_cases()
    assert len(cases) == 400 and sum(c.half == "rank" for c in cases) == 200
    for first, second in zip(cases[::2], cases[1::2]):
        assert first.pair == second.pair and {first.pronoun, second.pronoun} == {"il", "elle"}
        assert first.english_antecedent == second.english_other  # the same two nouns, the other one meant
    for c in cases:
        en, fr = c.english.split(), c.french.split()
        assert fr[c.french_pronoun] == c.pronoun and en[en.index("because") + 1] == "it"
        noun = next(n for n in NOUNS if n.en == en[c.english_antecedent])
        other = next(n for n in NOUNS if n.en == en[c.english_other])
        assert noun.feminine == (c.pronoun == "elle") and other.feminine != noun.feminine
    assert {f.en for f in it_frames()} >= {"didn't cross", "didn't fit in", "ate"}
    lecture = [c for c in cases if c.english.startswith("the animal didn't cross the street because it was too")]
    assert {c.half for c in lecture} == {"score"} and len(lecture) == 2


def test_version_3_splits_keep_the_pronoun_test_and_the_test_split_out_of_training():
    splits = make_splits(num_train=3000, num_validation=200, num_test=500, seed=0, data_version=3)
    assert splits == make_splits(num_train=3000, num_validation=200, num_test=500, seed=0, data_version=3)
    assert splits.test == make_test_split(500, 0, data_version=3)
    train = {en for en, _ in splits.train} | {en for en, _ in splits.validation}
    held = {en for en, _ in held_out_pairs(0)}
    assert not train & held and not train & {en for en, _ in splits.test} and not held & {en for en, _ in splits.test}
    assert ("i am a student", "je suis étudiant") in splits.train and ("the black cat", "le chat noir") in splits.train
    assert all(len(pairs) == 100 for pairs in split_by_length(splits.test).values())


def test_the_world_grammar_is_the_default_and_version_2_still_generates():
    from core.data import translation

    assert DATA_VERSION == 3  # the shipped translators' (their training.json files record it)
    assert {trained_version("tiny-translator"), trained_version("tiny-seq2seq"),
            trained_version("tiny-seq2seq-attention")} == {DATA_VERSION}
    rules = grammar(2)
    assert rules.generate_pair is translation.generate_pair and rules.held_out(0) == []
    assert make_test_split(100, 1) == make_test_split(100, 1, data_version=3)
    assert make_test_split(100, 1) != make_test_split(100, 1, data_version=2)
    with pytest.raises(ValueError, match="versions: 2, 3"):
        grammar(1)


def trained_version(name: str) -> int:
    from core.analysis.evaluation import trained_data_version
    from core.transformer.translator import load_translator

    return trained_data_version(load_translator(name))


def test_eval_translator_splits_the_version_a_model_was_trained_on_unless_told(capsys, tmp_path):
    import json

    from core.cli import main
    from tests.support.builders import tiny_translator_folder

    version_2 = tiny_translator_folder(tmp_path / "tiny-random-v2", data_version=2)  # no shipped model is v2 now

    assert main(["eval", "translator", "--model", "tiny-translator", "--limit", "1", "--beam", "1", "--json"]) == 0
    shipped = json.loads(capsys.readouterr().out)
    assert shipped["test_split"]["data_version"] == 3  # its training.json's: the world grammar
    assert shipped["models"][0]["buckets"]["all"]["unknown_source_sentences"] == 0
    assert main(["eval", "translator", "--model", str(version_2), "--limit", "1", "--beam", "1", "--json",
                 "--data-version", "3"]) == 0
    printed = capsys.readouterr()
    world = json.loads(printed.out)
    assert world["test_split"]["data_version"] == 3
    assert world["models"][0]["buckets"]["all"]["unknown_source_sentences"] >= 3  # read as <unk>, no crash
    assert "'data_version': 2" in printed.err and "this split (data_version=3" in printed.err
