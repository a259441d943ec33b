"""Views and charts of the recurrent pages, on tiny random models: shapes, ranges, the step arithmetic against
the model's own numbers (dot and additive scores), teacher forcing, and token labels that stay text."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from core.rnn.recurrent import LSTM
from core.transformer.translator import trace_translation
from dashboard.charts import rnn as charts
from dashboard.views import rnn as rv
from tests.support.builders import tiny_seq2seq_translator

SOURCE = "the boys that do not wash the cup like the spanish keys that are slow"
TARGET = "les garçons qui ne lavent pas la tasse aiment les clés espagnoles qui sont lentes"


def padded_lstm_trace():
    torch.manual_seed(0)
    lstm = LSTM(4, 6, num_layers=2).eval()
    with torch.no_grad():
        return lstm(torch.randn(2, 5, 4), torch.tensor([5, 3]), record=True).trace


def test_recurrent_view_is_dims_by_steps_and_cuts_padding():
    trace = padded_lstm_trace()
    view = rv.recurrent_view(trace, ["a", "b", "c", "<pad>", "<pad>"], layer=1, row=1)
    assert view.tokens == ["a", "b", "c"]
    assert view.hidden.shape == view.cell.shape == (6, 3)
    np.testing.assert_allclose(view.hidden, trace.hidden_states[1][1, :3].numpy().T)
    assert list(view.gates) == ["input", "forget", "cell", "output"]
    for name, values in view.gates.items():
        low, high = view.gate_ranges[name]
        assert low <= values.min() and values.max() <= high
    frame = rv.recurrent_frame(view)
    assert len(frame) == 6 * 3 * 6  # hidden, cell and four gates, 6 dims x 3 steps
    summary = rv.gate_summary(view)
    np.testing.assert_allclose(summary["mean_forget"], view.gates["forget"].mean(axis=0))


def test_arithmetic_table_holds_both_sides_of_each_score():
    """The step arithmetic is core's (tests/core/test_seq2seq_step.py); the table shows it per source token."""
    translator = tiny_seq2seq_translator(0, "dot")
    trace = trace_translation(translator, SOURCE, TARGET)
    result = rv.attention_arithmetic(translator.model, trace, 2)
    frame = rv.arithmetic_frame(result)
    assert list(frame["token"]) == result.source_tokens == SOURCE.split() + ["</s>"]
    np.testing.assert_array_equal(frame["score_model"], trace.attention.scores[0, 1].double().numpy())
    np.testing.assert_allclose(frame["encoder_state_norm"], trace.encoder_outputs[0].double().norm(dim=-1).numpy())


def test_context_view_and_sizes():
    translator = tiny_seq2seq_translator(0, None)
    trace = trace_translation(translator, SOURCE, TARGET)
    view = rv.context_view(trace)
    config = translator.model.config
    assert view.values.shape == (2 * config.num_layers, config.hidden_size) and view.size == view.values.size
    assert view.source_words == len(SOURCE.split())
    frame = rv.context_frame(view)
    assert len(frame) == view.size and frame["value"].tolist() == view.values.ravel().tolist()
    sizes = rv.context_sizes(config, [3, 30])
    assert list(sizes["context_numbers"]) == [view.size, view.size]
    # with attention the decoder starts from the same final state and also reads S = words + </s> encoder states
    assert list(sizes["attention_numbers"]) == [view.size + 4 * config.hidden_size, view.size + 31 * config.hidden_size]
    with pytest.raises(ValueError):
        rv.attention_arithmetic(translator.model, trace, 1)


def test_forcing_table_reads_what_each_mode_fed():
    translator = tiny_seq2seq_translator(0, None)
    forced = trace_translation(translator, SOURCE, TARGET, teacher_forcing_ratio=1.0)
    free = trace_translation(translator, SOURCE, TARGET, teacher_forcing_ratio=0.0)
    table = rv.forcing_table(forced, free, translator.target_vocab.decode)
    words = TARGET.split() + ["</s>"]
    assert list(table["teacher_forcing_fed"]) == ["<s>"] + words[:-1]
    assert list(table["free_running_fed"][1:]) == list(table["free_running_predicted"][:-1])
    assert list(table["free_running_matches"]) == [p == r for p, r in zip(table["free_running_predicted"], words)]


def test_accuracy_rows_from_training_and_from_evaluation():
    training = {"test_exact_match_by_length": {"1-5": {"sentences": 4, "greedy_exact_match": 0.5},
                                               "6-10": {"sentences": 4, "greedy_exact_match": 0.25}}}
    frame = rv.accuracy_from_training({"m": training, "no figures": {}})
    assert list(frame["exact_match"]) == [0.5, 0.25] and set(frame["model"]) == {"m"}
    evaluation = {"buckets": {"1-5": {"sentences": 2, "greedy": {"exact_match": 1.0, "bleu": 100.0}},
                              "6-10": {"sentences": 0, "greedy": {"exact_match": None, "bleu": None}},
                              "all": {"sentences": 2, "greedy": {"exact_match": 1.0, "bleu": 100.0}}}}
    frame = rv.accuracy_from_evaluation({"m": evaluation})
    assert list(frame["bucket"]) == ["1-5"] and list(frame["bleu"]) == [100.0]
    fig = charts.accuracy_chart(frame, ["1-5", "6-10"])
    assert fig.data[0].y[0] == 100.0 and np.isnan(fig.data[0].y[1])


def test_gradient_chart_is_log_scale_with_a_line_per_cell_and_state():
    measured = {"positions": [1, 2, 3], "cells": {
        cell: {"initial": [1e-6, 1e-3, 1.0], "trained": [1e-2, 1e-1, 1.0], "initial_accuracy": 0.1,
               "trained_accuracy": 0.9} for cell in ("rnn", "lstm", "gru")}}
    frame = rv.gradient_frame(measured)
    fig = charts.gradient_chart(frame)
    assert fig.layout.yaxis.type == "log" and len(fig.data) == 6
    assert {trace.line.dash for trace in fig.data} == {"dot", "solid"}
    ratios = rv.gradient_ratios(measured)
    assert ratios.loc[ratios["state"] == "initial", "first_over_last"].tolist() == [1e-6] * 3


def test_figures_keep_tokens_as_text():
    tokens = ["<script>", "a", "a"]
    trace = padded_lstm_trace()
    view = rv.recurrent_view(trace, tokens + ["x", "y"], layer=0)
    for fig in (charts.state_heatmap(view.hidden[:, :3], tokens), charts.gates_figure(
            {k: v[:, :3] for k, v in view.gates.items()}, view.cell[:, :3], tokens)):
        labels = list(fig.data[0].x)
        assert labels[0] == "&lt;script&gt;" and len(set(labels)) == 3
    fig = charts.scores_weights_figure(tokens, [1.0, 2.0, 3.0], [0.1, 0.2, 0.7], [0.1, 0.2, 0.7], "dot")
    assert len(fig.data) == 3 and "&lt;script&gt;" in fig.data[0].x


def test_accuracy_across_seeds_is_mean_and_sample_spread():
    """The benchmark's summary over seeds, read by the view, against numpy on the same made-up runs."""
    from benchmarks.bench_recurrence import CELLS, LEARNED, across_seeds

    accuracies = {"0": 0.6, "1": 0.8, "2": 1.0, "3": 0.25, "4": 0.8}
    run = lambda accuracy, seed: {"initial": [1e-6 * (1 + int(seed)), 1.0], "trained": [0.5, 1.0],
                                  "initial_accuracy": 0.125, "trained_accuracy": accuracy}
    by_seed = {seed: {name: run(accuracy, seed) for name, _, _ in CELLS} for seed, accuracy in accuracies.items()}
    frame = rv.accuracy_across_seeds({"across_seeds": across_seeds(by_seed)})
    assert list(frame["cell"]) == [name for name, _, _ in CELLS]
    values = np.array(list(accuracies.values()))
    row = frame.iloc[0]
    assert row["seeds"] == 5 and row["learned"] == int((values > LEARNED).sum()) == 1
    assert row["mean_accuracy"] == pytest.approx(values.mean())
    assert row["std_accuracy"] == pytest.approx(values.std(ddof=1))
    assert (row["min_accuracy"], row["max_accuracy"]) == (0.25, 1.0)
    assert (row["initial_ratio_min"], row["initial_ratio_max"]) == pytest.approx((1e-6, 5e-6))
    assert rv.accuracy_across_seeds({"cells": {}}).empty  # a file measured on one seed
