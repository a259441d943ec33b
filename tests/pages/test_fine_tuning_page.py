"""AppTest for the Fine-tuning page: useful at once from a fine-tuned checkpoint, with its attention and answer equal
to transformers' on the same folders; a live run that ends beside the random-weights run and is starred on the
curve; a second session's run queued behind a running one and not lost; an identical run shared; bad input told,
never rendered as HTML; Korean mode in Korean.

Models: the random tiny BERT of tests/conftest.py as the base, fine-tuned two steps and saved as a shipped
checkpoint is; live runs capped at two steps (DASHBOARD_FINETUNE_MAX_STEPS).
"""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from dashboard import cache
from dashboard.training_queue import DONE, QUEUED, RUNNING
from dashboard.views import finetune as views
from tests.support.apptest import decode_plotly_array as array
from tests.support.apptest import figure_by_key as figure
from tests.support.apptest import page_texts, run_page
from tests.support.tolerances import float32_atol

STORY = "Mary beat Tom in the race. How did Tom feel?"
STEPS = 2  # every live run in these tests
WAIT = 600  # seconds: only a deadlock waits this long
BAD_INPUTS = {"empty": ("", "info"), "whitespace": ("   \t ", "info"), "3000 words": (" ".join(["the cat"] * 1500),
              "warning"), "emoji": ("😀 🐱 🚀", "warning"), "korean": ("나는 student", "warning"),
              "script": ("<script>alert(1)</script>", "warning")}


@pytest.fixture(scope="module")
def finetuned_folder(tiny_pretraining_folder, tmp_path_factory):
    """The tiny BERT fine-tuned two steps, saved as a shipped fine-tuned checkpoint is."""
    from core.finetune import FinetuneConfig, finetune, save_finetuned

    result = finetune(FinetuneConfig(model=str(tiny_pretraining_folder), examples=16, seed=0, max_steps=STEPS))
    return save_finetuned(result, tmp_path_factory.mktemp("finetuned") / "tiny-feelings")


@pytest.fixture(scope="module")
def tagger_folder(tiny_pretraining_folder, tmp_path_factory):
    """The tiny BERT's token head fine-tuned two steps on the token task, saved as a shipped one is."""
    from core.finetune import FinetuneConfig, finetune, save_finetuned

    result = finetune(FinetuneConfig(model=str(tiny_pretraining_folder), task="feeling-tags", examples=16, seed=0,
                                     max_steps=STEPS))
    return save_finetuned(result, tmp_path_factory.mktemp("tagger") / "tiny-tags")


@pytest.fixture(scope="module")
def curve_file(tmp_path_factory):
    """A learning curve in the shipped file's layout (core.finetune.curve.measure_curve): three methods, two sizes,
    two seeds."""
    rows = []
    for name, model, init, base in (("tiny-bert fine-tuned", "tiny-bert", "pretrained", 0.6),
                                    ("tiny-bert random init", "tiny-bert", "random", 0.3),
                                    ("bag of words", None, "pretrained", 0.4)):
        for n in (16, 64):
            accuracies = [base + n / 1000, base + n / 500]
            rows.append({"method": name, "model": model, "init": init, "examples": n, "examples_requested": n,
                         "seeds": [0, 1], "heldout_accuracy": accuracies, "mean": float(np.mean(accuracies)),
                         "std": float(np.std(accuracies, ddof=1)), "min": min(accuracies), "max": max(accuracies)})
    path = tmp_path_factory.mktemp("curve") / "finetune_curve.json"
    path.write_text(json.dumps({"task": "feelings", "rows": rows}))
    return path


@pytest.fixture
def served(monkeypatch, tiny_pretraining_folder, finetuned_folder, tagger_folder, curve_file) -> dict[str, str]:
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("DASHBOARD_FINETUNED", f"{finetuned_folder} {tagger_folder}")
    monkeypatch.setenv(views.ENV_MAX_STEPS, str(STEPS))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(cache, "FINETUNE_CURVE_FILE", curve_file)
    return {"model": str(tiny_pretraining_folder), "finetuned": str(finetuned_folder), "tagger": str(tagger_folder)}


def open_page(served, **query):
    at = run_page("fine_tuning", {"model": served["model"], "text": STORY, **{k: str(v) for k, v in query.items()}},
                  timeout=WAIT)
    assert not at.exception, [e.value for e in at.exception]
    assert not page_texts(at, "error")
    return at


def show_test_checkpoint(at, served):
    """"What changed" on the tiny fine-tuned checkpoint (the shipped ones of models/finetuned/ come first)."""
    at.selectbox(key="finetuned").set_value(served["finetuned"]).run(timeout=WAIT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def reference_cls_attention(folder, text: str, classification: bool):
    """[CLS]'s attention row in every layer (L, H, T) and, for a classifier, the class probabilities (C,), from
    transformers on the same folder."""
    import torch
    import transformers

    cls = transformers.BertForSequenceClassification if classification else transformers.BertModel
    model = cls.from_pretrained(str(folder), attn_implementation="eager").eval()
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(folder))
    with torch.no_grad():
        output = model(**tokenizer(text, return_tensors="pt"), output_attentions=True)
    attention = torch.stack([a[0, :, 0, :] for a in output.attentions]).numpy()  # (L, H, T)
    probabilities = torch.softmax(output.logits[0].double(), -1).numpy() if classification else None
    return attention, probabilities


def test_a_fine_tuned_checkpoint_shows_at_once_without_training(served):
    at = show_test_checkpoint(open_page(served, examples=16), served)
    assert at.button(key="finetune_train").label == "Train"
    assert cache.training_queue().job(views.run_key(served["model"], 16, 0)) is None  # nothing trained
    changed = figure(at, "finetune_cls_attention")
    before, _ = reference_cls_attention(served["model"], STORY, classification=False)
    after, probabilities = reference_cls_attention(served["finetuned"], STORY, classification=True)
    L, H, T = after.shape  # two layers: the slider's default shows both
    atol = float32_atol(1.0, depth=L)
    np.testing.assert_allclose(array(changed["data"][0]["z"]), before.reshape(L * H, T), atol=atol)
    np.testing.assert_allclose(array(changed["data"][1]["z"]), after.reshape(L * H, T), atol=atol)
    np.testing.assert_allclose(array(changed["data"][2]["z"]), (after - before).reshape(L * H, T), atol=2 * atol)
    shown = array(figure(at, "finetune_probabilities")["data"][0]["x"])
    np.testing.assert_allclose(shown, probabilities, atol=1e-6)  # the page's float32 of a float64 softmax
    curve = figure(at, "finetune_curve")
    assert {trace.get("name") for trace in curve["data"]} >= {"pretrained, then fine-tuned", "from random weights"}
    assert not any("your run" in (trace.get("name") or "") for trace in curve["data"])


def test_a_live_run_ends_beside_the_random_run_and_is_starred_on_the_curve(served):
    from core.finetune import finetune

    at = open_page(served, examples=16, seed=0)
    at.button(key="finetune_train").click().run(timeout=WAIT)
    assert not at.exception, [e.value for e in at.exception]
    key = views.run_key(served["model"], 16, 0)
    job = cache.training_queue().job(key)
    assert job is not None and job.state == DONE
    expected = {init: finetune(key.config(init)).heldout_accuracy for init in views.METHODS}  # the same run, again
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics == {"Pretrained, then fine-tuned: held-out accuracy": f"{expected['pretrained']:.1%}",
                       "From random weights: held-out accuracy": f"{expected['random']:.1%}"}
    training = figure(at, "finetune_training")
    losses = [array(trace["y"]) for trace in training["data"] if trace["xaxis"] == "x"]
    assert [len(loss) for loss in losses] == [STEPS + 1, STEPS + 1]  # step 0 has no loss yet
    stars = [trace for trace in figure(at, "finetune_curve")["data"] if "your run" in (trace.get("name") or "")]
    assert sorted(float(array(trace["y"])[0]) for trace in stars) == pytest.approx(sorted(expected.values()))
    assert at.selectbox(key="finetuned").value == views.run_id(key)  # what changed: the run just made
    assert not page_texts(at, "info") or "already made" not in " ".join(page_texts(at, "info"))
    # A second session asking for the identical run reads it at once, shared, and nothing trains again.
    order = list(cache.training_queue().order)
    again = open_page(served, examples=16, seed=0)
    assert any("already made this run" in text for text in page_texts(again, "info"))
    assert {metric.value for metric in again.metric} == {metric.value for metric in at.metric}
    assert cache.training_queue().order == order


def _until(condition) -> None:
    """Until ``condition()`` holds (checked every millisecond), failing after WAIT seconds."""
    for _ in range(WAIT * 1000):
        if condition():
            return
        threading.Event().wait(0.001)
    raise AssertionError("the condition never held")


def test_a_second_sessions_run_while_one_trains_is_queued_and_not_lost(served):
    """A first run trains (held at its start until the test lets it go); a session pressing Train meanwhile is
    queued behind it, and its page, still open, ends with its own run once the first is done. (One AppTest at a
    time: AppTest swaps process-wide state while it runs, so the first run is asked for through the queue.)"""
    queue = cache.training_queue()
    gate, running = threading.Event(), threading.Event()
    first_key, second_key = (views.run_key(served["model"], 16, seed) for seed in (1, 2))
    first_work = views.run_work(first_key)

    def first_run(report):
        running.set()
        assert gate.wait(WAIT)
        return first_work(report)

    first = queue.submit(first_key, first_run)
    assert running.wait(WAIT)
    at = open_page(served, examples=16, seed=2)
    pressing = threading.Thread(target=lambda: at.button(key="finetune_train").click().run(timeout=WAIT))
    pressing.start()
    _until(lambda: queue.job(second_key) is not None)
    second = queue.job(second_key)
    assert (first.state, second.state, queue.ahead(second)) == (RUNNING, QUEUED, 1)
    gate.set()
    pressing.join(WAIT)
    assert not pressing.is_alive()
    assert not at.exception, [e.value for e in at.exception]
    assert queue.order[-2:] == [first_key, second_key]
    assert first.state == second.state == DONE
    assert len(at.metric) == 2  # the page that waited shows its own run, ended
    assert at.selectbox(key="finetuned").value == views.run_id(second_key)
    assert not any("already made this run" in text for text in page_texts(at, "info"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_classified_token_is_named_per_model(served, lang):
    """BERT's head reads [CLS]; GPT's its last token (core.finetune.heads): the header and the text say which."""
    from core.model_folders import SHIPPED_MODELS_DIR
    from dashboard.i18n import label

    if not (SHIPPED_MODELS_DIR / "finetuned" / "tiny-gpt-feelings").is_dir():
        pytest.fail("models/finetuned/tiny-gpt-feelings is not shipped")
    at = show_test_checkpoint(open_page(served, lang=lang), served)
    headers = [h.value for h in at.header]
    assert label("finetune.changed_header", lang, token=label("finetune.token.bert", lang)) in headers
    assert label("finetune.changed_intro.bert", lang) in [m.value for m in at.markdown]
    at.selectbox(key="finetuned").set_value("tiny-gpt-feelings").run(timeout=WAIT)
    assert not at.exception, [e.value for e in at.exception]
    headers = [h.value for h in at.header]
    last = label("finetune.token.gpt", lang)
    assert label("finetune.changed_header", lang, token=last) in headers
    assert not any("[CLS]" in header for header in headers)
    assert label("finetune.changed_intro.gpt", lang) in [m.value for m in at.markdown]
    tokens = figure(at, "finetune_cls_attention")["data"][0]["x"]
    assert "endoftext" in tokens[0]  # GPT's input (its label escaped as text): the last token reads back to it


def test_a_token_classifier_tags_each_name_as_transformers_does(served):
    import torch
    import transformers

    at = open_page(served)
    assert served["finetuned"] not in at.selectbox(key="tagger").options  # sequence heads are not taggers
    at.selectbox(key="tagger").set_value(served["tagger"]).run(timeout=WAIT)
    assert served["tagger"] not in at.selectbox(key="finetuned").options
    shown = figure(at, "finetune_tags")["data"][0]
    # by hand, words numbered from 1: Mary(1) beat Tom(3) in the race . How did Tom(10) feel ?
    assert shown["y"] == ["1: Mary", "3: Tom", "10: Tom"] and shown["x"] == ["happy", "sad", "angry", "scared"]
    model = transformers.BertForTokenClassification.from_pretrained(served["tagger"]).eval()
    tokenizer = transformers.BertTokenizerFast.from_pretrained(served["tagger"])
    words = ["Mary", "beat", "Tom", "in", "the", "race", ".", "How", "did", "Tom", "feel", "?"]
    encoded = tokenizer(words, is_split_into_words=True, return_tensors="pt")
    with torch.no_grad():
        probabilities = torch.softmax(model(**encoded).logits[0].double(), -1).numpy()  # (T, C)
    first = [encoded.word_ids(0).index(word) for word in (0, 2, 9)]
    np.testing.assert_allclose(array(shown["z"]), probabilities[first], atol=1e-6)


def test_bad_input_gets_a_message_never_html(served):
    at = show_test_checkpoint(open_page(served), served)
    for case, (text, kind) in BAD_INPUTS.items():
        at.text_input(key="text").set_value(text).run(timeout=WAIT)
        assert not at.exception, (case, [e.value for e in at.exception])
        assert page_texts(at, kind), (case, page_texts(at, "info"), page_texts(at, "warning"))
        assert not page_texts(at, "error"), case
        for element in at.markdown:  # user text is never rendered as HTML
            assert "<script>" not in element.value or not element.proto.allow_html, case
    tokens = figure(at, "finetune_cls_attention")["data"][0]["x"]
    assert not any("<" in token for token in tokens)  # any markup in a token is escaped, drawn as text


def test_korean_mode_shows_no_english_label_with_a_run_made(served):
    from tests.pages.test_korean_labels import untranslated

    at = open_page(served, examples=16, seed=0, lang="ko")
    if not at.metric:  # the live-run test did not run first: make the run
        at.button(key="finetune_train").click().run(timeout=WAIT)
    assert len(at.metric) == 2 and len(at.get("plotly_chart")) == 5  # run, curve, attention, answer, name tags
    assert not untranslated(at, data=set(served.values()) | {"tiny-bert", "tiny-feelings", "tiny-bert-feeling-tags"})
