"""The shipped tiny-translator, ``python -m core translate`` and ``python -m core train translator``."""

from __future__ import annotations

import json
import shutil

import pytest
import torch

from core.__main__ import main
from core.models import SHIPPED_MODELS_DIR
from core.transformer.translator import (
    TranslatorError,
    load_translator,
    trace_translation,
    translate,
)


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


def test_shipped_model_records_its_training(translator):
    training = translator.training
    assert training["command"].startswith("python -m core train translator")
    assert training["wall_time_seconds"] > 0
    assert set(training["test_exact_match"]) == {"greedy", f"beam_{training['options']['beam_size']}"}


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
    assert len(lines) == 5 and all("score" in line for line in lines[1:])


def test_cli_json_holds_the_tree(capsys):
    assert main(["translate", "the black cat", "--beam", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["translations"][0]["text"] == "le chat noir"
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
            "--num-train", "100", "--num-validation", "10", "--num-test", "5", "--eval-every", "2",
            "--beam-size", "2", "--threads", "1"]
    assert main(argv) == 0
    assert (tmp_path / "run" / "checkpoint.pt").is_file()
    mini = load_translator(str(output))
    assert mini.training["options"]["steps"] == 4 and mini.model.config.d_model == 16
    assert 0.0 <= mini.training["test_exact_match"]["greedy"] <= 1.0
    assert mini.training["command"] == "python -m core train translator " + " ".join(argv[2:])
    assert main(argv + ["--steps", "6", "--resume"]) == 0  # continues from step 4
    assert [h["step"] for h in load_translator(str(output)).training["history"]] == [2, 4, 6]
