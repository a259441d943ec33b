"""The Coreference page's examples, its notice for words outside the model's vocabulary, and the vocabulary
table, in AppTest on the shipped tiny-bert; the view's helpers against hand-made vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

from core.bert.pipeline import load_pipeline
from core.data.stories_world import LECTURE_SENTENCE
from dashboard.views import lexicon as lx
from tests.pages.test_korean_labels import untranslated
from tests.support.apptest import page_texts, plotly_specs, run_page

TIRED = "The animal didn't cross the street because it was too tired."
SHIPPED = Path(__file__).resolve().parents[2] / "models" / "tiny-bert"


def test_unknown_words_are_the_words_that_are_not_one_whole_token():
    vocabulary = {"[UNK]": 0, "the": 1, "wall": 2, "was": 3, "high": 4, "##s": 5, "walls": 6}
    assert lx.unknown_words("The walls were high, the WALL was high!", vocabulary) == ["were"]
    assert lx.unknown_words("The zorblax 그 dog 42", vocabulary) == ["zorblax", "그", "dog"]
    assert lx.unknown_words("The [MASK] was high [SEP] MASK", vocabulary) == ["MASK"]  # typed [MASK] is a token
    assert lx.unknown_words("the wall", {"the": 0, "wall": 1}, lowercase=False) == []
    assert lx.unknown_words("The Wall", {"the": 0, "wall": 1}, lowercase=False) == ["The", "Wall"]
    assert lx.unknown_words("The zorblax 그 dog", vocabulary, became_unknown=lambda w: w == "그") == ["zorblax", "dog"]


def test_known_words_leave_out_pieces_and_word_beginnings_that_are_not_words():
    vocabulary = {"[CLS]": 0, "##ing": 1, "cabb": 2, "cabbage": 3, "dog": 4, "42": 5, ".": 6}
    assert lx.known_words(vocabulary) == ["cabb", "cabbage", "dog"]
    assert lx.known_words(vocabulary, frozenset({"cabbage", "dog", "cat"})) == ["cabbage", "dog"]
    frame = lx.lexicon_frame(vocabulary, frozenset({"cabbage", "dog"}))
    assert frame.to_dict(orient="records") == [{"initial": "c", "count": 1, "known_words": "cabbage"},
                                               {"initial": "d", "count": 1, "known_words": "dog"}]


def test_a_folder_says_whether_its_model_was_trained_on_the_stories(tmp_path):
    assert not lx.trained_on_stories(tmp_path)
    (tmp_path / "training.json").write_text(json.dumps({"config": {"data_dir": "runs/x/data"}}))
    assert lx.trained_on_stories(tmp_path)


def test_the_lecture_example_is_offered_beside_the_animal_street_pair_and_answered(monkeypatch):
    model = str(SHIPPED)  # a model whose vocabulary holds the lecture's nouns (a random tiny one makes them [UNK])
    monkeypatch.setenv("DASHBOARD_MODELS", model)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    at = run_page("coreference", {"text": TIRED, "model": model}, timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    buttons = {button.key: button for button in at.button}
    assert {"example_animal-street", "example_lecture"} <= set(buttons)
    buttons["example_lecture"].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.text_input(key="text").value == LECTURE_SENTENCE
    titles = [spec["layout"].get("title", {}).get("text", "") for spec in plotly_specs(at)]
    own = [title for title in titles if title.startswith("the model's own answer: ")]
    assert own and own[0].split(": ")[1] in ("boy", "tree"), titles  # the page answers it: boy or tree


def test_words_outside_the_vocabulary_are_named_not_guessed_silently(monkeypatch):
    monkeypatch.setenv("DASHBOARD_MODELS", str(SHIPPED))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    tokenizer = load_pipeline(str(SHIPPED)).tokenizer
    text = "The zorblax didn't jump over the wall because it was too high."
    # The witness: the words the tokenizer cuts into two or more pieces (none of them all [UNK]).
    pieces = [w for w in ("The", "zorblax", "didn", "t", "jump", "over", "the", "wall", "because", "it", "was", "too",
                          "high") if len(tokenizer.tokenize(w)) > 1]
    assert "zorblax" in pieces
    at = run_page("coreference", {"text": text, "model": str(SHIPPED)}, timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w for w in page_texts(at, "warning") if "Not in" in w]
    assert len(warnings) == 1 and "**" + ", ".join(dict.fromkeys(pieces)) + "**" in warnings[0], (warnings, pieces)
    clean = run_page("coreference", {"text": TIRED, "model": str(SHIPPED)}, timeout=300)
    assert not [w for w in page_texts(clean, "warning") if "Not in" in w]
    assert any(e.label.startswith("Words tiny-bert knows (") or e.label.startswith("Words ") for e in at.expander)
    table_columns = ["first letter", "words", "known words"]
    assert not any(list(frame.value.columns) == table_columns for frame in at.dataframe)  # drawn on request only
    at.toggle(key="show_lexicon").set_value(True).run()
    assert any(list(frame.value.columns) == table_columns for frame in at.dataframe)


def test_korean_mode_names_the_unknown_words_in_korean(monkeypatch):
    model = str(SHIPPED)
    monkeypatch.setenv("DASHBOARD_MODELS", model)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    text = "The zorblax didn't cross the street because it was too tired."
    at = run_page("coreference", {"text": text, "model": model, "lang": "ko"}, timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert any("zorblax" in w and "어휘" in w for w in page_texts(at, "warning"))
    assert {"예문: 동물과 길", "예문: 강의 노트의 소년과 나무"} <= {button.label for button in at.button}
    assert untranslated(at, {model, "tiny-bert"}) == []
