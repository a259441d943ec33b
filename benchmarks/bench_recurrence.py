"""Two claims of the lecture notes, measured (``python -m benchmarks recurrence``).

1. "Recurrent computation is slow" (note 002): encoder forward time against sequence length, 8 ... 512
   tokens, for the LSTM encoder of tiny-seq2seq and the Transformer encoder of tiny-translator (same
   shapes, random weights: speed does not depend on the values), one sentence, one thread, the fastest of
   interleaved runs (on a shared machine the minimum is the least disturbed estimate of the cost).
   torch.nn.LSTM (PyTorch's C++ loop) runs the same LSTM as a third row, so the cost of our Python-level
   loop is told apart from the cost of recurrence itself.
2. "The vanilla RNN's gradient vanishes" (notes 001, 002): the gradient norm reaching each input
   position, ||dL/dx_t||, for a vanilla RNN, an LSTM and a GRU of the same width, at initialisation
   and after training on a recall task (read T random symbols, then name the first one: only
   position 1 matters, T - 1 steps back). Written to core/data/recurrent_gradients.json for the RNN page.
   Whether a cell learns the task depends on its initialisation and data, so every cell is trained from
   SEEDS (the initialisation and the symbols drawn); the profiles drawn are the first seed's, the
   accuracies and ratios are reported per seed and as mean and spread.

    python -m benchmarks recurrence                                   # every seed, 4-11 min each (1 thread)
    python -m benchmarks.bench_recurrence --reuse --no-speed          # only the seeds the file lacks
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import torch
from torch import nn

from core.data import RECURRENT_GRADIENTS_FILE as GRADIENTS_FILE
from core.rnn.recurrent import Recurrent
from core.rnn.seq2seq import Seq2seq, Seq2seqConfig
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig

LENGTHS = (8, 16, 32, 64, 128, 256, 512)
REPEATS = 9
RECALL = {"symbols": 8, "length": 20, "embedding_size": 16, "hidden_size": 64, "steps": 2000, "batch_size": 64,
          "lr": 3e-3, "measure_batch": 512}
SEEDS = (0, 1, 2, 3, 4)  # each seeds the initialisation and the generator of the symbols (held-out and training)
LEARNED = 0.9  # recall accuracy above which a run counts as having learned the task (chance is 1 / 8)
# (name, cell, forget-gate bias added at initialisation). PyTorch initialises every bias uniformly around 0, so an
# LSTM's forget gate starts near sigmoid(0) = 0.5 and the cell halves each step; the common remedy (Gers et al.
# 2000; Jozefowicz et al. 2015) starts it open with a forget bias of 1, measured as a fourth row.
CELLS = (("rnn", "rnn", 0.0), ("lstm", "lstm", 0.0), ("gru", "gru", 0.0), ("lstm, forget bias 1", "lstm", 1.0))


def encoders(max_length: int):
    """The shipped models' encoder shapes with random weights: (name, forward(ids)) pairs."""
    seq2seq = Seq2seq(Seq2seqConfig(src_vocab_size=358, tgt_vocab_size=576, max_position_embeddings=max_length,
                                    dropout=0.0)).eval()
    transformer = EncoderDecoderTransformer(TransformerConfig(src_vocab_size=358, tgt_vocab_size=576, dropout=0.0,
                                                              max_position_embeddings=max_length)).eval()
    reference = nn.LSTM(128, 192, 2, batch_first=True).eval()
    reference.load_state_dict(seq2seq.encoder.state_dict())
    embed = seq2seq.encoder_embeddings
    return [("our LSTM (Python loop)", lambda ids: seq2seq.encode(ids)),
            ("torch.nn.LSTM (C++ loop)", lambda ids: reference(embed(ids))),
            ("Transformer encoder", lambda ids: transformer.encode(ids))]


@torch.no_grad()
def speed_table() -> list[dict]:
    rows = []
    models = encoders(max(LENGTHS))
    for length in LENGTHS:
        ids = torch.randint(4, 358, (1, length))
        times: dict[str, list[float]] = {name: [] for name, _ in models}
        for repeat in range(REPEATS + 1):
            for name, forward in models:
                start = time.perf_counter()
                forward(ids)
                if repeat:  # the first run of each warms up
                    times[name].append(time.perf_counter() - start)
        rows.append({"tokens": length, **{name: min(t) * 1e3 for name, t in times.items()}})
    return rows


class Recall(nn.Module):
    """Embed T symbols, run one recurrent layer, predict the first symbol from the last hidden state."""

    def __init__(self, cell: str, forget_bias: float = 0.0) -> None:
        super().__init__()
        H = RECALL["hidden_size"]
        self.embedding = nn.Embedding(RECALL["symbols"], RECALL["embedding_size"])
        self.recurrent = Recurrent(cell, RECALL["embedding_size"], H)
        self.output = nn.Linear(H, RECALL["symbols"])
        with torch.no_grad():
            self.recurrent.bias_ih_l0[H:2 * H] += forget_bias  # rows H..2H: the forget gate (i, f, g, o order)

    def loss_and_inputs(self, symbols: torch.Tensor):
        inputs = self.embedding(symbols)  # (B, T, E)
        if inputs.requires_grad:
            inputs.retain_grad()  # dL/dx_t, the gradient that reached input position t
        logits = self.output(self.recurrent(inputs).h_n[-1])  # (B, symbols)
        loss = nn.functional.cross_entropy(logits, symbols[:, 0])
        return loss, inputs, (logits.argmax(-1) == symbols[:, 0]).float().mean().item()


def gradient_profile(model: Recall, symbols: torch.Tensor) -> tuple[list[float], float]:
    """Mean over the batch of ||dL/dx_t|| for each position t, and the recall accuracy."""
    model.zero_grad()
    loss, inputs, accuracy = model.loss_and_inputs(symbols)
    loss.backward()
    return inputs.grad.norm(dim=-1).mean(0).tolist(), accuracy  # (T,)


def train_cells(seed: int) -> dict:
    """Every cell of CELLS trained on the recall task from ``seed``: {name: profiles, accuracies, seconds}."""
    generator = torch.Generator().manual_seed(seed)
    draw = lambda n: torch.randint(0, RECALL["symbols"], (n, RECALL["length"]), generator=generator)
    held_out = draw(RECALL["measure_batch"])
    cells = {}
    for name, cell, forget_bias in CELLS:
        torch.manual_seed(seed)
        model = Recall(cell, forget_bias)
        initial, initial_accuracy = gradient_profile(model, held_out)
        optimizer = torch.optim.Adam(model.parameters(), lr=RECALL["lr"])
        started = time.perf_counter()
        for _ in range(RECALL["steps"]):
            loss, _, _ = model.loss_and_inputs(draw(RECALL["batch_size"]))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
        trained, trained_accuracy = gradient_profile(model, held_out)
        cells[name] = {"cell": cell, "forget_bias": forget_bias, "initial": initial, "trained": trained,
                       "initial_accuracy": initial_accuracy, "trained_accuracy": trained_accuracy,
                       "training_seconds": round(time.perf_counter() - started, 1)}
        print(f"seed {seed}, {name}: trained recall accuracy {trained_accuracy:.1%}", flush=True)
    return cells


def spread(values: list[float]) -> dict:
    """Mean, sample standard deviation (0 for one value), min and max."""
    return {"mean": statistics.fmean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0,
            "min": min(values), "max": max(values)}


def across_seeds(by_seed: dict[str, dict]) -> dict:
    """Per cell: the trained accuracy's mean and spread, how many seeds learned the task, and the range of the
    first-over-last gradient ratio (it spans orders of magnitude: its min and max, not a mean)."""
    out = {}
    for name, _, _ in CELLS:
        runs = [cells[name] for cells in by_seed.values()]
        ratios = {state: [run[state][0] / run[state][-1] for run in runs] for state in ("initial", "trained")}
        out[name] = {"seeds": len(runs), "trained_accuracy": spread([run["trained_accuracy"] for run in runs]),
                     "learned": sum(run["trained_accuracy"] > LEARNED for run in runs),
                     **{f"{state}_ratio": {"min": min(values), "max": max(values)}
                        for state, values in ratios.items()}}
    return out


def gradients(seeds: tuple[int, ...] = SEEDS, reuse: dict | None = None) -> dict:
    """The recall measurement for every seed; ``reuse``: an earlier result whose seeds, measured with the same
    settings, are taken as they are."""
    earlier = reuse.get("by_seed", {}) if reuse and reuse.get("settings") == RECALL else {}
    by_seed = {str(seed): earlier.get(str(seed)) or train_cells(seed) for seed in seeds}
    return {"task": "recall the first of T random symbols from the last hidden state", "settings": RECALL,
            "seeds": list(seeds), "command": "python -m benchmarks recurrence", "torch_version": torch.__version__,
            "positions": list(range(1, RECALL["length"] + 1)),
            "cells": by_seed[str(seeds[0])],  # the profiles drawn on the RNN page: the first seed's
            "across_seeds": across_seeds(by_seed), "learned_above": LEARNED, "by_seed": by_seed,
            "translators": translator_gradients()}


def translator_gradients(sentences: int = 100) -> dict:
    """The shipped recurrent translators, trained: ||dL/de_i|| reaching each source word embedding e_i from
    the teacher-forced loss of held-out 21-30-word sentences of the grammar it was trained on, mean over the
    sentences long enough."""
    from core.analysis.evaluation import trained_data_version
    from core.data.translation import make_test_split, split_by_length
    from core.transformer.translator import load_translator

    out = {}
    for name in ("tiny-seq2seq", "tiny-seq2seq-attention"):
        try:
            translator = load_translator(name)
        except Exception as error:  # not shipped in this checkout
            out[name] = {"error": str(error)}
            continue
        data_version = trained_data_version(translator)
        pairs = split_by_length(make_test_split(data_version=data_version))["21-30"][:sentences]
        model = translator.model.eval()
        totals = torch.zeros(31)
        counts = torch.zeros(31)
        for english, french in pairs:
            source = torch.tensor([translator.source_vocab.encode(english.split() + ["</s>"])])
            target = torch.tensor([translator.target_vocab.encode(["<s>"] + french.split() + ["</s>"])])
            embedded = model.encoder_embeddings(source).detach().requires_grad_(True)  # (1, S, E)
            trace = model(source, target[:, :-1], source_embeddings=embedded)
            nn.functional.cross_entropy(trace.logits[0], target[0, 1:]).backward()
            norms = embedded.grad[0, :-1].norm(dim=-1)  # words only, </s> left out
            totals[:norms.numel()] += norms
            counts[:norms.numel()] += 1
        keep = counts > 0
        out[name] = {"positions": torch.arange(1, 32)[keep].tolist(),
                     "gradient_norm": (totals[keep] / counts[keep]).tolist(),
                     "sentences_per_position": counts[keep].int().tolist(), "data_version": data_version}
    return out


def print_speed(rows: list[dict]) -> None:
    names = [k for k in rows[0] if k != "tokens"]
    print(f"encoder forward, 1 sentence, 1 thread, fastest of {REPEATS} ms (ratio = LSTM / Transformer)")
    print(f"{'tokens':>6} " + " ".join(f"{n:>26}" for n in names) + f" {'ours/Tr':>8} {'nn.LSTM/Tr':>10}")
    for row in rows:
        transformer = row["Transformer encoder"]
        print(f"{row['tokens']:>6} " + " ".join(f"{row[n]:>26.2f}" for n in names)
              + f" {row[names[0]] / transformer:>8.1f} {row[names[1]] / transformer:>10.1f}")


def print_gradients(result: dict) -> None:
    T = RECALL["length"]
    shown = [1, 2, T // 4, T // 2, 3 * T // 4, T]
    print(f"\n||dL/dx_t|| on the recall task (T = {T}, hidden {RECALL['hidden_size']}), mean over "
          f"{RECALL['measure_batch']} held-out sequences; t = 1 is the symbol to recall")
    print(f"{'cell':>20} {'state':>8} {'accuracy':>9} " + " ".join(f"{'t=' + str(t):>9}" for t in shown)
          + f" {'t=1 / t=T':>10}")
    for cell, row in result["cells"].items():
        for state in ("initial", "trained"):
            values = row[state]
            print(f"{cell:>20} {state:>8} {row[state + '_accuracy']:>9.1%} "
                  + " ".join(f"{values[t - 1]:>9.2e}" for t in shown) + f" {values[0] / values[-1]:>10.2e}")
    print(f"\nacross seeds {result['seeds']}: trained recall accuracy mean ± sample std (min-max), seeds above "
          f"{result['learned_above']:.0%}, first/last ratio range at initialisation and trained")
    for cell, row in result["across_seeds"].items():
        accuracy = row["trained_accuracy"]
        print(f"{cell:>20} {accuracy['mean']:>7.1%} ± {accuracy['std']:.1%} ({accuracy['min']:.1%}-"
              f"{accuracy['max']:.1%}), learned {row['learned']}/{row['seeds']}, initial "
              f"{row['initial_ratio']['min']:.1e}-{row['initial_ratio']['max']:.1e}, trained "
              f"{row['trained_ratio']['min']:.1e}-{row['trained_ratio']['max']:.1e}")
    print("\nshipped translators, trained: ||dL/de_i|| at source word i, 21-30-word held-out sentences")
    for name, row in result["translators"].items():
        if "error" in row:
            print(f"{name:>24}: not measured ({row['error']})")
            continue
        norms = dict(zip(row["positions"], row["gradient_norm"]))
        print(f"{name:>24}: " + " ".join(f"i={i}: {norms[i]:.2e}" for i in (1, 5, 10, 15, 20, 25) if i in norms))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_recurrence")
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS), help="recall-task seeds, first drawn")
    parser.add_argument("--reuse", action="store_true", help="keep the seeds the file already holds (same settings)")
    parser.add_argument("--no-speed", action="store_true", help="skip the encoder speed table")
    args = parser.parse_args(argv or [])
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.manual_seed(0)
        if not args.no_speed:
            print_speed(speed_table())
        earlier = json.loads(GRADIENTS_FILE.read_text()) if args.reuse and GRADIENTS_FILE.is_file() else None
        result = gradients(tuple(args.seeds), earlier)
        print_gradients(result)
        GRADIENTS_FILE.write_text(json.dumps(result, indent=1) + "\n")
        print(f"\nwritten: {GRADIENTS_FILE.relative_to(GRADIENTS_FILE.parents[2])}")
    finally:
        torch.set_num_threads(threads)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
