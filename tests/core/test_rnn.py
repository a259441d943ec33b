"""The from-scratch RNN, LSTM and GRU of core.rnn.recurrent against torch.nn.RNN / LSTM / GRU."""

from __future__ import annotations

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from core.rnn.recurrent import GATES, GRU, LSTM, RNN, SIGMOID_GATES, Recurrent
from tests.support.tolerances import float32_atol

REFERENCES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
LENGTHS = torch.tensor([9, 4, 1, 6])  # unsorted, one row of a single step


def pair(cell: str, layers: int = 3, seed: int = 0, dtype=torch.float64):
    torch.manual_seed(seed)
    ours = Recurrent(cell, 5, 7, num_layers=layers).to(dtype)
    theirs = REFERENCES[cell](5, 7, num_layers=layers, batch_first=True).to(dtype)
    theirs.load_state_dict(ours.state_dict())  # a straight copy: same names, same shapes, same gate order
    return ours, theirs


@pytest.mark.parametrize("cell", sorted(REFERENCES))
def test_weights_are_laid_out_like_pytorch(cell):
    ours, theirs = pair(cell)
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in theirs.state_dict().items()}


# ours against torch.nn's kernels: values <= 1 (tanh, sigmoid) through 9 steps and 3 layers of roundings that
# compound, eps x 12 x a margin of 10: 1.4e-5 in float32, 2.7e-14 in float64
@pytest.mark.parametrize("dtype, tolerance", [(torch.float64, torch.finfo(torch.float64).eps * 12 * 10),
                                              (torch.float32, torch.finfo(torch.float32).eps * 12 * 10)])
@pytest.mark.parametrize("cell", sorted(REFERENCES))
def test_padded_multi_layer_batch_equals_torch_packed(cell, dtype, tolerance):
    ours, theirs = pair(cell, dtype=dtype)
    x = torch.randn(4, 9, 5, dtype=dtype)
    state = torch.randn(3, 4, 7, dtype=dtype)
    initial = (state, torch.randn(3, 4, 7, dtype=dtype)) if cell == "lstm" else state
    got = ours(x, LENGTHS, initial)
    packed = pack_padded_sequence(x, LENGTHS, batch_first=True, enforce_sorted=False)
    out, expected_state = theirs(packed, initial)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=9)  # zeros after each row's length
    assert (got.output - out).abs().max().item() <= tolerance
    expected_h = expected_state[0] if cell == "lstm" else expected_state
    assert (got.h_n - expected_h).abs().max().item() <= tolerance
    if cell == "lstm":
        assert (got.c_n - expected_state[1]).abs().max().item() <= tolerance


@pytest.mark.parametrize("cell", sorted(REFERENCES))
def test_full_length_time_major_equals_torch(cell):
    torch.manual_seed(1)
    ours = Recurrent(cell, 3, 4, num_layers=2, batch_first=False)
    theirs = REFERENCES[cell](3, 4, num_layers=2)
    theirs.load_state_dict(ours.state_dict())
    x = torch.randn(6, 2, 3)  # (T, B, I)
    got, (out, state) = ours(x), theirs(x)
    atol = float32_atol(magnitude=1, depth=6 + 2)  # values <= 1 through 6 steps and 2 layers
    torch.testing.assert_close(got.output, out, atol=atol, rtol=0)
    torch.testing.assert_close(got.h_n, state[0] if cell == "lstm" else state, atol=atol, rtol=0)


@pytest.mark.parametrize("cell", sorted(REFERENCES))
def test_trace_records_every_step_and_gates_stay_in_range(cell):
    ours, _ = pair(cell, dtype=torch.float32)
    with torch.no_grad():  # large weights push the gates towards their limits, where a wrong activation shows
        for parameter in ours.parameters():
            parameter.mul_(8.0)
    x = torch.randn(4, 9, 5)
    result = ours(x, LENGTHS, record=True)
    trace = result.trace
    assert trace.num_layers == 3 and set(trace.gates[0]) == set(GATES[cell])
    torch.testing.assert_close(trace.hidden_states[-1], result.output)
    assert (trace.cell_states is not None) == (cell == "lstm")
    seen_low = seen_high = False
    for layer in range(3):
        for name, values in trace.gates[layer].items():
            assert values.shape == (4, 9, 7)
            low, high = (0.0, 1.0) if name in SIGMOID_GATES else (-1.0, 1.0)
            assert low <= values.min().item() and values.max().item() <= high, name
            seen_low |= values.min().item() < low + 0.05
            seen_high |= values.max().item() > high - 0.05
        for b, length in enumerate(LENGTHS.tolist()):  # padded steps are recorded as zero
            assert trace.hidden_states[layer][b, length:].abs().sum() == 0
            assert trace.hidden_states[layer][b, length - 1].abs().sum() > 0
            torch.testing.assert_close(trace.hidden_states[layer][b, length - 1], result.h_n[layer, b])
            if cell == "lstm":
                torch.testing.assert_close(trace.cell_states[layer][b, length - 1], result.c_n[layer, b])
    assert seen_low and seen_high  # the range test met values near both limits


def test_lstm_cell_state_follows_its_equation():
    """c_t = f ⊙ c_{t-1} + i ⊙ g and h_t = o ⊙ tanh(c_t), checked on the recorded gates."""
    torch.manual_seed(2)
    lstm = LSTM(3, 5)
    trace = lstm(torch.randn(2, 6, 3), record=True).trace
    gates, cells, hidden = trace.gates[0], trace.cell_states[0], trace.hidden_states[0]
    previous = torch.cat([torch.zeros(2, 1, 5), cells[:, :-1]], dim=1)
    torch.testing.assert_close(cells, gates["forget"] * previous + gates["input"] * gates["cell"])
    torch.testing.assert_close(hidden, gates["output"] * torch.tanh(cells))


def test_one_step_at_a_time_equals_the_whole_sequence():
    torch.manual_seed(3)
    for model in (RNN(3, 4, 2), LSTM(3, 4, 2), GRU(3, 4, 2)):
        x = torch.randn(2, 5, 3)
        whole = model(x)
        h, c = model.initial_state(2, x)
        for t in range(5):
            out = model.step(x[:, t], h, c)
            h, c = out.h, out.c
            torch.testing.assert_close(out.output, whole.output[:, t])
        torch.testing.assert_close(h, whole.h_n)


def test_dropout_between_layers_only_in_training():
    torch.manual_seed(4)
    model = LSTM(3, 16, num_layers=2, dropout=0.5)
    x = torch.randn(2, 4, 3)
    model.eval()
    assert torch.equal(model(x).output, model(x).output)
    model.train()
    assert not torch.equal(model(x).output, model(x).output)
    single = LSTM(3, 16, num_layers=1, dropout=0.5).train()  # no layer above: dropout never applies
    assert torch.equal(single(x).output, single(x).output)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="cell"):
        Recurrent("transformer", 3, 4)
    with pytest.raises(ValueError, match="positive"):
        LSTM(3, 0)
