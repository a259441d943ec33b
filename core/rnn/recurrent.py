"""The vanilla RNN, the LSTM and the GRU, written as their equations (no nn.RNN / nn.LSTM / nn.GRU).

Shape legend: B batch, T time steps, I input width, H hidden size, L layers, G gates (1, 4 or 3).

The parameters are laid out exactly like PyTorch's (``weight_ih_l0`` (G*H, I), ``weight_hh_l0``
(G*H, H), ``bias_ih_l0``, ``bias_hh_l0`` (G*H,)), the gates stacked in PyTorch's row order, so a
``torch.nn.LSTM``'s state_dict loads by a straight copy and the two agree (tests/core/test_rnn.py).
The equations, as PyTorch's documentation writes them (σ the logistic sigmoid, ⊙ element-wise):

    RNN   h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)
    LSTM  i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)        input gate: how much new content enters
          f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)        forget gate: how much of the cell is kept
          g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)     candidate cell content
          o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)        output gate: how much of the cell is shown
          c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t                       the cell state (note 001: never leaves the cell)
          h_t = o_t ⊙ tanh(c_t)
    GRU   r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)        reset gate
          z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)        update gate
          n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))   new content
          h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}

The LSTM's additive cell update (c_t = f ⊙ c_{t-1} + ...) is why its gradient survives many steps
where the vanilla RNN's, multiplied by W_hh and tanh' at every step, vanishes (notes 001, 002).
Padded batches: a row's steps at or after its length do not change its state (its final state is
the one after its last real token, as with ``pack_padded_sequence``) and their outputs are zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

GATES = {  # PyTorch's row order of the stacked weights, and what the trace calls each block
    "rnn": ("hidden",),
    "lstm": ("input", "forget", "cell", "output"),  # i, f, g, o
    "gru": ("reset", "update", "new"),  # r, z, n
}
SIGMOID_GATES = {"input", "forget", "output", "reset", "update"}  # in [0, 1]; the others are tanh, in [-1, 1]


@dataclass
class RecurrentTrace:
    """Every time step of every layer. Values at padded steps (t >= lengths[b]) are zero.

    hidden_states[l][b, t] is layer l's h_t; for the top layer it equals the output.
    """

    cell: str  # "rnn", "lstm" or "gru"
    lengths: torch.Tensor  # (B,) real steps of each row
    hidden_states: list[torch.Tensor]  # L of (B, T, H): h_t of each layer
    cell_states: list[torch.Tensor] | None  # L of (B, T, H): the LSTM's c_t; None for RNN and GRU
    gates: list[dict[str, torch.Tensor]]  # L of {gate name: (B, T, H)}, names as in GATES[cell]

    @property
    def num_layers(self) -> int:
        return len(self.hidden_states)


@dataclass
class RecurrentOutput:
    output: torch.Tensor  # (B, T, H) the top layer's h_t (zero at padded steps); (T, B, H) if not batch_first
    h_n: torch.Tensor  # (L, B, H) each layer's hidden state after each row's last real step
    c_n: torch.Tensor | None = None  # (L, B, H) the LSTM's cell states likewise; None for RNN and GRU
    trace: RecurrentTrace | None = None  # when forward(record=True)

    @property
    def state(self):
        """What torch.nn.* return as the second value: h_n, or (h_n, c_n) for the LSTM."""
        return self.h_n if self.c_n is None else (self.h_n, self.c_n)


@dataclass
class StepOutput:
    """One time step of the whole stack (what a decoder calls once per generated token)."""

    output: torch.Tensor  # (B, H) the top layer's new h_t
    h: torch.Tensor  # (L, B, H)
    c: torch.Tensor | None  # (L, B, H) for the LSTM
    gates: list[dict[str, torch.Tensor]] = field(default_factory=list)  # L of {gate: (B, H)}


class Recurrent(nn.Module):
    """A multi-layer RNN, LSTM or GRU; constructor arguments as torch.nn.LSTM's."""

    def __init__(self, cell: str, input_size: int, hidden_size: int, num_layers: int = 1, dropout: float = 0.0,
                 batch_first: bool = True) -> None:
        super().__init__()
        if cell not in GATES:
            raise ValueError(f"cell must be one of {sorted(GATES)}, got {cell!r}")
        if min(input_size, hidden_size, num_layers) < 1 or not 0.0 <= dropout < 1.0:
            raise ValueError("input_size, hidden_size and num_layers must be positive and 0 <= dropout < 1")
        self.cell, self.input_size, self.hidden_size, self.num_layers = cell, input_size, hidden_size, num_layers
        self.batch_first = batch_first
        self.dropout = nn.Dropout(dropout)  # between layers, on every layer's output but the last (as torch.nn.LSTM)
        G = len(GATES[cell])
        for layer in range(num_layers):
            width = input_size if layer == 0 else hidden_size
            self.register_parameter(f"weight_ih_l{layer}", nn.Parameter(torch.empty(G * hidden_size, width)))
            self.register_parameter(f"weight_hh_l{layer}", nn.Parameter(torch.empty(G * hidden_size, hidden_size)))
            self.register_parameter(f"bias_ih_l{layer}", nn.Parameter(torch.empty(G * hidden_size)))
            self.register_parameter(f"bias_hh_l{layer}", nn.Parameter(torch.empty(G * hidden_size)))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's initialisation: every weight and bias uniform in ±1/sqrt(H)."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for parameter in self.parameters():
            nn.init.uniform_(parameter, -bound, bound)

    def weights(self, layer: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        return tuple(getattr(self, f"{name}_l{layer}") for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"))

    def initial_state(self, batch: int, like: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        zeros = like.new_zeros(self.num_layers, batch, self.hidden_size)  # (L, B, H)
        return zeros, (zeros.clone() if self.cell == "lstm" else None)

    def cell_step(self, layer: int, x_projected: torch.Tensor, h: torch.Tensor, c: torch.Tensor | None):
        """One step of one layer. x_projected = W_ih x_t + b_ih (B, G*H), h and c (B, H) ->
        (h_t, c_t, {gate: (B, H)})."""
        _, weight_hh, _, bias_hh = self.weights(layer)
        h_projected = nn.functional.linear(h, weight_hh, bias_hh)  # (B, G*H): W_hh h_{t-1} + b_hh
        if self.cell == "rnn":
            h_new = torch.tanh(x_projected + h_projected)
            return h_new, None, {"hidden": h_new}
        if self.cell == "lstm":
            i, f, g, o = (x_projected + h_projected).chunk(4, dim=-1)  # (B, H) each, PyTorch's i, f, g, o order
            i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            c_new = f * c + i * g
            h_new = o * torch.tanh(c_new)
            return h_new, c_new, {"input": i, "forget": f, "cell": g, "output": o}
        x_r, x_z, x_n = x_projected.chunk(3, dim=-1)  # (B, H) each
        h_r, h_z, h_n = h_projected.chunk(3, dim=-1)
        r, z = torch.sigmoid(x_r + h_r), torch.sigmoid(x_z + h_z)
        n = torch.tanh(x_n + r * h_n)  # the reset gate scales the hidden part only, as PyTorch's GRU
        h_new = (1 - z) * n + z * h
        return h_new, None, {"reset": r, "update": z, "new": n}

    def step(self, x: torch.Tensor, h: torch.Tensor, c: torch.Tensor | None = None) -> StepOutput:
        """One time step through every layer: x (B, I), h and c (L, B, H) -> StepOutput."""
        new_h, new_c, gates = [], [], []
        for layer in range(self.num_layers):
            weight_ih, _, bias_ih, _ = self.weights(layer)
            h_layer, c_layer, gate = self.cell_step(layer, nn.functional.linear(x, weight_ih, bias_ih), h[layer],
                                                    None if c is None else c[layer])
            new_h.append(h_layer)
            new_c.append(c_layer)
            gates.append(gate)
            x = self.dropout(h_layer) if layer < self.num_layers - 1 else h_layer
        c_out = torch.stack(new_c) if self.cell == "lstm" else None
        return StepOutput(x, torch.stack(new_h), c_out, gates)

    def forward(self, inputs: torch.Tensor, lengths: torch.Tensor | None = None, state=None,
                record: bool = False) -> RecurrentOutput:
        """inputs (B, T, I) (or (T, B, I) if not batch_first); lengths (B,) real steps of each row
        (default: all T); state h_0 (L, B, H), or (h_0, c_0) for the LSTM (default: zeros)."""
        x = inputs if self.batch_first else inputs.transpose(0, 1)  # (B, T, I)
        B, T, _ = x.size()
        if lengths is None:
            lengths = torch.full((B,), T, dtype=torch.long)
        lengths = lengths.to(x.device)
        valid = (torch.arange(T, device=x.device)[None, :] < lengths[:, None])[..., None]  # (B, T, 1)
        if state is None:
            h0, c0 = self.initial_state(B, x)
        else:
            h0, c0 = state if self.cell == "lstm" else (state, None)
        final_h, final_c, trace_h, trace_c, trace_gates = [], [], [], [], []
        for layer in range(self.num_layers):
            weight_ih, _, bias_ih, _ = self.weights(layer)
            projected = nn.functional.linear(x, weight_ih, bias_ih)  # (B, T, G*H): every step's input part at once
            h, c = h0[layer], None if c0 is None else c0[layer]
            outputs, cells, gates = [], [], []
            for t in range(T):
                h_new, c_new, gate = self.cell_step(layer, projected[:, t], h, c)
                keep = valid[:, t]  # (B, 1): a padded step leaves the state as it was
                h = torch.where(keep, h_new, h)
                outputs.append(h_new * keep)
                if c is not None:
                    c = torch.where(keep, c_new, c)
                    cells.append(c_new * keep)
                if record:
                    gates.append({name: value * keep for name, value in gate.items()})
            x = torch.stack(outputs, dim=1)  # (B, T, H)
            final_h.append(h)
            final_c.append(c)
            if record:
                trace_h.append(x)
                trace_c.append(torch.stack(cells, dim=1) if cells else None)
                trace_gates.append({name: torch.stack([g[name] for g in gates], dim=1) for name in GATES[self.cell]})
            if layer < self.num_layers - 1:
                x = self.dropout(x)
        trace = None
        if record:
            trace = RecurrentTrace(self.cell, lengths.cpu(), trace_h, trace_c if self.cell == "lstm" else None,
                                   trace_gates)
        output = x if self.batch_first else x.transpose(0, 1)
        c_n = torch.stack(final_c) if self.cell == "lstm" else None
        return RecurrentOutput(output, torch.stack(final_h), c_n, trace)


class RNN(Recurrent):
    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, dropout: float = 0.0,
                 batch_first: bool = True) -> None:
        super().__init__("rnn", input_size, hidden_size, num_layers, dropout, batch_first)


class LSTM(Recurrent):
    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, dropout: float = 0.0,
                 batch_first: bool = True) -> None:
        super().__init__("lstm", input_size, hidden_size, num_layers, dropout, batch_first)


class GRU(Recurrent):
    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, dropout: float = 0.0,
                 batch_first: bool = True) -> None:
        super().__init__("gru", input_size, hidden_size, num_layers, dropout, batch_first)
