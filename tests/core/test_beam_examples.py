"""``python -m core eval beam-examples``: the outcome counts, the JSON it writes, and the shipped list
(models/beam_examples.json) reproduced by translating its examples again."""

from __future__ import annotations

import json

import pytest
import torch

from core.cli import main
from core.cli.beam_examples import EXAMPLES_FILE, sentence_outcomes
from core.transformer.translator import load_translator, trace_translation, translate, translator_model_names
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


# Two float32 runs of a tiny recurrent translator (logits up to ~50, up to ~30 decoding steps) differ in a
# log-probability by at most about eps 1.19e-7 x 50 x 30 = 1.8e-4; 1e-3 leaves a margin of five. A decision
# whose two sides are further apart than this comes out the same on any CPU.
DECISION_MARGIN = 1e-3


def step_log_probs(translator, source: str, words: str) -> tuple[torch.Tensor, list[int]]:
    """(T, V) float64 log-probabilities of each step, teacher-forced on ``words`` (the tokens decoding never
    emits at -inf), and the ids chosen (</s> last)."""
    trace = trace_translation(translator, source, words)
    ids = translator.target_vocab.encode(words.split() + ["</s>"])
    config = translator.model.config
    banned = torch.tensor([config.pad_token_id, config.unk_token_id, config.bos_token_id])  # never decoded
    return torch.log_softmax(trace.logits[0].double(), -1).index_fill(-1, banned, -torch.inf), ids


def length_penalised(log_probs: torch.Tensor, ids: list[int], alpha: float) -> float:
    """The beam's ranking score: log p / length^alpha."""
    return log_probs[torch.arange(len(ids)), ids].sum().item() / len(ids) ** alpha


def test_shipped_examples_are_beam_right_and_greedy_wrong_beyond_rounding():
    """Each listed win holds by more than float32 rounding: greedy cannot reach the reference (some step's
    reference word is beaten by more than the margin), the recorded greedy output is the greedy path (each
    word the step's best, no rival within the margin), and beam search finds the reference, whose score beats
    greedy's by more than the margin. Exact outputs from one CPU are not the promise; these decisions are."""
    if not EXAMPLES_FILE.is_file():
        pytest.skip("models/beam_examples.json is not shipped in this checkout")
    data = json.loads(EXAMPLES_FILE.read_text())
    listed = {model["model"]: model for model in data["models"]}
    assert set(translator_model_names()) <= set(listed)  # every shipped translator was searched
    for name, model in listed.items():
        assert len(model["wins"]) == min(model["beam_right_greedy_wrong"], 12)
        translator = load_translator(name)
        for win in model["wins"][:2]:
            source, alpha = win["source"], data["length_penalty"]
            reference, reference_ids = step_log_probs(translator, source, win["reference"])
            beaten_by = reference.max(-1).values - reference[torch.arange(len(reference_ids)), reference_ids]
            assert beaten_by.max() > DECISION_MARGIN, (name, source, "greedy could follow the reference")
            greedy, greedy_ids = step_log_probs(translator, source, win["greedy"])
            chosen = greedy[torch.arange(len(greedy_ids)), greedy_ids]
            rival = greedy.scatter(-1, torch.tensor(greedy_ids)[:, None], -torch.inf).max(-1).values
            assert (chosen - rival).min() > DECISION_MARGIN, (name, source, "a near-tie on the greedy path")
            assert (length_penalised(reference, reference_ids, alpha) - length_penalised(greedy, greedy_ids, alpha)
                    > DECISION_MARGIN), (name, source, "beam's score cannot tell the reference from greedy's output")
            found = translate(translator, source, beam=data["beam"], length_penalty=alpha,
                              max_length=win["max_length"], record_tree=False).candidates
            assert found[0].tokens == win["reference"].split(), (name, source)
            if len(found) > 1:  # the runner-up is no near-tie either
                assert found[0].score - found[1].score > DECISION_MARGIN, (name, source, found[1].tokens)
