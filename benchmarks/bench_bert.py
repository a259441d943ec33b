"""Our BERT forward with the full trace vs transformers' eager forward with output_attentions=True.

Same weights (bert-base configuration, random), batch 1, 32/128/512 tokens. Runs alternate
between the two implementations so machine noise hits both alike; the figure is the ratio of
medians, ours / theirs (target <= 1.05).
"""

from __future__ import annotations

import functools
import statistics
import tempfile
import time

import torch
import transformers

from core.bert.checkpoint import load_bert

LENGTHS = (32, 128, 512)
REPETITIONS = {32: 30, 128: 20, 512: 8}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired_medians_ms(run_ours, run_theirs, repetitions: int) -> tuple[float, float]:
    """Median milliseconds of each, after 3 warm-up calls, the two alternating so machine noise hits both alike."""
    for _ in range(3):
        run_ours(), run_theirs()
    ours_times, their_times = [], []
    for _ in range(repetitions):
        ours_times.append(timed(run_ours))
        their_times.append(timed(run_theirs))
    return statistics.median(ours_times) * 1e3, statistics.median(their_times) * 1e3


@torch.no_grad()
def main() -> None:
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as folder:
        reference = transformers.BertForPreTraining(transformers.BertConfig())  # bert-base
        reference.save_pretrained(folder)
        reference = transformers.BertForPreTraining.from_pretrained(folder, attn_implementation="eager").eval()
        ours = load_bert(folder).model.eval()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; bert-base, random weights, batch 1")
    print(f"{'tokens':>6} {'ours (ms)':>10} {'transformers (ms)':>18} {'ours/theirs':>12}")
    for length in LENGTHS:
        ids = torch.randint(1000, 30000, (1, length))
        types = torch.zeros_like(ids)
        run_ours = functools.partial(ours, ids, types, record_all=True)
        run_theirs = functools.partial(reference, input_ids=ids, token_type_ids=types, output_attentions=True)
        ours_ms, theirs_ms = paired_medians_ms(run_ours, run_theirs, REPETITIONS[length])
        print(f"{length:>6} {ours_ms:>10.1f} {theirs_ms:>18.1f} {ours_ms / theirs_ms:>12.3f}", flush=True)


if __name__ == "__main__":
    main()
