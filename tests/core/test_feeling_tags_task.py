"""The token task: tags right by construction (stories checked by hand), disjoint splits with held-out phrasings,
names that take every tag, later mentions whose context a bag of words cannot tell apart (witness: scikit-learn's
CountVectorizer), and the two baselines (witness: a hand count and scikit-learn's own classes)."""

from __future__ import annotations

import pytest

from core.data import feeling_tags_task
from core.data.feeling_tags_task import FOLLOW_UPS, IGNORE, SPLIT_SIZES, later_mentions, render
from core.data.feelings_task import EVENTS, LABELS, NAMES, is_heldout_combination, load_task


def event(text: str) -> int:
    return next(i for i, e in enumerate(EVENTS) if e.text == text)


@pytest.fixture(scope="module")
def task():
    return load_task("feeling-tags")


def test_stories_are_tagged_by_hand():
    story = render(event("{a} beat {b} in the race"), "Mary", "Tom", {}, follow_up=1, again="b")
    assert story.text == "Mary beat Tom in the race. Later Tom sat down."
    assert story.words == ("Mary", "beat", "Tom", "in", "the", "race", ".", "Later", "Tom", "sat", "down", ".")
    assert story.tagged == {0: "happy", 2: "sad", 8: "sad"}
    broken = render(event("{b} had broken {a}'s {thing}"), "Lucy", "Sam", {"thing": "guitar"}, follow_up=0)
    assert broken.text == "Sam had broken Lucy's guitar. Lucy went home."
    assert broken.words[:5] == ("Sam", "had", "broken", "Lucy", "'s")
    assert broken.tagged == {3: "angry", 7: "angry"}  # Sam's feeling is not told: not scored
    chase = render(event("{a} ran after {b} with a big stick"), "Ben", "Anna", {}, follow_up=2, again="a")
    assert chase.text == "Ben ran after Anna with a big stick. After that Ben walked to the park."
    assert chase.tagged == {0: "angry", 3: "scared", 11: "angry"}  # word 11: the second "Ben"


def test_a_later_mention_in_the_same_words_takes_the_other_tag():
    from sklearn.feature_extraction.text import CountVectorizer

    beat = event("{a} beat {b} in the race")
    winner = render(beat, "Tom", "Mary", {}, follow_up=1, again="a")  # Tom beat Mary ... Later Tom sat down.
    loser = render(beat, "Mary", "Tom", {}, follow_up=1, again="b")  # Mary beat Tom ... Later Tom sat down.
    assert winner.words[6:] == loser.words[6:] == (".", "Later", "Tom", "sat", "down", ".")
    assert (winner.tagged[8], loser.tagged[8]) == ("happy", "sad")
    bags = CountVectorizer().fit_transform([winner.text, loser.text]).toarray()
    assert (bags[0] == bags[1]).all()


def test_splits_have_their_sizes_share_no_text_and_hold_out_phrasings(task):
    splits = {"train": task.train, "validation": task.validation, "heldout": task.heldout}
    assert task.kind == "token" and {name: len(s) for name, s in splits.items()} == SPLIT_SIZES
    texts = [{e.text for e in s} for s in splits.values()]
    assert [len(t) for t in texts] == list(SPLIT_SIZES.values())
    assert not (texts[0] & texts[1] or texts[0] & texts[2] or texts[1] & texts[2])
    phrasings = {i for i, e in enumerate(EVENTS) if e.heldout_phrasing}
    assert not any(e.event in phrasings for e in task.train + task.validation)
    assert {e.event for e in task.heldout} & phrasings
    assert all(is_heldout_combination(e.event, dict(e.fillers)) for e in task.heldout)
    assert not any(is_heldout_combination(e.event, dict(e.fillers)) for e in task.train + task.validation)


def test_only_names_are_scored_and_every_name_takes_several_tags(task):
    scored = {e.words[i] for e in task.train for i in e.tagged}
    assert scored <= set(NAMES)
    tags_of: dict[str, set[int]] = {}
    for e in task.train:
        for i, tag in enumerate(e.tags):
            if tag != IGNORE:
                tags_of.setdefault(e.words[i], set()).add(tag)
    assert all(len(tags) >= 2 for tags in tags_of.values())  # the word alone never decides
    counts = [sum(t == k for e in task.train for t in e.tags) for k in range(len(LABELS))]
    assert all(count > 0.15 * sum(counts) for count in counts), counts


def test_every_story_tags_its_follow_up_mention(task):
    for e in task.train[:200] + task.heldout[:200]:
        later = later_mentions((e,))[0]
        end = e.words.index(".")
        assert list(later.tagged) == [i for i in e.tagged if i > end] and len(later.tagged) == 1
        assert any(e.text.endswith(f.format(x=e.words[i])) for f in FOLLOW_UPS for i in later.tagged)


def test_the_same_seed_gives_the_same_splits():
    feeling_tags_task.splits.cache_clear()
    first = load_task("feeling-tags")
    feeling_tags_task.splits.cache_clear()
    assert load_task("feeling-tags") == first


def test_window_features_and_the_majority_tag_by_hand():
    from core.finetune.word_baselines import MajorityTag, tagged_words, window_features

    story = render(event("{a} beat {b} in the race"), "Mary", "Tom", {}, follow_up=0, again="b")
    words = tuple(w.lower() for w in story.words)  # mary beat tom in the race . tom went home .
    assert window_features(words, 2) == {
        "word=tom": 1.0, "-2=mary": 1.0, "-1=beat": 1.0, "+1=in": 1.0, "+2=the": 1.0,
        "left:mary": 1.0, "left:beat": 1.0, "right:in": 1.0, "right:the": 1.0, "right:race": 1.0,
        "right:.": 2.0, "right:tom": 1.0, "right:went": 1.0, "right:home": 1.0}
    lost = render(event("{a} lost the race"), "Tom", "Mary", {}, follow_up=0)
    majority = MajorityTag((story, lost))
    # tom: sad twice in "Mary beat Tom", sad twice in "Tom lost"; mary: happy once; overall sad 4, happy 1
    assert majority.tag_of == {"tom": LABELS.index("sad"), "mary": LABELS.index("happy")}
    assert majority.fallback == LABELS.index("sad")
    assert majority.predict(tagged_words((story,))) == [LABELS.index(x) for x in ("happy", "sad", "sad")]


def test_the_window_baseline_is_scikit_learns_logistic_regression(task):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from core.data.feelings_task import labelled_subset
    from core.finetune.word_baselines import tagged_words, window_features, word_baseline

    result = word_baseline("window", examples=64, seed=1, task=task)
    rows = tagged_words(labelled_subset(task.train, 64, 1))
    vectorizer = DictVectorizer()
    model = LogisticRegression(max_iter=5000).fit(vectorizer.fit_transform(
        [window_features(w, i) for w, i, _ in rows]), [tag for _, _, tag in rows])
    held = tagged_words(task.heldout)
    predicted = model.predict(vectorizer.transform([window_features(w, i) for w, i, _ in held]))
    assert result.examples == 64
    assert result.heldout_accuracy == pytest.approx(sum(p == t for p, (_, _, t) in zip(predicted, held)) / len(held))
