"""A trained GPT measured on text it never saw: perplexity against Kneser–Ney n-grams, and coreference.

Shape legend: B batch, T tokens, V vocabulary, N scored tokens, C candidates, L layers, H heads.

**Language modelling.** Every held-out story is read as ``<|endoftext|> story <|endoftext|>``; each of
its tokens and the closing <|endoftext|> is predicted from the tokens before it. Perplexity is
exp(mean negative log-likelihood per token), next-token top-k the share of targets among the k most
probable tokens. The n-gram baselines (core/analysis/ngram.py, nltk's interpolated Kneser–Ney) are
fitted on the same training stories in the same tokens (tiny-gpt's byte-level BPE ids) and predict
the same targets: their ``<s>`` padding plays the opening <|endoftext|>, their first ``</s>`` the
closing one. So both perplexities are per BPE token over one set of targets, directly comparable.
A target token the training text never contains would get probability 0 from the n-grams; such
tokens are counted and left out of both perplexities (there are none on the shipped corpus).

**Coreference.** The model's own answer is substitution (Trinh & Le 2018): each candidate's noun
phrase is put in the pronoun's place ("... because the animal was too tired.") and the sentence with
the higher log-likelihood, read left to right, is the answer. "Full" scoring sums the log-probability
of every token; "partial" only of the tokens after the candidate, given it (Trinh & Le's better
variant: the candidate's own frequency does not count). Heads are ranked as for BERT
(core/analysis/coreference.py): attention from the pronoun to each candidate; the pronoun comes after
both candidates, so the causal mask hides neither.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import torch

from core.analysis.coreference import (
    CorefExample,
    HeadScores,
    Located,
    candidate_attention,
    locate_example,
    score_attention,
)
from core.analysis.own_answer import OwnAnswer, accuracy, substitute
from core.attention import pad_sequences


def end_of_text_id(pipeline) -> int:
    """The id that opens every scored text: <|endoftext|> (the model config's bos/eos)."""
    config = pipeline.model.config
    token_id = config.bos_token_id if config.bos_token_id is not None else config.eos_token_id
    if token_id is None:
        raise ValueError(f"{pipeline.name} has no <|endoftext|> token (bos/eos id) to start a text with")
    return token_id


@torch.no_grad()
def forward_rows(model, rows: list[list[int]], pad_id: int):
    """One forward pass over right-padded rows; causal attention leaves real positions untouched by padding."""
    input_ids = pad_sequences(rows, pad_id)  # (B, T)
    attention_mask = pad_sequences([[1] * len(row) for row in rows]).bool()  # (B, T)
    return model(input_ids, attention_mask=attention_mask)


@dataclass
class TokenScores:
    """Every scored target of a text set: its log-probability and whether it was the top-1 / in the top-5."""

    log_probs: np.ndarray  # (N,)
    top1: np.ndarray  # (N,) bool
    top5: np.ndarray  # (N,) bool


@torch.no_grad()
def score_stories(pipeline, stories: list[list[int]], batch_size: int = 64) -> TokenScores:
    """Targets of each story (its tokens, then <|endoftext|>) given ``<|endoftext|>`` and the tokens before."""
    eot = end_of_text_id(pipeline)
    limit = pipeline.model.config.n_positions
    log_probs, top1, top5 = [], [], []
    for start in range(0, len(stories), batch_size):
        rows = [[eot, *story, eot] for story in stories[start:start + batch_size]]
        if max(len(row) for row in rows) - 1 > limit:
            raise ValueError(f"a story of {max(len(r) for r in rows) - 2} tokens exceeds the model's {limit} positions")
        logits = forward_rows(pipeline.model, [row[:-1] for row in rows], eot).logits.float()  # (B, T, V)
        all_log_probs = torch.log_softmax(logits, dim=-1)
        best = logits.topk(5, dim=-1).indices  # (B, T, 5)
        for b, row in enumerate(rows):
            targets = torch.tensor(row[1:])  # (T_b,)
            positions = torch.arange(len(targets))
            log_probs.append(all_log_probs[b, positions, targets].numpy())
            top1.append((best[b, positions, 0] == targets).numpy())
            top5.append((best[b, positions] == targets[:, None]).any(dim=-1).numpy())
    return TokenScores(np.concatenate(log_probs), np.concatenate(top1), np.concatenate(top5))


def perplexity(log_probs: np.ndarray) -> float:
    return float(math.exp(-np.mean(log_probs)))


def ngram_figures(train: list[list[int]], heldout: list[list[int]], vocab_size: int, orders=(3, 4, 5),
                  discounts=(0.1, 0.5, 0.75, 0.9)) -> dict:
    """Held-out log-probabilities of Kneser–Ney models of each order and discount (nltk's default 0.1
    first); the discount that suits the held-out text best is reported too, a baseline at its best."""
    from core.analysis.ngram import KneserNeyModel

    figures = {}
    for order in orders:
        for discount in discounts:
            model = KneserNeyModel.fit(train, order, vocab_size, discount)
            figures[(order, discount)] = model.log_probs(heldout)
    return figures


def language_model_report(pipeline, train: list[list[int]], heldout: list[list[int]], orders=(3, 4, 5),
                          discounts=(0.1, 0.5, 0.75, 0.9)) -> dict:
    """Perplexity and next-token top-1/top-5 of the GPT; perplexity of each n-gram; the margin to the best."""
    scores = score_stories(pipeline, heldout)
    grams = ngram_figures(train, heldout, pipeline.model.config.vocab_size, orders, discounts)
    unseen = np.zeros_like(scores.log_probs, dtype=bool)
    for log_probs in grams.values():
        unseen |= ~np.isfinite(log_probs)
    kept = ~unseen
    ngrams = [{"order": order, "discount": discount, "perplexity": perplexity(log_probs[kept]),
               "nltk_default_discount": discount == 0.1} for (order, discount), log_probs in grams.items()]
    best = min(ngrams, key=lambda row: row["perplexity"])
    model_perplexity = perplexity(scores.log_probs[kept])
    return {"targets": int(scores.log_probs.size), "unseen_targets_left_out": int(unseen.sum()),
            "stories": len(heldout), "perplexity": model_perplexity,
            "perplexity_all_targets": perplexity(scores.log_probs),
            "top1": float(scores.top1.mean()), "top5": float(scores.top5.mean()),
            "ngrams": ngrams, "best_ngram": best,
            "margin": {"perplexity_difference": best["perplexity"] - model_perplexity,
                       "perplexity_ratio": best["perplexity"] / model_perplexity}}


# ---------------------------------------------------------------- coreference


@torch.no_grad()
def substitution_answers(pipeline, examples: list[CorefExample], partial: bool = False,
                         batch_size: int = 64) -> list[OwnAnswer]:
    """For each example, each candidate in the pronoun's place, scored by the sentence's log-likelihood
    (``partial``: only the tokens after the candidate). ``OwnAnswer.log_probs`` holds the C sums."""
    eot = end_of_text_id(pipeline)
    rows, texts, firsts = [], [], []
    for example in examples:
        for candidate in example.candidates:
            text, span = substitute(example, candidate)
            encoding = pipeline.tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
            offsets = encoding["offset_mapping"]
            after = next((i for i, (s, _) in enumerate(offsets) if s >= span[1]), len(offsets))
            rows.append([eot, *encoding["input_ids"]])
            texts.append(text)
            firsts.append(after if partial else 0)  # index of the first scored token, in the sentence's tokens
    sums = []
    for start in range(0, len(rows), batch_size):
        chunk = rows[start:start + batch_size]
        log_probs = torch.log_softmax(forward_rows(pipeline.model, chunk, eot).logits.float(), dim=-1)  # (B, T, V)
        for b, row in enumerate(chunk):
            targets = torch.tensor(row[1:])  # the sentence's tokens, each predicted from those before
            token_log_probs = log_probs[b, torch.arange(len(targets)), targets]
            sums.append(float(token_log_probs[firsts[start + b]:].sum()))
    answers, index = [], 0
    for example in examples:
        count = len(example.candidates)
        answers.append(OwnAnswer(candidates=list(example.candidates), log_probs=np.array(sums[index:index + count]),
                                 texts=texts[index:index + count]))
        index += count
    return answers


def locate_after_start(tokenizer, example: CorefExample) -> Located:
    """Where the pronoun and candidates sit once <|endoftext|> is put first: every position moves by one."""
    where = locate_example(tokenizer, example)
    return Located(pronoun=[p + 1 for p in where.pronoun],
                   candidates={word: [p + 1 for p in positions] for word, positions in where.candidates.items()})


WORD = re.compile(r"\w+(?:'\w+)?")


def deciding_word_span(example: CorefExample, partner: CorefExample | None) -> tuple[int, int]:
    """Character span of the word that decides the answer: the first word where the example and the other
    member of its minimal pair differ ("tired" against "wide"); without a partner, the sentence's last word."""
    words = list(WORD.finditer(example.text))
    if partner is not None:
        for mine, theirs in zip(words, WORD.finditer(partner.text)):
            if mine.group().lower() != theirs.group().lower():
                return mine.span()
    return words[-1].span()


def deciding_positions(tokenizer, example: CorefExample, partner: CorefExample | None) -> list[int]:
    """Token positions (after <|endoftext|>) of the deciding word."""
    start, end = deciding_word_span(example, partner)
    offsets = tokenizer(example.text, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]
    return [i + 1 for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]


def partners(examples: list[CorefExample]) -> list[CorefExample | None]:
    """The other member of each example's minimal pair, or None."""
    by_pair: dict[str, list[CorefExample]] = {}
    for example in examples:
        if example.pair is not None:
            by_pair.setdefault(example.pair, []).append(example)
    return [next((o for o in by_pair.get(e.pair, []) if o is not e), None) if e.pair is not None else None
            for e in examples]


@torch.no_grad()
def gpt_head_scores(pipeline, examples: list[CorefExample], batch_size: int = 64,
                    source: str = "pronoun") -> HeadScores:
    """Every layer × head of a GPT scored on labelled pronoun sentences, by BERT's rules (coreference.py).

    ``source`` "pronoun": attention from the pronoun, as for BERT. Read left to right, the two members of a
    Winograd pair are the same sentence up to and including the pronoun, so every head gives both the same
    attention there and scores exactly 50 % on them: the word that decides comes later. ``source``
    "deciding": attention from that word ("tired" / "wide") instead, the first place a causal head can tell
    the two apart."""
    if source not in ("pronoun", "deciding"):
        raise ValueError(f"source must be 'pronoun' or 'deciding', got {source!r}")
    eot = end_of_text_id(pipeline)
    located = [locate_after_start(pipeline.tokenizer, e) for e in examples]
    if source == "deciding":
        located = [Located(pronoun=deciding_positions(pipeline.tokenizer, e, partner), candidates=where.candidates)
                   for e, partner, where in zip(examples, partners(examples), located)]
    attention = []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start:start + batch_size]
        rows = [[eot, *pipeline.tokenizer(e.text, add_special_tokens=False)["input_ids"]] for e in chunk]
        trace = forward_rows(pipeline.model, rows, eot)
        for b, where in enumerate(located[start:start + batch_size]):
            attention.append(candidate_attention(trace.attentions, where.pronoun, where.candidates, batch_index=b))
    return score_attention(examples, attention, located, model=pipeline.name)


def pairs_both_right(answers: list[OwnAnswer], examples: list[CorefExample]) -> float:
    """Share of minimal pairs whose two members are both answered right (a tie counts as wrong)."""
    right: dict[str, bool] = {}
    for answer, example in zip(answers, examples, strict=True):
        others = [v for i, v in enumerate(answer.log_probs) if i != example.answer_index]
        won = bool(answer.log_probs[example.answer_index] > max(others))
        right[example.pair] = right.get(example.pair, True) and won
    return sum(right.values()) / len(right) if right else float("nan")


def answer_figures(answers: list[OwnAnswer], examples: list[CorefExample]) -> dict:
    kinds = sorted({e.kind for e in examples})
    return {"accuracy": accuracy(answers, examples), "examples": len(examples),
            "pairs_both_right": pairs_both_right(answers, examples),
            "by_kind": {kind: accuracy([a for a, e in zip(answers, examples) if e.kind == kind],
                                       [e for e in examples if e.kind == kind]) for kind in kinds}}


def _examples(split: str, pairs: int, seed: int) -> list[CorefExample]:
    from core.data.stories_coreference import coreference_set

    return [CorefExample(**e) for e in coreference_set(split, pairs, seed)]


def _head_row(scores: HeadScores, layer: int, head: int) -> dict:
    return {"layer": layer, "head": head, "accuracy": float(scores.accuracy[layer, head]),
            "pair_accuracy": float(scores.pair_accuracy[layer, head])}


def coreference_report(pipeline, splits=("heldout", "heldout-frames"), pairs: int | None = None,
                       seed: int | None = None) -> dict:
    """The GPT on the generated minimal pairs: its own answer (full and partial substitution) on each
    measured half, and its best head, chosen on the training half, measured there."""
    from core.analysis.head_ablation import answerable
    from core.data.stories_coreference import DATA_SEED, PAIRS_PER_HALF

    pairs, seed = pairs or PAIRS_PER_HALF, DATA_SEED if seed is None else seed
    train = _examples("train", pairs, seed)
    chosen = gpt_head_scores(pipeline, train).best_heads(1)[0]
    deciding = gpt_head_scores(pipeline, train, source="deciding").best_heads(1)[0]
    report = {"model": pipeline.name, "pairs_per_half": pairs, "data_seed": seed,
              "best_head_from_training_half": {"layer": chosen.layer, "head": chosen.head,
                                               "train_accuracy": chosen.accuracy},
              "best_deciding_word_head_from_training_half": {"layer": deciding.layer, "head": deciding.head,
                                                             "train_accuracy": deciding.accuracy}, "splits": {}}
    for split in splits:
        examples = _examples(split, pairs, seed)
        measured = answerable(examples)
        scores = gpt_head_scores(pipeline, examples)
        report["splits"][split] = {
            "examples": len(examples), "chance": scores.chance, "baselines": scores.baselines,
            "own_answer": {"measure": "substitution, full-sentence log-likelihood",
                           **answer_figures(substitution_answers(pipeline, measured), measured)},
            "own_answer_partial": {"measure": "substitution, log-likelihood of the words after the candidate",
                                   **answer_figures(substitution_answers(pipeline, measured, partial=True), measured)},
            "not_answerable": len(examples) - len(measured),
            "best_head_from_training_half": _head_row(scores, chosen.layer, chosen.head),
            "best_heads_here": [_head_row(scores, s.layer, s.head) for s in scores.best_heads(3)],
            "best_deciding_word_head_from_training_half": _head_row(
                gpt_head_scores(pipeline, examples, source="deciding"), deciding.layer, deciding.head)}
    return report


def bert_coreference_report(name: str, splits=("heldout", "heldout-frames"), pairs: int | None = None,
                            seed: int | None = None) -> dict:
    """The same figures for a BERT (masked substitution, core/analysis/own_answer.py), for the comparison."""
    from core.analysis.coreference import score_heads
    from core.analysis.head_ablation import answerable
    from core.analysis.own_answer import own_answers
    from core.bert.pipeline import load_pipeline
    from core.data.stories_coreference import DATA_SEED, PAIRS_PER_HALF

    pairs, seed = pairs or PAIRS_PER_HALF, DATA_SEED if seed is None else seed
    pipeline = load_pipeline(name)
    chosen = score_heads(pipeline, _examples("train", pairs, seed)).best_heads(1)[0]
    report = {"model": name, "best_head_from_training_half": {"layer": chosen.layer, "head": chosen.head,
                                                              "train_accuracy": chosen.accuracy}, "splits": {}}
    for split in splits:
        examples = _examples(split, pairs, seed)
        measured = answerable(examples)
        scores = score_heads(pipeline, examples)
        answer = {"measure": "masked substitution (mean log-probability of the candidate's pieces)",
                  **answer_figures(own_answers(pipeline, measured), measured)} if pipeline.model.has_mlm else None
        report["splits"][split] = {"examples": len(examples), "own_answer": answer,
                                   "best_head_from_training_half": _head_row(scores, chosen.layer, chosen.head)}
    return report
