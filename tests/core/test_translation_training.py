"""Translator training (core.translation_training): the same batches for every architecture, and held-out
exact match measured as ``python -m core eval translator`` measures it (core.analysis.evaluation)."""

from __future__ import annotations

import torch

from core import translation_training
from core.analysis.evaluation import bucketed_test_split, exact_match_by_length, trained_data_version
from core.data.translation import make_test_split
from core.decoding import decode_length_limit
from core.transformer.translator import load_translator, translate
from core.translation_training import TrainingOptions, train, training_loss


def batches_read(monkeypatch, tmp_path, arch: str) -> list[torch.Tensor]:
    """The source batches one short run of ``arch`` trains on, in order (three epochs of 100 sentences)."""
    seen = []

    def recording(model, source, target, options, forcing_draws):
        seen.append(source.clone())
        return training_loss(model, source, target, options, forcing_draws)

    monkeypatch.setattr(translation_training, "training_loss", recording)
    options = TrainingOptions(arch=arch, output=str(tmp_path / arch), checkpoint_dir=str(tmp_path / f"run-{arch}"),
                              layers=1, d_model=16, heads=2, ffn_dim=32, embedding_size=8, hidden_size=16,
                              teacher_forcing=0.5, steps=39, batch_size=8, num_train=100, num_validation=4,
                              num_test=5, eval_every=100, beam_per_bucket=0)
    train(options)
    return seen


def test_every_architecture_reads_the_same_batches_in_every_epoch(monkeypatch, tmp_path):
    """100 sentences in batches of 8 are 13 steps an epoch: 39 steps read three epochs. The recurrent models
    draw teacher-forcing coins on every step; those draws must not move the batch order."""
    transformer = batches_read(monkeypatch, tmp_path, "transformer")
    assert len(transformer) == 39
    for arch in ("seq2seq", "seq2seq-attention"):
        recurrent = batches_read(monkeypatch, tmp_path, arch)
        assert len(recurrent) == len(transformer)
        for step, (ours, theirs) in enumerate(zip(recurrent, transformer)):
            assert torch.equal(ours, theirs), f"{arch} read another batch at step {step + 1}"


def test_the_decoding_limit_leaves_room_for_every_reference():
    """Exact match is decided within decode_length_limit: every held-out reference (with </s>) must fit, so the
    limit never turns a right translation wrong (the widest French is far below twice its English plus 10)."""
    for english, french in make_test_split(data_version=2) + make_test_split(data_version=3):
        source_length = len(english.split()) + 1  # </s>
        assert len(french.split()) + 1 <= decode_length_limit(source_length, 128)


def test_recorded_exact_match_equals_translating_each_sentence():
    """Training's record, against the witness of translate() one sentence at a time, greedy and beam."""
    translator = load_translator("tiny-translator")
    groups = bucketed_test_split(2000, 0, 4, trained_data_version(translator))  # the grammar it was trained on
    pairs = [pair for group in groups.values() for pair in group]
    figures = exact_match_by_length(translator, pairs, beam=2, beam_per_bucket=2)
    for label, group in groups.items():
        greedy = [translate(translator, en, greedy=True).candidates[0].tokens == fr.split() for en, fr in group]
        beam = [translate(translator, en, beam=2, record_tree=False).candidates[0].tokens == fr.split()
                for en, fr in group[:2]]
        assert figures[label] == {"sentences": 4, "greedy_exact_match": sum(greedy) / 4,
                                  "beam_2_exact_match": sum(beam) / 2, "beam_2_sentences": 2}
    assert sum(row["greedy_exact_match"] for row in figures.values()) > 0  # the witness is not all-wrong
