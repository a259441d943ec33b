"""The RNN & LSTM page's vanilla RNN, unrolled, against torch.nn.RNN; and the figures its explanation quotes,
read back from the measurement file by hand."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from dashboard.views import rnn as rv

GRADIENTS = Path(__file__).resolve().parents[2] / "core" / "data" / "recurrent_gradients.json"


def test_unrolled_rnn_equals_torch_rnn_and_its_jacobian():
    inputs = np.random.default_rng(3).normal(size=(7, 12)).astype(np.float32)  # (S, E)
    view = rv.vanilla_rnn_view(inputs, [f"w{i}" for i in range(7)], hidden_size=5, seed=4)
    with torch.random.fork_rng():  # the same draw the view makes: core's RNN with PyTorch's initialisation
        torch.manual_seed(4)
        from core.rnn.recurrent import RNN

        ours = RNN(12, 5)
    reference = torch.nn.RNN(12, 5, nonlinearity="tanh", batch_first=True)
    reference.load_state_dict({name: getattr(ours, name) for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
                                                                       "bias_hh_l0")})
    x = torch.tensor(inputs)
    states, _ = reference(x[None])  # (1, S, H)
    # float32, 12- and 5-term sums and one tanh per step over 7 steps: far below 1e-5
    np.testing.assert_allclose(view.hidden, states[0].detach().numpy().T, atol=1e-5)
    assert view.max_difference < 1e-5
    np.testing.assert_allclose(view.input_part + view.recurrent_part, np.arctanh(np.clip(view.hidden, -0.999999,
                                                                                          0.999999)), atol=1e-3)

    def last_states(first: torch.Tensor) -> torch.Tensor:
        return reference(torch.cat([first[None], x[1:]])[None])[0][0]  # (S, H)

    jacobian = torch.autograd.functional.jacobian(last_states, x[0])  # (S, H, E)
    expected = jacobian.flatten(1).norm(dim=1).numpy()
    np.testing.assert_allclose(view.first_word_influence, expected, rtol=1e-4)
    assert view.first_word_influence[-1] < view.first_word_influence[0]


def test_step_table_is_the_equation_for_one_step():
    inputs = np.random.default_rng(0).normal(size=(4, 6)).astype(np.float32)
    view = rv.vanilla_rnn_view(inputs, list("abcd"), hidden_size=3)
    frame = rv.vanilla_step_frame(view, 2)
    np.testing.assert_allclose(np.tanh(frame["input_part"] + frame["recurrent_part"]), frame["hidden"], atol=1e-6)
    np.testing.assert_allclose(frame["hidden"], view.hidden[:, 2])


def test_gradient_story_quotes_the_measurement():
    measured = json.loads(GRADIENTS.read_text())
    story = rv.gradient_story(measured)
    for cell, short in (("rnn", "rnn"), ("lstm", "lstm"), ("gru", "gru"), ("lstm, forget bias 1", "lstm1")):
        accuracies = np.array([measured["by_seed"][str(seed)][cell]["trained_accuracy"] for seed in measured["seeds"]])
        assert story[f"{short}_accuracy"] == f"{accuracies.mean():.1%} ± {accuracies.std(ddof=1):.1%}"
        assert story[f"{short}_learned"] == str(int((accuracies > measured["learned_above"]).sum()))
        initial = [measured["by_seed"][str(seed)][cell]["initial"] for seed in measured["seeds"]]
        ratios = [norms[0] / norms[-1] for norms in initial]
        assert story[f"{short}_initial"] == f"{min(ratios):.1e}–{max(ratios):.1e}"
    gains = [by_seed["lstm, forget bias 1"]["initial"][0] / by_seed["lstm, forget bias 1"]["initial"][-1]
             for by_seed in measured["by_seed"].values()]
    plain_ratios = [by_seed["lstm"]["initial"][0] / by_seed["lstm"]["initial"][-1]
                    for by_seed in measured["by_seed"].values()]
    assert story["lstm1_gain"] == f"{min(gains) / max(plain_ratios):.0f}–{max(gains) / min(plain_ratios):.0f}"
    plain = measured["translators"]["tiny-seq2seq"]["gradient_norm"]
    attention = measured["translators"]["tiny-seq2seq-attention"]["gradient_norm"]
    assert story["plain_over_attention"] == f"{plain[0] / attention[0]:.0f}"
    assert story["plain_ratio"] == f"{plain[0] / plain[-1]:.2f}"
