"""``parity``: the from-scratch model against transformers' own, for whichever family the checkpoint is.

config.json's ``model_type`` says the family: "bert" runs BERT's comparison on a text (and an optional
second segment), "openai-gpt" and "gpt2" run GPT's on a text or on token ids (``--ids``), the way to
feed a checkpoint saved without a tokenizer. A name that is neither a built-in model nor a folder (a
hub id) is fetched first and read the same way.
"""

from __future__ import annotations

import argparse
import json

from core.analysis.parity import ParityReport
from core.cli import fail
from core.gpt.config import VARIANTS as GPT_VARIANTS

DEFAULT_MODEL = "tiny-bert"


def token_ids(text: str) -> list[int]:
    """'5,17,42' -> [5, 17, 42]."""
    try:
        ids = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated token ids such as 5,17,42, got {text!r}") from None
    if not ids or min(ids) < 0:
        raise argparse.ArgumentTypeError(f"expected comma-separated non-negative token ids, got {text!r}")
    return ids


def bert_report(args: argparse.Namespace) -> ParityReport:
    from core.analysis.parity import compare
    from core.bert.pipeline import load_pipeline

    return compare(load_pipeline(args.model), args.text, args.text_b, atol=args.atol)


def gpt_report(args: argparse.Namespace) -> ParityReport:
    from core.analysis.gpt_parity import compare
    from core.gpt.pipeline import load_pipeline

    pipeline = load_pipeline(args.model)
    ids = args.ids if args.ids is not None else pipeline.encode(args.text)
    if len(ids) > pipeline.model.config.n_positions:
        raise ValueError(f"{len(ids)} tokens; {args.model} reads at most {pipeline.model.config.n_positions}")
    pipeline.check_ids(ids)
    return compare(pipeline, ids, atol=args.atol)


def print_report(report: ParityReport) -> None:
    print(f"model: {report.model}   reference: transformers.{report.reference_class} (eager attention)")
    print(f"tokens ({len(report.tokens)}): {' '.join(report.tokens)}")
    width = max(len(row.quantity) for row in report.rows)
    for row in report.rows:
        print(f"  {row.quantity:<{width}}  max |ours - theirs| = {row.max_abs_diff:.3e}")
    verdict = "PASS" if report.passed else "FAIL"
    print(f"{verdict}: largest difference {report.max_abs_diff:.3e} (tolerance {report.atol:.0e})")


def family(name_or_path: str) -> str | None:
    """config.json's model_type of a built-in name or folder; a hub id is fetched first (as BERT's loader would)."""
    from core import model_folders
    from core.bert.checkpoint import CheckpointError

    kind = model_folders.model_type_of(name_or_path)
    if kind is None:
        kind = model_folders.model_type_of(model_folders.resolve_folder(name_or_path, "bert", CheckpointError))
    return kind


def run_parity(args: argparse.Namespace) -> int:
    from core.bert.checkpoint import CheckpointError as BertCheckpointError
    from core.bert.config import ConfigError as BertConfigError
    from core.gpt.checkpoint import CheckpointError as GPTCheckpointError

    if args.text is not None and not args.text.strip():
        return fail("--text is empty")
    try:
        is_gpt = family(args.model) in GPT_VARIANTS
        if not is_gpt and args.ids is not None:
            return fail("--ids feeds token ids to a GPT checkpoint; for a BERT give --text")
        report = gpt_report(args) if is_gpt else bert_report(args)
    except (BertCheckpointError, BertConfigError, GPTCheckpointError, ValueError) as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0 if report.passed else 1


def add_parity(parity: argparse.ArgumentParser) -> None:
    parity.add_argument("--model", default=DEFAULT_MODEL, help="built-in name, local folder or hub id")
    source = parity.add_mutually_exclusive_group(required=True)
    source.add_argument("--text")
    source.add_argument("--ids", type=token_ids, help="comma-separated token ids, e.g. 5,17,42 (GPT checkpoints, "
                        "for one saved without a tokenizer)")
    parity.add_argument("--text-b", default=None, help="optional second segment (BERT)")
    parity.add_argument("--atol", type=float, default=1e-4, help="tolerance on every max abs difference")
    parity.add_argument("--json", action="store_true")
    parity.set_defaults(handler=run_parity)
