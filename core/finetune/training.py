"""Fine-tuning: the pretrained model plus a new head, trained on a few labelled examples (GPT-1 sec. 3.2,
BERT sec. 4), with early stopping on the validation split.

The recipe is BERT's (sec. 4 and appendix A.3), scaled to the tiny models: AdamW, a linear warm-up
over the first 10 % of the steps then a linear decay to zero, cross-entropy on the head's logits,
and the weights of the best validation accuracy kept. The same recipe trains the same architecture
from random initialisation, so a learning curve compares initialisations and nothing else.

Bit-reproducible on one CPU thread: one seed draws the labelled subset, the head (and, for a random
init, every weight) and the order of the batches.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import torch
from torch import nn

from core.data.feeling_tags_task import TaggedExample
from core.data.feelings_task import Example, LabelledTask, labelled_subset, load_task
from core.finetune.classifier import Classifier, initial_classifier
from core.finetune.tagging import classification_loss, correct_and_scored, inputs_and_targets

# progress(step, total_steps, loss, validation_accuracy): after every step; validation_accuracy is the
# latest measured one (None before the first). Returning False stops the training (the best weights so far kept).
Progress = Callable[[int, int, float, "float | None"], "bool | None"]


@dataclass(frozen=True)
class FinetuneConfig:
    model: str = "tiny-bert"  # a shipped name or a folder: BERT (classifies [CLS]) or GPT (its last token)
    task: str = "feelings"  # a name in core.data.feelings_task.TASKS; a token task ("feeling-tags") trains BERT's
    #                         token-classification head, a sequence task the head on [CLS] or GPT's last token
    examples: int | None = 256  # labelled training examples drawn from the task's pool; None = all of them
    seed: int = 0  # draws the subset, the head's (or every) initial weight and the batch order
    init: str = "pretrained"  # "pretrained": the model's weights; "random": the same architecture, newly drawn
    max_steps: int = 150  # optimisation steps at most
    batch_size: int = 32  # at most the number of examples
    learning_rate: float = 2e-4  # AdamW's peak, after the warm-up
    weight_decay: float = 0.01
    warmup_fraction: float = 0.1  # of max_steps
    eval_every: int = 10  # steps between validation measurements
    patience: int = 4  # stop after this many measurements without a better validation accuracy
    validation_examples: int | None = 256  # the validation split's first ones; None = all of them

    def __post_init__(self) -> None:
        if self.init not in ("pretrained", "random"):
            raise ValueError(f"init must be 'pretrained' or 'random', got {self.init!r}")
        for name in ("max_steps", "batch_size", "eval_every", "patience"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.examples is not None and self.examples <= 0:
            raise ValueError(f"examples must be positive or None (all), got {self.examples}")


@dataclass
class FinetuneResult:
    classifier: Classifier  # the fine-tuned model (its best validation weights), tokenizer and labels
    config: FinetuneConfig
    history: list[dict] = field(default_factory=list)  # {"step", "loss", "validation_accuracy"} per measurement
    best_step: int = 0  # the step whose weights were kept (0: the initial ones)
    validation_accuracy: float = 0.0  # at best_step
    heldout_accuracy: float = 0.0  # of the kept weights on the task's held-out split (a token task: per tagged word)
    steps: int = 0  # steps actually run (fewer than max_steps when stopped early)
    stopped_early: bool = False
    seconds: float = 0.0  # wall time of the whole call, held-out evaluation included
    cpu_seconds: float = 0.0  # this process's CPU time over the call: the wall time a free core would take
    examples: int = 0  # labelled examples actually used

    def summary(self) -> dict:
        """Everything but the model, JSON-ready."""
        return {"config": asdict(self.config), "examples": self.examples, "steps": self.steps,
                "best_step": self.best_step, "stopped_early": self.stopped_early,
                "validation_accuracy": self.validation_accuracy, "heldout_accuracy": self.heldout_accuracy,
                "seconds": round(self.seconds, 2), "cpu_seconds": round(self.cpu_seconds, 2), "history": self.history}


@torch.no_grad()
def accuracy(classifier: Classifier, examples: tuple[Example | TaggedExample, ...], batch_size: int = 128) -> float:
    """Share of the texts classified right (a sequence task), or of the tagged words tagged right (a token task)."""
    classifier.model.eval()
    correct = scored = 0
    for start in range(0, len(examples), batch_size):
        inputs, targets = inputs_and_targets(classifier, examples[start:start + batch_size])
        right, counted = correct_and_scored(classifier.model(**inputs).logits, targets)
        correct, scored = correct + right, scored + counted
    return correct / max(1, scored)


def learning_rate_factor(step: int, max_steps: int, warmup_fraction: float) -> float:
    """Linear warm-up to 1, then linear decay to 0 at max_steps (BERT appendix A.2)."""
    warmup = max(1, round(warmup_fraction * max_steps))
    if step < warmup:
        return (step + 1) / warmup
    return max(0.0, (max_steps - step) / max(1, max_steps - warmup))


def optimizer_for(model: nn.Module, config: FinetuneConfig) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices only: biases and LayerNorm gains are not decayed (BERT's code)."""
    decayed = [p for n, p in model.named_parameters() if p.dim() >= 2 and "LayerNorm" not in n and "ln_" not in n]
    others = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "LayerNorm" not in n
                                                             and "ln_" not in n)]
    return torch.optim.AdamW([{"params": decayed, "weight_decay": config.weight_decay},
                              {"params": others, "weight_decay": 0.0}], lr=config.learning_rate)


def batches(examples: tuple[Example, ...], batch_size: int, generator: torch.Generator):
    """Endless batches, each epoch in a new order drawn from ``generator``."""
    while True:
        order = torch.randperm(len(examples), generator=generator).tolist()
        for start in range(0, len(order) - batch_size + 1, batch_size):
            yield [examples[i] for i in order[start:start + batch_size]]


def finetune(config: FinetuneConfig, progress: Progress | None = None, task: LabelledTask | None = None
             ) -> FinetuneResult:
    """Fine-tune ``config.model`` on ``config.examples`` labelled examples of ``config.task``."""
    started, started_cpu = time.perf_counter(), time.process_time()
    task = task or load_task(config.task)
    train = labelled_subset(task.train, config.examples, config.seed)
    validation = task.validation[:config.validation_examples]
    classifier = initial_classifier(config.model, task.labels, config.init, config.seed, head=task.kind)
    model = classifier.model
    optimizer = optimizer_for(model, config)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: learning_rate_factor(step, config.max_steps, config.warmup_fraction))
    generator = torch.Generator().manual_seed(config.seed)
    batch_size = min(config.batch_size, len(train))
    result = FinetuneResult(classifier, config, examples=len(train))
    best_accuracy, best_state, waited, latest, step = accuracy(classifier, validation), None, 0, None, 0
    result.history.append({"step": 0, "loss": None, "validation_accuracy": best_accuracy})
    for step, batch in zip(range(1, config.max_steps + 1), batches(train, batch_size, generator)):
        model.train()
        inputs, targets = inputs_and_targets(classifier, batch)
        loss = classification_loss(model(**inputs).logits, targets)  # logits (B, C) or, tagging, (B, T, C)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        schedule.step()
        loss_value = float(loss.detach())
        if step % config.eval_every == 0 or step == config.max_steps:
            latest = accuracy(classifier, validation)
            result.history.append({"step": step, "loss": round(loss_value, 6), "validation_accuracy": latest})
            if latest > best_accuracy:
                best_accuracy, best_state, waited, result.best_step = latest, copy.deepcopy(model.state_dict()), 0, step
            else:
                waited += 1
        stop = progress is not None and progress(step, config.max_steps, loss_value, latest) is False
        if waited >= config.patience or stop:
            result.stopped_early = True
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    result.steps, result.validation_accuracy = step, best_accuracy
    result.heldout_accuracy = accuracy(classifier, task.heldout)
    result.seconds, result.cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
    return result
