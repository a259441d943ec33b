"""The model's own answer to "which word does the pronoun mean?", independent of attention weights.

Shape legend: B batch, T tokens, V vocabulary, E model width, C candidates, P pieces of one word.

**Substitution scoring** (Trinh & Le, 2018, "A Simple Method for Commonsense Reasoning"): put each
candidate in the pronoun's place and ask the language model which sentence it finds more likely.
A masked LM cannot score a whole sentence in one pass, so we use the masked form of Kocijan et al.
(2019, "A Surprisingly Robust Trick for the Winograd Schema Challenge"): in "The animal didn't
cross the street because the [MASK] was too tired." the candidate's own WordPiece pieces are
masked and the score is the mean log-probability the MLM head gives them there; the candidate with
the higher score is the model's answer.

Why not mask the pronoun itself? The MLM head would then predict the *pronoun* ("it"), which is the
same word for both candidates in a Winograd pair: it says nothing about the referent. Substitution
asks the question the pair is about, which noun the property fits, and needs nothing but the MLM
head the model was trained with. Both candidates are named twice in the substituted sentence, so a
head that merely copies an earlier word gets no advantage for either.

**Representation answer**, for checkpoints without an MLM head (e.g. all-MiniLM-L6-v2): the
candidate whose last-layer vector is closest (cosine) to the pronoun's. A weaker probe, reported
under its own name, never as the "own answer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import torch

from core.analysis.coreference import CorefExample, forward_padded, locate_example, trace_batch, word_char_span

DETERMINERS = ("the", "a", "an", "his", "her", "its", "their", "my", "your", "our")


class NoMLMHead(ValueError):
    """The model has no masked-LM head, so it cannot give its own (substitution) answer."""


@dataclass
class OwnAnswer:
    """One example: each candidate's substitution score and the candidate the model prefers."""

    candidates: list[str]
    log_probs: np.ndarray  # (C,) mean log P(candidate's pieces | sentence with them masked)
    texts: list[str]  # C sentences, each with a candidate in the pronoun's place

    @property
    def choice(self) -> str:
        return self.candidates[int(np.argmax(self.log_probs))]

    @property
    def probabilities(self) -> np.ndarray:
        """(C,) softmax of the scores: how strongly the model prefers each candidate over the others."""
        shifted = np.exp(self.log_probs - self.log_probs.max())
        return shifted / shifted.sum()

    def to_dict(self) -> dict:
        return {"candidates": self.candidates, "choice": self.choice, "log_probs": self.log_probs.tolist(),
                "probabilities": self.probabilities.tolist(), "texts": self.texts}


def noun_phrase(text: str, candidate: str) -> str:
    """The candidate as the sentence first names it: with its determiner ("the street"), or bare ("Mary")."""
    start, _ = word_char_span(text, candidate)
    before = re.search(r"(\w+)\s+$", text[:start])
    if before and before.group(1).lower() in DETERMINERS:
        return f"{before.group(1).lower()} {candidate}"
    return candidate


def substitute(example: CorefExample, candidate: str) -> tuple[str, tuple[int, int]]:
    """The sentence with ``candidate`` in the pronoun's place, and the candidate word's character span there."""
    start, end = word_char_span(example.text, example.pronoun, example.pronoun_occurrence)
    phrase = noun_phrase(example.text, candidate)
    at_sentence_start = not example.text[:start].strip() or example.text[:start].rstrip()[-1] in ".!?"
    if at_sentence_start:
        phrase = phrase[0].upper() + phrase[1:]
    text = example.text[:start] + phrase + example.text[end:]
    word_end = start + len(phrase)
    return text, (word_end - len(candidate), word_end)


def _masked_input(tokenizer, text: str, span: tuple[int, int],
                  max_length: int) -> tuple[list[int], list[int], list[int]]:
    """(input ids with the span's pieces masked, their positions, their original ids)."""
    encoding = tokenizer(text, return_offsets_mapping=True, truncation=True, max_length=max_length)
    ids = list(encoding["input_ids"])
    positions = [i for i, (s, e) in enumerate(encoding["offset_mapping"]) if e > s and s < span[1] and e > span[0]]
    if not positions:
        raise ValueError(f"the substituted word at {span} of {text!r} has no tokens (cut off by truncation?)")
    originals = [ids[p] for p in positions]
    for p in positions:
        ids[p] = tokenizer.mask_token_id
    return ids, positions, originals


@torch.no_grad()
def own_answers(pipeline, examples: list[CorefExample], head_mask: torch.Tensor | None = None,
                batch_size: int = 128) -> list[OwnAnswer]:
    """Substitution scores of every candidate of every example, batched; ``head_mask`` (L, H) ablates heads."""
    if not pipeline.model.has_mlm:
        raise NoMLMHead(f"{pipeline.name} has no masked-LM head: the model's own (substitution) answer needs one; "
                        "attention and ablation of the representation answer still work")
    rows = []  # (example index, candidate, text, ids, positions, originals)
    for n, example in enumerate(examples):
        for candidate in example.candidates:
            text, span = substitute(example, candidate)
            rows.append((n, candidate, text, *_masked_input(pipeline.tokenizer, text, span, pipeline.max_length)))
    scores = []
    for start in range(0, len(rows), batch_size):
        chunk = rows[start:start + batch_size]
        trace = forward_padded(pipeline, [row[3] for row in chunk], head_mask=head_mask)
        log_probs = torch.log_softmax(trace.mlm_logits.float(), dim=-1)  # (B, T, V)
        for b, row in enumerate(chunk):
            positions, originals = torch.tensor(row[4]), torch.tensor(row[5])  # (P,), (P,)
            scores.append(float(log_probs[b, positions, originals].mean()))
    answers, index = [], 0
    for example in examples:
        count = len(example.candidates)
        answers.append(OwnAnswer(candidates=list(example.candidates), log_probs=np.array(scores[index:index + count]),
                                 texts=[row[2] for row in rows[index:index + count]]))
        index += count
    return answers


@torch.no_grad()
def representation_answers(pipeline, examples: list[CorefExample], head_mask: torch.Tensor | None = None,
                           batch_size: int = 64) -> list[OwnAnswer]:
    """Cosine similarity of the pronoun's last-layer vector to each candidate's (mean over pieces)."""
    located = [locate_example(pipeline.tokenizer, e, pipeline.max_length) for e in examples]
    answers = []
    for start in range(0, len(examples), batch_size):
        trace = trace_batch(pipeline, [e.text for e in examples[start:start + batch_size]], head_mask)
        last = trace.hidden_states[-1].float()  # (B, T, E)
        for b, where in enumerate(located[start:start + batch_size]):
            pronoun = last[b, where.pronoun].mean(dim=0)  # (E,)
            similarity = [float(torch.cosine_similarity(pronoun, last[b, positions].mean(dim=0), dim=0))
                          for positions in where.candidates.values()]
            answers.append(OwnAnswer(candidates=list(where.candidates), log_probs=np.array(similarity),
                                     texts=[examples[start + b].text] * len(similarity)))
    return answers


def accuracy(answers: list[OwnAnswer], examples: list[CorefExample]) -> float:
    """Share of examples whose answer the model chose (an exact tie counts 1/k, as for heads)."""
    credit = [float(a.log_probs[e.answer_index] == a.log_probs.max()) / int((a.log_probs == a.log_probs.max()).sum())
              for a, e in zip(answers, examples, strict=True)]
    return float(np.mean(credit)) if credit else float("nan")
