"""Fine-tuning a tiny random base model a few steps: the seed, the progress callback, early stopping, the kept
weights (witness: transformers' own classes scoring the saved folder), the initialisations, and the CLI."""

from __future__ import annotations

import dataclasses
import json

import pytest
import torch
import transformers

from core.data.feelings_task import load_task
from core.finetune import FinetuneConfig, finetune, initial_classifier, load_finetuned, predict, save_finetuned
from core.finetune.bag_of_words import bag_of_words
from core.finetune.training import learning_rate_factor
from tests.support.finetune_builders import save_tiny_bert_base, save_tiny_gpt_base, small_task


@pytest.fixture(scope="module")
def task():
    return small_task(load_task("feelings"))


@pytest.fixture(scope="module")
def bert_base(tmp_path_factory, task):
    return str(save_tiny_bert_base(tmp_path_factory.mktemp("bert-base"), task))


@pytest.fixture(scope="module")
def gpt_base(tmp_path_factory, task):
    return str(save_tiny_gpt_base(tmp_path_factory.mktemp("gpt-base"), task))


def config(model: str, **fields) -> FinetuneConfig:
    return FinetuneConfig(**{"model": model, "examples": 32, "max_steps": 12, "batch_size": 8,
                             "learning_rate": 1e-3, "eval_every": 3, "patience": 100, **fields})


def test_the_same_seed_gives_the_same_weights_and_another_seed_others(bert_base, task):
    first, second = finetune(config(bert_base), task=task), finetune(config(bert_base), task=task)
    other = finetune(config(bert_base, seed=1), task=task)
    assert first.history == second.history
    for (name, a), b in zip(first.classifier.model.state_dict().items(), second.classifier.model.state_dict().values()):
        assert torch.equal(a, b), name
    assert not torch.equal(first.classifier.model.classifier.weight, other.classifier.model.classifier.weight)


def test_progress_is_called_every_step_and_false_stops_the_run(bert_base, task):
    calls = []

    def progress(step, total, loss, validation_accuracy):
        calls.append((step, total, validation_accuracy))
        return step < 5

    result = finetune(config(bert_base), progress=progress, task=task)
    assert [c[0] for c in calls] == [1, 2, 3, 4, 5] and {c[1] for c in calls} == {12}
    assert calls[0][2] is None and calls[2][2] == result.history[1]["validation_accuracy"]
    assert result.steps == 5 and result.stopped_early


def test_early_stopping_follows_the_validation_history(bert_base, task):
    result = finetune(config(bert_base, max_steps=60, eval_every=1, patience=2, learning_rate=3e-3), task=task)
    accuracies = [row["validation_accuracy"] for row in result.history]
    best, waited, stop = accuracies[0], 0, None  # the rule, replayed by hand on the recorded history
    for index, value in enumerate(accuracies[1:], start=1):
        best, waited = (value, 0) if value > best else (best, waited + 1)
        if waited == 2:
            stop = index
            break
    assert result.stopped_early == (stop is not None)
    assert result.steps == (stop if stop is not None else 60)
    assert result.validation_accuracy == max(accuracies)
    assert result.best_step == result.history[accuracies.index(max(accuracies))]["step"]


@pytest.mark.parametrize("family", ["bert", "gpt"])
def test_kept_weights_score_as_reported_in_transformers(tmp_path, family, bert_base, gpt_base, task):
    base = bert_base if family == "bert" else gpt_base
    result = finetune(config(base, learning_rate=3e-3, validation_examples=None), task=task)
    folder = save_finetuned(result, tmp_path / "saved")
    cls = transformers.BertForSequenceClassification if family == "bert" else \
        transformers.GPT2ForSequenceClassification
    theirs = cls.from_pretrained(str(folder)).eval()
    classifier, record = load_finetuned(folder)
    for split, reported in ((task.validation, result.validation_accuracy), (task.heldout, result.heldout_accuracy)):
        encoded = classifier.encode([e.text for e in split])
        inputs = {"input_ids": encoded["input_ids"], "attention_mask": encoded["attention_mask"].long()}
        with torch.no_grad():
            predicted = theirs(**inputs).logits.argmax(-1)
        assert float((predicted == torch.tensor([e.label for e in split])).float().mean()) == pytest.approx(reported)
    assert record["heldout_accuracy"] == result.heldout_accuracy and record["labels"] == list(task.labels)


def test_predict_gives_probabilities_and_the_classified_tokens_attention(bert_base, gpt_base, task):
    text = task.heldout[0].text
    for base, position in ((bert_base, 0), (gpt_base, None)):
        classifier = initial_classifier(base, task.labels)
        prediction = predict(classifier, text)
        assert sum(prediction.probabilities.values()) == pytest.approx(1.0)
        assert prediction.label == max(prediction.probabilities, key=prediction.probabilities.get)
        L, H, T, S = prediction.attentions.shape
        assert T == S == len(prediction.tokens) and L == 2
        expected = position if position is not None else T - 1  # GPT: the last token, nothing padded
        assert prediction.position == expected
        torch.testing.assert_close(torch.from_numpy(prediction.classified_token_attention.sum(-1)),
                                   torch.ones(L, H))


def test_pretrained_init_copies_the_base_and_random_init_does_not(bert_base, task):
    from core.bert.checkpoint import load_bert

    base = load_bert(bert_base).model.state_dict()
    pretrained = initial_classifier(bert_base, task.labels, "pretrained", seed=0).model.state_dict()
    random = initial_classifier(bert_base, task.labels, "random", seed=0).model.state_dict()
    assert all(torch.equal(pretrained[k], base[k]) for k in pretrained if k.startswith("bert."))
    assert not torch.equal(random["bert.embeddings.word_embeddings.weight"],
                           base["bert.embeddings.word_embeddings.weight"])
    torch.testing.assert_close(random["bert.embeddings.word_embeddings.weight"].std(),
                               torch.tensor(0.02), atol=0.002, rtol=0)  # BERT's init: N(0, 0.02)


def test_learning_rate_warms_up_then_decays_linearly():
    # 100 steps, 10 % warm-up: by hand, 0.1, 0.2, ... 1.0 over steps 0-9, then (100 - s) / 90 down to 0
    assert [learning_rate_factor(s, 100, 0.1) for s in (0, 4, 9)] == pytest.approx([0.1, 0.5, 1.0])
    assert [learning_rate_factor(s, 100, 0.1) for s in (10, 55, 100)] == pytest.approx([1.0, 0.5, 0.0])


def test_bag_of_words_is_scikit_learns_logistic_regression(task):
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    result = bag_of_words(examples=None, task=task)
    vectorizer = CountVectorizer()
    model = LogisticRegression(max_iter=5000).fit(vectorizer.fit_transform([e.text for e in task.train]),
                                                  [e.label for e in task.train])
    predicted = model.predict(vectorizer.transform([e.text for e in task.heldout]))
    assert result.heldout_accuracy == pytest.approx(sum(p == e.label for p, e in zip(predicted, task.heldout))
                                                    / len(task.heldout))


def test_config_refuses_nonsense():
    with pytest.raises(ValueError, match="init"):
        FinetuneConfig(init="warm")
    with pytest.raises(ValueError, match="examples"):
        FinetuneConfig(examples=0)
    assert dataclasses.asdict(FinetuneConfig())["model"] == "tiny-bert"


def test_cli_trains_one_point_and_prints_json(tmp_path, bert_base, capsys, monkeypatch):
    from core.cli import main
    from core.data import feelings_task

    small = small_task(load_task("feelings"))
    monkeypatch.setitem(feelings_task.TASKS, "small", lambda: small)
    assert main(["finetune", "--model", bert_base, "--task", "small", "--examples", "16", "--max-steps", "4",
                 "--json", "--out", str(tmp_path / "out")]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["examples"] == 16 and printed["steps"] == 4 and printed["config"]["task"] == "small"
    assert (tmp_path / "out" / "model.safetensors").is_file()
