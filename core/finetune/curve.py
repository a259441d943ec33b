"""The learning curve: held-out accuracy against the number of labelled examples, per way of starting.

Each point is the mean of 3 seeds, each seed drawing its own labelled subset, head and batch order;
the spread is the sample standard deviation and the range over those seeds. The methods share the
task, the subsets and (for the networks) the training recipe; they differ only in where the weights
start: pretrained tiny-bert, the same architecture drawn at random, pretrained tiny-gpt, or no
network at all (the bag-of-words baseline).
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from core.data.feelings_task import load_task
from core.finetune.bag_of_words import bag_of_words
from core.finetune.training import FinetuneConfig, finetune
from core.model_folders import SHIPPED_MODELS_DIR

CURVE_PATH = SHIPPED_MODELS_DIR / "finetune_curve.json"
CURVE_EXAMPLES = (16, 64, 256, 1024, None)  # None: every labelled example of the pool
CURVE_SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Method:
    name: str  # the table's row label
    model: str | None  # None: the bag-of-words baseline
    init: str = "pretrained"


METHODS = (Method("tiny-bert fine-tuned", "tiny-bert"), Method("tiny-bert random init", "tiny-bert", "random"),
           Method("bag of words", None), Method("tiny-gpt fine-tuned", "tiny-gpt"))


def run_point(method: Method, examples: int | None, seed: int, task, base: FinetuneConfig) -> dict:
    """One (method, n, seed) measurement as a JSON-ready dict."""
    if method.model is None:
        result = bag_of_words(task.name, examples, seed, task=task)
        return {"heldout_accuracy": result.heldout_accuracy, "validation_accuracy": result.validation_accuracy,
                "examples": result.examples, "seconds": round(result.seconds, 2)}
    config = FinetuneConfig(**{**asdict(base), "model": method.model, "init": method.init,
                               "examples": examples, "seed": seed})
    result = finetune(config, task=task)
    return {"heldout_accuracy": result.heldout_accuracy, "validation_accuracy": result.validation_accuracy,
            "examples": result.examples, "seconds": round(result.seconds, 2),
            "cpu_seconds": round(result.cpu_seconds, 2), "steps": result.steps,
            "best_step": result.best_step}


def summarise(values: list[float]) -> dict:
    return {"mean": statistics.fmean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0,
            "min": min(values), "max": max(values)}


def measure_curve(methods=METHODS, examples=CURVE_EXAMPLES, seeds=CURVE_SEEDS, task_name: str = "feelings",
                  base: FinetuneConfig | None = None, report: Callable[[str], None] | None = None) -> dict:
    """Every (method, n, seed) point, then mean and spread per (method, n)."""
    started = time.perf_counter()
    task, base = load_task(task_name), base or FinetuneConfig(task=task_name)
    rows = []
    for method in methods:
        for count in examples:
            points = [run_point(method, count, seed, task, base) for seed in seeds]
            accuracies = [p["heldout_accuracy"] for p in points]
            rows.append({"method": method.name, "model": method.model, "init": method.init,
                         "examples": points[0]["examples"], "examples_requested": count or "all",
                         "seeds": list(seeds), "heldout_accuracy": accuracies, **summarise(accuracies),
                         "points": points})
            if report:
                report(format_row(rows[-1]))
    return {"task": task_name, "labels": list(task.labels),
            "splits": {"train": len(task.train), "validation": len(task.validation), "heldout": len(task.heldout)},
            "recipe": asdict(base), "rows": rows, "wall_seconds": round(time.perf_counter() - started, 1),
            "python": platform.python_version()}


def merge_curves(curves: list[dict]) -> dict:
    """Curves measured by separate commands (e.g. the methods that do not need a new base model first) -> one,
    rows in METHODS order; each row keeps the command, hardware and wall time it was measured with."""
    order = [method.name for method in METHODS]
    rows = []
    for curve in curves:
        for row in curve["rows"]:
            rows.append({**row, "command": curve.get("command"), "hardware": curve.get("hardware")})
    rows.sort(key=lambda row: (order.index(row["method"]) if row["method"] in order else len(order),
                               row["examples"]))
    first = curves[0]
    return {**{k: v for k, v in first.items() if k not in ("rows", "command", "wall_seconds")},
            "commands": [curve.get("command") for curve in curves],
            "wall_seconds": {curve.get("command"): curve.get("wall_seconds") for curve in curves}, "rows": rows}


def format_row(row: dict) -> str:
    """One line: held-out mean ± std [min, max], then the validation split's mean (the training distribution)."""
    line = (f"{row['method']:<24} {row['examples']:>5}  {100 * row['mean']:5.1f} ± {100 * row['std']:4.1f} %"
            f"  [{100 * row['min']:5.1f}, {100 * row['max']:5.1f}]")
    if row.get("points"):
        validation = statistics.fmean(p["validation_accuracy"] for p in row["points"])
        line += f"   validation {100 * validation:5.1f} %"
    return line


def format_table(curve: dict) -> str:
    """The curve as a text table: one line per (method, n), mean ± sample std and the range over the seeds."""
    lines = [f"held-out accuracy on the {curve['task']} task ({curve['splits']['heldout']} examples, "
             f"{len(curve['labels'])} classes, chance {100 / len(curve['labels']):.0f} %), mean ± std over seeds "
             f"{curve['rows'][0]['seeds']} [min, max]",
             f"{'method':<24} {'n':>5}  held-out accuracy"]
    lines += [format_row(row) for row in curve["rows"]]
    return "\n".join(lines)


def load_curve(path: Path = CURVE_PATH) -> dict:
    """The shipped, measured curve (models/finetune_curve.json)."""
    return json.loads(Path(path).read_text())
