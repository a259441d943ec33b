"""Pretraining: masking, NSP pairs, batches, the loss going down, and checkpoints that resume bit-exactly."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from core.bert.checkpoint import load_bert
from core.bert.pretraining import (
    IGNORE,
    IS_NEXT,
    NOT_NEXT,
    PretrainingData,
    TrainConfig,
    export_model,
    load_checkpoint,
    make_optimizer,
    mask_tokens,
    save_checkpoint,
    train,
    truncate_pair,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A small generated corpus and its WordPiece vocabulary, made once for this module."""
    from core.bert.pretraining import prepare_data

    folder = tmp_path_factory.mktemp("pretrain-data")
    prepare_data(tiny_config(folder, folder))
    return folder


def tiny_config(data_dir, out_dir, **changes) -> TrainConfig:
    config = TrainConfig(data_dir=str(data_dir), out_dir=str(out_dir), train_stories=400, heldout_stories=40,
                         vocab_size=1000,
                         hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
                         max_position_embeddings=64, max_seq_length=64, batch_size=8, steps=6, warmup_steps=2,
                         learning_rate=3e-3, checkpoint_every=3, seed=5,
                         corpus_version=1)  # a folder as made before the field existed; version 2 is asked for by name
    return dataclasses.replace(config, **changes)


def toy_data() -> PretrainingData:
    stories = [[[s + 10, s + 11], [s + 20], [s + 30, s + 31, s + 32]] for s in range(0, 1000, 100)]
    return PretrainingData(stories, vocab_size=1100)  # story s holds ids s+10 ... s+32, no id in two stories


def test_mask_tokens_chooses_15_percent_then_80_10_10():
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(5, 1000, (400, 250), generator=generator)
    maskable = torch.ones_like(input_ids, dtype=torch.bool)
    maskable[:, 0] = False  # say, [CLS]
    masked, labels = mask_tokens(input_ids, maskable, generator, vocab_size=1000, mask_id=4)
    chosen = labels != IGNORE
    assert not chosen[:, 0].any()
    assert chosen.float().mean().item() == pytest.approx(0.15 * 249 / 250, abs=0.005)
    assert torch.equal(labels[chosen], input_ids[chosen])
    assert torch.equal(masked[~chosen], input_ids[~chosen])
    as_mask = (masked[chosen] == 4).float().mean().item()
    kept = (masked[chosen] == input_ids[chosen]).float().mean().item()
    assert as_mask == pytest.approx(0.8, abs=0.01)
    assert kept == pytest.approx(0.1 + 0.1 / 995, abs=0.01)  # 10% kept, plus random draws that hit the same id
    assert (masked >= 4).all()  # random replacements are never [PAD] [UNK] [CLS] [SEP]


def test_pairs_are_half_true_continuations_and_half_tails_of_other_stories():
    data, generator = toy_data(), torch.Generator().manual_seed(1)
    labels = []
    for _ in range(400):
        index = int(torch.randint(0, len(data), (1,), generator=generator))
        a, b, label = data.pair(index, generator)
        story = [t for sentence in data.stories[index] for t in sentence]
        assert story[:len(a)] == a and len(a) > 0 and len(b) > 0
        if label == IS_NEXT:
            assert a + b == story
        else:
            assert not set(b) & set(story), "a random B must come from another story"
        labels.append(label)
    assert sum(label == NOT_NEXT for label in labels) / len(labels) == pytest.approx(0.5, abs=0.07)


def test_batch_layout_cls_a_sep_b_sep_with_segments_and_padding():
    data = toy_data()
    batch = data.batch(list(range(len(data))), torch.Generator().manual_seed(2), mask_prob=0.0)
    assert (batch.input_ids[:, 0] == data.cls_id).all()
    assert (batch.mlm_labels == IGNORE).all()
    for row, segments, keep in zip(batch.input_ids, batch.token_type_ids, batch.attention_mask):
        real = row[keep].tolist()
        seps = [n for n, t in enumerate(real) if t == data.sep_id]
        assert len(seps) == 2 and seps[1] == len(real) - 1
        assert segments[:seps[0] + 1].eq(0).all() and segments[seps[0] + 1:len(real)].eq(1).all()
        assert row[~keep].eq(data.pad_id).all()


def test_truncate_pair_cuts_the_longer_segment():
    assert truncate_pair([1, 2, 3, 4, 5], [6, 7], 5) == ([1, 2, 3], [6, 7])
    assert truncate_pair([1], [2, 3, 4], 2) == ([1], [2])


def test_training_command_runs_and_the_loss_decreases(data_dir, tmp_path):
    from core.__main__ import main

    out = tmp_path / "run"
    argv = ["train", "bert", "--data-dir", str(data_dir), "--out-dir", str(out), "--train-stories", "400",
            "--heldout-stories", "40", "--vocab-size", "1000", "--seed", "5", "--hidden-size", "32",
            "--num-hidden-layers", "2", "--num-attention-heads", "2",
            "--intermediate-size", "64", "--max-position-embeddings", "64", "--max-seq-length", "64",
            "--batch-size", "16", "--steps", "40", "--warmup-steps", "4", "--learning-rate", "3e-3",
            "--checkpoint-every", "20", "--corpus-version", "1", "--quiet"]
    assert main(argv) == 0
    log = [json.loads(line) for line in (out / "log.jsonl").read_text().splitlines()]
    assert [entry["step"] for entry in log] == [20, 40]
    assert log[1]["loss"] < log[0]["loss"] - 0.5, log
    model_dir = out / "model"
    assert {"config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "training.json"} <= {
        p.name for p in model_dir.iterdir()}
    metadata = json.loads((model_dir / "training.json").read_text())
    assert metadata["config"]["steps"] == 40 and 0.0 <= metadata["heldout"]["mlm_top5"] <= 1.0
    assert load_bert(str(model_dir)).model.config.hidden_size == 32


def test_resumed_run_ends_bit_identical_to_an_uninterrupted_one(data_dir, tmp_path):
    straight = train(tiny_config(data_dir, tmp_path / "straight"), progress=False)
    first = train(tiny_config(data_dir, tmp_path / "resumed"), stop_at=3, progress=False)
    assert first.step == 3
    second = train(tiny_config(data_dir, tmp_path / "resumed"), progress=False)
    assert second.step == 6 and len(second.losses) == 3
    assert first.losses + second.losses == straight.losses
    for (name, a), (_, b) in zip(straight.model.state_dict().items(), second.model.state_dict().items(), strict=True):
        assert torch.equal(a, b), name


def test_resume_refuses_a_checkpoint_of_other_settings(data_dir, tmp_path):
    train(tiny_config(data_dir, tmp_path / "run"), stop_at=3, progress=False)
    with pytest.raises(ValueError, match="learning_rate"):
        train(tiny_config(data_dir, tmp_path / "run", learning_rate=1e-2), progress=False)


def test_a_corpus_folder_made_with_other_settings_is_refused(data_dir, tmp_path):
    with pytest.raises(ValueError, match="another --data-dir"):
        train(tiny_config(data_dir, tmp_path / "run", seed=6), progress=False)


def test_corpus_version_two_makes_its_own_folder_and_refuses_a_version_one_folder(data_dir, tmp_path):
    """--corpus-version 2 writes the family stories into train.txt and says so in corpus.json; a version-1 folder
    (whose corpus.json predates the field) is not reused for it, and still is for version 1."""
    import json

    from core.bert.pretraining import prepare_data

    with pytest.raises(ValueError, match="another --data-dir"):
        prepare_data(tiny_config(data_dir, tmp_path, corpus_version=2))
    prepare_data(tiny_config(data_dir, tmp_path))  # version 1: the folder's own manifest still matches
    folder = tmp_path / "v2"
    prepare_data(tiny_config(folder, tmp_path, corpus_version=2))
    assert json.loads((folder / "corpus.json").read_text())["corpus_version"] == 2
    assert "corpus_version" not in json.loads((data_dir / "corpus.json").read_text())
    text = (folder / "train.txt").read_text()
    assert any(word in text for word in ("kingdom", "grandchildren", "nephew", "twins"))
    assert not any(word in (data_dir / "train.txt").read_text() for word in ("kingdom", "grandchildren"))


def test_a_checkpoint_from_before_the_corpus_version_resumes_as_version_one(data_dir, tmp_path):
    train(tiny_config(data_dir, tmp_path / "run"), stop_at=3, progress=False)
    checkpoint = tmp_path / "run" / "checkpoint.pt"
    state = torch.load(checkpoint, weights_only=True)
    del state["config"]["corpus_version"]  # as written by the code of the shipped tiny-bert
    torch.save(state, checkpoint)
    assert train(tiny_config(data_dir, tmp_path / "run"), progress=False).step == 6


def test_checkpoint_and_export_reload_bit_exactly(data_dir, tmp_path):
    config = tiny_config(data_dir, tmp_path / "run")
    result = train(config, stop_at=2, progress=False)
    model, optimizer = result.model, make_optimizer(result.model, config)
    generator = torch.Generator().manual_seed(9)
    save_checkpoint(tmp_path / "c.pt", model, optimizer, 2, generator, config, 1.5)

    twin = type(model)(model.config)
    twin.init_weights(seed=123)
    twin_generator = torch.Generator()
    step, seconds = load_checkpoint(tmp_path / "c.pt", twin, make_optimizer(twin, config), twin_generator, config)
    assert (step, seconds) == (2, 1.5)
    assert torch.equal(twin_generator.get_state(), generator.get_state())
    for (name, a), (_, b) in zip(model.state_dict().items(), twin.state_dict().items(), strict=True):
        assert torch.equal(a, b), name

    exported = load_bert(str(export_model(model, data_dir, tmp_path / "export"))).model
    ids = torch.tensor([[2, 10, 11, 12, 3, 13, 3]])
    segments = torch.tensor([[0, 0, 0, 0, 0, 1, 1]])
    ours, theirs = model.eval()(ids, segments), exported(ids, segments)
    assert torch.equal(ours.mlm_logits, theirs.mlm_logits) and torch.equal(ours.nsp_logits, theirs.nsp_logits)


def test_padding_and_word_groups_shared_by_every_caller():
    from core.attention import pad_sequences
    from core.bert.wordpiece import FIRST_REGULAR_ID, SPECIAL_TOKENS, word_groups, word_text

    padded = pad_sequences([[5, 6, 7], [8]], pad_value=0)
    assert padded.dtype == torch.long and padded.tolist() == [[5, 6, 7], [8, 0, 0]]
    assert pad_sequences([[1], [2, 3]], pad_value=9).tolist() == [[1, 9], [2, 3]]
    assert FIRST_REGULAR_ID == len(SPECIAL_TOKENS) == 5
    tokens = ["[CLS]", "play", "##ing", "[MASK]", "##s", "[SEP]", "##x", "cat", "[SEP]", "[PAD]"]
    groups = word_groups(tokens)
    assert groups == [[1, 2], [3, 4], [6], [7]]  # a ## piece after [SEP] starts no word of the segment before
    assert [word_text(tokens, g) for g in groups] == ["playing", "[MASK]s", "x", "cat"]
