"""``python -m core eval translator --pronouns``: is "it" translated il / elle as its antecedent's French gender
requires, and which cross-attention heads look at the antecedent (core.analysis.pronouns computes; this prints).
"""

from __future__ import annotations

import argparse
import json

import torch

from core.cli import fail

HEADS_SHOWN = 5


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f} %"


def lecture_rows(result: dict) -> list[dict]:
    """The outcomes of the lecture's pair (the animal ... the street ... too tired / too wide)."""
    from core.data.translation_world import LECTURE_PAIR

    wanted = {english for english, _ in LECTURE_PAIR}
    return [row for row in result["outcomes"] if row["english"] in wanted]


def report(result: dict) -> list[str]:
    """The lines of one model: accuracy, the lecture's pair, the best heads; or why nothing was measured."""
    name = f"{result['model']} (trained on data version {result['data_version']})"
    if not result["readable"]:
        words = ", ".join(map(repr, result["unknown_words"][:12]))
        more = len(result["unknown_words"]) - 12
        french = len(result["unknown_french_words"])
        return [f"{name}: none of the {result['cases']} sentences is readable: it has no embedding for the English "
                f"{words}{f' and {more} more' if more > 0 else ''}"
                f"{f', and cannot write {french} French words of the references' if french else ''}. A translator "
                "trained on data version 3 (python -m core train translator --data-version 3, see docs/results.md) "
                "reads them all."]
    accuracy = result["pronoun_accuracy"]
    lines = [f"{name}: il / elle right on {percent(accuracy['all'])} of {result['readable']} readable sentences "
             f"(rank half {percent(accuracy['rank'])}, score half {percent(accuracy['score'])}; il "
             f"{percent(result['by_pronoun']['il'])}, elle {percent(result['by_pronoun']['elle'])}); exact match "
             f"{percent(result['exact_match'])}; no pronoun after 'parce qu'' in {result['no_pronoun']}"]
    if result["unreadable"]:
        lines.append(f"  {result['unreadable']} sentences unreadable (unknown words: "
                     f"{', '.join(map(repr, result['unknown_words'][:8]))})")
    for row in lecture_rows(result):
        verdict = "unreadable" if row["unknown"] else ("right" if row["right"] else f"wrong, wanted {row['expected']}")
        lines.append(f"  lecture: {row['english']}  ->  {row['translation'] or '-'}  ({verdict})")
    if result["attention"] == "none":
        lines.append("  no cross-attention: this decoder reads one context vector, not the source positions")
    for row in result["heads"][:HEADS_SHOWN]:
        lines.append(f"  layer {row['layer']} head {row['head']}: picks the antecedent on "
                     f"{percent(row['rank_accuracy'])} of the rank half, {percent(row['score_accuracy'])} of the "
                     f"score half (mean weight "
                     f"{row['score_antecedent_weight']} on it, {row['score_other_weight']} on the other noun)")
    return lines


def run_eval_pronouns(args: argparse.Namespace) -> int:
    from core.analysis.pronouns import evaluate_pronouns
    from core.data.translation_pronouns import pronoun_cases
    from core.transformer.translator import TranslatorError, load_translator, translator_model_names

    if args.beam < 1:
        return fail(f"--beam must be at least 1, got {args.beam}")
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        names = [args.model] if args.model else translator_model_names()
        if not names:
            return fail("no shipped translator found under models/; name one with --model NAME_OR_FOLDER")
        translators = [load_translator(name) for name in names]
    except TranslatorError as error:
        return fail(str(error))
    cases = pronoun_cases(args.data_seed)
    if args.limit is not None:  # the first sentences of each half, twins kept together
        cases = tuple(c for half in ("rank", "score") for c in [c for c in cases if c.half == half][:2 * args.limit])
    results = [evaluate_pronouns(translator, cases, args.beam, args.alpha) for translator in translators]
    halves = {half: sum(c.half == half for c in cases) for half in ("rank", "score")}
    if args.json:
        for result in results:
            result["lecture"] = lecture_rows(result)
            del result["outcomes"]
        print(json.dumps({"test": {"data_version": 3, "data_seed": args.data_seed, "sentences": len(cases),
                                   **{f"{half}_half": n for half, n in halves.items()}},
                          "models": results}, indent=2, ensure_ascii=False))
        return 0
    print(f"pronoun test: {len(cases)} held-out causal sentences of data version 3 (seed {args.data_seed}) whose "
          f"'it' is il or elle by its antecedent's French gender, in twin pairs (always il scores 50 %); heads "
          f"ranked on {halves['rank']}, scored on the other {halves['score']}; beam {args.beam}")
    for result in results:
        print("\n".join(report(result)))
    return 0
