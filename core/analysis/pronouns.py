""""It" through translation: does a translator write il or elle as the antecedent's French gender requires, and
where does the French pronoun's cross-attention look?

The cases are core.data.translation_pronouns': held-out causal sentences whose two candidate nouns differ in
French gender, in twin pairs, so always writing il (or the nearer noun's gender) scores 50 %. For each case:

- the translation (beam search, as ``translate`` finds it) and the pronoun it writes after "parce qu'";
- teacher-forced on the reference, the cross-attention of the row that predicts the pronoun (shape legend:
  L layers, H heads; S source tokens) on the two candidate nouns. A head "picks" the antecedent when it puts
  more weight on it than on the other noun. Heads are ranked by that share on the ``rank`` half and scored on
  the ``score`` half, as the Coreference page ranks BERT's heads on one half and scores them on the other.

A sentence with a word the model has no embedding for is not translated: it is counted as unreadable and its
unknown words are reported (the shipped translators, trained on data version 2, cannot read version 3's words).

    cases = pronoun_cases()
    figures = evaluate_pronouns(load_translator("tiny-translator"), cases)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
import torch

from core.data.translation_pronouns import PronounCase
from core.decoding import BEAM_WIDTH, LENGTH_PENALTY

PRONOUNS = ("il", "elle")


def produced_pronoun(tokens: list[str]) -> str | None:
    """The word after "parce qu'" / "parce que" in a translation: the pronoun of the causal clause, or None."""
    for index, word in enumerate(tokens[:-2]):
        if word == "parce" and tokens[index + 1] in ("qu'", "que"):
            return tokens[index + 2]
    return None


def unknown_words(translator, case: PronounCase) -> list[str]:
    """The English words of the case the model has no embedding for, and the reference's French words it cannot
    write (both stop a teacher-forced pass)."""
    english = [w for w in case.english.split() if w not in translator.source_vocab]
    french = [w for w in case.french.split() if w not in translator.target_vocab]
    return sorted(set(english)) + sorted(set(french) - set(english))


def candidate_attention(translator, case: PronounCase) -> np.ndarray | None:
    """(L, H, 2): teacher-forced on the reference, the cross-attention of the row that writes the pronoun on
    [antecedent, other noun]; None for a model without attention (one context vector)."""
    from core.transformer.translator import trace_translation

    trace = trace_translation(translator, case.english, case.french.split())
    layers = trace.cross_attentions() if callable(trace.cross_attentions) else trace.cross_attentions
    if not layers:
        return None
    stacked = torch.stack([layer[0] for layer in layers]).float()  # (L, H, T, S)
    row = stacked[:, :, case.french_pronoun]  # (L, H, S)
    return row[..., [case.english_antecedent, case.english_other]].cpu().numpy()


@dataclass
class PronounOutcome:
    english: str
    reference: str  # the reference French
    translation: str  # what the model wrote (tokens joined by spaces); "" when unreadable
    expected: str  # il or elle
    produced: str | None  # the pronoun after "parce qu'", None when there is none
    half: str
    unknown: list[str]  # words the model does not know; [] when readable

    @property
    def right(self) -> bool:
        return self.produced == self.expected


def translate_case(translator, case: PronounCase, beam: int, length_penalty: float) -> PronounOutcome:
    from core.transformer.translator import translate

    unknown = unknown_words(translator, case)
    if unknown:
        return PronounOutcome(case.english, case.french, "", case.pronoun, None, case.half, unknown)
    result = translate(translator, case.english, beam=beam, length_penalty=length_penalty, greedy=beam == 1,
                       record_tree=False)
    tokens = result.candidates[0].tokens
    return PronounOutcome(case.english, case.french, " ".join(tokens), case.pronoun, produced_pronoun(tokens),
                          case.half, [])


def share(flags) -> float | None:
    flags = list(flags)
    return round(sum(flags) / len(flags), 4) if flags else None


def head_ranking(attention: np.ndarray, halves: list[str]) -> list[dict]:
    """attention (N, L, H, 2) over N readable cases -> one row per head, best on the rank half first:
    the share of cases where it weighs the antecedent above the other noun, on each half, and its mean weights."""
    halves = np.array(halves)
    picks = attention[..., 0] > attention[..., 1]  # (N, L, H)
    rows = []
    for layer in range(attention.shape[1]):
        for head in range(attention.shape[2]):
            row = {"layer": layer + 1, "head": head + 1}
            for half in ("rank", "score"):
                chosen = halves == half
                row[f"{half}_accuracy"] = share(picks[chosen, layer, head])
                row[f"{half}_antecedent_weight"] = (round(float(attention[chosen, layer, head, 0].mean()), 4)
                                                    if chosen.any() else None)
                row[f"{half}_other_weight"] = (round(float(attention[chosen, layer, head, 1].mean()), 4)
                                               if chosen.any() else None)
            rows.append(row)
    return sorted(rows, key=lambda r: (-(r["rank_accuracy"] or 0.0), -(r["rank_antecedent_weight"] or 0.0),
                                       r["layer"], r["head"]))


@torch.no_grad()
def evaluate_pronouns(translator, cases: tuple[PronounCase, ...] | list[PronounCase], beam: int = BEAM_WIDTH,
                      length_penalty: float = LENGTH_PENALTY) -> dict:
    """The pronoun figures of one translator (see the module docstring); JSON-ready."""
    translator.model.eval()
    outcomes = [translate_case(translator, case, beam, length_penalty) for case in cases]
    readable = [(case, outcome) for case, outcome in zip(cases, outcomes) if not outcome.unknown]
    attention = [candidate_attention(translator, case) for case, _ in readable]
    has_attention = bool(readable) and attention[0] is not None
    heads = (head_ranking(np.stack(attention), [case.half for case, _ in readable]) if has_attention else [])
    missing = Counter(word for outcome in outcomes for word in outcome.unknown
                      if word in outcome.english.split())
    unwritable = Counter(word for outcome in outcomes for word in outcome.unknown
                         if word not in outcome.english.split())
    right = [outcome for _, outcome in readable]
    return {
        "model": translator.name, "data_version": translator.training.get("data_version"),
        "cases": len(cases), "readable": len(readable), "unreadable": len(cases) - len(readable),
        "unknown_words": [word for word, _ in missing.most_common()],  # English: the sentence cannot be read
        "unknown_french_words": [word for word, _ in unwritable.most_common()],  # the reference cannot be written
        "pronoun_accuracy": {"all": share(o.right for o in right),
                             **{half: share(o.right for o in right if o.half == half) for half in ("rank", "score")}},
        "by_pronoun": {p: share(o.right for o in right if o.expected == p) for p in PRONOUNS},
        "no_pronoun": sum(o.produced is None for o in right),
        "exact_match": share(o.translation == o.reference for o in right),
        "beam": beam, "length_penalty": length_penalty,
        "attention": "cross-attention" if has_attention else ("none" if readable else "not measured"),
        "heads": heads,
        "outcomes": [asdict(o) | {"right": o.right} for o in outcomes],
    }
