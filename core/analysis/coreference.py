"""Coreference explorer: which heads attend from a pronoun to its antecedent?

Shape legend: N examples, B batch, L layers, H heads, T query length, S key length, C candidates.
Layer and head indices are 0-based everywhere here (arrays, rows, ``HeadScore``), as in
``trace.attentions[layer][:, head]``; a view adds 1 when it prints them.

Attention from a pronoun to a candidate word, following Clark et al. (2019, "What Does BERT Look
At?", sec. 3): the pronoun's rows are *averaged* over its WordPiece pieces (so each head still
gives one probability distribution), and the candidate's columns are *summed* over its pieces (a
word split into three pieces receives the total probability mass the head puts on it; a mean would
punish rare words for being split). The result is a probability in [0, 1] for every layer × head.

A head "resolves" an example when the correct antecedent receives strictly more attention than
every other candidate. Ties share the credit: a head that puts exactly equal attention on k tied
top candidates earns 1/k when the answer is among them (1/2 for the usual two), so a head that
looks at neither candidate scores the chance level rather than 0 or 1.

Attention is evidence, not proof. A head that points at the antecedent shows where that head
reads from; it does not show that the model uses what it reads (the value vectors may be small,
Kobayashi et al. 2020), nor that the position still holds the word after a few layers of mixing
(Brunner et al. 2020), nor that the model would fail without it (Jain & Wallace 2019, "Attention
is not Explanation"). With about 60 two-candidate sentences a head needs about 0.63 accuracy to
sit two standard errors above chance, and the best of 144 heads beats chance by luck alone: compare
with the baselines, the minimal-pair accuracy and a second model before naming "coreference heads".
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from core.attention import pad_sequences
from core.bert.wordpiece import word_groups, word_text

DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "coreference.json"


@dataclass(frozen=True)
class CorefExample:
    """One sentence with a pronoun and its labelled candidate antecedents."""

    id: str
    text: str
    pronoun: str  # the pronoun word, matched as a whole word, case-insensitive
    candidates: tuple[str, ...]  # candidate antecedent words; each one's first occurrence is meant
    answer: str  # the correct candidate
    pronoun_occurrence: int = 0  # which occurrence of the pronoun word (0 = first)
    pair: str | None = None  # examples sharing a pair id form a minimal pair with different answers
    kind: str = ""  # "winograd" (world knowledge decides), "gender" or "number" (agreement decides)

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        if len(self.candidates) < 2 or len(set(self.candidates)) != len(self.candidates):
            raise ValueError(f"{self.id}: needs at least two distinct candidates, got {self.candidates}")
        if self.answer not in self.candidates:
            raise ValueError(f"{self.id}: answer {self.answer!r} is not one of {self.candidates}")

    @property
    def answer_index(self) -> int:
        return self.candidates.index(self.answer)


def load_examples(path: str | Path = DATA_PATH) -> list[CorefExample]:
    """The project's built-in pronoun sentences (or another file in the same JSON format)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [CorefExample(**entry) for entry in data["examples"]]


# ---------------------------------------------------------------------------------------------
# Word -> WordPiece positions
# ---------------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    """Lower-case and strip accents, as an uncased BERT tokenizer does; harmless for cased ones."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def word_char_span(text: str, word: str, occurrence: int = 0) -> tuple[int, int]:
    """Character span of the ``occurrence``-th whole-word match of ``word`` in ``text`` (case-insensitive)."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    matches = list(pattern.finditer(text))
    if occurrence >= len(matches):
        raise ValueError(f"{word!r} occurs {len(matches)} time(s) in {text!r}; occurrence {occurrence} asked for")
    return matches[occurrence].span()


def positions_in_tokens(tokens: list[str], word: str, occurrence: int = 0) -> list[int]:
    """Token positions of a word, from WordPiece tokens alone: a piece starting with ``##``
    continues the previous word. For slow tokenizers and for tokens that come without offsets."""
    target = _fold(word)
    found = [group for group in word_groups(tokens) if _fold(word_text(tokens, group)) == target]
    if occurrence >= len(found):
        raise ValueError(f"{word!r} found {len(found)} time(s) in the tokens; occurrence {occurrence} asked for")
    return found[occurrence]


def locate_word(tokenizer, text: str, word: str, occurrence: int = 0, max_length: int | None = None) -> list[int]:
    """Positions, in ``tokenizer(text)`` ([CLS] at 0), of the WordPiece pieces of a word.

    A fast tokenizer maps the word's character span through its offset mapping, which is exact for
    any vocabulary; a slow one falls back to joining ``##`` pieces.
    """
    kwargs = {"truncation": max_length is not None, "max_length": max_length}
    if not getattr(tokenizer, "is_fast", False):
        ids = tokenizer(text, **kwargs)["input_ids"]
        return positions_in_tokens(tokenizer.convert_ids_to_tokens(ids), word, occurrence)
    start, end = word_char_span(text, word, occurrence)
    offsets = tokenizer(text, return_offsets_mapping=True, **kwargs)["offset_mapping"]
    positions = [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]
    if not positions:
        raise ValueError(f"{word!r} in {text!r} has no tokens (cut off by truncation?)")
    return positions


@dataclass
class Located:
    """Where one example's pronoun and candidates sit in its token sequence."""

    pronoun: list[int]  # positions of the pronoun's pieces
    candidates: dict[str, list[int]]  # candidate word -> positions of its pieces, in the example's order


def locate_example(tokenizer, example: CorefExample, max_length: int | None = None) -> Located:
    def find(word: str, occurrence: int = 0) -> list[int]:
        return locate_word(tokenizer, example.text, word, occurrence, max_length)

    return Located(pronoun=find(example.pronoun, example.pronoun_occurrence),
                   candidates={word: find(word) for word in example.candidates})


# ---------------------------------------------------------------------------------------------
# One sentence: attention from the pronoun to each candidate, every head ranked
# ---------------------------------------------------------------------------------------------

def candidate_attention(attentions: list[torch.Tensor], pronoun_positions: list[int],
                        candidates: dict[str, list[int]], batch_index: int = 0) -> np.ndarray:
    """(L, H, C) attention from the pronoun (mean over its pieces) to each candidate (sum over its pieces)."""
    if not pronoun_positions or any(not positions for positions in candidates.values()):
        raise ValueError("the pronoun and every candidate need at least one token position")
    probs = torch.stack([layer[batch_index] for layer in attentions]).float()  # (L, H, T, S)
    from_pronoun = probs[:, :, pronoun_positions, :].mean(dim=2)  # (L, H, S)
    per_candidate = [from_pronoun[:, :, positions].sum(dim=-1) for positions in candidates.values()]  # C of (L, H)
    return torch.stack(per_candidate, dim=-1).numpy()  # (L, H, C)


def _margin(attention: np.ndarray, index: int) -> np.ndarray:
    """(..., C) -> (...): attention to candidate ``index`` minus the most any other candidate gets."""
    others = np.delete(attention, index, axis=-1)
    return attention[..., index] - others.max(axis=-1)


@dataclass
class HeadRanking:
    """Every layer × head of one sentence, with its attention from the pronoun to each candidate."""

    candidates: list[str]
    attention: np.ndarray  # (L, H, C) float32
    sort_by: str | None  # the candidate the ranking favours; None ranks by top-minus-runner-up margin
    order: list[tuple[int, int]]  # (layer, head) pairs, best first

    def to_rows(self) -> list[dict]:
        rows = []
        for rank, (layer, head) in enumerate(self.order, start=1):
            values = self.attention[layer, head]  # (C,)
            top = int(values.argmax())
            index = self.candidates.index(self.sort_by) if self.sort_by is not None else top
            row = {"rank": rank, "layer": layer, "head": head, "top": self.candidates[top],
                   "margin": float(_margin(values, index))}
            row.update({f"attention to {name}": float(v) for name, v in zip(self.candidates, values)})
            rows.append(row)
        return rows

    def to_dict(self) -> dict:
        return {"candidates": self.candidates, "sort_by": self.sort_by,
                "attention": self.attention.tolist(), "rows": self.to_rows()}


def rank_heads(trace, pronoun_positions: list[int], candidates: dict[str, list[int]],
               sort_by: str | None = None, batch_index: int = 0) -> HeadRanking:
    """Rank every layer × head of one traced sentence by how clearly it picks a candidate.

    With ``sort_by`` (e.g. the correct antecedent) heads are ranked by the attention that candidate
    receives minus the most any other receives; without it, by the top candidate's lead over the
    runner-up, whichever candidate that is. Ties keep layer-then-head order.
    """
    if len(candidates) < 2:
        raise ValueError("rank_heads needs at least two candidates to compare")
    names = list(candidates)
    attention = candidate_attention(trace.attentions, pronoun_positions, candidates, batch_index)  # (L, H, C)
    if sort_by is not None:
        score = _margin(attention, names.index(sort_by))  # (L, H)
    else:
        ordered = np.sort(attention, axis=-1)
        score = ordered[..., -1] - ordered[..., -2]  # (L, H)
    L, H = score.shape
    order = sorted(((layer, head) for layer in range(L) for head in range(H)),
                   key=lambda lh: (-score[lh], lh))
    return HeadRanking(candidates=names, attention=attention, sort_by=sort_by, order=order)


# ---------------------------------------------------------------------------------------------
# Many sentences: accuracy of every head against the labels
# ---------------------------------------------------------------------------------------------

def head_credit(attention: np.ndarray, answer_index: int) -> np.ndarray:
    """(..., C) -> (...) in [0, 1]: 1 when the answer gets strictly the most attention, 1/k when it
    ties exactly with k-1 others at the top, 0 otherwise."""
    is_top = attention == attention.max(axis=-1, keepdims=True)  # (..., C)
    return is_top[..., answer_index] / is_top.sum(axis=-1)


def baseline_choices(located: Located) -> dict[str, str]:
    """What two attention-free rules pick: the first candidate in the sentence (often the subject),
    and the candidate nearest to the pronoun (counted in tokens, last piece to first piece)."""
    pronoun = located.pronoun[0]
    names = list(located.candidates)
    first = min(names, key=lambda name: located.candidates[name][0])
    nearest = min(names, key=lambda name: min(abs(p - pronoun) for p in located.candidates[name]))
    return {"first candidate": first, "nearest candidate": nearest}


@dataclass
class HeadScore:
    layer: int  # 0-based
    head: int  # 0-based
    accuracy: float  # fraction of examples resolved (ties share credit)
    pair_accuracy: float  # fraction of minimal pairs with both members resolved


@dataclass
class HeadScores:
    """Every layer × head scored on a labelled pronoun set; see the module docstring for the rules."""

    model: str
    examples: list[CorefExample]
    located: list[Located]
    attention: list[np.ndarray]  # N of (L, H, C_n) attention from pronoun to each candidate
    credit: np.ndarray  # (N, L, H) per-example credit in {0, 1/k, 1}
    accuracy: np.ndarray  # (L, H) mean credit over examples
    chance: float  # expected accuracy of random choice: mean over examples of 1 / C_n
    pair_ids: list[str]  # minimal pairs (ids shared by two or more examples) in first-seen order
    pair_accuracy: np.ndarray  # (L, H) mean over pairs of the product of their members' credit
    pair_chance: float  # the same for random choice: mean over pairs of the product of 1 / C_n
    baselines: dict[str, float]  # rule name -> accuracy
    baseline_picks: dict[str, list[str]] = field(default_factory=dict)  # rule name -> N chosen candidates

    @property
    def num_layers(self) -> int:
        return self.accuracy.shape[0]

    @property
    def num_heads(self) -> int:
        return self.accuracy.shape[1]

    def head_scores(self) -> list[HeadScore]:
        """All heads, best first: by accuracy, then minimal-pair accuracy, then layer and head."""
        scores = [HeadScore(layer, head, float(self.accuracy[layer, head]), float(self.pair_accuracy[layer, head]))
                  for layer in range(self.num_layers) for head in range(self.num_heads)]
        return sorted(scores, key=lambda s: (-s.accuracy, -s.pair_accuracy, s.layer, s.head))

    def best_heads(self, k: int = 5) -> list[HeadScore]:
        return self.head_scores()[:k]

    def to_rows(self) -> list[dict]:
        """One row per head, best first, for a table or CSV."""
        return [{"rank": rank, "layer": s.layer, "head": s.head, "accuracy": s.accuracy,
                 "pair_accuracy": s.pair_accuracy, "chance": self.chance}
                for rank, s in enumerate(self.head_scores(), start=1)]

    def example_rows(self, layer: int, head: int) -> list[dict]:
        """One row per example: what this head and the baselines chose, and the head's attention."""
        rows = []
        for n, (example, attention) in enumerate(zip(self.examples, self.attention)):
            values = attention[layer, head]  # (C,)
            row = {"id": example.id, "text": example.text, "pronoun": example.pronoun, "answer": example.answer,
                   "head_choice": example.candidates[int(values.argmax())],
                   "credit": float(self.credit[n, layer, head]),
                   "attention": {name: float(v) for name, v in zip(example.candidates, values)}}
            row.update({rule: picks[n] for rule, picks in self.baseline_picks.items()})
            rows.append(row)
        return rows

    def to_dict(self) -> dict:
        return {"model": self.model, "num_examples": len(self.examples), "chance": self.chance,
                "pair_chance": self.pair_chance, "baselines": self.baselines,
                "accuracy": self.accuracy.tolist(), "pair_accuracy": self.pair_accuracy.tolist(),
                "heads": self.to_rows(),
                "examples": [{"id": e.id, "text": e.text, "answer": e.answer,
                              "credit": self.credit[n].tolist()} for n, e in enumerate(self.examples)]}


def score_attention(examples: list[CorefExample], attention: list[np.ndarray], located: list[Located],
                    model: str = "") -> HeadScores:
    """Score heads from per-example (L, H, C) attention arrays; no model needed (tests use fakes)."""
    if not (len(examples) == len(attention) == len(located)) or not examples:
        raise ValueError("examples, attention and located must be non-empty and equally long")
    credit = np.stack([head_credit(a, e.answer_index) for e, a in zip(examples, attention)])  # (N, L, H)
    chance_per_example = np.array([1.0 / len(e.candidates) for e in examples])  # (N,)

    members: dict[str, list[int]] = {}
    for n, example in enumerate(examples):
        if example.pair is not None:
            members.setdefault(example.pair, []).append(n)
    pairs = {pair: ns for pair, ns in members.items() if len(ns) > 1}
    if pairs:
        pair_accuracy = np.mean([credit[ns].prod(axis=0) for ns in pairs.values()], axis=0)  # (L, H)
        pair_chance = float(np.mean([chance_per_example[ns].prod() for ns in pairs.values()]))
    else:
        pair_accuracy, pair_chance = np.full(credit.shape[1:], np.nan), float("nan")

    picks = [baseline_choices(where) for where in located]
    baseline_picks = {rule: [p[rule] for p in picks] for rule in picks[0]}
    baselines = {rule: float(np.mean([c == e.answer for c, e in zip(chosen, examples)]))
                 for rule, chosen in baseline_picks.items()}
    return HeadScores(model=model, examples=list(examples), located=list(located), attention=list(attention),
                      credit=credit, accuracy=credit.mean(axis=0), chance=float(chance_per_example.mean()),
                      pair_ids=list(pairs), pair_accuracy=pair_accuracy, pair_chance=pair_chance,
                      baselines=baselines, baseline_picks=baseline_picks)


@torch.no_grad()
def forward_padded(pipeline, ids: list[list[int]], token_types: list[list[int]] | None = None,
                   head_mask: torch.Tensor | None = None):
    """One forward pass over right-padded id lists (record_all=False; segment A when ``token_types`` is None).
    Padding cannot change the real tokens' results: padded keys get exactly zero probability and positions
    count from the left."""
    input_ids = pad_sequences(ids, pipeline.tokenizer.pad_token_id)  # (B, T)
    token_type_ids = pad_sequences(token_types) if token_types is not None else torch.zeros_like(input_ids)
    attention_mask = pad_sequences([[1] * len(row) for row in ids]).bool()  # (B, T) False on padding
    return pipeline.model(input_ids, token_type_ids, attention_mask, record_all=False, head_mask=head_mask)


def trace_batch(pipeline, texts: list[str], head_mask: torch.Tensor | None = None):
    """One forward pass over the sentences, right-padded (``forward_padded``)."""
    encodings = [pipeline.tokenizer(text, truncation=True, max_length=pipeline.max_length) for text in texts]
    ids = [e["input_ids"] for e in encodings]
    token_types = [e.get("token_type_ids", [0] * len(row)) for e, row in zip(encodings, ids)]
    return forward_padded(pipeline, ids, token_types, head_mask)


def score_heads(pipeline, examples: list[CorefExample] | None = None, batch_size: int = 64,
                head_mask: torch.Tensor | None = None) -> HeadScores:
    """Score every layer × head of a loaded BERT pipeline on labelled pronoun sentences (default: the
    built-in set). Each sentence is traced once, in batches; see the module docstring for the rules."""
    examples = load_examples() if examples is None else list(examples)
    located = [locate_example(pipeline.tokenizer, e, pipeline.max_length) for e in examples]
    attention = []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start:start + batch_size]
        trace = trace_batch(pipeline, [e.text for e in chunk], head_mask)
        for b, where in enumerate(located[start:start + batch_size]):
            attention.append(candidate_attention(trace.attentions, where.pronoun, where.candidates, batch_index=b))
    return score_attention(examples, attention, located, model=getattr(pipeline, "name", ""))
