"""The fate of each node of the search tree, on a scripted step model whose probabilities are known.

The model below ignores its source: at step 1 it prefers word A to word B; at step 2 it prefers </s> to
word C. With width 1, beam search must draw exactly the greedy path root -> A -> </s>: the runner-up C at
the last step never continues (the search has its one finished hypothesis and stops), so it is pruned,
not "kept in the beam".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
import torch

from core.decoding import beam_search, greedy_decode

PAD, UNK, BOS, EOS, A, B, C = range(7)
SCRIPT = {1: {A: 0.6, B: 0.3, EOS: 0.1}, 2: {EOS: 0.5, C: 0.4, A: 0.1}, 3: {EOS: 0.7, A: 0.3}}  # step -> p(token)


@dataclass
class Config:
    pad_token_id: int = PAD
    unk_token_id: int = UNK
    bos_token_id: int = BOS
    eos_token_id: int = EOS


class ScriptedModel:
    """A StepModel whose next-token distribution depends only on the step (SCRIPT; </s> alone after it)."""

    def __init__(self) -> None:
        self.config = Config()

    def start(self, source_ids, source_mask=None, use_cache=True):
        return torch.zeros(source_ids.size(0), dtype=torch.long)  # (K,) steps taken by each row

    def step(self, state, previous_tokens, record=False):
        step = int(state[0]) + 1
        probs = SCRIPT.get(step, {EOS: 1.0})
        log_probs = torch.full((previous_tokens.size(0), 7), float("-inf"))  # (K, V)
        for token, p in probs.items():
            log_probs[:, token] = math.log(p)
        return log_probs, state + 1, None

    def reorder(self, state, index):
        return state[index]


def test_width_one_tree_is_exactly_the_greedy_path_when_it_ends_early():
    source = torch.tensor([[A, EOS]])
    result = beam_search(ScriptedModel(), source, beam_size=1, max_length=6, length_penalty=0.0)
    greedy = greedy_decode(ScriptedModel(), source, max_length=6)[0]
    assert greedy.token_ids == [A, EOS] and result.hypotheses[0].token_ids == [A, EOS]
    live = [(n.step, n.token_id, n.fate) for n in result.tree.nodes if n.fate != "pruned"]
    assert live == [(0, BOS, "root"), (1, A, "kept"), (2, EOS, "finished")]
    runner_up = next(n for n in result.tree.nodes if n.step == 2 and n.token_id == C)
    assert runner_up.fate == "pruned"


@pytest.mark.parametrize("beam_size", [2, 3])
def test_nothing_is_kept_at_the_step_where_the_search_stops(beam_size):
    result = beam_search(ScriptedModel(), torch.tensor([[A, EOS]]), beam_size=beam_size, max_length=6,
                         length_penalty=0.0)
    last = result.steps
    assert not [n for n in result.tree.nodes if n.step == last and n.fate == "kept"]
    kept_steps = {n.step for n in result.tree.nodes if n.fate == "kept"}
    assert all(any(n.parent is not None and result.tree.nodes[n.parent].step == s for n in result.tree.nodes
                   if n.step == s + 1) for s in kept_steps)  # every kept node's step was continued
