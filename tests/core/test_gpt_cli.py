"""`python -m core parity` and `generate` on random GPT checkpoints: one with a byte-level BPE tokenizer trained
here, one saved without a tokenizer (fed --ids). The expected tokens come from transformers' generate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import transformers

from core.cli import main
from tests.support.gpt_builders import random_gpt, save_random_gpt

STORIES = ["The animal didn't cross the street because it was too tired.",
           "The cat sat on the mat because it was warm.", "Mary gave John the book because he asked for it."]
PROMPT = "The animal didn't"
END = "<|endoftext|>"


@pytest.fixture(scope="module")
def gpt2_with_tokenizer(tmp_path_factory) -> Path:
    """A random GPT-2 whose vocabulary is a byte-level BPE trained on three sentences."""
    from tokenizers import ByteLevelBPETokenizer

    folder = tmp_path_factory.mktemp("gpt2-bpe")
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(STORIES * 4, vocab_size=300, min_frequency=1, special_tokens=[END], show_progress=False)
    bpe.save(str(folder / "tokenizer.json"))
    tokenizer = transformers.PreTrainedTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"), eos_token=END,
                                                     bos_token=END)
    tokenizer.save_pretrained(str(folder))
    end = tokenizer.convert_tokens_to_ids(END)
    random_gpt("gpt2", seed=11, vocab_size=bpe.get_vocab_size(), bos_token_id=end, eos_token_id=end,
               n_positions=64).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def gpt1_without_tokenizer(tmp_path_factory) -> Path:
    return save_random_gpt(tmp_path_factory.mktemp("gpt1"), "openai-gpt", seed=12)


def run_json(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if code == 0 and "--json" in args else None, captured.err


def their_generate(folder: Path, cls: str, prompt: list[int], **options) -> list[list[int]]:
    model = getattr(transformers, cls).from_pretrained(str(folder)).eval()
    out = model.generate(torch.tensor([prompt]), do_sample=False, pad_token_id=0, **options)
    return out[:, len(prompt):].tolist()


def test_parity_detects_gpt2_and_reads_text(capsys, gpt2_with_tokenizer):
    code, report, _ = run_json(capsys, "parity", "--model", str(gpt2_with_tokenizer), "--text", PROMPT, "--json")
    assert code == 0 and report["reference_class"] == "GPT2LMHeadModel"
    assert "".join(report["tokens"]).replace("Ġ", " ") == PROMPT  # byte-level BPE marks a space with Ġ
    assert report["max_abs_diff"] <= 1e-5 and report["rows"][-1]["quantity"] == "next-token logits"


def test_parity_feeds_ids_to_a_checkpoint_without_tokenizer(capsys, gpt1_without_tokenizer):
    code, report, _ = run_json(capsys, "parity", "--model", str(gpt1_without_tokenizer), "--ids", "5,17,42,8",
                               "--json")
    assert code == 0 and report["reference_class"] == "OpenAIGPTLMHeadModel"
    assert report["tokens"] == ["<5>", "<17>", "<42>", "<8>"] and report["passed"]
    code, _, error = run_json(capsys, "parity", "--model", str(gpt1_without_tokenizer), "--text", PROMPT)
    assert code == 2 and "no tokenizer" in error and "token ids" in error
    code, _, error = run_json(capsys, "parity", "--model", str(gpt1_without_tokenizer), "--ids", "5,101")
    assert code == 2 and "outside the vocabulary of 101" in error


def test_parity_refuses_ids_for_bert(capsys, tiny_pretraining_folder):
    code, _, error = run_json(capsys, "parity", "--model", str(tiny_pretraining_folder), "--ids", "5,6")
    assert code == 2 and "for a BERT give --text" in error


def test_greedy_generation_equals_transformers(capsys, gpt2_with_tokenizer):
    code, report, _ = run_json(capsys, "generate", "--model", str(gpt2_with_tokenizer), PROMPT, "--max-new", "8",
                               "--json")
    assert code == 0 and report["decoding"].startswith("greedy")
    result = report["continuations"][0]
    expected = their_generate(gpt2_with_tokenizer, "GPT2LMHeadModel", report["prompt_ids"], max_new_tokens=8)[0]
    assert result["token_ids"] == expected  # transformers also stops at the end token, as ours does
    assert report["prompt"] == PROMPT and [row["id"] for row in result["tokens"]] == expected
    assert all(0 < row["p"] <= 1 for row in result["tokens"])


def test_beam_generation_equals_transformers(capsys, gpt1_without_tokenizer):
    code, report, _ = run_json(capsys, "generate", "--model", str(gpt1_without_tokenizer), "--ids", "5,17,42",
                               "--beam", "3", "--max-new", "5", "--json")
    assert code == 0 and len(report["continuations"]) == 3
    expected = their_generate(gpt1_without_tokenizer, "OpenAIGPTLMHeadModel", [5, 17, 42], max_new_tokens=5,
                              num_beams=3, num_return_sequences=3)
    assert [c["token_ids"] for c in report["continuations"]] == expected


def test_sampling_is_reproducible_by_seed(capsys, gpt2_with_tokenizer):
    args = ["generate", "--model", str(gpt2_with_tokenizer), PROMPT, "--temperature", "1.5", "--top-k", "50",
            "--top-p", "0.95", "--max-new", "12", "--json"]
    runs = [run_json(capsys, *args, "--seed", seed)[1]["continuations"][0]["token_ids"] for seed in ("1", "1", "2")]
    assert runs[0] == runs[1] and runs[0] != runs[2]


def test_bad_generate_options_give_one_line_errors(capsys, gpt1_without_tokenizer):
    folder = str(gpt1_without_tokenizer)
    for args, message in [(["--ids", "5", "--beam", "2", "--temperature", "0.7"], "takes no --temperature"),
                          ([PROMPT], "no tokenizer"), ([], "give a prompt")]:
        code, _, error = run_json(capsys, "generate", "--model", folder, *args)
        assert code == 2 and message in error and "Traceback" not in error


def test_generate_runs_from_a_terminal(gpt1_without_tokenizer):
    result = subprocess.run([sys.executable, "-m", "core", "generate", "--model", str(gpt1_without_tokenizer),
                             "--ids", "5,17,42", "--max-new", "4"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "decoding: greedy" in result.stdout and "stopped by: length" in result.stdout
