"""Head switches and the causal test, from core's results to what the Masked LM and Coreference pages show.

No Streamlit, no figures. A head is written "L3 H2" on screen and "L3H2" in the URL (1-based, as on
every page); core takes 0-based (layer, head) pairs. Shape legend: L layers, H heads, V vocabulary,
K tokens compared at one [MASK].
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from core.analysis.head_ablation import AblationResult
from core.bert.model import BertTrace
from dashboard.charts.common import head_name as name_of_head
from dashboard.i18n import ENGLISH, Words

CODE = re.compile(r"L(\d+)H(\d+)")


def head_codes(num_layers: int, num_heads: int) -> list[str]:
    """Every head's URL code, layer by layer: "L1H1", "L1H2", ..."""
    return [code_of(layer, head) for layer in range(num_layers) for head in range(num_heads)]


def head_name(code: str) -> str:
    """"L3H2" -> "L3 H2", the name the pages show (charts.common.head_name); a code that is not one, unchanged."""
    match = CODE.fullmatch(code)
    return code if match is None else name_of_head(int(match.group(1)) - 1, int(match.group(2)) - 1)


def code_of(layer: int, head: int) -> str:
    """0-based (layer, head) -> "L{layer + 1}H{head + 1}"."""
    return f"L{layer + 1}H{head + 1}"


def heads_of(codes: list[str]) -> tuple[tuple[int, int], ...]:
    """URL codes -> sorted 0-based (layer, head) pairs, a hashable cache key."""
    pairs = set()
    for code in codes:
        match = CODE.fullmatch(code)
        if match:
            pairs.add((int(match.group(1)) - 1, int(match.group(2)) - 1))
    return tuple(sorted(pairs))


# ---------------------------------------------------------------------------------------------
# Masked LM: predictions with all heads against predictions with some heads switched off
# ---------------------------------------------------------------------------------------------

@dataclass
class SwitchedMask:
    """One [MASK]: the tokens either run ranks in its top k, with their probability in both runs."""

    position: int
    original: str  # the token the user's text had there ([MASK] when typed)
    tokens: list[str]  # K tokens: the all-heads top k, then any new ones the ablated run ranks in its top k
    before: np.ndarray  # (K,) probabilities with every head
    after: np.ndarray  # (K,) probabilities with the chosen heads off


def _probs_at(trace: BertTrace, position: int) -> torch.Tensor:
    return torch.softmax(trace.mlm_logits[0, position].float(), dim=-1)  # (V,)


def switched_predictions(tokenizer, before: BertTrace, after: BertTrace, original_tokens: list[str],
                         top_k: int) -> list[SwitchedMask]:
    """Every [MASK] of the (same) input, read from both traces."""
    positions = (before.input_ids[0] == tokenizer.mask_token_id).nonzero().flatten().tolist()
    masks = []
    for position in positions:
        p_before, p_after = _probs_at(before, position), _probs_at(after, position)
        k = min(top_k, p_before.numel())
        ids = list(dict.fromkeys(torch.topk(p_before, k).indices.tolist() + torch.topk(p_after, k).indices.tolist()))
        index = torch.tensor(ids)  # (K,)
        masks.append(SwitchedMask(position, original_tokens[position], tokenizer.convert_ids_to_tokens(ids),
                                  p_before[index].numpy().astype(np.float32),
                                  p_after[index].numpy().astype(np.float32)))
    return masks


def switch_panels(masks: list[SwitchedMask], words: Words = ENGLISH) -> list[tuple[str, list[str], np.ndarray,
                                                                                  np.ndarray]]:
    """(panel title, tokens, before, after) for the before/after chart."""
    return [(words("chart.mask_panel", position=m.position, token=m.original), m.tokens, m.before, m.after)
            for m in masks]


def switch_frame(masks: list[SwitchedMask]) -> pd.DataFrame:
    """One row per [MASK]: the top-1 token with every head and with the heads off, and whether it changed."""
    rows = []
    for m in masks:
        first_before, first_after = int(np.argmax(m.before)), int(np.argmax(m.after))
        rows.append({"position": m.position, "original": m.original,
                     "top_before": m.tokens[first_before], "p_before": m.before[first_before],
                     "top_after": m.tokens[first_after], "p_after": m.after[first_after],
                     "changed": first_before != first_after})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# The causal test (core.analysis.head_ablation.causal_test)
# ---------------------------------------------------------------------------------------------

def _english_run(kind: str, k: int, n: int) -> str:
    return {"all": "all heads", "top": f"top {k}", "random": f"random {n}"}[kind]


def causal_frame(result: AblationResult, run_name: Callable[[str, int, int], str] = _english_run) -> pd.DataFrame:
    """One row per run: all heads, the top k off, each random draw; heads 1-based. ``run_name(kind, k, n)``
    names a run ("all", "top", "random" n) for the screen's language; downloads keep the English names."""
    names = ", ".join(name_of_head(*h) for h in result.top_heads)
    rows = [{"run": run_name("all", result.k, 0), "heads_off": "", "accuracy": result.full_accuracy},
            {"run": run_name("top", result.k, 0), "heads_off": names, "accuracy": result.top_accuracy}]
    rows += [{"run": run_name("random", result.k, n), "heads_off": ", ".join(name_of_head(*h) for h in heads),
              "accuracy": value}
             for n, (heads, value) in enumerate(zip(result.random_heads, result.random_accuracies), start=1)]
    return pd.DataFrame(rows)


def causal_payload(result: AblationResult, model: str, pairs: int, data_seed: int, seed: int) -> dict:
    """core's to_dict plus what reproduces it: the command line with the same model, k, draws and seeds."""
    return {"model": model, "command": f"python -m core coreference --model {model} --ablate top:{result.k} "
                                       f"--draws {len(result.random_accuracies)} --seed {seed} --pairs {pairs} "
                                       f"--data-seed {data_seed}",
            "heads": "0-based (layer, head) in the lists", **result.to_dict()}
