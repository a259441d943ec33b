"""Our GPT-2 forward with the full trace vs transformers' eager GPT2LMHeadModel; generation with vs without the cache.

Same weights (the GPT-2 small configuration, random), batch 1. Forward: 32/128/512 tokens, ours with
``record_all`` (q, k, v, scores, contexts, every hidden state and attention map) against transformers with
``output_attentions`` and ``output_hidden_states``; runs alternate between the two so machine noise hits
both alike; the figure is the ratio of medians, ours / theirs (target <= 1.05). Generation: 50 greedy
tokens after an 8-token prompt, and after a 32-token one (the GPT page's length), with the key/value cache and
without it (every step reruns the whole prefix, so the ratio grows with the prompt); the two must give the same
tokens; the figure is uncached / cached time (target >= 3, the issue names no prompt length), printed beside
transformers' own ratio for greedy ``generate`` with and without its cache on the same weights and prompt: at batch 1
a cached step reads every weight once for one token (memory-bound on a CPU), so the ratio is the machine's as much
as the code's, and the reference shows which.
"""

from __future__ import annotations

import functools
import statistics
import tempfile
import time

import torch
import transformers

from benchmarks.bench_bert import paired_medians_ms
from core.gpt.checkpoint import load_gpt
from core.gpt.generation import generate

LENGTHS = (32, 128, 512)
REPETITIONS = {32: 30, 128: 20, 512: 8}
NEW_TOKENS, PROMPT_LENGTHS, GENERATION_REPETITIONS = 50, (8, 32), 3


def forward_ratios(ours, reference) -> None:
    print(f"{'tokens':>6} {'ours (ms)':>10} {'transformers (ms)':>18} {'ours/theirs':>12}")
    for length in LENGTHS:
        ids = torch.randint(0, ours.config.vocab_size, (1, length))
        run_ours = functools.partial(ours, ids, record_all=True)
        run_theirs = functools.partial(reference, input_ids=ids, output_attentions=True, output_hidden_states=True,
                                       use_cache=False)
        ours_ms, theirs_ms = paired_medians_ms(run_ours, run_theirs, REPETITIONS[length])
        print(f"{length:>6} {ours_ms:>10.1f} {theirs_ms:>18.1f} {ours_ms / theirs_ms:>12.3f}", flush=True)


def generation_ratio(ours, reference, prompt_length: int) -> None:
    prompt = torch.randint(0, ours.config.vocab_size, (prompt_length,)).tolist()
    prompt_tensor = torch.tensor([prompt])
    outputs, times = {}, {(who, cache): [] for who in ("ours", "transformers") for cache in (True, False)}
    for _ in range(GENERATION_REPETITIONS):
        for use_cache in (True, False):
            start = time.perf_counter()
            outputs[use_cache] = generate(ours, prompt, max_new=NEW_TOKENS, use_cache=use_cache).token_ids
            times["ours", use_cache].append(time.perf_counter() - start)
            start = time.perf_counter()
            theirs = reference.generate(prompt_tensor, max_new_tokens=NEW_TOKENS, min_new_tokens=NEW_TOKENS,
                                        do_sample=False, use_cache=use_cache, pad_token_id=0)
            times["transformers", use_cache].append(time.perf_counter() - start)
            outputs["transformers", use_cache] = theirs[0, prompt_length:].tolist()
    same = outputs[True] == outputs[False] == outputs["transformers", True] == outputs["transformers", False]
    for who in ("ours", "transformers"):
        cached, uncached = statistics.median(times[who, True]), statistics.median(times[who, False])
        print(f"generate {NEW_TOKENS} tokens after {prompt_length}, {who}: cache {cached * 1e3:.0f} ms, no cache "
              f"{uncached * 1e3:.0f} ms, no cache / cache = {uncached / cached:.2f}x", flush=True)
    print(f"tokens: {'equal' if same else 'DIFFERENT'} (ours with and without the cache, and transformers')")


@torch.no_grad()
def main() -> None:
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as folder:
        transformers.GPT2LMHeadModel(transformers.GPT2Config()).save_pretrained(folder)  # GPT-2 small
        reference = transformers.GPT2LMHeadModel.from_pretrained(folder, attn_implementation="eager").eval()
        ours = load_gpt(folder).model.eval()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; GPT-2 small, random weights, batch 1")
    forward_ratios(ours, reference)
    for prompt_length in PROMPT_LENGTHS:
        generation_ratio(ours, reference, prompt_length)


if __name__ == "__main__":
    main()
