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

from core.data.feeling_tags_task import later_mentions
from core.data.feelings_task import load_task
from core.finetune.bag_of_words import bag_of_words
from core.finetune.training import FinetuneConfig, accuracy, finetune
from core.finetune.word_baselines import word_baseline
from core.model_folders import SHIPPED_MODELS_DIR

CURVE_PATH = SHIPPED_MODELS_DIR / "finetune_curve.json"
CURVE_EXAMPLES = (16, 64, 256, 1024, None)  # None: every labelled example of the pool
CURVE_SEEDS = (0, 1, 2)


@dataclass(frozen=True)
class Method:
    name: str  # the table's row label
    model: str | None  # None: a baseline without a network
    init: str = "pretrained"
    baseline: str = "bag_of_words"  # with model None: "bag_of_words" (texts), "window" or "majority" (tagged words)


METHODS = (Method("tiny-bert fine-tuned", "tiny-bert"), Method("tiny-bert random init", "tiny-bert", "random"),
           Method("bag of words", None), Method("tiny-gpt fine-tuned", "tiny-gpt"))
# The token task (core.data.feeling_tags_task): BERT's token head, and two readers of each word without a network.
TOKEN_METHODS = (METHODS[0], METHODS[1], Method("word window (logistic regression)", None, baseline="window"),
                 Method("majority tag per word", None, baseline="majority"))
TOKEN_TASK = "feeling-tags"


def run_baseline(method: Method, examples: int | None, seed: int, task) -> dict:
    if task.kind == "token":
        result = word_baseline(method.baseline, task.name, examples, seed, task=task)
        later = {"heldout_later_accuracy": result.heldout_later_accuracy}
    else:
        result, later = bag_of_words(task.name, examples, seed, task=task), {}
    return {"heldout_accuracy": result.heldout_accuracy, "validation_accuracy": result.validation_accuracy,
            **later, "examples": result.examples, "seconds": round(result.seconds, 2)}


def run_point(method: Method, examples: int | None, seed: int, task, base: FinetuneConfig) -> dict:
    """One (method, n, seed) measurement as a JSON-ready dict; a token task's also scores the held-out stories'
    later mentions alone (``heldout_later_accuracy``: the tags a window around the word cannot read)."""
    if method.model is None:
        return run_baseline(method, examples, seed, task)
    config = FinetuneConfig(**{**asdict(base), "model": method.model, "init": method.init,
                               "examples": examples, "seed": seed, "task": task.name})
    result = finetune(config, task=task)
    later = {"heldout_later_accuracy": accuracy(result.classifier, later_mentions(task.heldout))} \
        if task.kind == "token" else {}
    return {"heldout_accuracy": result.heldout_accuracy, "validation_accuracy": result.validation_accuracy,
            **later, "examples": result.examples, "seconds": round(result.seconds, 2),
            "cpu_seconds": round(result.cpu_seconds, 2), "steps": result.steps,
            "best_step": result.best_step}


def summarise(values: list[float]) -> dict:
    return {"mean": statistics.fmean(values), "std": statistics.stdev(values) if len(values) > 1 else 0.0,
            "min": min(values), "max": max(values)}


def later_summary(points: list[dict]) -> dict:
    """A token task's later mentions: their held-out accuracies, mean and std (nothing for a sequence task)."""
    if "heldout_later_accuracy" not in points[0]:
        return {}
    values = [p["heldout_later_accuracy"] for p in points]
    summary = summarise(values)
    return {"heldout_later_accuracy": values, "later_mean": summary["mean"], "later_std": summary["std"]}


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
                         **later_summary(points), "points": points})
            if report:
                report(format_row(rows[-1]))
    return {"task": task_name, "kind": task.kind, "labels": list(task.labels),
            "splits": {"train": len(task.train), "validation": len(task.validation), "heldout": len(task.heldout)},
            "recipe": asdict(base), "rows": rows, "wall_seconds": round(time.perf_counter() - started, 1),
            "python": platform.python_version()}


def merge_curves(curves: list[dict]) -> dict:
    """Curves of one task measured by separate commands (e.g. the methods that do not need a new base model
    first) -> one, rows in METHODS (or TOKEN_METHODS) order; each row keeps the command, hardware and wall time it
    was measured with."""
    order = [method.name for method in (*METHODS, *TOKEN_METHODS[2:])]
    rows = []
    for curve in curves:
        for row in curve["rows"]:
            rows.append({**row, "command": curve.get("command"), "hardware": curve.get("hardware")})
    rows.sort(key=lambda row: (order.index(row["method"]) if row["method"] in order else len(order),
                               row["examples"]))
    first = curves[0]
    merged = {**{k: v for k, v in first.items() if k not in ("rows", "command", "wall_seconds")},
              "commands": [curve.get("command") for curve in curves],
              "wall_seconds": {curve.get("command"): curve.get("wall_seconds") for curve in curves}, "rows": rows}
    if any("base_models" in curve for curve in curves):
        merged["base_models"] = merged_base_models(curves)
    return merged


def merged_base_models(curves: list[dict]) -> dict:
    """Each base model as recorded by the curve whose rows fine-tuned it (a curve records every shipped base model,
    also those it did not use, so the first curve's record of a model retrained since would be stale)."""
    found: dict = {}
    for curve in curves:
        used = {row.get("model") for row in curve["rows"]}
        for name, record in (curve.get("base_models") or {}).items():
            if name in used or name not in found:
                found[name] = record
    return found


def with_section(shipped: dict, curve: dict) -> dict:
    """The shipped curve with ``curve`` (another task's, e.g. the token task's) kept under "other_tasks" by its
    task name, replacing an earlier one; the top level (what the page draws) is unchanged."""
    if curve["task"] == shipped["task"]:
        raise ValueError(f"{curve['task']} is the shipped curve's own task: write it with --out instead")
    return {**shipped, "other_tasks": {**shipped.get("other_tasks", {}), curve["task"]: curve}}


def format_row(row: dict) -> str:
    """One line: held-out mean ± std [min, max], then the validation split's mean (the training distribution) and,
    for a token task, the held-out later mentions' mean ± std."""
    line = (f"{row['method']:<34} {row['examples']:>5}  {100 * row['mean']:5.1f} ± {100 * row['std']:4.1f} %"
            f"  [{100 * row['min']:5.1f}, {100 * row['max']:5.1f}]")
    if row.get("points"):
        validation = statistics.fmean(p["validation_accuracy"] for p in row["points"])
        line += f"   validation {100 * validation:5.1f} %"
    if "later_mean" in row:
        line += f"   later mentions {100 * row['later_mean']:5.1f} ± {100 * row['later_std']:4.1f} %"
    return line


def format_table(curve: dict) -> str:
    """The curve as a text table: one line per (method, n), mean ± sample std and the range over the seeds; then
    each other task's curve (``with_section``) the same way."""
    unit = "tagged word" if curve.get("kind") == "token" else "text"
    lines = [f"held-out accuracy on the {curve['task']} task ({curve['splits']['heldout']} texts, scored per "
             f"{unit}, {len(curve['labels'])} classes, chance {100 / len(curve['labels']):.0f} %), mean ± std over "
             f"seeds {curve['rows'][0]['seeds']} [min, max]",
             f"{'method':<34} {'n':>5}  held-out accuracy"]
    lines += [format_row(row) for row in curve["rows"]]
    for section in curve.get("other_tasks", {}).values():
        lines += ["", format_table(section)]
    return "\n".join(lines)


def load_curve(path: Path = CURVE_PATH) -> dict:
    """The shipped, measured curve (models/finetune_curve.json)."""
    return json.loads(Path(path).read_text())
