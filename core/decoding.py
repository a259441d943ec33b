"""Greedy decoding and beam search for any translation model, with the whole search tree.

A model offers ``start`` / ``step`` / ``reorder`` (``StepModel`` below): the encoder-decoder
Transformer and the recurrent seq2seq models alike, so one search and one tree serve all three.

Shape legend: B batch, K live hypotheses, S source length, t prefix length, L layers, H heads, V vocabulary.

Length normalisation as fairseq's SequenceGenerator does it (``--lenpen``; transformers'
``length_penalty`` is the same): a finished hypothesis of ``length`` tokens (its </s> included) scores
``sum of token log-probs / length ** alpha``. This is not Wu et al. 2016's penalty (sec. 7), which divides
by ((5 + length) / 6) ** alpha and is the one Vaswani et al. sec. 6.1 use with alpha = 0.6; both leave
hypotheses of equal length in the same order and differ in how strongly they favour longer ones.
Beam search follows fairseq's bookkeeping: at each step the 2K best extensions of the K live
hypotheses are compared; an </s> among the K best finishes a hypothesis, the first K others stay
in the beam, the rest are pruned. The search stops when K hypotheses have finished or at
``max_length``, where only </s> may be chosen, so every hypothesis ends with </s>. A hypothesis whose </s> was
forced there did not end: the length limit cut it. With ``mark_cut`` its node's fate is "cut", not "finished", and
either way its ``Hypothesis.cut`` is True, so a page or command can say the translation was stopped, not finished.

The search tree holds every hypothesis ever scored: the 2K compared at each step as nodes, and,
kept compactly as each step's (K, V) scores, every other extension of every live hypothesis, which
``SearchTree.all_nodes()`` expands into pruned nodes (banned tokens, scored -inf, are not
hypotheses).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import torch

# How every command and page finds "the" translation unless told otherwise: a beam of 4 and alpha = 0.6,
# the width and alpha of Vaswani et al. sec. 6.1 (with fairseq's normalisation, see above).
BEAM_WIDTH, LENGTH_PENALTY = 4, 0.6


def never_generated(config: Any) -> list[int]:
    """Token ids no decoder emits: padding, unknown and a second <s>. Decoding bans them, and a recurrent decoder
    that feeds back its own prediction in training (free running) chooses among the same tokens."""
    return [config.pad_token_id, config.unk_token_id, config.bos_token_id]


def decode_length_limit(source_length: int, max_positions: int | None = None) -> int:
    """Decoding steps allowed for a source of ``source_length`` tokens (its </s> included): twice that plus 10,
    within the model's positions (a Transformer cannot read past its position table). Exact match is only
    possible when the reference fits, and no French reference of the generated task is longer than twice its
    English plus 10."""
    wanted = 2 * source_length + 10
    return min(wanted, max_positions - 1) if max_positions else wanted


@dataclass
class StepAttention:
    """What the decoder attended to while choosing one token."""

    self_attentions: list[torch.Tensor]  # L of (H, t): over <s> y_1 ... y_{t-1}; [] for a recurrent decoder
    cross_attentions: list[torch.Tensor]  # L of (H, S) over the source; seq2seq with attention: [(1, S)]; without: []
    steps: Any = None  # seq2seq with attention: core.rnn.attention.AttentionStep of this token (note 004's numbers)


@dataclass
class Hypothesis:
    token_ids: list[int]  # generated tokens, without <s>, ending with </s> when finished
    token_log_probs: list[float]  # log p(y_i | y_<i, x) of each
    log_prob: float  # their sum
    score: float  # log_prob / len(token_ids) ** alpha
    node_id: int | None = None  # its last node in the search tree, when one was recorded
    attentions: list[StepAttention] = field(default_factory=list)  # one per token, when recorded
    cut: bool = False  # its </s> was forced at max_length: stopped by the length limit, not finished

    def cross_attentions(self) -> list[torch.Tensor]:
        """L of (H, T, S): row t is the encoder-decoder attention while choosing token t."""
        if not self.attentions:
            raise ValueError("no attention was recorded: decode with record_attention=True")
        layers = len(self.attentions[0].cross_attentions)
        return [torch.stack([step.cross_attentions[layer] for step in self.attentions], dim=1)
                for layer in range(layers)]


@dataclass(slots=True)
class TreeNode:
    id: int
    parent: int | None  # None for the root (<s>)
    step: int  # tokens generated up to and including this one; 0 for the root
    token_id: int
    token_log_prob: float
    cumulative: float  # sum of token log-probs from the root
    score: float  # cumulative / step ** alpha: the final score if it ends here
    fate: str  # root, kept (stays in the beam), pruned, finished (ended by </s>), cut (</s> forced at max_length)
    rank: int  # its rank among all extensions scored at its step; ranks below 2K were compared for the beam


@dataclass
class ScoredStep:
    """Every extension scored at one step: row k of the (K, V) tensors extends node ``parents[k]``."""

    step: int
    parents: list[int]  # K node ids
    token_log_probs: torch.Tensor  # (K, V) float32
    cumulative: torch.Tensor  # (K, V) float32: parent's cumulative + token log-prob
    compared: torch.Tensor  # (2K,) flat indices into K × V: the extensions that became nodes


@dataclass
class SearchTree:
    nodes: list[TreeNode] = field(default_factory=list)  # the root and the 2K compared at each step
    scored: list[ScoredStep] = field(default_factory=list)  # every extension scored, step by step
    length_penalty: float = 0.0

    def add(self, parent, step, token_id, token_log_prob, cumulative, score, fate, rank) -> int:
        self.nodes.append(TreeNode(len(self.nodes), parent, step, token_id, token_log_prob, cumulative, score, fate,
                                   rank))
        return len(self.nodes) - 1

    def num_scored(self) -> int:
        """How many hypotheses were scored in all (finite scores), the root included."""
        return 1 + sum(int(torch.isfinite(s.cumulative).sum()) for s in self.scored)

    def all_nodes(self) -> list[TreeNode]:
        """``nodes``, then every other extension scored, as pruned nodes (ids continue after ``nodes``)."""
        out = list(self.nodes)
        for s in self.scored:
            V = s.cumulative.size(1)
            flat = s.cumulative.reshape(-1)
            rest = torch.isfinite(flat)
            rest[s.compared] = False
            index = torch.nonzero(rest).flatten()
            index = index[torch.argsort(flat[index], descending=True, stable=True)]  # best first
            token_lps = s.token_log_probs.reshape(-1)[index].tolist()
            first_rank = s.compared.numel()  # ranks 0 .. 2K-1 went to the compared nodes
            for j, (i, c, lp) in enumerate(zip(index.tolist(), flat[index].tolist(), token_lps)):
                out.append(TreeNode(len(out), s.parents[i // V], s.step, i % V, lp, c,
                                    length_normalised(c, s.step, self.length_penalty), "pruned", first_rank + j))
        return out

    def path(self, node_id: int) -> list[TreeNode]:
        """Root first, ``node_id`` last."""
        path = []
        while node_id is not None:
            path.append(self.nodes[node_id])
            node_id = self.nodes[node_id].parent
        return path[::-1]

    def to_dict(self, vocabulary: list[str] | None = None, everything: bool = True) -> list[dict]:
        """Rows of every hypothesis scored (``everything``), or only of ``nodes``."""
        rows = [asdict(n) for n in (self.all_nodes() if everything else self.nodes)]
        if vocabulary is not None:
            for row in rows:
                row["token"] = vocabulary[row["token_id"]]
        return rows


@dataclass
class BeamSearchResult:
    hypotheses: list[Hypothesis]  # the n-best, best score first
    tree: SearchTree | None  # every hypothesis compared, when record_tree
    beam_size: int
    max_length: int
    length_penalty: float
    steps: int  # decoder steps run

    def to_dict(self, vocabulary: list[str] | None = None) -> dict:
        """JSON-ready: the n-best (with token strings when a vocabulary is given) and the tree."""
        def hypothesis(h: Hypothesis) -> dict:
            row = {"token_ids": h.token_ids, "token_log_probs": h.token_log_probs, "log_prob": h.log_prob,
                   "score": h.score, "node_id": h.node_id, "cut": h.cut}
            if vocabulary is not None:
                row["tokens"] = [vocabulary[i] for i in h.token_ids]
            return row

        sizes = {} if self.tree is None else {"compared_nodes": len(self.tree.nodes),
                                              "scored_nodes": self.tree.num_scored()}
        return {"beam_size": self.beam_size, "max_length": self.max_length, "length_penalty": self.length_penalty,
                "steps": self.steps, "hypotheses": [hypothesis(h) for h in self.hypotheses], **sizes,
                "tree": None if self.tree is None else self.tree.to_dict(vocabulary)}


def length_normalised(log_prob: float, length: int, alpha: float) -> float:
    return log_prob / (max(length, 1) ** alpha)


class StepModel(Protocol):
    """What greedy and beam search need from a translation model: encode once, then one token per call.

    The Transformer (core.transformer.model) and both recurrent seq2seq models (core.rnn.seq2seq) offer it,
    so one beam search and one search tree serve all three.
    """

    config: Any  # pad_token_id, unk_token_id, bos_token_id, eos_token_id

    def start(self, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
              use_cache: bool = True) -> Any:
        """Encode the sources (B, S); the state decoding carries (one row per hypothesis)."""

    def step(self, state: Any, previous_tokens: torch.Tensor,
             record: bool = False) -> tuple[torch.Tensor, Any, list[StepAttention] | None]:
        """previous_tokens (K,) -> (next-token log-probs (K, V), new state, one record per row when ``record``)."""

    def reorder(self, state: Any, index: torch.Tensor) -> Any:
        """Row k of the returned state continues row index[k]."""


class StepDecoder:
    """Drives a StepModel one token at a time, banning special tokens and forcing </s> at the last step."""

    def __init__(self, model: StepModel, source_ids: torch.Tensor, source_mask: torch.Tensor | None = None,
                 use_cache: bool = True, record_attention: bool = False) -> None:
        self.model, self.record_attention = model, record_attention
        self.state = model.start(source_ids, source_mask, use_cache=use_cache)
        config = model.config
        self.banned = never_generated(config)
        self.eos = config.eos_token_id

    def step(self, previous_tokens: torch.Tensor,
             last: bool = False) -> tuple[torch.Tensor, list[StepAttention] | None]:
        """previous_tokens (K,) -> next-token log-probs (K, V) and, when recording, each row's attention."""
        log_probs, self.state, attentions = self.model.step(self.state, previous_tokens, self.record_attention)
        log_probs = log_probs.float().clone()
        log_probs[:, self.banned] = float("-inf")  # never generated: padding, unknown, a second <s>
        if last:  # at max_length only </s> may follow
            eos_column = log_probs[:, self.eos].clone()
            log_probs.fill_(float("-inf"))
            log_probs[:, self.eos] = eos_column
        return log_probs, attentions

    def reorder(self, index: torch.Tensor) -> None:
        """Row k now continues hypothesis index[k]."""
        self.state = self.model.reorder(self.state, index)


def bos_tokens(model: StepModel, rows: int, device: torch.device) -> torch.Tensor:
    return torch.full((rows,), model.config.bos_token_id, dtype=torch.long, device=device)  # (K,)


@torch.no_grad()
def greedy_decode(model: StepModel, source_ids: torch.Tensor, max_length: int = 32,
                  length_penalty: float = LENGTH_PENALTY, source_mask: torch.Tensor | None = None,
                  use_cache: bool = True, record_attention: bool = False) -> list[Hypothesis]:
    """The most probable token at every step, for each of the B sources (B, S) at once."""
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    B = source_ids.size(0)
    decoder = StepDecoder(model, source_ids, source_mask, use_cache, record_attention)
    previous = bos_tokens(model, B, source_ids.device)  # (B,)
    hypotheses = [Hypothesis([], [], 0.0, 0.0) for _ in range(B)]
    done = [False] * B
    for step in range(1, max_length + 1):
        log_probs, attentions = decoder.step(previous, last=step == max_length)
        best_log_probs, previous = log_probs.max(dim=-1)  # (B,)
        for b, (token, log_prob) in enumerate(zip(previous.tolist(), best_log_probs.tolist())):
            if done[b]:
                continue
            hypotheses[b].token_ids.append(token)
            hypotheses[b].token_log_probs.append(log_prob)
            if attentions is not None:
                hypotheses[b].attentions.append(attentions[b])
            done[b] = token == decoder.eos
            hypotheses[b].cut = step == max_length  # only </s> was allowed: the limit ended it
        if all(done):
            break
    for h in hypotheses:
        h.log_prob = sum(h.token_log_probs)
        h.score = length_normalised(h.log_prob, len(h.token_ids), length_penalty)
    return hypotheses


@dataclass
class Beam:
    """The live hypotheses, row k of the decoder batch each."""

    cumulative: list[float] = field(default_factory=list)
    token_ids: list[list[int]] = field(default_factory=list)
    token_log_probs: list[list[float]] = field(default_factory=list)
    node_ids: list[int | None] = field(default_factory=list)
    attentions: list[list[StepAttention]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the previous beam's row each one extends

    def add(self, cumulative, token_ids, token_log_probs, node_id, attentions, row) -> None:
        for values, value in zip((self.cumulative, self.token_ids, self.token_log_probs, self.node_ids,
                                  self.attentions, self.rows),
                                 (cumulative, token_ids, token_log_probs, node_id, attentions, row)):
            values.append(value)


def fate_of(rank: int, is_eos: bool, kept: int, beam_size: int, continues: bool = True, forced: bool = False) -> str:
    """fairseq's rule: </s> among the K best finishes (or, when the length limit ``forced`` it, is "cut");
    otherwise the first K extensions stay live, but only when the search ``continues`` after this step: once K
    hypotheses have finished, none is extended again, so none is "kept" (with width 1 the tree is then exactly
    the greedy path)."""
    if is_eos:
        return ("cut" if forced else "finished") if rank < beam_size else "pruned"
    return "kept" if continues and kept < beam_size else "pruned"


def finishing(extensions: list[tuple[float, int, int, float]], eos: int, beam_size: int) -> int:
    """How many of a step's ranked (cumulative, row, token, log-prob) extensions finish: </s> among the K best."""
    return sum(token == eos and cumulative != float("-inf") for cumulative, _, token, _ in extensions[:beam_size])


@torch.no_grad()
def beam_search(model: StepModel, source_ids: torch.Tensor, beam_size: int = BEAM_WIDTH,
                max_length: int = 32, length_penalty: float = LENGTH_PENALTY, n_best: int | None = None,
                source_mask: torch.Tensor | None = None, use_cache: bool = True, record_tree: bool = True,
                record_attention: bool = False, mark_cut: bool = False) -> BeamSearchResult:
    """Beam search over one source sentence (1, S); returns the n-best and, if asked, the tree. ``mark_cut``: a
    node whose </s> the length limit forced gets the fate "cut" (a translation stopped, not finished); without
    it "finished", as for a continuation that ends at its length by design (core.gpt.generation)."""
    if source_ids.size(0) != 1:
        raise ValueError(f"beam search translates one sentence at a time, got a batch of {source_ids.size(0)}")
    if beam_size < 1 or max_length < 1:
        raise ValueError(f"beam_size and max_length must be at least 1, got {beam_size} and {max_length}")
    n_best = beam_size if n_best is None else n_best
    if not 1 <= n_best <= beam_size:
        raise ValueError(f"n_best must be between 1 and the beam size {beam_size}, got {n_best}")
    decoder = StepDecoder(model, source_ids, source_mask, use_cache, record_attention)
    tree = SearchTree(length_penalty=length_penalty) if record_tree else None
    root = tree.add(None, 0, model.config.bos_token_id, 0.0, 0.0, 0.0, "root", 0) if tree else None
    beam = Beam([0.0], [[]], [[]], [root], [[]], [0])
    previous = bos_tokens(model, 1, source_ids.device)  # (K,) the token each live hypothesis ended with
    finished: list[Hypothesis] = []
    step = 0
    while step < max_length and beam.cumulative and len(finished) < beam_size:
        step += 1
        log_probs, attentions = decoder.step(previous, last=step == max_length)  # (K, V)
        candidates = torch.tensor(beam.cumulative, device=log_probs.device)[:, None] + log_probs  # (K, V)
        V = candidates.size(1)
        top_scores, top_index = candidates.view(-1).topk(min(2 * beam_size, candidates.numel()))  # the 2K best
        extensions = list(zip(top_scores.tolist(), (top_index // V).tolist(), (top_index % V).tolist(),
                              log_probs.view(-1)[top_index].tolist()))
        continues = step < max_length and len(finished) + finishing(extensions, decoder.eos, beam_size) < beam_size
        if tree is not None:  # every extension scored, kept as tensors (both are new each step, never
            # changed after: no copy needed); nodes for the compared ones follow
            tree.scored.append(ScoredStep(step, list(beam.node_ids), log_probs, candidates,
                                          top_index[torch.isfinite(top_scores)]))
        kept = Beam()
        for rank, (cumulative, row, token, token_log_prob) in enumerate(extensions):
            if cumulative == float("-inf"):
                break  # banned tokens: never hypotheses
            fate = fate_of(rank, token == decoder.eos, len(kept.rows), beam_size, continues,
                           forced=mark_cut and step == max_length)
            score = length_normalised(cumulative, step, length_penalty)
            node = (tree.add(beam.node_ids[row], step, token, token_log_prob, cumulative, score, fate, rank)
                    if tree else None)
            if fate == "pruned":
                continue
            ids, lps = beam.token_ids[row] + [token], beam.token_log_probs[row] + [token_log_prob]
            history = beam.attentions[row] + [attentions[row]] if attentions is not None else []
            if fate in ("finished", "cut"):
                finished.append(Hypothesis(ids, lps, cumulative, score, node, history, cut=step == max_length))
            else:
                kept.add(cumulative, ids, lps, node, history, row)
        beam = kept
        if kept.rows:
            index = torch.tensor(kept.rows, device=previous.device)
            previous = torch.tensor([ids[-1] for ids in kept.token_ids], device=previous.device)  # (K,)
            decoder.reorder(index)
    finished.sort(key=lambda h: h.score, reverse=True)
    return BeamSearchResult(finished[:n_best], tree, beam_size, max_length, length_penalty, step)
