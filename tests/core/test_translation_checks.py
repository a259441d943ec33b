"""Failing loudly in core and on the command line: cut hypotheses, the calibrated score threshold and its
false-alarm rate, and the translate command's notices."""

from __future__ import annotations

import json

import numpy as np

from core.analysis import translation_checks
from core.analysis.evaluation import bucketed_test_split, trained_data_version
from core.cli import main
from core.transformer.translator import load_translator, translate


def test_calibration_is_the_quantile_of_held_out_scores_and_counts_false_alarms():
    translator = load_translator("tiny-translator")
    groups = bucketed_test_split(2000, 0, 4, trained_data_version(translator))  # the grammar it was trained on
    calibration = [pair for pairs in groups.values() for pair in pairs[:2]]
    measured = [pair for pairs in groups.values() for pair in pairs[2:4]]
    strange = translation_checks.out_of_grammar(measured, 3)
    row = translation_checks.calibrate(translator, calibration, measured, strange, quantile=0.25)
    scores = [translate(translator, en, record_tree=False).candidates[0].score for en, _ in calibration]
    threshold = float(np.quantile(scores, 0.25))  # witness: numpy on translate()'s own scores
    assert abs(row["threshold"] - threshold) <= 5e-5  # rounded to 4 places
    others = [translate(translator, en, record_tree=False).candidates[0].score for en, _ in measured]
    assert row["false_alarm_rate"] == round(float(np.mean([s < row["threshold"] for s in others])), 4)
    assert row["detection"]["reversed"]["sentences"] == 3
    originals = [en for en, _ in measured if len(en.split()) >= 3][:3]
    assert strange["reversed"] == [" ".join(en.split()[::-1]) for en in originals]


def test_out_of_grammar_sentences_are_reversed_or_too_long():
    pairs = [("the black cat is happy", "x"), ("i am a student", "y")] + [(" ".join(["the cat"] * 8), "z")] * 2
    strange = translation_checks.out_of_grammar(pairs, 5)
    assert strange["reversed"][0] == "happy is cat black the"
    assert all(30 < len(s.split()) for s in strange["too_long"])


def test_translate_marks_a_cut_translation_in_text_and_json(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(translation_checks, "CONFIDENCE_FILE", tmp_path / "none.json")  # no calibration
    assert main(["translate", "the black cat is happy", "--max-length", "3", "--beam", "2"]) == 0
    out = capsys.readouterr().out
    assert "cut\n" in out and "note: the best translation was cut by the maximum length" in out
    assert main(["translate", "the black cat is happy", "--max-length", "3", "--beam", "2", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [row["cut"] for row in printed["translations"]] == [True, True] and printed["max_length"] == 3
    assert {node["fate"] for node in printed["search"]["tree"] if node["step"] == 3} <= {"cut", "pruned"}
    assert main(["translate", "the black cat is happy", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["translations"][0]["cut"] is False and printed["translations"][0]["notices"] == []


def test_the_confidence_command_writes_the_file_the_pages_read(capsys, tmp_path, monkeypatch):
    file = tmp_path / "confidence.json"
    monkeypatch.setattr(translation_checks, "CONFIDENCE_FILE", file)
    assert main(["eval", "translator", "--confidence", "--model", "tiny-translator", "--limit", "1", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    row = translation_checks.confidence_thresholds(file)["tiny-translator"]
    assert row == printed["models"][0] and row["calibration_sentences"] == 5 and row["measured_sentences"] == 5
