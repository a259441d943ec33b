"""Lecture presets: the notes' sentences and a few that show each page at its best, with the known answer where
there is one. Product data, read by ``dashboard.widgets.presets`` on any page that takes a sentence.

A preset fills one text field (``field``: the BERT pages' sentence ``text`` or the translators' ``source``); a
second field's text (``text_b``) goes with it when given. ``answer`` is what the lecture expects: the word a
pronoun means, or the reference translation. Sentences are model input, so they stay English in either
language; their names and notes are in the language table ("preset.<id>", "preset.note.<id>").
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, SOURCE = "text", "source"  # the sidebar fields a preset fills (URL parameters of the same names)


@dataclass(frozen=True)
class Preset:
    id: str
    text: str
    field: str = TEXT
    text_b: str | None = None  # sentence B (BERT pages), None: cleared
    pronoun: str | None = None  # the word whose referent is known
    answer: str | None = None  # its antecedent, or the reference translation (field SOURCE)
    label: str | None = None  # the class a fine-tuned classifier should name (core.data.feelings_task.LABELS)
    pages: tuple[str, ...] = ()  # the pages it is offered on
    note: bool = False  # a caveat under the known answer, "preset.note.<id>" in the language table


BERT_SENTENCE_PAGES = ("masked_lm", "attention", "attention_arithmetic", "embeddings", "coreference", "compare")

PRESETS: tuple[Preset, ...] = (
    # The lecture notes' own sentences.
    Preset("tired", "The animal didn't cross the street because it was too tired.", pronoun="it", answer="animal",
           pages=BERT_SENTENCE_PAGES),
    Preset("wide", "The animal didn't cross the street because it was too wide.", pronoun="it", answer="street",
           pages=BERT_SENTENCE_PAGES),
    Preset("tall", "A boy who is looking at the tree is surprised because it was too tall.", pronoun="it",
           answer="tree", pages=BERT_SENTENCE_PAGES, note=True),
    Preset("student", "I am a student", field=SOURCE, answer="je suis étudiant", pages=("rnn_lstm",)),
    Preset("black_cat", "the black cat", field=SOURCE, answer="le chat noir", pages=("rnn_lstm",)),
    # Each page at its best.
    Preset("mask_tired", "The animal didn't cross the street because it was too [MASK].", pages=("masked_lm",)),
    Preset("mask_mat", "the cat sat on the [MASK].", pages=("masked_lm",)),
    Preset("nsp_story", "The cats ran from the tiger because it was very mean.", text_b="The tiger was very mean.",
           pages=("masked_lm", "attention")),
    Preset("sleds", "The kittens couldn't move the sleds because the sleds were too large.",
           pages=("attention", "embeddings")),
    Preset("bank", "The dog sat by the river. The dog sat on the sofa.", pages=("embeddings",)),
    Preset("long_source", "the sofas that the monkey carries were light and the animal didn't cross the street "
                          "because it was very slow", field=SOURCE,
           answer="les canapés que le singe porte étaient légers et l' animal n' a pas traversé la rue parce qu' il "
                  "était très lent", pages=("rnn_lstm",)),
    # The fine-tuning task's stories (core.data.feelings_task): the same words, the answer decided by who is asked
    # and by word order; the last two are phrasings no training example has.
    Preset("feel_loser", "Mary beat Tom in the race. How did Tom feel?", label="sad", pages=("fine_tuning",)),
    Preset("feel_winner", "Mary beat Tom in the race. How did Mary feel?", label="happy", pages=("fine_tuning",)),
    Preset("feel_broken", "Sam had broken Lucy's guitar. How did Lucy feel?", label="angry", pages=("fine_tuning",)),
    Preset("feel_noise", "Anna heard a strange noise in the attic. How did Anna feel?", label="scared",
           pages=("fine_tuning",)),
    Preset("feel_lost_to", "Tom lost the race to Mary. How did Mary feel?", label="happy", pages=("fine_tuning",)),
    Preset("feel_bear", "Ben found a bear in the cave. How did Ben feel?", label="scared", pages=("fine_tuning",)),
)


def presets_for(page: str) -> list[Preset]:
    """The presets a page offers, in the table's order (the notes' sentences first)."""
    return [preset for preset in PRESETS if page in preset.pages]


def matching(page: str, field: str, text: str) -> Preset | None:
    """The preset of ``page`` whose text is ``text`` (case and spacing aside), or None."""
    normal = " ".join(text.split()).lower()
    return next((p for p in presets_for(page) if p.field == field and " ".join(p.text.split()).lower() == normal),
                None)
