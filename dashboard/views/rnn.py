"""From recurrent traces (``core.rnn``) to what the RNN & LSTM and Seq2seq & attention pages show.

No Streamlit, no figures. Shape legend: L layers, H hidden size, S source tokens (with </s>),
T decoding steps, V target vocabulary.

Note 004's four steps of a decoding step, redone in float64 and checked against the model's float32
numbers within bounds reasoned from their magnitudes, are core's (core.analysis.seq2seq_step), so a notebook
gets the page's numbers; this module turns them into tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis import seq2seq_step
from core.analysis.attention_maps import as_array
from core.analysis.seq2seq_step import AttentionArithmetic
from core.analysis.seq2seq_step import attention_arithmetic as attention_arithmetic  # what the page calls
from core.rnn.recurrent import GATES, SIGMOID_GATES, RecurrentTrace
from core.rnn.seq2seq import Seq2seqTrace

SEQ2SEQ, ATTENTION, TRANSFORMER = "seq2seq-lstm", "seq2seq-lstm-attention", "encoder-decoder-transformer"
FAMILIES = (SEQ2SEQ, ATTENTION, TRANSFORMER)  # the three shipped translators, in the lecture's order


def by_family(model_types: dict[str, str]) -> dict[str, list[str]]:
    """{model name: model_type} -> {family: names offering it}, in the lecture's order."""
    return {family: [name for name, kind in model_types.items() if kind == family] for family in FAMILIES}


# ---------------------------------------------------------------------------------------------
# RNN & LSTM: one recurrent stack's states and gates over time
# ---------------------------------------------------------------------------------------------

@dataclass
class RecurrentView:
    tokens: list[str]  # S input tokens (the time steps)
    hidden: np.ndarray  # (H, S) h_t of the chosen layer, one column per step
    cell: np.ndarray | None  # (H, S) the LSTM's c_t; None for RNN and GRU
    gates: dict[str, np.ndarray]  # {gate: (H, S)} in GATES[cell] order

    @property
    def gate_ranges(self) -> dict[str, tuple[float, float]]:
        """σ gates live in [0, 1], the tanh candidate in [-1, 1] (PyTorch's equations)."""
        return {name: (0.0, 1.0) if name in SIGMOID_GATES else (-1.0, 1.0) for name in self.gates}


def recurrent_view(trace: RecurrentTrace, tokens: list[str], layer: int, row: int = 0) -> RecurrentView:
    """Sentence ``row`` of a trace, layer ``layer`` (0-based), transposed to dims × steps; padding cut off."""
    S = int(trace.lengths[row])
    dims_by_steps = lambda x: as_array(x[row, :S]).T  # (S, H) -> (H, S)
    cell = None if trace.cell_states is None else dims_by_steps(trace.cell_states[layer])
    gates = {name: dims_by_steps(trace.gates[layer][name]) for name in GATES[trace.cell]}
    return RecurrentView(list(tokens[:S]), dims_by_steps(trace.hidden_states[layer]), cell, gates)


def recurrent_frame(view: RecurrentView) -> pd.DataFrame:
    """Long table for download: one row per (quantity, dimension, step)."""
    parts = {"hidden": view.hidden, **({"cell": view.cell} if view.cell is not None else {}),
             **{f"gate_{name}": values for name, values in view.gates.items()}}
    frames = []
    for quantity, values in parts.items():
        H, S = values.shape
        dim, step = np.meshgrid(np.arange(H), np.arange(S), indexing="ij")
        frames.append(pd.DataFrame({"quantity": quantity, "dimension": dim.ravel(), "step": step.ravel() + 1,
                                    "token": np.array(view.tokens, dtype=object)[step.ravel()],
                                    "value": values.ravel()}))
    return pd.concat(frames, ignore_index=True)


def gate_summary(view: RecurrentView) -> pd.DataFrame:
    """Per step: each gate's mean over the hidden dimensions, and the cell state's mean |c_t|."""
    frame = pd.DataFrame({"step": np.arange(1, len(view.tokens) + 1), "token": view.tokens})
    for name, values in view.gates.items():
        frame[f"mean_{name}"] = values.mean(axis=0)
    if view.cell is not None:
        frame["mean_abs_cell"] = np.abs(view.cell).mean(axis=0)
    return frame


def gradient_frame(measured: dict) -> pd.DataFrame:
    """benchmarks/bench_recurrence.py's JSON -> (cell, state, position, gradient_norm, accuracy) rows."""
    positions = measured["positions"]
    rows = []
    for cell, figures in measured["cells"].items():
        for state in ("initial", "trained"):
            for position, norm in zip(positions, figures[state]):
                rows.append({"cell": cell, "state": state, "position": position, "gradient_norm": norm,
                             "accuracy": figures[f"{state}_accuracy"]})
    return pd.DataFrame(rows)


def translator_gradient_frame(measured: dict) -> pd.DataFrame:
    """The measurement's shipped translators (when present): (model, position, gradient_norm, sentences) rows."""
    rows = []
    for model, figures in (measured.get("translators") or {}).items():
        if "gradient_norm" not in figures:  # the benchmark could not load this model
            continue
        for position, norm, count in zip(figures["positions"], figures["gradient_norm"],
                                         figures["sentences_per_position"]):
            rows.append({"model": model, "position": position, "gradient_norm": norm, "sentences": count})
    return pd.DataFrame(rows, columns=["model", "position", "gradient_norm", "sentences"])


def gradient_ratios(measured: dict) -> pd.DataFrame:
    """Per cell and state: ||dL/dx_1|| / ||dL/dx_T||, how much of the gradient reaches the first position."""
    rows = []
    for cell, figures in measured["cells"].items():
        for state in ("initial", "trained"):
            norms = figures[state]
            rows.append({"cell": cell, "state": state, "first_position": norms[0], "last_position": norms[-1],
                         "first_over_last": norms[0] / norms[-1] if norms[-1] else float("nan"),
                         "accuracy": figures[f"{state}_accuracy"]})
    return pd.DataFrame(rows)


def accuracy_across_seeds(measured: dict) -> pd.DataFrame:
    """Per cell, over the measurement's seeds: the trained recall accuracy's mean, sample standard deviation,
    min and max, how many seeds learned the task, and the range of the first-over-last gradient ratio at
    initialisation and trained; no rows for a file measured before seeds were (one seed says nothing of spread)."""
    rows = []
    for cell, summary in (measured.get("across_seeds") or {}).items():
        accuracy = summary["trained_accuracy"]
        rows.append({"cell": cell, "seeds": summary["seeds"], "mean_accuracy": accuracy["mean"],
                     "std_accuracy": accuracy["std"], "min_accuracy": accuracy["min"],
                     "max_accuracy": accuracy["max"], "learned": summary["learned"],
                     **{f"{state}_ratio_{end}": summary[f"{state}_ratio"][end]
                        for state in ("initial", "trained") for end in ("min", "max")}})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# The vanilla RNN, unrolled: h_t = tanh(W x_t + U h_{t-1} + b)
# ---------------------------------------------------------------------------------------------

VANILLA_HIDDEN = 16  # small enough to read every dimension on a projector
VANILLA_SEED = 0


@dataclass
class VanillaRnnView:
    """One sentence through a vanilla RNN cell (core.rnn.RNN), step by step. H hidden, S steps."""

    tokens: list[str]
    input_part: np.ndarray  # (H, S) W x_t + b_ih
    recurrent_part: np.ndarray  # (H, S) U h_{t-1} + b_hh
    hidden: np.ndarray  # (H, S) h_t = tanh(input_part + recurrent_part)
    model_hidden: np.ndarray  # (H, S) the same states from core.rnn.RNN's own forward pass
    first_word_influence: np.ndarray  # (S,) ||dh_t / dx_1||, Frobenius: how much of the first input h_t still holds

    @property
    def max_difference(self) -> float:
        return float(np.abs(self.hidden - self.model_hidden).max())


def vanilla_rnn_view(inputs: np.ndarray, tokens: list[str], hidden_size: int = VANILLA_HIDDEN,
                     seed: int = VANILLA_SEED) -> VanillaRnnView:
    """``inputs`` (S, E), the word vectors x_t, through a one-layer RNN with PyTorch's initialisation (seed
    ``seed``), unrolled here in the note's equation and checked against core.rnn.RNN's forward pass."""
    import torch

    from core.rnn.recurrent import RNN

    with torch.random.fork_rng():
        torch.manual_seed(seed)
        cell = RNN(inputs.shape[1], hidden_size)
    x = torch.tensor(inputs, dtype=torch.float32, requires_grad=True)  # (S, E)
    W, U, b_ih, b_hh = (weight.detach() for weight in cell.weights(0))
    h = torch.zeros(hidden_size)
    input_parts, recurrent_parts, states = [], [], []
    for t in range(x.shape[0]):
        input_part, recurrent_part = W @ x[t] + b_ih, U @ h + b_hh  # (H,) each
        h = torch.tanh(input_part + recurrent_part)
        input_parts.append(input_part)
        recurrent_parts.append(recurrent_part)
        states.append(h)
    influence = []
    for state in states:  # ||dh_t / dx_1||: H backward passes of one row each
        rows = [torch.autograd.grad(state[i], x, retain_graph=True)[0][0] for i in range(hidden_size)]
        influence.append(float(torch.stack(rows).norm()))
    with torch.no_grad():
        model_hidden = cell(x.detach()[None]).output[0]  # (S, H)
    as_columns = lambda rows: torch.stack(rows).detach().numpy().T  # S x (H,) -> (H, S)
    return VanillaRnnView(list(tokens), as_columns(input_parts), as_columns(recurrent_parts), as_columns(states),
                          model_hidden.numpy().T, np.array(influence, dtype=np.float32))


def vanilla_inputs(translator, text: str) -> tuple[list[str], np.ndarray]:
    """The translator's encoder word vectors for ``text``: (tokens with </s>, (S, E)), the x_t the RNN reads."""
    import torch

    tokens, ids = translator.encode_source(text)
    with torch.no_grad():
        vectors = translator.model.encoder_embeddings(ids)[0]  # (S, E)
    return tokens, vectors.numpy()


def vanilla_step_frame(view: VanillaRnnView, step: int) -> pd.DataFrame:
    """Step ``step`` (0-based) dimension by dimension: W x_t + b, U h_{t-1} + b, their sum and its tanh."""
    total = view.input_part[:, step] + view.recurrent_part[:, step]
    return pd.DataFrame({"dimension": np.arange(view.hidden.shape[0]), "input_part": view.input_part[:, step],
                         "recurrent_part": view.recurrent_part[:, step], "pre_activation": total,
                         "hidden": view.hidden[:, step]})


# ---------------------------------------------------------------------------------------------
# The vanishing-gradient measurement, told in figures
# ---------------------------------------------------------------------------------------------

def gradient_story(measured: dict) -> dict[str, str]:
    """The figures the page's explanation of the gradient chart quotes, read from the measurement: per cell
    the mean ± sd recall accuracy and how many seeds learned, and the first/last gradient ratio's range at
    initialisation and trained; for the translators, the first/last ratio and the first word's gradient."""
    across = measured.get("across_seeds") or {}
    story: dict[str, str] = {"seeds": str(len(measured.get("seeds") or [])),
                             "length": str(measured["settings"]["length"])}
    names = {"rnn": "rnn", "lstm": "lstm", "gru": "gru", "lstm, forget bias 1": "lstm1"}
    for cell, short in names.items():
        if cell not in across:
            continue
        summary = across[cell]
        accuracy = summary["trained_accuracy"]
        story[f"{short}_accuracy"] = f"{accuracy['mean']:.1%} ± {accuracy['std']:.1%}"
        story[f"{short}_learned"] = str(summary["learned"])
        for state in ("initial", "trained"):
            ratio = summary[f"{state}_ratio"]
            story[f"{short}_{state}"] = f"{ratio['min']:.1e}–{ratio['max']:.1e}"
    if "lstm" in across and "lstm, forget bias 1" in across:  # how much more the forget bias keeps at the start
        plain, biased = across["lstm"]["initial_ratio"], across["lstm, forget bias 1"]["initial_ratio"]
        story["lstm1_gain"] = f"{biased['min'] / plain['max']:.0f}–{biased['max'] / plain['min']:.0f}"
    translators = measured.get("translators") or {}
    for model, short in (("tiny-seq2seq", "plain"), ("tiny-seq2seq-attention", "attention")):
        norms = (translators.get(model) or {}).get("gradient_norm")
        if norms:
            story[f"{short}_first"] = f"{norms[0]:.1e}"
            story[f"{short}_ratio"] = f"{norms[0] / norms[-1]:.2f}"
    if "plain_first" in story and "attention_first" in story:
        plain = translators["tiny-seq2seq"]["gradient_norm"][0]
        story["plain_over_attention"] = f"{plain / translators['tiny-seq2seq-attention']['gradient_norm'][0]:.0f}"
    return story


# ---------------------------------------------------------------------------------------------
# Seq2seq without attention: the one context vector
# ---------------------------------------------------------------------------------------------

@dataclass
class ContextView:
    rows: list[str]  # 2L row names: "h (L1)", "c (L1)", ... (notation, the same in either language)
    values: np.ndarray  # (2L, H) the encoder's last hidden and cell state of each layer
    source_words: int

    @property
    def size(self) -> int:
        return int(self.values.size)


def context_view(trace: Seq2seqTrace) -> ContextView:
    """The context vector the decoder starts from (note 003): (h_n, c_n) of every encoder layer."""
    h, c = as_array(trace.context_hidden[:, 0]), as_array(trace.context_cell[:, 0])  # (L, H) each
    rows, values = [], []
    for layer in range(h.shape[0]):
        rows += [f"h (L{layer + 1})", f"c (L{layer + 1})"]
        values += [h[layer], c[layer]]
    return ContextView(rows, np.stack(values), len(trace.source_tokens[0]) - 1)


def context_frame(view: ContextView) -> pd.DataFrame:
    """Long table for download: one row per (state, dimension)."""
    rows, dims = np.meshgrid(np.arange(len(view.rows)), np.arange(view.values.shape[1]), indexing="ij")
    return pd.DataFrame({"state": np.array(view.rows, dtype=object)[rows.ravel()], "dimension": dims.ravel(),
                         "value": view.values.ravel()})


def context_sizes(config, source_lengths: list[int]) -> pd.DataFrame:
    """Numbers the decoder can read for sentences of these lengths, from the model's config: the fixed context
    without attention; with attention the same starting state plus the encoder states
    (core.analysis.seq2seq_step.context_sizes)."""
    return pd.DataFrame(seq2seq_step.context_sizes(config.num_layers, config.hidden_size, source_lengths))


# ---------------------------------------------------------------------------------------------
# Seq2seq with attention: note 004's four steps with the model's numbers
# ---------------------------------------------------------------------------------------------

def arithmetic_frame(result: AttentionArithmetic) -> pd.DataFrame:
    """One row per source token: score and weight here and in the model, and |h_i|."""
    return pd.DataFrame({"position": np.arange(len(result.source_tokens)), "token": result.source_tokens,
                         "score": result.scores, "score_model": result.model["scores"],
                         "weight": result.weights, "weight_model": result.model["weights"],
                         "encoder_state_norm": np.linalg.norm(result.encoder_states, axis=1)})


def alignment(trace: Seq2seqTrace) -> np.ndarray:
    """(T, S) attention weights of sentence 0 (rows: output tokens, columns: source tokens)."""
    S = int(trace.source_mask[0].sum())
    return as_array(trace.attention.weights[0, :, :S])


# ---------------------------------------------------------------------------------------------
# Teacher forcing vs free running; accuracy by length
# ---------------------------------------------------------------------------------------------

def forcing_table(forced: Seq2seqTrace, free: Seq2seqTrace, decode) -> pd.DataFrame:
    """Per decoding step: what the decoder was fed and what it predicted, teacher-forced (the reference's
    previous token) and free running (its own previous prediction). ``decode``: ids -> tokens."""
    def fed_and_predicted(trace: Seq2seqTrace) -> tuple[list[str], list[str]]:
        fed = decode(trace.decoder_inputs[0].tolist())
        return fed, decode(trace.logits[0].argmax(-1).tolist())

    forced_fed, forced_out = fed_and_predicted(forced)
    free_fed, free_out = fed_and_predicted(free)
    reference = list(forced.output_tokens[0])
    return pd.DataFrame({"step": np.arange(1, len(reference) + 1), "reference": reference,
                         "teacher_forcing_fed": forced_fed, "teacher_forcing_predicted": forced_out,
                         "free_running_fed": free_fed, "free_running_predicted": free_out,
                         "free_running_matches": [p == r for p, r in zip(free_out, reference)]})


def accuracy_from_training(trainings: dict[str, dict]) -> pd.DataFrame:
    """Held-out greedy exact match per length bucket as each model's training.json records it."""
    rows = []
    for name, training in trainings.items():
        for bucket, figures in (training.get("test_exact_match_by_length") or {}).items():
            rows.append({"model": name, "bucket": bucket, "sentences": figures["sentences"],
                         "exact_match": figures["greedy_exact_match"]})
    return pd.DataFrame(rows, columns=["model", "bucket", "sentences", "exact_match"])


def accuracy_from_evaluation(results: dict[str, dict]) -> pd.DataFrame:
    """core.analysis.evaluation.evaluate_translator's results -> the same rows (greedy), with BLEU."""
    rows = []
    for name, result in results.items():
        for bucket, figures in result["buckets"].items():
            if bucket != "all" and figures["sentences"]:
                rows.append({"model": name, "bucket": bucket, "sentences": figures["sentences"],
                             "exact_match": figures["greedy"]["exact_match"], "bleu": figures["greedy"]["bleu"]})
    return pd.DataFrame(rows, columns=["model", "bucket", "sentences", "exact_match", "bleu"])
