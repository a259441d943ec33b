"""Commands ``finetune`` (one point of the learning curve) and ``eval finetune`` (the whole curve)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from core.cli import fail
from core.finetune.training import FinetuneConfig

DEFAULTS = FinetuneConfig()
METHOD_KEYS = ("bert", "bert-random", "bag-of-words", "gpt")  # core.finetune.curve.METHODS, in order
TOKEN_METHOD_KEYS = ("bert", "bert-random", "window", "majority")  # core.finetune.curve.TOKEN_METHODS, in order


def examples_count(text: str) -> int | None:
    """--examples N or "all"."""
    if text == "all":
        return None
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive or 'all', got {text}")
    return value


def add_recipe_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-steps", type=int, default=DEFAULTS.max_steps)
    parser.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size)
    parser.add_argument("--learning-rate", type=float, default=DEFAULTS.learning_rate)
    parser.add_argument("--patience", type=int, default=DEFAULTS.patience,
                        help="validation measurements without improvement before stopping")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (the curve is measured on 1)")


def recipe(args: argparse.Namespace, **fields) -> FinetuneConfig:
    return FinetuneConfig(max_steps=args.max_steps, batch_size=args.batch_size, learning_rate=args.learning_rate,
                          patience=args.patience, **fields)


def add_finetune(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=DEFAULTS.model, help="tiny-bert, tiny-gpt or a BERT / GPT folder")
    parser.add_argument("--task", default=DEFAULTS.task)
    parser.add_argument("--examples", type=examples_count, default=DEFAULTS.examples,
                        help="labelled training examples, or 'all'")
    parser.add_argument("--seed", type=int, default=DEFAULTS.seed)
    parser.add_argument("--init", choices=("pretrained", "random"), default=DEFAULTS.init)
    add_recipe_options(parser)
    parser.add_argument("--out", type=Path, help="save the fine-tuned classifier in this folder")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run_finetune)


def run_finetune(args: argparse.Namespace) -> int:
    import torch

    from core.finetune import finetune, save_finetuned

    torch.set_num_threads(args.threads)
    try:
        config = recipe(args, model=args.model, task=args.task, examples=args.examples, seed=args.seed,
                        init=args.init)
    except ValueError as error:
        return fail(str(error))

    def progress(step: int, total: int, loss: float, validation_accuracy: float | None) -> None:
        if not args.json and (step % config.eval_every == 0 or step == total):
            shown = "-" if validation_accuracy is None else f"{validation_accuracy:.1%}"
            print(f"step {step:>4}/{total}  loss {loss:.4f}  validation {shown}", file=sys.stderr)

    try:
        result = finetune(config, progress=progress)
    except (ValueError, RuntimeError, OSError) as error:
        return fail(str(error))
    summary = result.summary()
    if args.out:
        save_finetuned(result, args.out, source={"command": "python -m core " + shlex.join(sys.argv[1:])})
        summary["saved"] = str(args.out)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{config.model} ({config.init}) on {config.task}, {result.examples} labelled examples, seed {config.seed}: "
          f"held-out accuracy {result.heldout_accuracy:.1%}, validation {result.validation_accuracy:.1%} "
          f"(best step {result.best_step} of {result.steps}{', stopped early' if result.stopped_early else ''}), "
          f"{result.seconds:.1f} s on {torch.get_num_threads()} thread(s)")
    if args.out:
        print(f"saved to {args.out}")
    return 0


def examples_list(text: str) -> tuple[int | None, ...]:
    """"64,256,all" -> (64, 256, None)."""
    return tuple(examples_count(part) for part in text.split(","))


def seed_list(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


def add_eval(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--curve", action="store_true", required=True,
                        help="the learning curve: held-out accuracy per number of labelled examples")
    parser.add_argument("--measure", action="store_true",
                        help="train every point again (about half an hour on one core) instead of reading "
                             "models/finetune_curve.json")
    parser.add_argument("--out", type=Path, help="with --measure or --merge: write the curve to this JSON file")
    parser.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                        help="join curves measured by separate commands (their rows, commands and wall times)")
    parser.add_argument("--methods", help=f"with --measure: which rows, comma-separated, of {', '.join(METHOD_KEYS)} "
                                          f"(a token task: {', '.join(TOKEN_METHOD_KEYS)}); default all")
    parser.add_argument("--task", default=DEFAULTS.task, help="with --measure: feelings, or feeling-tags (per token)")
    parser.add_argument("--examples", type=examples_list, help="with --measure: labelled examples per point, "
                                                          "comma-separated, 'all' for the whole pool")
    parser.add_argument("--seeds", type=seed_list, help="with --measure: seeds, comma-separated (default 0,1,2)")
    parser.add_argument("--into", type=Path, metavar="JSON",
                        help="with --measure or --merge: keep the curve of another task than the shipped one as a "
                             "section of this curve file (e.g. models/finetune_curve.json)")
    add_recipe_options(parser)
    parser.add_argument("--json", action="store_true", help="print the curve as JSON")
    parser.set_defaults(handler=run_eval)


def base_models() -> dict:
    """Each shipped base model's training command and weights' digest: what the curve was measured on."""
    import hashlib

    from core.model_folders import SHIPPED_MODELS_DIR

    found = {}
    for name in ("tiny-bert", "tiny-gpt"):
        folder = SHIPPED_MODELS_DIR / name
        if (folder / "training.json").is_file():
            record = json.loads((folder / "training.json").read_text())
            digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()[:16]
            found[name] = {"training_command": record.get("command"), "model_safetensors_sha256_16": digest}
    return found


def measured_curve(args: argparse.Namespace) -> dict | int:
    """The curve trained anew (--measure) with its command, hardware and base models; an exit code on bad input."""
    import torch

    from core.cli.pretraining import hardware
    from core.data.feelings_task import load_task
    from core.finetune.curve import CURVE_EXAMPLES, CURVE_SEEDS, METHODS, TOKEN_METHODS, measure_curve

    torch.set_num_threads(args.threads)
    try:
        kind = load_task(args.task).kind
    except ValueError as error:
        return fail(str(error))
    known, methods = (TOKEN_METHOD_KEYS, TOKEN_METHODS) if kind == "token" else (METHOD_KEYS, METHODS)
    keys = args.methods.split(",") if args.methods else list(known)
    if set(keys) - set(known):
        return fail(f"unknown method(s) {sorted(set(keys) - set(known))}; known: {', '.join(known)}")
    chosen = [method for key, method in zip(known, methods) if key in keys]
    curve = measure_curve(chosen, args.examples or CURVE_EXAMPLES, args.seeds or CURVE_SEEDS, args.task,
                          base=recipe(args, task=args.task), report=None if args.json else print)
    return {"command": "python -m core " + shlex.join(sys.argv[1:]), "hardware": hardware(),
            "base_models": base_models(), **curve}


def run_eval(args: argparse.Namespace) -> int:
    from core.finetune.curve import CURVE_PATH, format_table, load_curve, merge_curves, with_section

    if args.merge:
        curve = merge_curves([load_curve(path) for path in args.merge])
    elif args.measure:
        curve = measured_curve(args)
        if isinstance(curve, int):
            return curve
    elif not CURVE_PATH.is_file():
        return fail(f"{CURVE_PATH} is not there: measure it with --measure --out {CURVE_PATH}")
    else:
        curve = load_curve()
    if args.out and (args.merge or args.measure):
        args.out.write_text(json.dumps(curve, indent=2) + "\n")
    if args.into and (args.merge or args.measure):
        try:
            shipped = with_section(load_curve(args.into), curve)
        except (OSError, ValueError, KeyError) as error:
            return fail(f"{args.into}: {error}")
        args.into.write_text(json.dumps(shipped, indent=2) + "\n")
    print(json.dumps(curve, indent=2) if args.json else format_table(curve))
    return 0
