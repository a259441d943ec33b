"""Commands ``train bert`` (pretrain the shipped tiny BERT from scratch) and ``eval-bert`` (held-out accuracy)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shlex
import sys
from pathlib import Path

from core.bert.pretraining import TrainConfig
from core.cli import fail

# TrainConfig fields offered as --options; the option name is the field name with dashes.
OPTIONS = {field.name: field for field in dataclasses.fields(TrainConfig)}


def hardware() -> str:
    import torch

    if torch.cuda.is_available():
        return f"{torch.cuda.get_device_name()} (CUDA)"
    cpu = platform.processor() or platform.machine()
    try:
        names = [line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, torch threads {torch.get_num_threads()}"


def print_metrics(metrics: dict) -> None:
    print(f"held-out MLM top-1 {metrics['mlm_top1']:.2%}   top-5 {metrics['mlm_top5']:.2%}   "
          f"({metrics['masked_tokens']} masked tokens)")
    print(f"held-out NSP accuracy {metrics['nsp_accuracy']:.2%}   ({metrics['pairs']} pairs)")


def run_train(args: argparse.Namespace) -> int:
    import torch

    from core.bert.pretraining import evaluate, export_model, train

    if args.threads:
        torch.set_num_threads(args.threads)
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        return fail("--device cuda asked for, but torch sees no CUDA device")
    try:
        config = TrainConfig(**{name: getattr(args, name) for name in OPTIONS})
        result = train(config, resume=not args.no_resume, stop_at=args.stop_at, progress=not args.quiet)
    except ValueError as error:
        return fail(str(error))
    print(f"trained {result.step} of {config.steps} steps in {result.train_seconds / 60:.1f} min on {hardware()}")
    if result.step < config.steps:
        print("stopped early; run the same command again to resume from the checkpoint")
        return 0
    metrics = evaluate(result.model, result.heldout, max_length=config.max_seq_length)
    print_metrics(metrics)
    parameters = sum(p.numel() for p in result.model.parameters())
    metadata = {"command": "python -m core " + shlex.join(sys.argv[1:]), "config": dataclasses.asdict(config),
                "parameters": parameters, "train_minutes": round(result.train_seconds / 60, 2),
                "hardware": hardware(), "torch": torch.__version__, "heldout": metrics}
    folder = export_model(result.model, Path(config.data_dir), Path(args.export or Path(config.out_dir) / "model"),
                          metadata)
    print(f"model written to {folder} ({parameters / 1e6:.2f} M parameters)")
    return 0


def run_eval(args: argparse.Namespace) -> int:
    import torch

    from core.bert.checkpoint import CheckpointError
    from core.bert.pipeline import load_pipeline
    from core.bert.pretraining import PretrainingData, evaluate
    from core.data.stories import generate_heldout

    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        pipeline = load_pipeline(args.model)
    except CheckpointError as error:
        return fail(str(error))
    if not (pipeline.model.has_mlm and pipeline.model.has_nsp):
        return fail(f"{args.model} lacks the MLM or NSP head")
    data = PretrainingData.from_text(generate_heldout(args.stories, args.seed + 1), pipeline.tokenizer)
    metrics = evaluate(pipeline.model, data, seed=args.mask_seed)
    if args.json:
        print(json.dumps({"model": args.model, **metrics}, indent=2))
    else:
        print_metrics(metrics)
    return 0


def add_train(train: argparse.ArgumentParser) -> None:
    for name, field in OPTIONS.items():
        choices = ("bf16", "fp32") if name == "precision" else None
        train.add_argument("--" + name.replace("_", "-"), type=type(field.default), default=field.default,
                           choices=choices)
    train.add_argument("--export", default=None, help="write the final model here (default: OUT_DIR/model), "
                       "e.g. models/tiny-bert to replace the shipped one")
    train.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    train.add_argument("--no-resume", action="store_true", help="start again even if OUT_DIR has a checkpoint")
    train.add_argument("--stop-at", type=int, default=None, help="stop after this step (resume later)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(handler=run_train)


def add_eval(evaluate: argparse.ArgumentParser) -> None:
    evaluate.add_argument("--model", default="tiny-bert")
    evaluate.add_argument("--stories", type=int, default=2000, help="held-out stories, one NSP pair each")
    evaluate.add_argument("--seed", type=int, default=0, help="corpus seed of the training run")
    evaluate.add_argument("--mask-seed", type=int, default=1234)
    evaluate.add_argument("--threads", type=int, default=None)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(handler=run_eval)
