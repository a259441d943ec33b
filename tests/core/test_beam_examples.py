"""``python -m core eval beam-examples``: the outcome counts, the JSON it writes, and the shipped list
(models/beam_examples.json) reproduced by translating its examples again."""

from __future__ import annotations

import json

import pytest

from core.cli import main
from core.cli.beam_examples import EXAMPLES_FILE, sentence_outcomes
from core.transformer.translator import load_translator, translate, translator_model_names
from tests.support.builders import tiny_translator_folder


def test_outcomes_count_who_is_right_and_list_only_beam_wins():
    sources = ["a b c", "a", "a b", "c"]
    references = ["x y z", "x", "x y", "z"]
    greedy = [["x", "y", "z"], ["w"], ["x", "y"], ["w"]]
    beam = [["x", "y", "z"], ["x"], ["x", "w"], ["v"]]
    found = sentence_outcomes(sources, references, greedy, beam)
    assert {k: found[k] for k in ("both_right", "beam_right_greedy_wrong", "greedy_right_beam_wrong", "both_wrong",
                                  "beam_differs")} == {"both_right": 1, "beam_right_greedy_wrong": 1,
                                                       "greedy_right_beam_wrong": 1, "both_wrong": 1,
                                                       "beam_differs": 3}
    assert found["wins"] == [{"source": "a", "reference": "x", "greedy": "w", "beam": "x"}]


def test_command_writes_the_file_the_page_reads(tmp_path):
    folder = tiny_translator_folder(tmp_path / "random-translator")
    output = tmp_path / "examples.json"
    assert main(["eval", "beam-examples", "--model", str(folder), "--limit", "1", "--beam", "2", "--threads", "1",
                 "--output", str(output)]) == 0
    data = json.loads(output.read_text())
    assert data["beam"] == 2 and data["test_split"]["limit_per_bucket"] == 1
    assert "--beam 2" in data["command"] and "--limit 1" in data["command"]
    (model,) = data["models"]
    assert model["model"] == "random-translator" and model["sentences"] == 5
    assert sum(model[k] for k in ("both_right", "beam_right_greedy_wrong", "greedy_right_beam_wrong",
                                  "both_wrong")) == 5


@pytest.mark.parametrize("options, message", [(["--beam", "1"], "--beam must be at least 2"),
                                              (["--limit", "0"], "--limit must be at least 1")])
def test_bad_options_give_one_clear_line(options, message, capsys):
    assert main(["eval", "beam-examples", *options]) == 2
    assert message in capsys.readouterr().err


def test_shipped_examples_reproduce_beam_right_and_greedy_wrong():
    if not EXAMPLES_FILE.is_file():
        pytest.skip("models/beam_examples.json is not shipped in this checkout")
    data = json.loads(EXAMPLES_FILE.read_text())
    listed = {model["model"]: model for model in data["models"]}
    assert set(translator_model_names()) <= set(listed)  # every shipped translator was searched
    for name, model in listed.items():
        assert len(model["wins"]) == min(model["beam_right_greedy_wrong"], 12)
        translator = load_translator(name)
        for win in model["wins"][:2]:
            beam = translate(translator, win["source"], beam=data["beam"], length_penalty=data["length_penalty"],
                             max_length=win["max_length"], record_tree=False).candidates[0]
            greedy = translate(translator, win["source"], max_length=win["max_length"], greedy=True).candidates[0]
            assert beam.tokens == win["reference"].split() != greedy.tokens
            assert greedy.tokens == win["greedy"].split()
