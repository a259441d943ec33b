"""Training the from-scratch GPT-2 on the story corpus: next-token prediction (GPT-1 sec. 3.1, eq. 1).

The model is ``core.gpt.model.GPTLMHeadModel`` itself, trained through the forward pass the dashboard
traces; this module makes the token stream and its batches, computes the loss, steps AdamW under a
warm-up + cosine schedule, checkpoints (weights, Adam moments, schedule, RNGs, step) and exports a
folder in transformers' GPT-2 layout. The corpus is tiny-bert's, made by the same generator with the
same settings (``core.data.stories.build_corpus``): held-out sentences and the coreference test
combinations never occur in it. Shape legend: B batch, T tokens, V vocabulary, N stream length.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.nn import functional as F

from core.data.stories import CORPUS_VERSION
from core.gpt.config import GPTConfig
from core.gpt.model import GPTLMHeadModel
from core.gpt.tokenizer import END_OF_TEXT, TOKENIZER_FILES, story_text

IGNORE = -100  # cross_entropy's ignore_index: a padded target


@dataclass(frozen=True)
class TrainConfig:
    """Everything one run depends on; the defaults are tiny-gpt's (about tiny-bert's size)."""

    data_dir: str = "runs/tiny-gpt/data"  # train.txt, heldout.txt, the tokenizer files, corpus.json; made when missing
    out_dir: str = "runs/tiny-gpt"  # checkpoint.pt, log.jsonl
    train_stories: int = 200_000  # tiny-bert's corpus: same generator, count and seed give the same text
    heldout_stories: int = 2_000
    vocab_size: int = 3_000  # byte-level BPE: 256 bytes + merges + <|endoftext|>
    n_embd: int = 192  # E, tiny-bert's hidden size
    n_layer: int = 6  # L
    n_head: int = 8  # H, so D = 24
    n_positions: int = 128  # a story is 20-90 tokens; a window holds one to four of them
    dropout: float = 0.0  # each story is seen a few times at most: little to over-fit
    block_size: int = 128  # T of a training window, at most n_positions
    batch_size: int = 32
    steps: int = 8_000
    learning_rate: float = 1e-3  # peak; small models take a larger rate than GPT-2's 2.5e-4
    min_learning_rate: float = 1e-4  # the cosine ends here
    warmup_steps: int = 200  # linear warm-up, then cosine decay (GPT-1 sec. 4.1)
    weight_decay: float = 0.1
    seed: int = 0
    corpus_version: int = CORPUS_VERSION  # the story grammar's version (core.data.stories.CORPUS_VERSIONS)
    checkpoint_every: int = 250
    probe_stories: int = 256  # held-out stories scored at each checkpoint, in log.jsonl
    # "bf16": matmuls under bfloat16 autocast, weights and Adam in float32; "fp32" for CPUs without bfloat16
    precision: str = "bf16"

    def __post_init__(self) -> None:
        if self.precision not in ("bf16", "fp32"):
            raise ValueError(f"precision must be 'bf16' or 'fp32', got {self.precision!r}")
        if not 1 < self.block_size <= self.n_positions:
            raise ValueError(f"block_size ({self.block_size}) must be between 2 and n_positions ({self.n_positions})")
        for name in ("steps", "batch_size", "checkpoint_every", "n_layer", "n_head", "n_embd"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.n_embd % self.n_head:
            raise ValueError(f"n_embd ({self.n_embd}) is not divisible by n_head ({self.n_head})")
        if not 0 <= self.min_learning_rate <= self.learning_rate:
            raise ValueError("min_learning_rate must lie between 0 and learning_rate")

    def model_config(self, vocab_size: int, end_of_text_id: int) -> GPTConfig:
        return GPTConfig(variant="gpt2", vocab_size=vocab_size, n_positions=self.n_positions, n_embd=self.n_embd,
                         n_layer=self.n_layer, n_head=self.n_head, resid_pdrop=self.dropout,
                         embd_pdrop=self.dropout, attn_pdrop=self.dropout, bos_token_id=end_of_text_id,
                         eos_token_id=end_of_text_id)


# Fields a resumed run must share with the run that wrote the checkpoint.
RESUME_FIELDS = tuple(f.name for f in dataclasses.fields(TrainConfig)
                      if f.name not in ("data_dir", "out_dir", "checkpoint_every", "probe_stories"))
RESUME_DEFAULTS = {"corpus_version": 1}  # what a checkpoint written before the field existed was trained with


# ---------------------------------------------------------------- data


class TokenStream:
    """Every training story as ``<|endoftext|> story``, one after another: one long row of ids (N,).

    A batch is B windows at random offsets, each (T + 1) long: inputs are the first T, targets the last
    T (the same window shifted by one, GPT-1 eq. 1). Windows cross story boundaries, as GPT-2's did."""

    def __init__(self, ids: torch.Tensor) -> None:
        self.ids = ids  # (N,)

    @classmethod
    def from_stories(cls, stories: list[list[int]], end_of_text_id: int) -> TokenStream:
        flat = [token for story in stories for token in (end_of_text_id, *story)]
        return cls(torch.tensor(flat, dtype=torch.long))

    def __len__(self) -> int:
        return self.ids.numel()

    def sample_batch(self, batch_size: int, block_size: int, generator: torch.Generator
                     ) -> tuple[torch.Tensor, torch.Tensor]:
        if len(self) <= block_size:
            raise ValueError(f"the token stream ({len(self)} tokens) is shorter than one window of {block_size + 1}")
        starts = torch.randint(0, len(self) - block_size, (batch_size,), generator=generator)  # (B,)
        windows = self.ids[starts[:, None] + torch.arange(block_size + 1)]  # (B, T + 1)
        return windows[:, :-1], windows[:, 1:]


def tokenize_stories(stories: list[list[str]], tokenizer) -> list[list[int]]:
    return tokenizer([story_text(story) for story in stories], add_special_tokens=False)["input_ids"]


def scored_batch(stories: list[list[int]], end_of_text_id: int, max_length: int
                 ) -> tuple[torch.Tensor, torch.Tensor]:
    """Each story as ``<|endoftext|> story <|endoftext|>``, right-padded: inputs (B, T) and targets (B, T),
    IGNORE on the padding. Causal attention means the padding on the right changes no real position.
    The closing <|endoftext|> is a target: ending the story is part of the text's likelihood."""
    rows = [[end_of_text_id, *story, end_of_text_id][:max_length + 1] for story in stories]
    T = max(len(row) for row in rows) - 1
    inputs = torch.full((len(rows), T), end_of_text_id, dtype=torch.long)
    targets = torch.full((len(rows), T), IGNORE, dtype=torch.long)
    for b, row in enumerate(rows):
        inputs[b, :len(row) - 1] = torch.tensor(row[:-1])
        targets[b, :len(row) - 1] = torch.tensor(row[1:])
    return inputs, targets


# ---------------------------------------------------------------- loss, schedule, held-out figures


def next_token_loss(model: GPTLMHeadModel, inputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy of each target given the tokens before it (nats per token)."""
    logits = model(inputs).logits  # (B, T, V)
    return F.cross_entropy(logits.flatten(0, 1).float(), targets.flatten(), ignore_index=IGNORE)


def learning_rate_factor(step: int, config: TrainConfig) -> float:
    """Share of the peak rate at ``step``: linear warm-up, then a cosine down to min_learning_rate at the end."""
    if step < config.warmup_steps:
        return (step + 1) / config.warmup_steps
    progress = min((step - config.warmup_steps) / max(config.steps - config.warmup_steps, 1), 1.0)
    floor = config.min_learning_rate / config.learning_rate
    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def make_optimizer(model: GPTLMHeadModel, config: TrainConfig) -> torch.optim.AdamW:
    """AdamW (GPT-1 sec. 4.1); only matrices decay, not biases or LayerNorm gains (1-D tensors)."""
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": config.weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}],
                             lr=config.learning_rate, betas=(0.9, 0.95), eps=1e-8)


@torch.no_grad()
def heldout_figures(model: GPTLMHeadModel, stories: list[list[int]], end_of_text_id: int,
                    batch_size: int = 64) -> dict[str, float]:
    """Perplexity and next-token top-1/top-5 accuracy over every target of the given stories."""
    was_training = model.training
    model.eval()
    nll, top1, top5, count = 0.0, 0, 0, 0
    for start in range(0, len(stories), batch_size):
        inputs, targets = scored_batch(stories[start:start + batch_size], end_of_text_id,
                                       model.config.n_positions)
        logits = model(inputs).logits.float()  # (B, T, V)
        scored = targets != IGNORE  # (B, T)
        nll += float(F.cross_entropy(logits[scored], targets[scored], reduction="sum"))
        best = logits[scored].topk(5, dim=-1).indices  # (N, 5)
        top1 += int((best[:, 0] == targets[scored]).sum())
        top5 += int((best == targets[scored][:, None]).any(dim=-1).sum())
        count += int(scored.sum())
    model.train(was_training)
    return {"loss": nll / count, "perplexity": math.exp(nll / count), "top1": top1 / count, "top5": top5 / count,
            "tokens": count, "stories": len(stories)}


# ---------------------------------------------------------------- checkpoints


def save_checkpoint(path: Path, model: GPTLMHeadModel, optimizer: torch.optim.Optimizer,
                    scheduler: torch.optim.lr_scheduler.LRScheduler, step: int, generator: torch.Generator,
                    config: TrainConfig, train_seconds: float) -> None:
    """Everything needed to continue exactly where the run stopped."""
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
             "step": step, "data_rng": generator.get_state(), "torch_rng": torch.get_rng_state(),
             "config": dataclasses.asdict(config), "train_seconds": train_seconds}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save(state, partial)
    os.replace(partial, path)  # a run killed while saving leaves the previous checkpoint intact


def load_checkpoint(path: Path, model: GPTLMHeadModel, optimizer: torch.optim.Optimizer,
                    scheduler: torch.optim.lr_scheduler.LRScheduler, generator: torch.Generator,
                    config: TrainConfig) -> tuple[int, float]:
    """Restore a checkpoint in place; returns (step, seconds trained so far). Pickles only tensors."""
    state = torch.load(path, map_location="cpu", weights_only=True)
    different = [f for f in RESUME_FIELDS if state["config"].get(f, RESUME_DEFAULTS.get(f)) != getattr(config, f)]
    if different:
        raise ValueError(f"{path} was written by a run with other settings ({', '.join(different)}); "
                         "use the same settings, or another --out-dir")
    model.load_state_dict(state["model"], strict=True)
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    generator.set_state(state["data_rng"])
    torch.set_rng_state(state["torch_rng"])
    return int(state["step"]), float(state["train_seconds"])


def append_log(path: Path, record: dict) -> None:
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------- the run


@dataclass
class PreparedData:
    tokenizer: object
    train: TokenStream
    heldout: list[list[int]]  # held-out stories, token ids without <|endoftext|>
    end_of_text_id: int


def prepare_data(config: TrainConfig) -> PreparedData:
    """Corpus and byte-level BPE in config.data_dir (made once), then the tokenized splits.

    corpus.json records the settings the folder was made with; a folder made with other settings
    (or by an older grammar) is refused rather than silently used."""
    from core.data.stories import build_corpus, grammar_fingerprint, read_stories
    from core.gpt.tokenizer import load_tokenizer, train_byte_level_bpe

    data_dir = Path(config.data_dir)
    manifest = {"train_stories": config.train_stories, "heldout_stories": config.heldout_stories,
                "seed": config.seed, "vocab_size": config.vocab_size, "tokenizer": "byte-level BPE",
                "grammar": grammar_fingerprint(config.corpus_version)}
    if config.corpus_version != 1:  # a version-1 folder keeps the manifest it was made with
        manifest["corpus_version"] = config.corpus_version
    manifest_path = data_dir / "corpus.json"
    if manifest_path.is_file():
        made_with = json.loads(manifest_path.read_text())
        if made_with != manifest:
            raise ValueError(f"{data_dir} holds a corpus made with {made_with}, not {manifest}; "
                             "use another --data-dir")
    else:
        build_corpus(data_dir, config.train_stories, config.heldout_stories, config.seed, config.corpus_version)
        train_text = (story_text(story) for story in read_stories(data_dir / "train.txt"))
        train_byte_level_bpe(train_text, data_dir, config.vocab_size, model_max_length=config.n_positions)
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    tokenizer = load_tokenizer(data_dir)
    end_of_text_id = tokenizer.convert_tokens_to_ids(END_OF_TEXT)
    train_stories = tokenize_stories(read_stories(data_dir / "train.txt"), tokenizer)
    heldout = tokenize_stories(read_stories(data_dir / "heldout.txt"), tokenizer)
    return PreparedData(tokenizer, TokenStream.from_stories(train_stories, end_of_text_id), heldout, end_of_text_id)


@dataclass
class TrainResult:
    model: GPTLMHeadModel
    data: PreparedData
    step: int
    train_seconds: float
    losses: list[float]  # the loss of every step this call ran


def train(config: TrainConfig, resume: bool = True, stop_at: int | None = None, progress: bool = True,
          export_every: tuple[int, Path] | None = None) -> TrainResult:
    """Train from scratch, or continue from out_dir/checkpoint.pt; ``stop_at`` ends early (as if killed).

    ``export_every`` (N, folder): also export the model to ``folder`` every N steps, so a look at the
    model so far needs no waiting for the end."""
    from tqdm.auto import tqdm

    torch.manual_seed(config.seed)
    data = prepare_data(config)
    model = GPTLMHeadModel(config.model_config(len(data.tokenizer), data.end_of_text_id))
    model.init_weights(config.seed)
    model.train()
    optimizer = make_optimizer(model, config)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: learning_rate_factor(step, config))
    generator = torch.Generator().manual_seed(config.seed)
    out_dir = Path(config.out_dir)
    checkpoint, step, train_seconds = out_dir / "checkpoint.pt", 0, 0.0
    if resume and checkpoint.is_file():
        step, train_seconds = load_checkpoint(checkpoint, model, optimizer, scheduler, generator, config)
    end = min(config.steps, stop_at if stop_at is not None else config.steps)
    probe = data.heldout[:config.probe_stories]
    losses: list[float] = []
    bar = tqdm(total=config.steps, initial=step, disable=not progress, desc="training tiny GPT", unit="step")
    started = time.perf_counter()
    while step < end:
        inputs, targets = data.train.sample_batch(config.batch_size, config.block_size, generator)
        with torch.autocast("cpu", torch.bfloat16, enabled=config.precision == "bf16"):
            loss = next_token_loss(model, inputs, targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        step += 1
        losses.append(float(loss.detach()))
        bar.set_postfix(loss=f"{losses[-1]:.3f}", lr=f"{scheduler.get_last_lr()[0]:.2e}", refresh=False)
        bar.update()
        if step % config.checkpoint_every == 0 or step == end:
            seconds = train_seconds + time.perf_counter() - started
            save_checkpoint(checkpoint, model, optimizer, scheduler, step, generator, config, seconds)
            recent = losses[-config.checkpoint_every:]
            append_log(out_dir / "log.jsonl", {"step": step, "loss": sum(recent) / len(recent),
                                               "lr": scheduler.get_last_lr()[0], "seconds": round(seconds, 1),
                                               "probe": heldout_figures(model, probe, data.end_of_text_id)})
            if export_every is not None and (step % export_every[0] == 0 or step == end):
                export_model(model, Path(config.data_dir), export_every[1],
                             {"step": step, "of_steps": config.steps, "note": "a checkpoint export during training"})
    bar.close()
    train_seconds += time.perf_counter() - started
    return TrainResult(model.eval(), data, step, train_seconds, losses)


def export_model(model: GPTLMHeadModel, tokenizer_dir: Path, folder: Path, metadata: dict | None = None) -> Path:
    """transformers' GPT-2 folder: config.json, model.safetensors (GPT2LMHeadModel's keys, Conv1D weights
    as (in, out)), the tokenizer files, and training.json when ``metadata`` is given."""
    from core.gpt.checkpoint import save_gpt

    folder = Path(folder)
    save_gpt(model, folder)
    for name in (*TOKENIZER_FILES, "special_tokens_map.json"):
        if (Path(tokenizer_dir) / name).is_file():
            shutil.copyfile(Path(tokenizer_dir) / name, folder / name)
    if metadata is not None:
        (folder / "training.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return folder
