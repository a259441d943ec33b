"""The shipped translators (Transformer, seq2seq, seq2seq with attention), ``python -m core translate`` and
``python -m core train translator``."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from core.__main__ import main
from core.model_folders import SHIPPED_MODELS_DIR
from core.rnn.seq2seq import Seq2seq
from core.transformer.translator import (
    TranslatorError,
    load_translator,
    trace_translation,
    translate,
    translator_model_names,
)

SHIPPED = ("tiny-translator", "tiny-seq2seq", "tiny-seq2seq-attention")


@pytest.fixture(scope="module")
def translator():
    return load_translator("tiny-translator")


@pytest.mark.parametrize("english, french", [
    ("I am a student", "je suis étudiant"),
    ("the black cat", "le chat noir"),
    ("she is tired.", "elle est fatiguée"),
])
def test_shipped_model_translates_the_seed_examples(translator, english, french):
    result = translate(translator, english, beam=4)
    assert result.candidates[0].text == french
    assert [c.score for c in result.candidates] == sorted((c.score for c in result.candidates), reverse=True)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_translator_puts_the_notes_example_first(name, capsys):
    assert main(["translate", "I am a student", "--model", name, "--beam", "4"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:4] == ["1.", "je", "suis", "étudiant"]


def test_shipped_models_record_their_training_and_have_comparable_sizes():
    assert set(SHIPPED) <= set(translator_model_names())
    assert translator_model_names()[0] == "tiny-translator"  # the default comes first in every picker
    parameters = {}
    for name in SHIPPED:
        training = load_translator(name).training
        assert training["command"].startswith("python -m core train translator")
        assert training["wall_time_seconds"] > 0 and training["device"]
        assert set(training["test_exact_match"]) == {"greedy", f"beam_{training['options']['beam_size']}"}
        buckets = training["test_exact_match_by_length"]
        assert list(buckets) == ["1-5", "6-10", "11-15", "16-20", "21-30"]
        assert all(row["sentences"] >= 300 for row in buckets.values())
        parameters[name] = training["parameters"]
    assert max(parameters.values()) <= 1.5 * min(parameters.values())  # comparable sizes: within a factor of 1.5


def test_trace_of_a_translation_holds_all_three_attentions(translator):
    result = translate(translator, "I am a student", beam=4)
    trace = trace_translation(translator, "I am a student", result.candidates[0])
    config = translator.model.config
    S, T = len(trace.source_tokens[0]), len(trace.target_tokens[0])
    assert trace.source_tokens[0] == ["i", "am", "a", "student", "</s>"]
    assert trace.target_tokens[0] == ["<s>", "je", "suis", "étudiant"]
    assert trace.output_tokens[0] == ["je", "suis", "étudiant", "</s>"]
    encoder_heads, decoder_heads = config.encoder_attention_heads, config.decoder_attention_heads
    assert [a.shape for a in trace.encoder_attentions] == [(1, encoder_heads, S, S)] * config.encoder_layers
    assert [a.shape for a in trace.decoder_self_attentions] == [(1, decoder_heads, T, T)] * config.decoder_layers
    assert [a.shape for a in trace.cross_attentions] == [(1, decoder_heads, T, S)] * config.decoder_layers
    assert trace.log_probs()[0].argmax(-1).tolist() == translator.target_vocab.encode(trace.output_tokens[0])


def test_cli_prints_the_n_best_with_scores(capsys):
    assert main(["translate", "I am a student", "--beam", "4"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:4] == ["1.", "je", "suis", "étudiant"]
    assert len(lines) == 6 and all("score" in line for line in lines[1:5])
    # the README's tree figure: counted here from the JSON tree, every row a scored hypothesis, the root and
    # the 2K extensions compared at each step ranked below 2K
    assert main(["translate", "I am a student", "--beam", "4", "--json"]) == 0
    search = json.loads(capsys.readouterr().out)["search"]
    compared = 1 + sum(node["fate"] != "root" and node["rank"] < 8 for node in search["tree"])
    assert compared == 1 + 8 * search["steps"] == search["compared_nodes"]
    assert len(search["tree"]) == search["scored_nodes"]
    assert lines[5] == (f"search tree: {compared:,} compared nodes (the root and the 2 x 4 best extensions of each "
                        f"step) of {len(search['tree']):,} scored")


# The notes' sentences, as each shipped translator gives them with beam 3. The plain seq2seq (34 % held-out exact
# match, its single context vector) writes "le chat mouillé" for the black cat: recorded in the README, not hidden.
NOTES = {"tiny-translator": {"the black cat": "le chat noir", "I am a student": "je suis étudiant"},
         "tiny-seq2seq-attention": {"the black cat": "le chat noir", "I am a student": "je suis étudiant"},
         "tiny-seq2seq": {"I am a student": "je suis étudiant"}}


@pytest.mark.parametrize("name", SHIPPED)
def test_the_notes_sentences_come_out_as_the_notes_write_them(capsys, name):
    for english, french in NOTES[name].items():
        assert main(["translate", english, "--beam", "3", "--json", "--model", name]) == 0
        assert json.loads(capsys.readouterr().out)["translations"][0]["text"] == french


@pytest.mark.parametrize("name", SHIPPED)
def test_cli_json_holds_the_tree(capsys, name):
    assert main(["translate", "the black cat", "--beam", "3", "--json", "--model", name]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["translations"][0]["text"].startswith("le chat ")
    assert out["model"] == name and out["model_type"] == load_translator(name).model_type
    tree = out["search"]["tree"]
    assert tree[0]["fate"] == "root" and {"kept", "finished"} <= {node["fate"] for node in tree}
    assert all({"token", "token_log_prob", "cumulative", "score", "parent", "step", "fate"} <= set(n) for n in tree)


@pytest.mark.parametrize("argv, message", [
    (["translate", "   "], "empty"),
    (["translate", "I am a zorblax"], "unknown word(s) 'zorblax'"),
    (["translate", "cat " * 200], "at most"),
    (["translate", "I am a student", "--beam", "0"], "--beam"),
    (["translate", "I am a student", "--model", "/nonexistent"], "no translator"),
])
def test_bad_input_gives_a_clear_message(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_loading_is_strict(tmp_path, translator):
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "broken"
    shutil.copytree(SHIPPED_MODELS_DIR / "tiny-translator", folder)
    weights = load_file(str(folder / "model.safetensors"))
    del weights["decoder.layers.0.encoder_attn.output.weight"]
    save_file(weights, str(folder / "model.safetensors"))
    with pytest.raises(TranslatorError, match=r"decoder\.layers\.0\.encoder_attn\.output\.weight"):
        load_translator(str(folder))
    weights["decoder.layers.0.encoder_attn.output.weight"] = torch.zeros(3, 3)
    save_file(weights, str(folder / "model.safetensors"))
    with pytest.raises(TranslatorError, match="shape"):
        load_translator(str(folder))


def test_training_command_writes_a_loadable_model(tmp_path, capsys):
    output = tmp_path / "mini"
    argv = ["train", "translator", "--output", str(output), "--checkpoint-dir", str(tmp_path / "run"),
            "--layers", "1", "--d-model", "16", "--heads", "2", "--ffn-dim", "32", "--steps", "4", "--batch-size", "8",
            "--num-train", "100", "--num-validation", "10", "--num-test", "5", "--data-version", "3",
            "--eval-every", "2", "--beam-size", "2", "--threads", "1"]  # the version: recorded always
    assert main(argv) == 0
    assert (tmp_path / "run" / "checkpoint.pt").is_file()
    mini = load_translator(str(output))
    assert mini.training["options"]["steps"] == 4 and mini.model.config.d_model == 16
    assert 0.0 <= mini.training["test_exact_match"]["greedy"] <= 1.0
    assert mini.training["command"] == "python -m core train translator " + " ".join(argv[2:])
    assert main(argv + ["--steps", "6", "--resume"]) == 0  # continues from step 4
    assert [h["step"] for h in load_translator(str(output)).training["history"]] == [2, 4, 6]
    assert main(argv + ["--steps", "8", "--d-model", "32", "--resume"]) == 2  # not the checkpoint's model
    assert "other settings (d_model)" in capsys.readouterr().err


@pytest.mark.parametrize("arch", ["seq2seq", "seq2seq-attention"])
def test_training_command_trains_the_recurrent_translators(tmp_path, arch):
    output = tmp_path / arch
    argv = ["train", "translator", "--arch", arch, "--output", str(output), "--checkpoint-dir", str(tmp_path / "run"),
            "--layers", "1", "--embedding-size", "8", "--hidden-size", "16", "--teacher-forcing", "0.5",
            "--steps", "4", "--batch-size", "8", "--num-train", "100", "--num-validation", "10", "--num-test", "5",
            "--data-version", "3", "--eval-every", "2", "--beam-size", "2", "--beam-per-bucket", "1", "--threads", "1"]
    assert main(argv) == 0
    mini = load_translator(str(output))
    assert isinstance(mini.model, Seq2seq) and mini.model.config.hidden_size == 16
    assert (mini.model.config.attention is not None) == (arch == "seq2seq-attention")
    assert mini.training["command"] == "python -m core train translator " + " ".join(argv[2:])
    assert main(argv + ["--steps", "6", "--resume"]) == 0
    assert [h["step"] for h in load_translator(str(output)).training["history"]] == [2, 4, 6]


def test_a_time_limited_run_records_the_command_that_reproduces_it(tmp_path):
    argv = ["train", "translator", "--arch", "seq2seq", "--output", str(tmp_path / "m"), "--checkpoint-dir",
            str(tmp_path / "run"), "--layers", "1", "--embedding-size", "8", "--hidden-size", "8", "--steps", "500",
            "--batch-size", "4", "--num-train", "100", "--num-validation", "5", "--num-test", "5",
            "--beam-per-bucket", "0", "--threads", "1", "--max-minutes", "0.0001"]
    assert main(argv) == 0
    training = load_translator(str(tmp_path / "m")).training
    steps = training["options"]["steps"]
    assert steps < 500 and f"--steps {steps} " in training["command"] and "--max-minutes" not in training["command"]
    assert "--max-minutes 0.0001" in training["launched_as"]


def test_bad_training_options_are_refused(capsys):
    assert main(["train", "translator", "--arch", "seq2seq", "--teacher-forcing", "1.5"]) == 2
    assert "teacher-forcing" in capsys.readouterr().err
