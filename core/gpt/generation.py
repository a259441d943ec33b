"""Continuing a prompt with a GPT: greedy or sampled token by token, or beam search with core.decoding.

Shape legend: K rows (hypotheses), t tokens fed so far, V vocabulary, L layers, H heads.

With the key/value cache each step runs one position against the cached keys and values; without it,
every step reruns the whole prefix. Both give the same tokens (the cache is an optimisation, not an
approximation), which the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from core.decoding import BeamSearchResult, StepAttention, beam_search
from core.gpt.model import GPTLMHeadModel, GPTTrace
from core.sampling import choose_next


@dataclass
class Generation:
    prompt_ids: list[int]
    token_ids: list[int]  # the generated tokens, the end token included when the model chose it
    token_log_probs: list[float]  # log p(token | prefix) under the model itself (temperature 1, no cut)
    stopped_by: str  # "length" (max_new reached), "eos" (the end token), "positions" (the model's last position)

    @property
    def log_prob(self) -> float:
        return sum(self.token_log_probs)


def next_logits(model: GPTLMHeadModel, ids: list[int], cache_trace: GPTTrace | None, new: list[int],
                use_cache: bool) -> GPTTrace:
    """One step: the new tokens against the cache, or the whole prefix ``ids`` again."""
    if use_cache:
        cache = None if cache_trace is None else cache_trace.cache
        return model(torch.tensor([new]), cache=cache, use_cache=True)  # (1, len(new))
    return model(torch.tensor([ids]))  # (1, t)


@torch.no_grad()
def generate(model: GPTLMHeadModel, prompt_ids: list[int], max_new: int = 20, temperature: float = 0.0,
             top_k: int | None = None, top_p: float | None = None, seed: int = 0, use_cache: bool = True,
             eos_token_id: int | None = None) -> Generation:
    """Up to ``max_new`` tokens after the prompt: greedy at temperature 0, else sampled from the filtered
    distribution (core.sampling) with a generator seeded by ``seed``. Stops at ``eos_token_id`` (the model's
    own when None)."""
    if not prompt_ids:
        raise ValueError("the prompt is empty: give at least one token")
    if max_new < 1:
        raise ValueError(f"max_new must be at least 1, got {max_new}")
    eos = model.config.eos_token_id if eos_token_id is None else eos_token_id
    generator = torch.Generator().manual_seed(seed)
    ids, new, trace = list(prompt_ids), list(prompt_ids), None
    out = Generation(list(prompt_ids), [], [], "length")
    for _ in range(max_new):
        if len(ids) >= model.config.n_positions:
            out.stopped_by = "positions"
            break
        trace = next_logits(model, ids, trace, new, use_cache)
        logits = trace.logits[:, -1]  # (1, V)
        token = int(choose_next(logits, temperature, top_k, top_p, generator))
        out.token_ids.append(token)
        out.token_log_probs.append(float(torch.log_softmax(logits[0].float(), dim=-1)[token]))
        ids.append(token)
        new = [token]
        if token == eos:
            out.stopped_by = "eos"
            break
    return out


@dataclass(frozen=True)
class ContinuationConfig:
    """What core.decoding reads from a model's config. The search runs over V + 2 columns: the model's V
    tokens, ``prompt`` (the root every hypothesis grows from, never generated) and ``end``, decoding's
    </s>: the model's own end token when it has one, and free (log-prob 0) at the step after ``max_new``,
    so a continuation stopped by length is scored by its tokens alone."""

    vocab_size: int  # V of the model
    model_eos_token_id: int | None

    @property
    def bos_token_id(self) -> int:
        return self.vocab_size  # the prompt marker

    pad_token_id = unk_token_id = bos_token_id  # banned: the marker is never a continuation

    @property
    def eos_token_id(self) -> int:
        return self.vocab_size + 1  # the end marker


@dataclass
class ContinuationState:
    ids: torch.Tensor  # (K, t) prompt and generated tokens
    prompt_length: int
    trace: GPTTrace  # the pass that read the newest position: its logits, attention and (with the cache) cache
    use_cache: bool
    fed: bool = False  # the newest position is in ids: False only before the first step, when the prompt's is

    @property
    def generated(self) -> int:
        return self.ids.size(1) - self.prompt_length


class PromptContinuation:
    """A GPT as core.decoding's StepModel: the source is the prompt, each step appends one token."""

    def __init__(self, model: GPTLMHeadModel, max_new: int) -> None:
        self.model, self.max_new = model, max_new
        self.config = ContinuationConfig(model.config.vocab_size, model.config.eos_token_id)

    def start(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
              use_cache: bool = True) -> ContinuationState:
        """Read the prompt (1, P) once; the first step's distribution is its last position's."""
        return ContinuationState(source_ids, source_ids.size(1), self.model(source_ids, use_cache=use_cache),
                                 use_cache, fed=True)

    def step(self, state: ContinuationState, previous_tokens: torch.Tensor, record: bool = False):
        """previous_tokens (K,) -> log-probs (K, V + 2) of the next token, the new state, the attention records.

        The first call gets the prompt marker and reads the prompt's last position; later ones feed the tokens."""
        ids, trace = state.ids, state.trace
        if not bool((previous_tokens == self.config.bos_token_id).all()):
            ids = torch.cat([ids, previous_tokens[:, None]], dim=1)  # (K, t + 1)
            trace = (self.model(previous_tokens[:, None], cache=trace.cache, use_cache=True) if state.use_cache
                     else self.model(ids))
        state = ContinuationState(ids, state.prompt_length, trace, state.use_cache)
        V = self.config.vocab_size
        model_log_probs = torch.log_softmax(trace.logits[:, -1].float(), dim=-1)  # (K, V)
        log_probs = torch.full((ids.size(0), V + 2), float("-inf"))  # (K, V + 2): tokens, prompt, end
        log_probs[:, :V] = model_log_probs
        eos = self.config.model_eos_token_id
        if eos is not None:  # the model's end token is the end marker
            log_probs[:, V + 1] = model_log_probs[:, eos]
            log_probs[:, eos] = float("-inf")
        if state.generated >= self.max_new:
            log_probs[:, V + 1] = 0.0  # stopped by length: ending costs nothing
        records = None
        if record:
            records = [StepAttention([a[k, :, -1] for a in trace.attentions], []) for k in range(ids.size(0))]
        return log_probs, state, records

    def reorder(self, state: ContinuationState, index: torch.Tensor) -> ContinuationState:
        """Row k continues hypothesis index[k]: its tokens and, with the cache, its keys and values."""
        trace = state.trace
        if state.use_cache:
            trace = GPTTrace(**{**vars(trace), "cache": trace.cache.reorder(index)})
        return ContinuationState(state.ids.index_select(0, index), state.prompt_length, trace, state.use_cache)


@dataclass
class BeamContinuation:
    token_ids: list[int]  # the continuation, the model's end token included when it chose it
    log_prob: float  # sum of the tokens' log-probs
    score: float  # log_prob / length ** alpha, what the beam ranked by (length counts the end)


@torch.no_grad()
def beam_continue(model: GPTLMHeadModel, prompt_ids: list[int], beam_size: int = 4, max_new: int = 20,
                  length_penalty: float = 0.6, use_cache: bool = True,
                  record_tree: bool = False) -> tuple[list[BeamContinuation], BeamSearchResult]:
    """Beam search (core.decoding, the translators' search and tree) over continuations of at most ``max_new``
    tokens; returns them best first, with the search's own result (markers included) for the tree."""
    if not prompt_ids:
        raise ValueError("the prompt is empty: give at least one token")
    max_new = min(max_new, model.config.n_positions - len(prompt_ids))
    if max_new < 1:
        raise ValueError(f"no room to continue: the prompt fills the model's {model.config.n_positions} positions")
    steps = PromptContinuation(model, max_new)
    result = beam_search(steps, torch.tensor([prompt_ids]), beam_size=beam_size, max_length=max_new + 1,
                         length_penalty=length_penalty, use_cache=use_cache, record_tree=record_tree)
    eos = model.config.eos_token_id
    continuations = []
    for hypothesis in result.hypotheses:
        tokens = hypothesis.token_ids[:-1]  # the end marker dropped
        ended_by_model = len(tokens) < max_new and eos is not None
        continuations.append(BeamContinuation(tokens + ([eos] if ended_by_model else []), hypothesis.log_prob,
                                              hypothesis.score))
    return continuations, result
