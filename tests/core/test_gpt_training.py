"""``train gpt``: the byte-level BPE, the batches, the schedule, bit-exact resume, and an export that
transformers' GPT2LMHeadModel loads with the same logits as ours (witness: transformers).

Tolerance for the logits: float32 (eps 1.2e-7), 2 layers of width 24 with weights near the 0.02 init,
logits of size ~1; transformers' fused Conv1D addmm sums in another order than our Linear, a few eps
per layer: ``float32_atol(magnitude 1, depth 2 layers x 2 sublayers + head)`` ~ 6e-6, and a wrong
transpose or key is off by ~1e-2.
"""

from __future__ import annotations

import json
import math

import pytest
import torch

from core.cli import main
from core.gpt.tokenizer import END_OF_TEXT, story_text, train_byte_level_bpe
from core.gpt.training import (
    IGNORE,
    TokenStream,
    TrainConfig,
    export_model,
    learning_rate_factor,
    scored_batch,
    train,
)
from tests.support.gpt_training import tiny_train_config
from tests.support.tolerances import float32_atol

ATOL = float32_atol(magnitude=1.0, depth=5)
STORIES = [["The dog was tired.", "It slept on the mat."], ["Mary went to the park.", "She saw a red kite."]] * 20


def test_byte_level_bpe_loads_in_transformers_and_agrees_with_tokenizers(tmp_path):
    from tokenizers import ByteLevelBPETokenizer
    from transformers import AutoTokenizer, GPT2TokenizerFast

    train_byte_level_bpe((story_text(s) for s in STORIES), tmp_path, vocab_size=300, model_max_length=64)
    witness = ByteLevelBPETokenizer(str(tmp_path / "vocab.json"), str(tmp_path / "merges.txt"))
    text = "The dog saw Mary. 한국어 😀 <script>alert(1)</script>"
    for loaded in (GPT2TokenizerFast.from_pretrained(str(tmp_path)), AutoTokenizer.from_pretrained(str(tmp_path))):
        ids = loaded(text, add_special_tokens=False)["input_ids"]
        assert ids == witness.encode(text).ids
        assert loaded.decode(ids) == text  # byte-level: nothing is out of the vocabulary
        assert loaded.eos_token == END_OF_TEXT and loaded.convert_tokens_to_ids(END_OF_TEXT) == 0
    assert len(witness.get_vocab()) <= 300


def test_bpe_refuses_a_vocabulary_without_room_for_merges(tmp_path):
    with pytest.raises(ValueError, match="more than 257"):
        train_byte_level_bpe(["a b"], tmp_path, vocab_size=257, model_max_length=8)


def test_windows_are_targets_shifted_by_one():
    stream = TokenStream.from_stories([[5, 6, 7], [8, 9]], end_of_text_id=0)
    assert stream.ids.tolist() == [0, 5, 6, 7, 0, 8, 9]
    inputs, targets = stream.sample_batch(16, 3, torch.Generator().manual_seed(0))
    assert inputs.shape == targets.shape == (16, 3)
    flat = stream.ids.tolist()
    for row_in, row_out in zip(inputs.tolist(), targets.tolist()):
        start = next(i for i in range(len(flat) - 3) if flat[i:i + 3] == row_in and flat[i + 1:i + 4] == row_out)
        assert start <= len(flat) - 4


def test_scored_batch_predicts_each_token_and_the_end_and_ignores_padding():
    inputs, targets = scored_batch([[5, 6, 7], [8]], end_of_text_id=0, max_length=16)
    assert inputs.tolist() == [[0, 5, 6, 7], [0, 8, 0, 0]]
    assert targets.tolist() == [[5, 6, 7, 0], [8, 0, IGNORE, IGNORE]]


def test_schedule_warms_up_linearly_then_follows_a_cosine_to_the_floor():
    config = TrainConfig(steps=1000, warmup_steps=100, learning_rate=1e-3, min_learning_rate=1e-4)
    assert learning_rate_factor(0, config) == pytest.approx(1 / 100)
    assert learning_rate_factor(99, config) == pytest.approx(1.0)
    assert learning_rate_factor(100, config) == pytest.approx(1.0)
    # half way through the decay, cos(pi / 2) = 0: the mean of the peak and the floor
    assert learning_rate_factor(550, config) == pytest.approx((1.0 + 0.1) / 2)
    assert learning_rate_factor(1000, config) == pytest.approx(0.1)


def test_config_refuses_a_window_longer_than_the_positions():
    with pytest.raises(ValueError, match="block_size"):
        TrainConfig(block_size=256, n_positions=128)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("gpt-train")
    config = tiny_train_config(root)
    return config, train(config, resume=False, progress=False)


def test_resume_continues_bit_for_bit(trained, tmp_path):
    """Same thread count, same ops: an interrupted run resumed from its checkpoint ends with the same bits."""
    config, straight = trained
    interrupted = tiny_train_config(tmp_path, data_dir=config.data_dir)
    train(interrupted, resume=False, stop_at=3, progress=False)
    resumed = train(interrupted, resume=True, progress=False)
    assert resumed.step == straight.step == config.steps
    assert resumed.losses == straight.losses[3:]
    for (name, ours), theirs in zip(straight.model.state_dict().items(), resumed.model.state_dict().values()):
        assert torch.equal(ours, theirs), name
    log = [json.loads(line) for line in (tmp_path / "run" / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log] == [2, 3, 4, 6]  # every checkpoint_every steps and where it stopped
    assert all(math.isfinite(r["probe"]["perplexity"]) and 0 <= r["probe"]["top1"] <= 1 for r in log)


def test_resume_refuses_a_checkpoint_of_other_settings(trained, tmp_path):
    config, _ = trained
    first = tiny_train_config(tmp_path, data_dir=config.data_dir, steps=2)
    train(first, resume=False, progress=False)
    with pytest.raises(ValueError, match=r"other settings \(learning_rate\)"):
        train(tiny_train_config(tmp_path, data_dir=config.data_dir, steps=2, learning_rate=5e-4), progress=False)


def test_a_checkpoint_from_before_the_corpus_version_resumes_as_version_one(tmp_path):
    """A checkpoint written before the field existed resumes as version 1, and its corpus folder (whose manifest
    has no version) is not reused for version 2, the default."""
    run = tiny_train_config(tmp_path, steps=4, corpus_version=1)
    train(run, resume=False, stop_at=2, progress=False)
    checkpoint = tmp_path / "run" / "checkpoint.pt"
    state = torch.load(checkpoint, weights_only=True)
    del state["config"]["corpus_version"]  # as written by the code of the tiny-gpt shipped before version 2
    torch.save(state, checkpoint)
    assert train(run, progress=False).step == 4
    with pytest.raises(ValueError, match="another --data-dir"):
        train(tiny_train_config(tmp_path / "v2", data_dir=run.data_dir), progress=False)


def test_training_lowers_the_loss(tmp_path):
    config = tiny_train_config(tmp_path, steps=30, learning_rate=3e-3, warmup_steps=3, checkpoint_every=30)
    result = train(config, resume=False, progress=False)
    assert sum(result.losses[-5:]) / 5 < sum(result.losses[:5]) / 5 - 0.5


def test_export_loads_in_transformers_with_our_logits(trained, tmp_path):
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel

    from core.gpt.pipeline import load_pipeline

    config, result = trained
    folder = export_model(result.model, config.data_dir, tmp_path / "model", {"note": "test"})
    theirs = GPT2LMHeadModel.from_pretrained(str(folder), attn_implementation="eager").eval()
    assert isinstance(theirs.config, GPT2Config) and theirs.config.n_layer == 2 and theirs.config.n_head == 3
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    ids = torch.tensor([[0, *tokenizer("The animal was tired because it ran.")["input_ids"]]])
    pipeline = load_pipeline(str(folder))
    with torch.no_grad():
        expected = theirs(ids).logits
        assert torch.allclose(result.model(ids).logits, expected, atol=ATOL, rtol=0)
        assert torch.allclose(pipeline.trace(ids[0].tolist()).logits, expected, atol=ATOL, rtol=0)
    assert pipeline.encode("The animal") == tokenizer("The animal")["input_ids"]
    assert json.loads((folder / "training.json").read_text()) == {"note": "test"}


def test_train_command_stops_early_and_resumes_to_an_export(tmp_path, capsys):
    config = tiny_train_config(tmp_path, steps=4)
    args = ["train", "gpt", "--quiet", "--threads", "1", "--precision", "fp32"] + [
        arg for name in ("data_dir", "out_dir", "train_stories", "heldout_stories", "vocab_size", "n_embd", "n_layer",
                         "n_head", "n_positions", "block_size", "batch_size", "steps", "warmup_steps",
                         "checkpoint_every", "probe_stories")
        for arg in ("--" + name.replace("_", "-"), str(getattr(config, name)))]
    assert main([*args, "--stop-at", "2"]) == 0
    assert "resume" in capsys.readouterr().out
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "trained 4 of 4 steps" in out and "held-out perplexity" in out
    metadata = json.loads((tmp_path / "run" / "model" / "training.json").read_text())
    assert metadata["config"]["n_head"] == 3 and metadata["parameters"] > 0
    assert metadata["heldout"]["stories"] == 20


def test_train_command_refuses_bad_settings(capsys):
    assert main(["train", "gpt", "--n-embd", "25", "--n-head", "3", "--quiet"]) == 2
    assert "divisible" in capsys.readouterr().err
