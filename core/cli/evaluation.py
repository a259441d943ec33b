"""``python -m core eval translator``: exact match and corpus BLEU of a translator per English length bucket.

The figures are core.analysis.evaluation's (the held-out split, greedy and beam decoding, sacrebleu's BLEU);
this module parses the options, loads the translators and prints a table or JSON.
"""

from __future__ import annotations

import argparse
import json
import sys

import torch

from core.analysis.evaluation import (
    ALL,
    bleu_signature,
    bucketed_test_split,
    data_warning,
    evaluate_translator,
    trained_data_version,
)
from core.cli import fail
from core.data.translation import DATA_VERSION, DATA_VERSIONS
from core.decoding import BEAM_WIDTH, LENGTH_PENALTY


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def format_table(results: list[dict], by_length: bool) -> str:
    """Rows: length buckets (or only "all"); columns: each model's exact match % and BLEU per method."""
    rows = list(results[0]["buckets"]) if by_length else [ALL]
    lines = [f"{'words':<6}", f"{'':<6}", f"{'':<6}"]
    widths = [max(14 * len(result["methods"]) - 1, len(result["model"])) for result in results]
    for result, width in zip(results, widths):
        methods = [method.replace("_", " ") for method in result["methods"]]
        lines[0] += f" | {result['model']:<{width}}"
        lines[1] += f" | {' '.join(f'{method:<13}' for method in methods):<{width}}"
        lines[2] += f" | {' '.join('  EM %   BLEU' for _ in methods):<{width}}"
    lines.append("-" * len(lines[0]))
    for label in rows:
        line = f"{label:<6}"
        for result, width in zip(results, widths):
            figures = result["buckets"][label]
            cells = " ".join(f"{percent(figures[m]['exact_match']):>6} {fmt_bleu(figures[m]['bleu']):>6}"
                             for m in result["methods"])
            line += f" | {cells:<{width}}"
        lines.append(line)
    return "\n".join(line.rstrip() for line in lines)


def fmt_bleu(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def notes(results: list[dict]) -> list[str]:
    """What a reader of the table must know: sentences with words a model never saw."""
    out = []
    for result in results:
        unknown = {label: b["unknown_source_sentences"] for label, b in result["buckets"].items()
                   if b["unknown_source_sentences"] and label != ALL}
        if unknown:
            out.append(f"{result['model']}: sentences with English words it has no embedding for (read as <unk>): "
                       + ", ".join(f"{label} {n}/{result['buckets'][label]['sentences']}"
                                   for label, n in unknown.items()))
    return out


def held_out_setup(args: argparse.Namespace, names: list[str] | None) -> tuple[list, dict[str, list[tuple[str, str]]]]:
    """What both held-out commands (``eval translator``, ``eval beam-examples``) start from: torch threads, the
    named translators (every shipped one when ``names`` is empty), each with a note on stderr when its training data
    may overlap the split, and the split by length bucket. Raises TranslatorError with the command-line message."""
    from core.transformer.translator import TranslatorError, load_translator, translator_model_names

    if args.threads:
        torch.set_num_threads(args.threads)
    names = names or translator_model_names()
    if not names:
        raise TranslatorError("no shipped translator found under models/; name one with --model NAME_OR_FOLDER")
    translators = [load_translator(name) for name in names]
    version = split_version(args, translators)
    for translator in translators:
        warning = data_warning(translator, args.num_test, args.data_seed, version)
        if warning:
            print(f"note: {warning}", file=sys.stderr)
    return translators, bucketed_test_split(args.num_test, args.data_seed, args.limit, version)


def split_version(args: argparse.Namespace, translators: list) -> int:
    """--data-version when given, else the version the translators were trained on (training.json), or the
    shipped translators' when they were trained on different ones."""
    chosen = getattr(args, "data_version", None)
    if chosen:
        return chosen
    versions = {trained_data_version(translator) for translator in translators}
    return versions.pop() if len(versions) == 1 else DATA_VERSION


def run_eval_translator(args: argparse.Namespace) -> int:
    from core.transformer.translator import TranslatorError

    if args.pronouns:
        from core.cli.pronouns import run_eval_pronouns

        return run_eval_pronouns(args)
    if args.confidence:
        from core.cli.confidence import run_eval_confidence

        return run_eval_confidence(args)
    if args.beam < 1:
        return fail(f"--beam must be at least 1, got {args.beam}")
    if args.limit is not None and args.limit < 1:
        return fail(f"--limit must be at least 1 sentence per bucket, got {args.limit}")
    if args.num_test < 1:
        return fail(f"--num-test must be at least 1 (got {args.num_test}): the test split would be empty")
    if args.batch_size < 1:
        return fail(f"--batch-size must be at least 1, got {args.batch_size}")
    try:
        translators, groups = held_out_setup(args, [args.model] if args.model else None)
    except TranslatorError as error:
        return fail(str(error))
    results = []
    for translator in translators:
        try:
            results.append(evaluate_translator(translator, groups, args.beam, args.alpha, args.batch_size))
        except ValueError as error:
            return fail(f"{translator.name}: {error}")
    split = {"data_version": split_version(args, translators), "num_test": args.num_test,
             "data_seed": args.data_seed, "limit_per_bucket": args.limit,
             "sentences": {label: len(pairs) for label, pairs in groups.items()}}
    if args.json:
        for result in results:
            del result["outputs"]
            if not args.by_length:
                result["buckets"] = {ALL: result["buckets"][ALL]}
        print(json.dumps({"test_split": split, "beam": args.beam, "length_penalty": args.alpha,
                          "bleu_signature": bleu_signature(), "models": results}, indent=2))
        return 0
    print(f"held-out test split (data version {split['data_version']}): {sum(split['sentences'].values())} sentences "
          f"({', '.join(f'{k}: {v}' for k, v in split['sentences'].items())}); exact match % and BLEU "
          f"({bleu_signature()})")
    print(format_table(results, args.by_length))
    for line in notes(results):
        print(f"note: {line}")
    return 0


def add_eval_translator(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="built-in name or model folder (default: every shipped one)")
    parser.add_argument("--by-length", action="store_true", help="a row per English length bucket, not only the total")
    parser.add_argument("--beam", type=int, default=BEAM_WIDTH,
                        help="beam width besides greedy decoding (1: greedy only)")
    parser.add_argument("--alpha", type=float, default=LENGTH_PENALTY, help="length penalty of beam search")
    parser.add_argument("--limit", type=int, default=None, help="at most this many sentences per bucket (quick runs)")
    parser.add_argument("--num-test", type=int, default=2000, help="size of the generated test split (÷ 5 per bucket)")
    parser.add_argument("--data-seed", type=int, default=0, help="seed of the generated splits (--data-seed)")
    parser.add_argument("--data-version", type=int, default=None, choices=DATA_VERSIONS,
                        help="grammar of the held-out split (default: the one the models were trained on)")
    parser.add_argument("--pronouns", action="store_true",
                        help="the pronoun test instead: is 'it' translated il / elle as its antecedent's French "
                             "gender requires, and which cross-attention heads look at the antecedent")
    parser.add_argument("--confidence", action="store_true",
                        help="calibrate the pages' 'may be wrong' notice (a low length-normalised score) on held-out "
                             "sentences, report its false-alarm rate and write models/translation_confidence.json")
    parser.add_argument("--batch-size", type=int, default=64, help="sentences per batch of greedy decoding")
    parser.add_argument("--threads", type=int, default=0, help="torch threads on CPU; 0 leaves torch's default")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(handler=run_eval_translator)
