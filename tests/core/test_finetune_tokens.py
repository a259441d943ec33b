"""Fine-tuning BERT's token-classification head on the token task, a few steps on a tiny random base model: the
tags on the first word piece, the loss going down and the accuracy per tagged word (witness: transformers'
BertForTokenClassification loading the saved folder and computing its own loss with labels), and the CLI.

Tolerance of the loss comparison: float32_atol(magnitude=10, depth=4), as the heads' parity tests: a 2-layer
width-32 model summed in another order than transformers' kernels.
"""

from __future__ import annotations

import json

import pytest
import torch
import transformers

from core.data.feeling_tags_task import IGNORE
from core.data.feelings_task import load_task
from core.finetune import FinetuneConfig, finetune, load_finetuned, save_finetuned
from core.finetune.tagging import first_piece_tags, inputs_and_targets
from tests.support.finetune_builders import save_tiny_bert_base, save_tiny_gpt_base, small_task
from tests.support.tolerances import float32_atol

ATOL = float32_atol(magnitude=10, depth=4)


@pytest.fixture(scope="module")
def task():
    return small_task(load_task("feeling-tags"))


@pytest.fixture(scope="module")
def bert_base(tmp_path_factory, task):
    return str(save_tiny_bert_base(tmp_path_factory.mktemp("bert-base"), task))


def config(model: str, **fields) -> FinetuneConfig:
    return FinetuneConfig(**{"model": model, "task": "feeling-tags", "examples": 32, "max_steps": 12,
                             "batch_size": 8, "learning_rate": 3e-3, "eval_every": 3, "patience": 100, **fields})


def test_a_words_tag_goes_on_its_first_piece_only():
    # [CLS] sam had broken lucy ' s guitar . [SEP]: "'s" is one word cut in two pieces (word 4)
    word_ids = [None, 0, 1, 2, 3, 4, 4, 5, 6, None]
    tags = (IGNORE, IGNORE, IGNORE, 2, 7, IGNORE, IGNORE)
    assert first_piece_tags(word_ids, tags) == [IGNORE, IGNORE, IGNORE, IGNORE, 2, 7, IGNORE, IGNORE, IGNORE, IGNORE]


def transformers_loss_and_accuracy(folder, classifier, examples) -> tuple[float, float]:
    """transformers' own loss (its ignore_index -100) and argmax accuracy over the tagged words."""
    theirs = transformers.BertForTokenClassification.from_pretrained(str(folder)).eval()
    inputs, targets = inputs_and_targets(classifier, examples)
    with torch.no_grad():
        output = theirs(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"].long(),
                        token_type_ids=inputs["token_type_ids"], labels=targets)
    scored = targets != -100
    right = (output.logits.argmax(-1) == targets) & scored
    return float(output.loss), float(right.sum() / scored.sum())


def test_a_few_steps_lower_the_loss_and_the_accuracy_is_per_tagged_word(tmp_path, bert_base, task):
    from core.data.feelings_task import labelled_subset

    before = finetune(config(bert_base, max_steps=1, learning_rate=1e-9), task=task)  # the initial weights
    after = finetune(config(bert_base, max_steps=24, eval_every=24), task=task)  # kept: step 24's, if better
    train = labelled_subset(task.train, 32, 0)
    losses = []
    for name, result in (("before", before), ("after", after)):
        folder = save_finetuned(result, tmp_path / name)
        classifier, record = load_finetuned(folder)
        assert type(classifier.model).__name__ == "BertForTokenClassification"
        loss, _ = transformers_loss_and_accuracy(folder, classifier, train)
        losses.append(loss)
        _, heldout = transformers_loss_and_accuracy(folder, classifier, task.heldout)
        assert heldout == pytest.approx(result.heldout_accuracy)
    assert after.best_step == 24
    assert losses[1] < 0.8 * losses[0], losses  # ln 4 = 1.39 at the start


def test_our_loss_is_transformers_loss(tmp_path, bert_base, task):
    from core.finetune.tagging import classification_loss

    result = finetune(config(bert_base, max_steps=3), task=task)
    folder = save_finetuned(result, tmp_path / "saved")
    classifier, _ = load_finetuned(folder)
    inputs, targets = inputs_and_targets(classifier, task.validation)
    with torch.no_grad():
        ours = classification_loss(classifier.model(**inputs).logits, targets)
    theirs, _ = transformers_loss_and_accuracy(folder, classifier, task.validation)
    assert float(ours) == pytest.approx(theirs, abs=ATOL)


def test_gpt_has_no_token_head(tmp_path, task):
    base = str(save_tiny_gpt_base(tmp_path / "gpt", task))
    with pytest.raises(ValueError, match="only BERT has a token-classification head"):
        finetune(config(base), task=task)


def test_cli_trains_the_token_task(tmp_path, bert_base, task, capsys, monkeypatch):
    from core.cli import main
    from core.data import feelings_task

    monkeypatch.setitem(feelings_task.TASKS, "small-tags", lambda: task)
    assert main(["finetune", "--model", bert_base, "--task", "small-tags", "--examples", "16", "--max-steps", "3",
                 "--json", "--out", str(tmp_path / "out")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["steps"] == 3 and printed["config"]["task"] == "small-tags"
    saved = json.loads((tmp_path / "out" / "config.json").read_text())
    assert saved["architectures"] == ["BertForTokenClassification"]
