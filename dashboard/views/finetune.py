"""From ``core.finetune`` to what the Fine-tuning page shows: a live run (the pretrained model fine-tuned, then the
same architecture from random weights on the same labels) as queue work with plain progress reports, its history
as a tidy table, the shipped learning curve as a tidy table, and the classified token's attention before and
after fine-tuning.

No Streamlit, no figures. Shape legend: L layers, H heads, T tokens, R rows shown (layers shown × H), C classes.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from core.data.feelings_task import NAMES, SPLIT_SIZES, splits
from core.finetune import (
    LABELS,
    Classifier,
    FinetuneConfig,
    FinetuneResult,
    Prediction,
    finetune,
    predict,
    predict_tags,
)
from core.finetune.heads import BertForTokenClassification
from core.model_folders import model_type_of

ENV_MAX_STEPS = "DASHBOARD_FINETUNE_MAX_STEPS"  # the operator's cap on a live run's steps (a slow server, tests)
EXAMPLE_CHOICES = (16, 64, 256, 1024)  # the learning curve's points a class can train live
DEFAULT_EXAMPLES = 64
MAX_SEED = 9  # seeds 0-9: a class shares few distinct runs
LIVE_MAX_PARAMETERS = 10_000_000  # larger bases (bert-base: 110 M) take far more than a minute: no live run
METHODS = ("pretrained", "random")  # the order a live run trains them in


@dataclass(frozen=True)
class RunKey:
    """Everything a live run's result depends on: the queue shares one run per key."""

    model: str  # the base model's name or folder, as the sidebar lists it
    examples: int
    seed: int
    max_steps: int

    def config(self, init: str) -> FinetuneConfig:
        return FinetuneConfig(model=self.model, examples=self.examples, seed=self.seed, init=init,
                              max_steps=self.max_steps)


def max_steps() -> int:
    """Steps of a live run: the recipe's, or fewer where the operator caps them (DASHBOARD_FINETUNE_MAX_STEPS)."""
    default = FinetuneConfig().max_steps
    value = os.environ.get(ENV_MAX_STEPS, "").strip()
    if not value:
        return default
    try:
        steps = int(value)
    except ValueError as error:
        raise ValueError(f"{ENV_MAX_STEPS} must be a whole number, not {value!r}") from error
    if steps < 1:
        raise ValueError(f"{ENV_MAX_STEPS} must be at least 1, not {steps}")
    return min(default, steps)


def run_key(model: str, examples: int, seed: int) -> RunKey:
    return RunKey(model, int(examples), int(seed), max_steps())


def run_id(key: RunKey) -> str:
    """A live run's name as a cache key and widget option: strings and numbers only."""
    return f"run:{key.model}:{key.examples}:{key.seed}:{key.max_steps}"


def parameter_count(pipeline) -> int:
    return sum(p.numel() for p in pipeline.model.parameters())


def base_of(record: dict, classifier: Classifier) -> tuple[str, str, int]:
    """(model, init, seed) a shipped fine-tuned classifier started from (its finetune.json's config): the
    "before" of what changed is that start, pretrained or drawn at random."""
    config = record.get("config", {})
    return str(config.get("model") or classifier.folder), str(config.get("init", "pretrained")), \
        int(config.get("seed", 0))


@dataclass(frozen=True)
class Progress:
    """One report of a live run, read by the page to draw its bar."""

    method: str  # "pretrained" or "random"
    step: int
    total: int
    loss: float
    accuracy: float | None  # the latest validation accuracy, None before the first measurement


def fraction(progress: Progress | None) -> float:
    """How much of the whole run (both methods) is done, in [0, 1]."""
    if progress is None:
        return 0.0
    done = METHODS.index(progress.method) + progress.step / max(1, progress.total)
    return min(1.0, done / len(METHODS))


@dataclass
class Phase:
    """One way of learning the labels: its per-step losses, its validation measurements and its result."""

    method: str
    losses: list[float]  # the training batch's loss after each step
    result: FinetuneResult

    @property
    def heldout_accuracy(self) -> float:
        return self.result.heldout_accuracy

    @property
    def steps(self) -> int:
        return self.result.steps

    @property
    def seconds(self) -> float:
        return self.result.seconds


@dataclass
class LiveRun:
    key: RunKey
    pretrained: Phase
    random: Phase
    seconds: float = 0.0  # wall time of both
    cpu_seconds: float = 0.0  # the training thread's processor time: "on one core", however loaded the server

    @property
    def classifier(self) -> Classifier:
        return self.pretrained.result.classifier


def run_work(key: RunKey):
    """The queue's work for ``key``: fine-tune the pretrained model, then train the same architecture from random
    weights on the same labels; each step reported as a Progress."""
    def work(report) -> LiveRun:
        import time

        started, started_cpu = time.perf_counter(), time.thread_time()
        phases = {}
        for method in METHODS:
            losses: list[float] = []

            def progress(step, total, loss, accuracy, method=method, losses=losses) -> None:
                losses.append(float(loss))
                report(Progress(method, step, total, float(loss), accuracy))

            result = finetune(key.config(method), progress)
            if method == "random":
                result = replace(result, classifier=None)  # only the fine-tuned model is shown again
            phases[method] = Phase(method, losses, result)
        return LiveRun(key, phases["pretrained"], phases["random"], time.perf_counter() - started,
                       time.thread_time() - started_cpu)
    return work


def history_frame(run: LiveRun) -> pd.DataFrame:
    """Rows (method, step, loss, accuracy): every step's loss, the validation accuracy where it was measured."""
    rows = []
    for phase in (run.pretrained, run.random):
        measured = {entry["step"]: entry["validation_accuracy"] for entry in phase.result.history}
        rows.append({"method": phase.method, "step": 0, "loss": np.nan, "accuracy": measured.get(0, np.nan)})
        for step, loss in enumerate(phase.losses, start=1):
            rows.append({"method": phase.method, "step": step, "loss": loss, "accuracy": measured.get(step, np.nan)})
    return pd.DataFrame(rows, columns=["method", "step", "loss", "accuracy"])


def run_payload(run: LiveRun) -> dict:
    """The run as JSON: both methods' summaries (config, steps, accuracies, history) and the per-step losses."""
    return {"key": asdict(run.key), "seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2),
            **{phase.method: {**phase.result.summary(), "losses": phase.losses}
               for phase in (run.pretrained, run.random)}}


def marks_frame(run: LiveRun) -> pd.DataFrame:
    """Rows (method, examples, accuracy) of a finished run, to star on the learning curve."""
    return pd.DataFrame([{"method": phase.method, "examples": run.key.examples, "accuracy": phase.heldout_accuracy}
                         for phase in (run.pretrained, run.random)])


# ---------------------------------------------------------------------------------------------
# What changed: the classified token's attention before and after fine-tuning
# ---------------------------------------------------------------------------------------------

@dataclass
class Changes:
    """One text through the model before fine-tuning (pretrained weights, untrained head) and after."""

    before: Prediction
    after: Prediction
    full_length: int  # tokens of the text before any cut
    labels: tuple[str, ...] = field(default=LABELS)

    @property
    def tokens(self) -> list[str]:
        return self.after.tokens

    @property
    def truncated(self) -> bool:
        return self.full_length > len(self.tokens)

    @property
    def num_layers(self) -> int:
        return self.after.attentions.shape[0]

    @property
    def probabilities(self) -> np.ndarray:
        return np.array([self.after.probabilities[label] for label in self.labels], dtype=np.float32)


def max_tokens(classifier: Classifier) -> int:
    """The longest input the classifier's positions hold."""
    config = classifier.model.config
    return int(getattr(config, "max_position_embeddings", None) or config.n_positions)


def fitted_text(classifier: Classifier, text: str) -> tuple[str, int]:
    """(``text`` cut after its last word piece that fits the model's positions, its full length in tokens): a
    longer text is read up to the model's maximum, as the other pages do, never refused."""
    encoded = classifier.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    specials = 2 if classifier.family == "bert" else 1  # [CLS] ... [SEP], or <|endoftext|> first
    room = max_tokens(classifier) - specials
    full = len(encoded["input_ids"]) + specials
    if len(encoded["input_ids"]) <= room:
        return text, full
    return text[:encoded["offset_mapping"][room - 1][1]], full


def changes(before: Classifier, after: Classifier, text: str) -> Changes:
    """``text`` (cut to fit) through the model before fine-tuning and through the fine-tuned one."""
    kept, full = fitted_text(after, text)
    return Changes(before=predict(before, kept), after=predict(after, kept), full_length=full,
                   labels=tuple(after.labels))


def cls_rows(changes: Changes, layers: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The classified token's attention in the last ``layers`` layers: before (R, T), after (R, T) and the row
    names ("L5 H1", ...), one row per head."""
    before = changes.before.classified_token_attention[-layers:]  # (layers, H, T)
    after = changes.after.classified_token_attention[-layers:]
    first = changes.num_layers - layers
    names = [f"L{first + layer + 1} H{head + 1}" for layer in range(layers) for head in range(after.shape[1])]
    return before.reshape(-1, before.shape[-1]), after.reshape(-1, after.shape[-1]), names


def known_label(text: str) -> int | None:
    """The class of ``text`` when it is one of the task's own examples (any split), else None."""
    normal = " ".join(text.split()).lower()
    return _known_labels().get(normal)


_KNOWN: dict[str, int] = {}


def _known_labels() -> dict[str, int]:
    if not _KNOWN:
        _KNOWN.update({" ".join(e.text.split()).lower(): e.label for split in splits().values() for e in split})
    return _KNOWN


# ---------------------------------------------------------------------------------------------
# Token by token: a token classifier's feeling for each person named
# ---------------------------------------------------------------------------------------------

def is_tagger(classifier: Classifier) -> bool:
    """Whether the classifier has a token head (a class per token), not a sequence head."""
    return isinstance(classifier.model, BertForTokenClassification)


@dataclass
class NameTags:
    """A token classifier on one text, read at the words it was trained to tag: the story world's names."""

    rows: list[str]  # "1: Mary", "3: Tom": each name's word number and the word, one row per mention
    probabilities: np.ndarray  # (M, C) float32
    labels: tuple[str, ...]  # the classes, index = column
    words: int  # words read (the text cut to fit the model's positions)


def name_tags(classifier: Classifier, text: str) -> NameTags:
    """Each mention of a name in ``text`` (cut to fit) with its class probabilities."""
    kept, _ = fitted_text(classifier, text)
    prediction = predict_tags(classifier, kept)
    names = {name.lower() for name in NAMES}  # BERT here is uncased: "mary" is Mary
    mentions = [i for i, word in enumerate(prediction.words) if word.lower() in names]
    return NameTags([f"{i + 1}: {prediction.words[i]}" for i in mentions],
                    prediction.probabilities[mentions].astype(np.float32), prediction.labels, len(prediction.words))


def example_choices() -> list[int]:
    return [*EXAMPLE_CHOICES, SPLIT_SIZES["train"]]


# ---------------------------------------------------------------------------------------------
# The measured learning curve (models/finetune_curve.json)
# ---------------------------------------------------------------------------------------------

def curve_method(row: dict) -> str:
    """A curve row's method code (the charts' and tables' key): how its weights started, or no network at all."""
    if row.get("model") is None:
        return "bag_of_words"
    if row.get("init") == "random":
        return "random"
    return "gpt" if model_type_of(str(row["model"])) in ("gpt2", "openai-gpt") else "pretrained"


def curve_frame(payload: dict) -> pd.DataFrame:
    """Rows (method, examples, mean, std, low, high, seeds) of the shipped curve (``core.finetune.curve``): each
    point's mean held-out accuracy over its seeds, their sample standard deviation and range."""
    rows = [{"method": curve_method(row), "examples": int(row["examples"]), "mean": float(row["mean"]),
             "std": float(row["std"]), "low": float(row["min"]), "high": float(row["max"]),
             "seeds": len(row["seeds"])} for row in payload["rows"]]
    frame = pd.DataFrame(rows, columns=["method", "examples", "mean", "std", "low", "high", "seeds"])
    return frame.sort_values(["method", "examples"], key=_method_order).reset_index(drop=True)


def _method_order(column: pd.Series) -> pd.Series:
    if column.name != "method":
        return column
    order = {"pretrained": 0, "random": 1, "bag_of_words": 2, "gpt": 3}
    return column.map(lambda method: order.get(method, len(order)))


def curve_seeds(curve: pd.DataFrame) -> int:
    return int(curve["seeds"].max()) if len(curve) else 0


def curve_table(curve: pd.DataFrame) -> pd.DataFrame:
    """The curve as a table: one row per number of examples, a column per method (mean held-out accuracy)."""
    return curve.pivot(index="examples", columns="method", values="mean").reset_index()

