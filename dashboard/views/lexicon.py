"""Which words a model knows, and which of a sentence's words it does not: the Coreference page's lexicon.

No Streamlit. A model trained on the generated stories knows exactly the words of its WordPiece
vocabulary that are whole words; a word it must split into pieces, or cannot encode at all, never
occurred in its training text as a word, so any answer about it is a guess from its pieces.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from core.data.stories import generate_stories, word_types
from core.data.stories_world import HELDOUT_FRAMES, HELDOUT_RELATIVE_FRAMES, LECTURE_SENTENCE

WORD = re.compile(r"[^\W\d_]+")  # letters of any script: BERT's basic tokenizer puts punctuation and digits apart
# Special tokens a user may type ([MASK]): the tokenizer keeps them whole, so they are never unknown words.
SPECIAL_TOKEN = re.compile(r"\[(?:MASK|CLS|SEP|PAD|UNK)\]")
# The examples the page offers side by side: the built-in set's first pair and the lecture notes' own sentence.
EXAMPLES = {"animal-street": "The animal didn't cross the street because it was too tired.",
            "lecture": LECTURE_SENTENCE}


def trained_on_stories(folder: Path) -> bool:
    """Whether the model folder records a pretraining run on the generated stories (its training.json)."""
    record = Path(folder) / "training.json"
    return record.is_file() and "data_dir" in json.loads(record.read_text(encoding="utf-8")).get("config", {})


@functools.cache
def story_words(stories: int = 20_000) -> frozenset[str]:
    """The words of the generated corpus (a seeded sample; every word of the lexicon occurs in it)."""
    return frozenset(word_types(generate_stories(stories, seed=0)))


def known_words(vocabulary: dict[str, int], corpus: frozenset[str] | None = None) -> list[str]:
    """The vocabulary's whole words (letters only, no "##" continuation, no [special] token), sorted. With
    ``corpus`` (a model trained on the stories), only those that are words of it: WordPiece also keeps word
    beginnings ("cabb") as tokens, which are not words the model was shown."""
    words = (token for token in vocabulary if token.isalpha() and token.isascii())
    return sorted(w for w in words if corpus is None or w in corpus)


def lexicon_frame(vocabulary: dict[str, int], corpus: frozenset[str] | None = None) -> pd.DataFrame:
    """The known words as a table: one row per first letter, the count and the words."""
    rows: dict[str, list[str]] = {}
    for word in known_words(vocabulary, corpus):
        rows.setdefault(word[0], []).append(word)
    return pd.DataFrame([{"initial": letter, "count": len(words), "known_words": ", ".join(words)}
                         for letter, words in rows.items()])


def unknown_words(text: str, vocabulary: dict[str, int], lowercase: bool = True,
                  became_unknown: Callable[[str], bool] = lambda word: False) -> list[str]:
    """The sentence's words (in order, once each) that are not one whole token of the vocabulary, less those
    ``became_unknown`` (all [UNK]: the sidebar's own notice names them)."""
    unknown: list[str] = []
    for word in WORD.findall(SPECIAL_TOKEN.sub(" ", text)):
        token = word.lower() if lowercase else word
        if token not in vocabulary and word not in unknown and not became_unknown(word):
            unknown.append(word)
    return unknown


def never_shown_verbs() -> list[str]:
    """The verbs no training "because it was ..." clause uses ("didn't jump over"), and the relative frame
    held out with them ("looking at ... surprised")."""
    return [frame.verb for frame in HELDOUT_FRAMES] + [f"{frame.watching} … {frame.feeling}"
                                                       for frame in HELDOUT_RELATIVE_FRAMES]
