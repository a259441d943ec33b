"""Pretraining the from-scratch BERT: masked LM + next-sentence prediction (Devlin et al., 2019, sec. 3.1).

The model is ``core.bert.model.BertForPreTraining`` itself, trained through the same forward pass and
trace the dashboard shows; this module only makes batches, computes the two losses and steps
the optimiser. Shape legend: B batch, T tokens, V vocabulary, N masked positions in a batch.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.nn import functional as F

from core.attention import pad_sequences
from core.bert.config import BertConfig
from core.bert.model import BertForPreTraining
from core.bert.wordpiece import CLS, FIRST_REGULAR_ID, MASK, PAD, SEP, SPECIAL_TOKENS
from core.data.stories import CORPUS_VERSION

IGNORE = -100  # label of a position that is not predicted: cross_entropy's ignore_index
IS_NEXT, NOT_NEXT = 0, 1  # NSP labels; index 0 of the head is "B follows A", as in BERT


@dataclass(frozen=True)
class TrainConfig:
    """Everything one pretraining run depends on; the defaults fit in about an hour on 2 CPU cores."""

    data_dir: str = "runs/tiny-bert/data"  # train.txt, heldout.txt, vocab.txt, corpus.json; made when missing
    out_dir: str = "runs/tiny-bert"  # checkpoint.pt, log.jsonl and the exported model/
    train_stories: int = 200_000  # generated training stories (2-4 sentences each)
    heldout_stories: int = 2_000  # generated held-out stories, for evaluation only
    vocab_size: int = 3_000  # WordPiece target; the trainer stops earlier when the corpus has fewer pieces
    hidden_size: int = 192  # E
    num_hidden_layers: int = 4  # L
    num_attention_heads: int = 4  # H, so D = 48
    intermediate_size: int = 768  # 4 E, as in BERT
    max_position_embeddings: int = 512  # what the dashboard may show; training sequences are shorter
    dropout: float = 0.0  # a run sees each story about once: little to over-fit, and dropout slows learning
    max_seq_length: int = 128  # [CLS] A [SEP] B [SEP] is cut to this many tokens
    batch_size: int = 64
    steps: int = 3_000
    learning_rate: float = 1e-3  # peak; small models take a larger rate than BERT-base's 1e-4
    warmup_steps: int = 150  # linear warm-up, then linear decay to zero (BERT, appendix A.2)
    weight_decay: float = 0.01
    mask_prob: float = 0.15  # share of tokens chosen for MLM; of those 80% [MASK], 10% random, 10% kept
    seed: int = 0
    corpus_version: int = CORPUS_VERSION  # the story grammar's version (core.data.stories.CORPUS_VERSIONS)
    checkpoint_every: int = 250
    device: str = "cpu"
    # "bf16": matmuls under bfloat16 autocast, weights and Adam in float32 (about 3x faster on a CPU
    # with AVX512-BF16, same losses to 2 decimals here); "fp32" for CPUs without bfloat16 support.
    precision: str = "bf16"

    def __post_init__(self) -> None:
        if self.precision not in ("bf16", "fp32"):
            raise ValueError(f"precision must be 'bf16' or 'fp32', got {self.precision!r}")

    def model_config(self, vocab_size: int) -> BertConfig:
        return BertConfig(vocab_size=vocab_size, hidden_size=self.hidden_size,
                          num_hidden_layers=self.num_hidden_layers, num_attention_heads=self.num_attention_heads,
                          intermediate_size=self.intermediate_size, hidden_dropout_prob=self.dropout,
                          attention_probs_dropout_prob=self.dropout,
                          max_position_embeddings=self.max_position_embeddings)


# Fields a resumed run must share with the run that wrote the checkpoint.
RESUME_FIELDS = ("train_stories", "vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
                 "intermediate_size", "max_position_embeddings", "dropout", "max_seq_length", "batch_size", "steps",
                 "learning_rate", "warmup_steps", "weight_decay", "mask_prob", "seed", "precision", "corpus_version")
RESUME_DEFAULTS = {"corpus_version": 1}  # what a checkpoint written before the field existed was trained with


@dataclass
class Batch:
    input_ids: torch.Tensor  # (B, T), masked for MLM
    token_type_ids: torch.Tensor  # (B, T) 0 for [CLS] A [SEP], 1 for B [SEP]
    attention_mask: torch.Tensor  # (B, T) bool, False on padding
    mlm_labels: torch.Tensor  # (B, T) original id where a token is to be predicted, IGNORE elsewhere
    nsp_labels: torch.Tensor  # (B,) IS_NEXT or NOT_NEXT

    def to(self, device: str | torch.device) -> Batch:
        return Batch(*(t.to(device) for t in dataclasses.astuple(self)))


def mask_tokens(input_ids: torch.Tensor, maskable: torch.Tensor, generator: torch.Generator, vocab_size: int,
                mask_id: int, mask_prob: float = 0.15, keep_share: tuple[float, float] = (0.8, 0.1),
                ) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT's masking (sec. 3.1): choose ``mask_prob`` of the maskable tokens; of those, a share
    ``keep_share[0]`` becomes [MASK], ``keep_share[1]`` a random token and the rest stays as it was.
    Returns (masked input_ids, labels) with IGNORE where nothing is predicted."""
    chosen = (torch.rand(input_ids.shape, generator=generator) < mask_prob) & maskable
    roll = torch.rand(input_ids.shape, generator=generator)
    random_ids = torch.randint(FIRST_REGULAR_ID, vocab_size, input_ids.shape, generator=generator)
    masked = torch.where(chosen & (roll < keep_share[0]), torch.full_like(input_ids, mask_id), input_ids)
    use_random = chosen & (roll >= keep_share[0]) & (roll < keep_share[0] + keep_share[1])
    masked = torch.where(use_random, random_ids, masked)
    return masked, torch.where(chosen, input_ids, torch.full_like(input_ids, IGNORE))


class PretrainingData:
    """Tokenized stories (each a list of sentences, each a list of ids without [CLS]/[SEP]) -> batches."""

    def __init__(self, stories: list[list[list[int]]], vocab_size: int, cls_id: int = SPECIAL_TOKENS.index(CLS),
                 sep_id: int = SPECIAL_TOKENS.index(SEP), mask_id: int = SPECIAL_TOKENS.index(MASK),
                 pad_id: int = SPECIAL_TOKENS.index(PAD)) -> None:
        if len(stories) < 2 or any(len(story) < 2 for story in stories):
            raise ValueError("NSP needs at least two stories, each of at least two sentences")
        self.stories, self.vocab_size = stories, vocab_size
        self.cls_id, self.sep_id, self.mask_id, self.pad_id = cls_id, sep_id, mask_id, pad_id

    @classmethod
    def from_text(cls, stories: list[list[str]], tokenizer) -> PretrainingData:
        flat = [line for story in stories for line in story]
        ids = tokenizer(flat, add_special_tokens=False)["input_ids"]
        tokenized, start = [], 0
        for story in stories:
            tokenized.append(ids[start:start + len(story)])
            start += len(story)
        return cls(tokenized, len(tokenizer), tokenizer.cls_token_id, tokenizer.sep_token_id,
                   tokenizer.mask_token_id, tokenizer.pad_token_id)

    def __len__(self) -> int:
        return len(self.stories)

    def head(self, count: int) -> PretrainingData:
        return PretrainingData(self.stories[:count], self.vocab_size, self.cls_id, self.sep_id, self.mask_id,
                               self.pad_id)

    def pair(self, index: int, generator: torch.Generator) -> tuple[list[int], list[int], int]:
        """A = the story's first k sentences; B = the rest (IsNext) or the tail of another story (NotNext).

        A random B is also a tail (from its story's second sentence on), so B's first words cannot
        give the label away; only whether B continues A can."""
        story = self.stories[index]
        k = int(torch.randint(1, len(story), (1,), generator=generator))
        a = [t for sentence in story[:k] for t in sentence]
        if float(torch.rand(1, generator=generator)) < 0.5:
            return a, [t for sentence in story[k:] for t in sentence], IS_NEXT
        other_index = int(torch.randint(0, len(self.stories) - 1, (1,), generator=generator))
        other = self.stories[other_index + (other_index >= index)]  # any story but this one
        j = int(torch.randint(1, len(other), (1,), generator=generator))
        return a, [t for sentence in other[j:] for t in sentence], NOT_NEXT

    def batch(self, indices: list[int], generator: torch.Generator, max_length: int = 128, mask_prob: float = 0.15,
              keep_share: tuple[float, float] = (0.8, 0.1)) -> Batch:
        rows, segments, labels = [], [], []
        for index in indices:
            a, b, label = self.pair(index, generator)
            a, b = truncate_pair(a, b, max_length - 3)
            rows.append([self.cls_id, *a, self.sep_id, *b, self.sep_id])
            segments.append([0] * (len(a) + 2) + [1] * (len(b) + 1))
            labels.append(label)
        input_ids = pad_sequences(rows, self.pad_id)  # (B, T)
        token_type_ids = pad_sequences(segments)  # (B, T)
        attention_mask = input_ids != self.pad_id
        maskable = attention_mask & (input_ids != self.cls_id) & (input_ids != self.sep_id)
        masked, mlm_labels = mask_tokens(input_ids, maskable, generator, self.vocab_size, self.mask_id, mask_prob,
                                         keep_share)
        return Batch(masked, token_type_ids, attention_mask, mlm_labels, torch.tensor(labels))

    def sample_batch(self, batch_size: int, generator: torch.Generator, max_length: int = 128,
                     mask_prob: float = 0.15) -> Batch:
        indices = torch.randint(0, len(self.stories), (batch_size,), generator=generator).tolist()
        return self.batch(indices, generator, max_length, mask_prob)


def truncate_pair(a: list[int], b: list[int], budget: int) -> tuple[list[int], list[int]]:
    """Drop tokens from the end of the longer segment until both fit (BERT's create_pretraining_data)."""
    a, b = list(a), list(b)
    while len(a) + len(b) > budget:
        (a if len(a) > len(b) else b).pop()
    return a, b


def pretraining_loss(model: BertForPreTraining, batch: Batch) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(total, MLM, NSP): cross-entropy at the chosen positions plus cross-entropy of IsNext/NotNext."""
    trace = model(batch.input_ids, batch.token_type_ids, batch.attention_mask)
    selected = batch.mlm_labels != IGNORE  # (B, T)
    mlm = F.cross_entropy(trace.mlm_logits[selected], batch.mlm_labels[selected])  # (N, V) against (N,)
    nsp = F.cross_entropy(trace.nsp_logits, batch.nsp_labels)  # (B, 2) against (B,)
    return mlm + nsp, mlm, nsp


def learning_rate_at(step: int, config: TrainConfig) -> float:
    """Linear warm-up to the peak, then linear decay to zero at the last step."""
    if step < config.warmup_steps:
        return config.learning_rate * (step + 1) / config.warmup_steps
    remaining = max(config.steps - step, 0) / max(config.steps - config.warmup_steps, 1)
    return config.learning_rate * remaining


def make_optimizer(model: BertForPreTraining, config: TrainConfig) -> torch.optim.AdamW:
    """AdamW; biases and LayerNorm weights (1-D tensors) get no weight decay, as in BERT."""
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": config.weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}],
                             lr=config.learning_rate, betas=(0.9, 0.999), eps=1e-6)


@torch.no_grad()
def evaluate(model: BertForPreTraining, data: PretrainingData, seed: int = 1234, batch_size: int = 128,
             max_length: int = 128, mask_prob: float = 0.15) -> dict[str, float]:
    """Held-out MLM top-1/top-5 accuracy and NSP accuracy, on a fixed seeded masking.

    Every chosen token is replaced by [MASK] (no random or kept tokens), so the accuracy is that of
    filling in blanks, the task the fill-mask command shows. One pair per story, half of them IsNext.
    """
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed)
    counts = {"masked": 0, "top1": 0, "top5": 0, "pairs": 0, "nsp_correct": 0}
    for start in range(0, len(data), batch_size):
        indices = list(range(start, min(start + batch_size, len(data))))
        batch = data.batch(indices, generator, max_length, mask_prob, keep_share=(1.0, 0.0)).to(device)
        trace = model(batch.input_ids, batch.token_type_ids, batch.attention_mask)
        selected = batch.mlm_labels != IGNORE
        top5 = trace.mlm_logits[selected].topk(5, dim=-1).indices  # (N, 5)
        labels = batch.mlm_labels[selected]  # (N,)
        counts["masked"] += labels.numel()
        counts["top1"] += int((top5[:, 0] == labels).sum())
        counts["top5"] += int((top5 == labels[:, None]).any(dim=-1).sum())
        counts["pairs"] += len(indices)
        counts["nsp_correct"] += int((trace.nsp_logits.argmax(dim=-1) == batch.nsp_labels).sum())
    model.train(was_training)
    return {"mlm_top1": counts["top1"] / counts["masked"], "mlm_top5": counts["top5"] / counts["masked"],
            "nsp_accuracy": counts["nsp_correct"] / counts["pairs"], "masked_tokens": counts["masked"],
            "pairs": counts["pairs"]}


# ---------------------------------------------------------------- checkpoints


def save_checkpoint(path: Path, model: BertForPreTraining, optimizer: torch.optim.Optimizer, step: int,
                    generator: torch.Generator, config: TrainConfig, train_seconds: float) -> None:
    """Everything needed to continue exactly where the run stopped: weights, Adam moments, step, RNGs."""
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
             "data_rng": generator.get_state(), "torch_rng": torch.get_rng_state(),
             "cuda_rng": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
             "config": dataclasses.asdict(config), "train_seconds": train_seconds}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save(state, partial)
    os.replace(partial, path)  # a run killed while saving leaves the previous checkpoint intact


def load_checkpoint(path: Path, model: BertForPreTraining, optimizer: torch.optim.Optimizer,
                    generator: torch.Generator, config: TrainConfig) -> tuple[int, float]:
    """Restore a checkpoint in place; returns (step, seconds trained so far). Pickles only tensors."""
    state = torch.load(path, map_location="cpu", weights_only=True)
    different = [f for f in RESUME_FIELDS if state["config"].get(f, RESUME_DEFAULTS.get(f)) != getattr(config, f)]
    if different:
        raise ValueError(f"{path} was written by a run with other settings ({', '.join(different)}); "
                         "use the same settings, or another --out-dir")
    model.load_state_dict(state["model"], strict=True)
    optimizer.load_state_dict(state["optimizer"])
    generator.set_state(state["data_rng"])
    torch.set_rng_state(state["torch_rng"])
    if state["cuda_rng"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda_rng"])
    return int(state["step"]), float(state["train_seconds"])


def append_log(path: Path, record: dict) -> None:
    with open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------- the run


def prepare_data(config: TrainConfig):
    """Corpus and WordPiece vocabulary in config.data_dir (made once), then the tokenized splits.

    corpus.json records the settings the folder was made with; a folder made with other settings
    is refused rather than silently used."""
    from core.bert.wordpiece import load_tokenizer, train_wordpiece
    from core.data.stories import build_corpus, grammar_fingerprint, read_stories

    data_dir = Path(config.data_dir)
    manifest = {"train_stories": config.train_stories, "heldout_stories": config.heldout_stories,
                "seed": config.seed, "vocab_size": config.vocab_size,
                "grammar": grammar_fingerprint(config.corpus_version)}  # a corpus from an older grammar is not reused
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
        train_wordpiece([data_dir / "train.txt"], data_dir, config.vocab_size,
                        model_max_length=config.max_position_embeddings)
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    tokenizer = load_tokenizer(data_dir)
    train_data = PretrainingData.from_text(read_stories(data_dir / "train.txt"), tokenizer)
    heldout_data = PretrainingData.from_text(read_stories(data_dir / "heldout.txt"), tokenizer)
    return tokenizer, train_data, heldout_data


@dataclass
class TrainResult:
    model: BertForPreTraining
    tokenizer: object
    heldout: PretrainingData
    step: int
    train_seconds: float
    losses: list[float]  # total loss of every step this call ran


def train(config: TrainConfig, resume: bool = True, stop_at: int | None = None, progress: bool = True) -> TrainResult:
    """Pretrain from scratch, or continue from out_dir/checkpoint.pt; ``stop_at`` ends early (as if killed)."""
    from tqdm.auto import tqdm

    torch.manual_seed(config.seed)
    tokenizer, train_data, heldout_data = prepare_data(config)
    model = BertForPreTraining(config.model_config(len(tokenizer)))
    model.init_weights(config.seed)
    model.to(config.device).train()
    optimizer = make_optimizer(model, config)
    generator = torch.Generator().manual_seed(config.seed)
    out_dir = Path(config.out_dir)
    checkpoint, step, train_seconds = out_dir / "checkpoint.pt", 0, 0.0
    if resume and checkpoint.is_file():
        step, train_seconds = load_checkpoint(checkpoint, model, optimizer, generator, config)
    end = min(config.steps, stop_at if stop_at is not None else config.steps)
    probe = heldout_data.head(256)  # a quick look at progress, in the log
    losses: list[float] = []
    bar = tqdm(total=config.steps, initial=step, disable=not progress, desc="pretraining", unit="step")
    started = time.perf_counter()
    while step < end:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate_at(step, config)
        batch = train_data.sample_batch(config.batch_size, generator, config.max_seq_length, config.mask_prob)
        with torch.autocast(torch.device(config.device).type, torch.bfloat16, enabled=config.precision == "bf16"):
            loss, mlm, nsp = pretraining_loss(model, batch.to(config.device))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        losses.append(float(loss.detach()))
        bar.set_postfix(loss=f"{losses[-1]:.3f}", mlm=f"{float(mlm.detach()):.3f}", nsp=f"{float(nsp.detach()):.3f}",
                        refresh=False)
        bar.update()
        if step % config.checkpoint_every == 0 or step == end:
            seconds = train_seconds + time.perf_counter() - started
            save_checkpoint(checkpoint, model, optimizer, step, generator, config, seconds)
            recent = losses[-config.checkpoint_every:]
            append_log(out_dir / "log.jsonl", {"step": step, "loss": sum(recent) / len(recent),
                                               "lr": learning_rate_at(step - 1, config), "seconds": round(seconds, 1),
                                               "probe": evaluate(model, probe, max_length=config.max_seq_length)})
    bar.close()
    train_seconds += time.perf_counter() - started
    return TrainResult(model.eval(), tokenizer, heldout_data, step, train_seconds, losses)


def export_model(model: BertForPreTraining, tokenizer_dir: Path, folder: Path, metadata: dict | None = None) -> Path:
    """A Hugging Face folder: config.json, model.safetensors, vocab.txt, tokenizer_config.json (+ training.json)."""
    import shutil

    from core.bert.checkpoint import save_bert

    folder = Path(folder)
    save_bert(model.cpu(), folder)
    for name in ("vocab.txt", "tokenizer_config.json"):
        shutil.copyfile(Path(tokenizer_dir) / name, folder / name)
    if metadata is not None:
        (folder / "training.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    return folder
