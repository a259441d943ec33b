"""AppTest for the RNN & LSTM, Seq2seq & attention and flow pages: no exception, what each page draws equals
what core computes (the hidden state, note 004's step arithmetic, the training figures, teacher forcing),
and the bad inputs of the first dashboard issue.

Models: the shipped translators (tiny-seq2seq, tiny-seq2seq-attention, tiny-translator), and random tiny
ones saved on the spot for the path where no training figures exist.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.transformer.translator import load_translator, trace_translation, translate
from tests.support.apptest import decode_plotly_array as array
from tests.support.apptest import figure_by_key as figure
from tests.support.apptest import page_texts, run_page
from tests.support.builders import tiny_seq2seq_translator, tiny_translator_folder
from tests.support.tolerances import attention_row_bounds

# A held-out sentence of the 16-20 bucket (core.data.translation.make_test_split, the world grammar the shipped
# translators learned) and its reference.
LONG = "he washes his fragile desks and his puppies that chase my rabbits do not find their wolf"
LONG_FR = "il lave ses bureaux fragiles et ses chiots qui poursuivent mes lapins ne trouvent pas leur loup"
BAD_INPUTS = {"empty": ("", "warning"), "whitespace": ("   \t ", "warning"),
              "3000 words": (" ".join(["the cat"] * 1500), "warning"), "emoji": ("😀 🐱 🚀", "warning"),
              "korean": ("나는 student", "info"), "script": ("<script>alert(1)</script>", "warning")}


@pytest.fixture
def offline(monkeypatch, tiny_pretraining_folder):
    monkeypatch.setenv("DASHBOARD_MODELS", str(tiny_pretraining_folder))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def open_page(page: str, **query) -> AppTest:
    at = run_page(page, {name: str(value) for name, value in query.items()}, timeout=240)
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame_with(at: AppTest, column: str):
    """The first table holding ``column`` (a frame's column code), its shown headers read back as the codes."""
    from dashboard.i18n import LABELS

    codes = {texts["en"]: key.removeprefix("col.") for key, texts in LABELS.items() if key.startswith("col.")}
    shown = [f.value for f in at.dataframe] + [f.value for f in at.table]  # grids, and static tables
    frames = [frame.rename(columns=lambda header: codes.get(header, header)) for frame in shown]
    frames = [frame for frame in frames if column in frame.columns]
    assert frames, [list(frame.columns) for frame in shown]
    return frames[0]


def test_rnn_page_draws_the_encoder_lstm_of_the_model(offline):
    at = open_page("rnn_lstm", source="I am a student", recurrent="tiny-seq2seq")
    translator = load_translator("tiny-seq2seq")
    trace = trace_translation(translator, "I am a student", [])
    hidden = array(figure(at, "rnn_hidden_state")["data"][0]["z"])  # (H, S): top layer by default
    expected = trace.encoder.hidden_states[-1][0].numpy().T
    assert hidden.shape == expected.shape == (translator.model.config.hidden_size, 5)
    np.testing.assert_allclose(hidden, expected, atol=1e-6)
    gates = figure(at, "lstm_gates")["data"]
    assert len(gates) == 5  # input, forget, candidate, output, cell state
    for trace_spec in gates[:4]:
        z = array(trace_spec["z"])
        assert z.min() >= trace_spec["zmin"] and z.max() <= trace_spec["zmax"]
    assert len(figure(at, "lstm_gate_means")["data"]) == 5


def test_rnn_page_layer_slider_picks_the_layer(offline):
    at = open_page("rnn_lstm", source="I am a student", recurrent="tiny-seq2seq", encoder_layer=1)
    trace = trace_translation(load_translator("tiny-seq2seq"), "I am a student", [])
    np.testing.assert_allclose(array(figure(at, "rnn_hidden_state")["data"][0]["z"]),
                               trace.encoder.hidden_states[0][0].numpy().T, atol=1e-6)


def gradient_measurement(length: int = 6) -> dict:
    decay = {"rnn": 0.2, "lstm": 0.9, "gru": 0.8}
    cells = {cell: {"initial": [rate ** (length - t) for t in range(1, length + 1)],
                    "trained": [2 * rate ** (length - t) for t in range(1, length + 1)],
                    "initial_accuracy": 0.125, "trained_accuracy": 0.5, "training_seconds": 1.0}
             for cell, rate in decay.items()}
    return {"task": "recall", "command": "python -m benchmarks recurrence", "torch_version": "test",
            "settings": {"hidden_size": 8, "length": length, "measure_batch": 4, "steps": 3},
            "positions": list(range(1, length + 1)), "cells": cells,
            "translators": {"tiny-seq2seq": {"positions": [1, 2, 3], "gradient_norm": [1e-3, 1e-2, 1e-1],
                                             "sentences_per_position": [4, 4, 2]},
                            "broken": {"error": "cannot load"}}}


def test_vanishing_gradient_chart_reads_the_measurement(offline, monkeypatch, tmp_path):
    from dashboard import cache

    measured = gradient_measurement()
    path = tmp_path / "recurrent_gradients.json"
    path.write_text(json.dumps(measured))
    monkeypatch.setattr(cache, "GRADIENTS_FILE", path)
    at = open_page("rnn_lstm")
    spec = figure(at, "vanishing_gradient")
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert len(spec["data"]) == 6  # 3 cells x (initial, trained)
    rnn_trained = next(t for t in spec["data"] if t["name"] == "vanilla RNN, trained")
    np.testing.assert_allclose(array(rnn_trained["y"]), measured["cells"]["rnn"]["trained"])
    ratios = frame_with(at, "first_over_last")
    assert float(ratios["first_over_last"].iloc[0]) == pytest.approx(0.2 ** 5, rel=1e-2)  # shown as "3.20e-04"
    translators = figure(at, "translator_gradients")
    assert [t["name"] for t in translators["data"]] == ["tiny-seq2seq"]
    assert translators["layout"]["yaxis"]["type"] == "log"


def test_gradient_chart_draws_the_committed_measurement(offline):
    from dashboard import cache

    measured = json.loads(cache.GRADIENTS_FILE.read_text())
    at = open_page("rnn_lstm")
    spec = figure(at, "vanishing_gradient")
    assert len(spec["data"]) == 2 * len(measured["cells"])
    lstm_initial = next(t for t in spec["data"] if t["name"] == "LSTM, at initialisation")
    np.testing.assert_allclose(array(lstm_initial["y"]), measured["cells"]["lstm"]["initial"])


def test_rnn_page_shows_the_accuracy_spread_over_seeds(offline):
    """The committed measurement trains every cell from several seeds; the page's table against numpy on the
    per-seed accuracies the file records."""
    from dashboard import cache

    measured = json.loads(cache.GRADIENTS_FILE.read_text())
    assert len(measured["seeds"]) >= 5
    at = open_page("rnn_lstm")
    table = frame_with(at, "mean_accuracy")
    from dashboard.charts.rnn import CELL_NAMES

    assert list(table["cell"]) == [CELL_NAMES[cell] for cell in measured["cells"]]  # proper names, not codes
    for cell, (_, row) in zip(measured["cells"], table.iterrows()):
        accuracies = np.array([measured["by_seed"][str(seed)][cell]["trained_accuracy"]
                               for seed in measured["seeds"]])
        assert row["mean_accuracy"] == f"{accuracies.mean():.1%}"
        assert row["std_accuracy"] == f"{accuracies.std(ddof=1):.1%}"
        assert row["learned"] == int((accuracies > measured["learned_above"]).sum())
    assert any("5 seeds" in caption.value for caption in at.caption)


def test_rnn_page_without_the_measurement_says_how_to_make_it(offline, monkeypatch, tmp_path):
    from dashboard import cache

    monkeypatch.setattr(cache, "GRADIENTS_FILE", tmp_path / "absent.json")
    at = open_page("rnn_lstm")
    assert any("python -m benchmarks recurrence" in text for text in page_texts(at, "info"))


def test_context_vector_is_the_same_size_for_3_or_30_words(offline):
    at = open_page("seq2seq_attention", source=LONG)
    translator = load_translator("tiny-seq2seq")
    best = translate(translator, LONG, beam=4).candidates[0]
    trace = trace_translation(translator, LONG, best.tokens)
    shown = array(figure(at, "context_vector")["data"][0]["z"])
    config = translator.model.config
    assert shown.shape == (2 * config.num_layers, config.hidden_size)
    np.testing.assert_allclose(shown[0], trace.context_hidden[0, 0].numpy(), atol=1e-6)
    np.testing.assert_allclose(shown[1], trace.context_cell[0, 0].numpy(), atol=1e-6)
    sizes = frame_with(at, "context_numbers")
    assert set(sizes["context_numbers"]) == {2 * config.num_layers * config.hidden_size}
    assert list(sizes["source_words"]) == [3, len(LONG.split()), 30]
    fixed = 2 * config.num_layers * config.hidden_size  # the final state the attention decoder also starts from
    assert list(sizes["attention_numbers"]) == [fixed + (n + 1) * config.hidden_size for n in sizes["source_words"]]


@pytest.mark.parametrize("step", [1, 3])
def test_step_arithmetic_equals_the_models_numbers(offline, step):
    at = open_page("seq2seq_attention", source=LONG, step=step)
    translator = load_translator("tiny-seq2seq-attention")
    best = translate(translator, LONG, beam=4).candidates[0]
    trace = trace_translation(translator, LONG, best.tokens)
    keys = trace.encoder_outputs[0].double().numpy()  # (S, H)
    query = trace.decoder.hidden_states[-1][0, step - 1].double().numpy()  # (H,) s_t
    scores = keys @ query  # the shipped model uses Luong's dot score
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    table = frame_with(at, "weight_model")
    np.testing.assert_allclose(table["score"], scores, atol=1e-9)
    np.testing.assert_allclose(table["weight"], weights, atol=1e-12)
    np.testing.assert_allclose(table["weight_model"], trace.attention.weights[0, step - 1].numpy(), atol=1e-7)
    # the page's float64 step against the model's float32: Higham's bound from this step's own numbers (Luong's
    # dot score is unscaled, so the query is scaled by sqrt(H) to undo the bound's 1 / sqrt(d_k))
    bound = attention_row_bounds(query * np.sqrt(len(query)), keys, keys, table["weight_model"].to_numpy())
    np.testing.assert_allclose(table["weight"], table["weight_model"], atol=bound.probs, rtol=0)
    success = page_texts(at, "success")
    assert len(success) == 1 and "max |difference|" in success[0] and not page_texts(at, "error")
    alignment = array(figure(at, "seq2seq_alignment")["data"][0]["z"])
    np.testing.assert_allclose(alignment, trace.attention.weights[0].numpy(), atol=1e-7)
    assert figure(at, "transformer_cross_attention")["data"]


def test_accuracy_by_length_shows_the_training_figures(offline):
    at = open_page("seq2seq_attention")
    spec = figure(at, "accuracy_by_length")
    # the three shipped translators learned one grammar (the world's), so the page compares them on its sentences
    assert [t["name"] for t in spec["data"]] == ["tiny-seq2seq", "tiny-seq2seq-attention", "tiny-translator"]
    for trace_spec in spec["data"]:
        recorded = load_translator(trace_spec["name"]).training["test_exact_match_by_length"]
        expected = [100 * recorded[bucket]["greedy_exact_match"] for bucket in trace_spec["x"]]
        np.testing.assert_allclose(array(trace_spec["y"]), expected)
    assert any("training.json" in caption.value for caption in at.caption)


def test_teacher_forcing_feeds_the_reference_and_free_running_its_own_output(offline):
    at = open_page("seq2seq_attention", source=LONG, reference=LONG_FR)
    table = frame_with(at, "free_running_fed")
    words = LONG_FR.split() + ["</s>"]
    assert list(table["reference"]) == words
    assert list(table["teacher_forcing_fed"]) == ["<s>"] + words[:-1]
    assert list(table["free_running_fed"])[1:] == list(table["free_running_predicted"])[:-1]
    assert next(iter(table["free_running_fed"])) == "<s>"


def test_accuracy_is_measured_on_the_server_when_training_figures_are_missing(offline, monkeypatch, tmp_path):
    from core.transformer.translator import save_translator
    from dashboard import cache

    folders = {"seq2seq": save_translator(tiny_seq2seq_translator(0, None), tmp_path / "s2s"),
               "attention": save_translator(tiny_seq2seq_translator(0, "dot"), tmp_path / "s2s-attn"),
               "transformer": tiny_translator_folder(tmp_path / "transformer")}
    monkeypatch.setenv("DASHBOARD_TRANSLATORS", " ".join(str(folder) for folder in folders.values()))
    monkeypatch.setattr(cache, "EVAL_PER_BUCKET", 2)
    at = open_page("seq2seq_attention", **{key: str(folder) for key, folder in folders.items()})
    spec = figure(at, "accuracy_by_length")
    assert len(spec["data"]) == 3
    table = frame_with(at, "bleu")
    assert set(table["sentences"]) == {2} and len(table) == 15
    assert any("Measured on this server" in caption.value for caption in at.caption)


@pytest.mark.parametrize("page", ["rnn_lstm", "seq2seq_attention"])
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_a_message_not_a_crash(offline, page, case):
    source, kind = BAD_INPUTS[case]
    at = open_page(page, source=source)
    assert page_texts(at, kind), (page_texts(at, "warning"), page_texts(at, "info"))
    assert not page_texts(at, "error")
    for element in at.markdown:  # user text is never rendered as HTML
        assert "<script>" not in element.value or not element.proto.allow_html


def test_flow_page_links_every_step_to_a_page(offline):
    at = open_page("flow")
    assert len(at.subheader) == 8
    assert [s.value.split(" ")[1] for s in at.subheader] == ["Word", "RNN", "LSTM", "Seq2Seq", "Attention",
                                                            "Transformer", "GPT-1", "BERT"]
    links = [element.proto for element in at.get("page_link")]
    assert {link.page for link in links} == {"word_embeddings", "rnn_lstm", "seq2seq_attention", "translation",
                                             "attention", "gpt_next_word", "gpt_vs_bert", "masked_lm",
                                             "embeddings", "fine_tuning"}
    assert all(link.page_script_hash for link in links)
    # Note 003 gives GPT-1 and BERT the same "unsupervised pre-training & supervised fine-tuning": both link to it
    assert [link.page for link in links].count("fine_tuning") == 2
    # "it" through translation: the Transformer step opens the Translation page on the lecture's sentence
    pronoun = [link for link in links if "coreference too" in link.label]
    assert len(pronoun) == 1 and pronoun[0].page == "translation"
    assert "cross+the+street+because+it+was+too+tired" in pronoun[0].query_string.replace("%20", "+")


def test_home_links_to_the_flow_and_every_page_with_how_to_use_it(offline):
    from dashboard.i18n import LABELS
    from dashboard.navigation import SECTIONS

    scripts = [script for entries in SECTIONS.values() for script, _ in entries]
    for lang in ("en", "ko"):
        at = open_page("home", lang=lang)
        pages = [element.proto.page or "home" for element in at.get("page_link")]  # the default page has no path
        assert pages == scripts  # flow among them, in order
        captions = [caption.value for caption in at.caption]
        for script in scripts:
            assert LABELS[f"home.page.{script}"][lang] in captions, script


def test_pages_leave_the_shared_translation_unchanged(offline):
    from dashboard import cache

    at = open_page("seq2seq_attention", source=LONG, step=2)
    shared = cache.translation_trace("tiny-seq2seq-attention", LONG,
                                     tuple(cache.beam_translation("tiny-seq2seq-attention", LONG, 4, 0, 0.6)
                                           .candidates[0].tokens))
    before = shared.attention.weights.clone()
    at.run()
    assert not at.exception
    assert shared.attention.weights.equal(before)


@pytest.mark.parametrize("page", ["rnn_lstm", "seq2seq_attention"])
def test_unknown_words_are_named_in_the_pages_language(offline, page):
    """In Korean mode a word the translator never learned is named in Korean, not as the core's English error."""
    at = open_page(page, source="the quixotic cat", lang="ko")
    warnings = page_texts(at, "warning")
    assert any("모르는 단어 'quixotic'" in text for text in warnings), warnings
    assert not any("unknown word" in text for text in warnings), warnings
    assert not page_texts(at, "error")
