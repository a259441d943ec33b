"""Beam search on the translator (``python -m benchmarks beam``): width 5, 30 decoder steps.

1. Cached keys and values against recomputing the whole prefix at every step: the speed-up.
2. Recording the whole search tree against not recording it: the overhead (target <= 10%).

The shipped tiny-translator's weights are used when present (a seeded random model of the same
shape otherwise), with </s> pushed down so that every run lasts exactly 30 steps. Runs of the
variants being compared are interleaved and the median is kept, so load on the machine hits both alike.
"""

from __future__ import annotations

import statistics
import time

import torch

from core.decoding import beam_search
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig

WIDTH, STEPS, REPEATS = 5, 30, 15
SENTENCE = "the black cat does not eat the red apple"


def benchmark_model() -> tuple[EncoderDecoderTransformer, torch.Tensor, str]:
    try:
        from core.transformer.translator import load_translator

        translator = load_translator("tiny-translator")
        model, (_, source) = translator.model, translator.encode_source(SENTENCE)
        origin = "tiny-translator"
    except Exception as error:  # no shipped model: same shape, random weights
        model = EncoderDecoderTransformer(TransformerConfig(src_vocab_size=350, tgt_vocab_size=550, dropout=0.0))
        model.init_weights(0)
        source = torch.tensor([[5, 6, 7, 8, 9, 10, 11, 12, 13, 3]])
        origin = f"random weights ({error})"
    with torch.no_grad():
        model.final_logits_bias[model.config.eos_token_id] -= 1e4  # never chosen before the forced end
    return model.eval(), source, origin


def timed(model, source, **options) -> tuple[float, int]:
    start = time.perf_counter()
    result = beam_search(model, source, beam_size=WIDTH, max_length=STEPS, **options)
    return time.perf_counter() - start, result.steps


def compare(model, source, first: dict, second: dict) -> tuple[float, float]:
    """Median seconds of each variant over REPEATS interleaved runs (after one warm-up each)."""
    times: tuple[list[float], list[float]] = ([], [])
    for repeat in range(REPEATS + 1):
        for options, bucket in ((first, times[0]), (second, times[1])):
            seconds, steps = timed(model, source, **options)
            assert steps == STEPS, f"the search stopped after {steps} steps, not {STEPS}"
            if repeat:
                bucket.append(seconds)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        model, source, origin = benchmark_model()
        config = model.config
        print(f"model: {origin}: d_model {config.d_model}, {config.encoder_layers}+{config.decoder_layers} layers, "
              f"V = {config.tgt_vocab_size}; beam width {WIDTH}, {STEPS} steps, median of {REPEATS}, 1 thread")
        cached, recomputed = compare(model, source, {"use_cache": True, "record_tree": False},
                                     {"use_cache": False, "record_tree": False})
        print(f"cached keys/values   {cached * 1e3:8.1f} ms")
        print(f"full recomputation   {recomputed * 1e3:8.1f} ms")
        print(f"speed-up of the cache: {recomputed / cached:.2f}x")
        with_tree, without_tree = compare(model, source, {"use_cache": True, "record_tree": True},
                                          {"use_cache": True, "record_tree": False})
        overhead = with_tree / without_tree - 1
        print(f"with tree            {with_tree * 1e3:8.1f} ms")
        print(f"without tree         {without_tree * 1e3:8.1f} ms")
        verdict = "within" if overhead <= 0.10 else "ABOVE"
        print(f"tree recording overhead: {overhead:+.1%} ({verdict} the 10% target)")
    finally:
        torch.set_num_threads(threads)


if __name__ == "__main__":
    main()
