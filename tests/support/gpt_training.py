"""A tiny GPT trained on the spot by ``core.gpt.training`` (a few steps on a few hundred stories), for the
training, export and evaluation tests: seconds on one CPU thread, seeded."""

from __future__ import annotations

from pathlib import Path

from core.gpt.training import TrainConfig


def tiny_train_config(root: Path, **changes) -> TrainConfig:
    """Odd sizes (3 heads of 8), a real byte-level BPE of 400 tokens, 128 positions so every story fits."""
    settings = dict(data_dir=str(root / "data"), out_dir=str(root / "run"), train_stories=300, heldout_stories=20,
                    vocab_size=400, n_embd=24, n_layer=2, n_head=3, n_positions=128, block_size=32, batch_size=4,
                    steps=6, warmup_steps=2, checkpoint_every=2, probe_stories=8, precision="fp32")
    settings.update(changes)
    return TrainConfig(**settings)
