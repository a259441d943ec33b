"""The causal test: switch off the heads that attend to the antecedent and see whether the answer suffers.

Shape legend: L layers, H heads.

Attention weights are evidence, not proof (see ``core.analysis.coreference``). Ablation is an
experiment (Michel et al., 2019, "Are Sixteen Heads Really Better than One?"): rank heads by
attention accuracy on the *training* half of a labelled pronoun set, switch off the top k (their
output zeroed before W^O, ``BertForPreTraining(head_mask=...)``), and measure the model's own
answer (``core.analysis.own_answer``) on the *held-out* half. The same is done for k heads drawn at
random, many times, because switching off *any* k heads costs something: only a drop clearly
beyond the random draws' spread says the top heads matter more than heads in general. With a few
draws that verdict can hang on one draw that happens to hold a top head, so the result also gives the
top heads' percentile among the draws (use a few hundred), and ``single_head_accuracies`` switches
off every head alone, which says whether a top-k cost is one head's or several heads' together.
Gender pairs ("John called Mary because he / she ...") become one sentence under substitution; for
them the test measures the representation answer, under its own name.

What it shows: that this model *uses* those heads for this decision (removing them hurts more than
removing others). What it does not show: that the heads "do coreference" alone (the rest of the
network may compensate, or the heads may carry something else the answer needs), nor anything
about another model.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from core.analysis.coreference import CorefExample, HeadScores
from core.analysis.own_answer import accuracy, own_answers, representation_answers

WHAT_ABLATION_SHOWS = ("Switching heads off shows whether this model uses them for this decision: a drop beyond "
                       "the random heads' spread means it does. It does not show that those heads alone resolve "
                       "pronouns (other parts may compensate or carry the rest), nor anything about another model.")


def head_mask_without(num_layers: int, num_heads: int, heads_off: list[tuple[int, int]]) -> torch.Tensor:
    """(L, H) mask of ones, with 0 at each (layer, head) switched off (0-based)."""
    mask = torch.ones(num_layers, num_heads)
    for layer, head in heads_off:
        if not (0 <= layer < num_layers and 0 <= head < num_heads):
            raise ValueError(f"head ({layer}, {head}) is outside this model's {num_layers} × {num_heads} heads")
        mask[layer, head] = 0.0
    return mask


def random_head_sets(num_layers: int, num_heads: int, k: int, draws: int, seed: int = 0) -> list[list[tuple]]:
    """``draws`` sets of k distinct (layer, head) pairs, drawn uniformly from all L × H heads."""
    heads = [(layer, head) for layer in range(num_layers) for head in range(num_heads)]
    if not 0 < k <= len(heads):
        raise ValueError(f"k must be between 1 and {len(heads)}, got {k}")
    rng = random.Random(seed)
    return [sorted(rng.sample(heads, k)) for _ in range(draws)]


def answer_accuracy(pipeline, examples: list[CorefExample], head_mask: torch.Tensor | None = None) -> float:
    """The model's own (substitution) answer accuracy; the representation answer without an MLM head."""
    answer = own_answers if pipeline.model.has_mlm else representation_answers
    return accuracy(answer(pipeline, examples, head_mask), examples)


def answerable(examples: list[CorefExample]) -> list[CorefExample]:
    """The examples substitution can answer: gender pairs become the same sentence for both members once
    the pronoun is replaced, so only the pronoun's form (not the sentence) could tell them apart."""
    return [e for e in examples if e.kind != "gender"]


def measured_examples(examples: list[CorefExample], has_mlm: bool) -> list[CorefExample]:
    """The examples the causal test measures: those substitution can answer when there is an MLM head,
    all of them for the representation answer (which compares hidden states, not two sentences)."""
    return answerable(examples) if has_mlm else list(examples)


@dataclass
class AblationResult:
    """Held-out answer accuracy with all heads, without the top k, and without k random heads (per draw)."""

    measure: str  # "own answer (substitution)" or "representation answer (no MLM head)"
    k: int
    top_heads: list[tuple[int, int]]  # ranked on the training half, best first
    full_accuracy: float
    top_accuracy: float
    random_heads: list[list[tuple[int, int]]] = field(default_factory=list)
    random_accuracies: list[float] = field(default_factory=list)
    # Gender pairs, which substitution cannot answer, through the representation answer (MLM models only):
    # all heads, top k off, and each random draw's k off.
    gender_full: float | None = None
    gender_top: float | None = None
    gender_random: list[float] = field(default_factory=list)

    @property
    def random_mean(self) -> float:
        return float(np.mean(self.random_accuracies)) if self.random_accuracies else float("nan")

    @property
    def random_std(self) -> float:
        return float(np.std(self.random_accuracies)) if self.random_accuracies else float("nan")

    @property
    def top_cost(self) -> float:
        return self.full_accuracy - self.top_accuracy

    @property
    def random_cost(self) -> float:
        return self.full_accuracy - self.random_mean

    @property
    def top_percentile(self) -> float:
        """Share of random draws that cost at least as much as the top k (accuracy at or below theirs): the top
        heads' percentile among random draws, lower meaning more damaging; 0 when no draw did as much harm."""
        if not self.random_accuracies:
            return float("nan")
        return float(np.mean(np.asarray(self.random_accuracies) <= self.top_accuracy + 1e-12))

    @property
    def beyond_random_spread(self) -> bool:
        """The top heads' accuracy is below every random draw's and more than 2 standard deviations below the mean."""
        if not self.random_accuracies:
            return False
        return self.top_accuracy < min(self.random_accuracies) and \
            self.top_accuracy < self.random_mean - 2 * self.random_std

    def to_dict(self) -> dict:
        return {"measure": self.measure, "k": self.k, "top_heads": [list(h) for h in self.top_heads],
                "full_accuracy": self.full_accuracy, "top_accuracy": self.top_accuracy,
                "top_cost": self.top_cost, "random_mean": self.random_mean, "random_std": self.random_std,
                "random_min": min(self.random_accuracies, default=float("nan")),
                "random_max": max(self.random_accuracies, default=float("nan")),
                "random_cost": self.random_cost, "beyond_random_spread": self.beyond_random_spread,
                "top_percentile": self.top_percentile,
                "random_heads": [[list(h) for h in heads] for heads in self.random_heads],
                "random_accuracies": self.random_accuracies,
                "gender_representation": None if self.gender_full is None else {
                    "full_accuracy": self.gender_full, "top_accuracy": self.gender_top,
                    "random_accuracies": self.gender_random}}


def causal_test(pipeline, train_scores: HeadScores, heldout: list[CorefExample], k: int = 3, draws: int = 20,
                seed: int = 0, include_top: bool = True,
                progress: Callable[[int, int], None] | None = None) -> AblationResult:
    """Rank heads on the training half (``train_scores``), ablate the top k and k random heads (``draws`` times),
    measure the answer accuracy on ``heldout``. ``include_top=False`` skips the top-k run (random only).
    ``progress(done, total)`` is called after each of the 2 + ``draws`` accuracy runs (a page's progress bar)."""
    L, H = train_scores.num_layers, train_scores.num_heads
    top = [(s.layer, s.head) for s in train_scores.best_heads(k)]
    measured = measured_examples(heldout, pipeline.model.has_mlm)
    gender = [e for e in heldout if e.kind == "gender"] if pipeline.model.has_mlm else []
    total = 2 + draws
    report = progress or (lambda done, total: None)

    def gender_accuracy(mask: torch.Tensor | None) -> float | None:
        return accuracy(representation_answers(pipeline, gender, mask), gender) if gender else None

    full = answer_accuracy(pipeline, measured)
    result = AblationResult(measure="own answer (substitution)" if pipeline.model.has_mlm
                            else "representation answer (no MLM head)",
                            k=k, top_heads=top, full_accuracy=full, top_accuracy=full,
                            gender_full=gender_accuracy(None))
    report(1, total)
    result.gender_top = result.gender_full
    if include_top:
        mask = head_mask_without(L, H, top)
        result.top_accuracy, result.gender_top = answer_accuracy(pipeline, measured, mask), gender_accuracy(mask)
    report(2, total)
    for draw, heads in enumerate(random_head_sets(L, H, k, draws, seed), start=3):
        mask = head_mask_without(L, H, heads)
        result.random_heads.append(heads)
        result.random_accuracies.append(answer_accuracy(pipeline, measured, mask))
        if gender:
            result.gender_random.append(gender_accuracy(mask))
        report(draw, total)
    return result


def single_head_accuracies(pipeline, heldout: list[CorefExample], num_layers: int, num_heads: int,
                           progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """(L, H) answer accuracy on ``heldout`` with each head switched off alone: which single heads the answer
    leans on, so a top-k result can be read as the sum (or not) of its heads."""
    measured = measured_examples(heldout, pipeline.model.has_mlm)
    accuracies = np.zeros((num_layers, num_heads))
    for index in range(num_layers * num_heads):
        layer, head = divmod(index, num_heads)
        accuracies[layer, head] = answer_accuracy(pipeline, measured, head_mask_without(num_layers, num_heads,
                                                                                       [(layer, head)]))
        if progress:
            progress(index + 1, num_layers * num_heads)
    return accuracies

