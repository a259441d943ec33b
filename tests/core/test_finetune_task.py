"""The feelings task: words both shipped tokenizers read, disjoint splits, held-out phrasings and combinations,
and role-reversed examples whose bags of words are equal (witness: scikit-learn's own CountVectorizer)."""

from __future__ import annotations

import hashlib

import pytest

from core.data import feelings_task
from core.data.feelings_task import EVENTS, LABELS, SPLIT_SIZES, is_heldout_combination, load_task, render
from core.model_folders import SHIPPED_MODELS_DIR


@pytest.fixture(scope="module")
def task():
    return load_task("feelings")


def all_texts(task) -> list[str]:
    return [e.text for split in (task.train, task.validation, task.heldout) for e in split]


def test_splits_have_their_sizes_and_share_no_text(task):
    splits = {"train": task.train, "validation": task.validation, "heldout": task.heldout}
    assert {name: len(examples) for name, examples in splits.items()} == SPLIT_SIZES
    texts = [set(e.text for e in examples) for examples in splits.values()]
    assert [len(t) for t in texts] == list(SPLIT_SIZES.values())  # no text twice within a split
    assert not (texts[0] & texts[1] or texts[0] & texts[2] or texts[1] & texts[2])


def test_every_class_is_a_fair_share_of_every_split(task):
    for examples in (task.train, task.validation, task.heldout):
        shares = [sum(e.label == k for e in examples) / len(examples) for k in range(len(LABELS))]
        assert all(0.15 < share < 0.35 for share in shares), shares  # drawn uniformly: 25 % each


def test_no_feeling_word_occurs_in_any_text(task):
    words = {w.strip(".?'").lower() for text in all_texts(task) for w in text.split()}
    assert not words & set(LABELS)


def test_heldout_holds_only_new_phrasings_and_new_combinations(task):
    phrasings = {i for i, event in enumerate(EVENTS) if event.heldout_phrasing}
    assert not any(e.event in phrasings for e in task.train + task.validation)
    heldout_events = {e.event for e in task.heldout}
    assert phrasings <= heldout_events and heldout_events - phrasings  # both kinds are there
    # a training combination: "umbrella" after "lost his/her" is held out or not by its hash, computed by hand
    digest = hashlib.md5(b"1|thing=umbrella").digest()
    assert is_heldout_combination(1, {"thing": "umbrella"}) == (int.from_bytes(digest[:4], "little") % 5 == 0)
    assert not any(is_heldout_combination(e.event, dict(e.fillers)) for e in task.train + task.validation)
    assert all(is_heldout_combination(e.event, dict(e.fillers)) for e in task.heldout)


def test_the_same_seed_gives_the_same_splits():
    feelings_task.splits.cache_clear()
    first = load_task("feelings")
    feelings_task.splits.cache_clear()
    assert load_task("feelings") == first


def test_role_reversed_texts_are_one_bag_of_words_with_two_labels():
    from sklearn.feature_extraction.text import CountVectorizer

    beat = next(i for i, e in enumerate(EVENTS) if e.text == "{a} beat {b} in the race")
    winner, loser = render(beat, "a", "Tom", "Mary", {}), render(beat, "b", "Mary", "Tom", {})
    assert winner.text == "Tom beat Mary in the race. How did Tom feel?"
    assert loser.text == "Mary beat Tom in the race. How did Tom feel?"
    assert (winner.label_name, loser.label_name) == ("happy", "sad")
    bags = CountVectorizer().fit_transform([winner.text, loser.text]).toarray()
    assert (bags[0] == bags[1]).all()


def test_every_word_is_read_by_tiny_bert_without_unk_and_by_tiny_gpt_exactly(task):
    if not (SHIPPED_MODELS_DIR / "tiny-bert" / "vocab.txt").is_file():
        pytest.fail("models/tiny-bert is not shipped")
    from transformers import BertTokenizerFast

    bert = BertTokenizerFast.from_pretrained(str(SHIPPED_MODELS_DIR / "tiny-bert"))
    texts = sorted(set(all_texts(task)))
    unknown = [t for t in texts if bert.unk_token_id in bert(t)["input_ids"]]
    assert not unknown, unknown[:3]
    whole = set((SHIPPED_MODELS_DIR / "tiny-bert" / "vocab.txt").read_text().split())
    for slot_words in feelings_task.SLOTS.values():  # fillers are whole words of the vocabulary, not pieces
        assert set(slot_words) <= whole, set(slot_words) - whole
    if (SHIPPED_MODELS_DIR / "tiny-gpt" / "tokenizer.json").is_file():
        from core.gpt.tokenizer import load_tokenizer

        gpt = load_tokenizer(SHIPPED_MODELS_DIR / "tiny-gpt")
        assert all(gpt.decode(gpt(t, add_special_tokens=False)["input_ids"]) == t for t in texts)
