"""Training any of the three English -> French translators on the generated task
(``python -m core train translator --arch transformer|seq2seq|seq2seq-attention``).

One loop for all three, so they see the same data, batches, optimiser and schedule: Adam
(beta2 = 0.98, eps = 1e-9), linear warm-up then inverse-square-root decay of the learning rate,
gradient clipping at 1, label smoothing 0.1 (sec. 5 of Vaswani et al.). The batch order comes from a
generator of its own, so with the same seed all three architectures read the same batches in the same
order. The Transformer is always teacher-forced (it reads the whole prefix at once); the recurrent
decoders read the reference's previous token with probability ``teacher_forcing`` per step, else their
own prediction (note 003), those draws coming from a second generator. Checkpoints (model, optimizer,
step) are written every ``eval_every`` steps and ``--resume`` continues from one. The end result is a
model folder whose training.json records the exact command, wall time, device, parameter count and
held-out exact match per source-length bucket, measured by core.analysis.evaluation (the decoders and
length limit of ``python -m core eval translator``).
"""

from __future__ import annotations

import json
import math
import shlex
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from tqdm import tqdm

from core.analysis.evaluation import decode_greedy, exact_match_by_length, exact_matches
from core.attention import pad_sequences
from core.data.translation import DATA_VERSION, DATA_VERSIONS, grammar, make_splits
from core.decoding import BEAM_WIDTH
from core.rnn.seq2seq import Seq2seq, Seq2seqConfig
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig
from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary, save_translator

ARCHS = ("transformer", "seq2seq", "seq2seq-attention")
# Settings a resumed run may change: how long it runs, where it writes, how it is measured at the end. Every other
# one (architecture, sizes, data, optimiser, seeds) must match the checkpoint's, or the resumed run would be neither.
RUN_ONLY_FIELDS = ("steps", "output", "checkpoint_dir", "eval_every", "beam_size", "beam_per_bucket", "threads",
                   "device", "max_minutes", "resume")


@dataclass
class TrainingOptions:
    arch: str = "transformer"  # transformer, seq2seq (no attention) or seq2seq-attention
    output: str = "models/tiny-translator"  # the model folder written at the end
    checkpoint_dir: str = "runs/translator"  # checkpoint.pt, rewritten every eval_every steps
    layers: int = 2  # Transformer: N encoder and N decoder layers; seq2seq: LSTM layers in each
    d_model: int = 128  # Transformer width
    heads: int = 4  # Transformer attention heads
    ffn_dim: int = 512  # Transformer feed-forward width
    embedding_size: int = 128  # seq2seq word embedding width (note 002)
    hidden_size: int = 192  # seq2seq LSTM hidden size (note 002)
    attention: str = "dot"  # seq2seq-attention score: dot (Luong) or additive (Bahdanau)
    teacher_forcing: float = 1.0  # seq2seq: probability a decoder step reads the reference token (note 003)
    max_length: int = 128  # longest source or target a model accepts (Transformer: rows of its position table)
    dropout: float = 0.1
    steps: int = 3000
    batch_size: int = 128
    lr: float = 2e-3  # peak learning rate, reached after warmup steps
    warmup: int = 300
    label_smoothing: float = 0.1  # sec. 5.4
    num_train: int = 60000
    num_validation: int = 1000
    num_test: int = 2000
    data_seed: int = 0  # the generated splits
    # Which grammar generates them (core.data.translation.grammar): 2, the shipped translators' (354 English
    # words); 3, the story world with correct French and "it" -> il / elle (core/data/translation_world.py).
    data_version: int = DATA_VERSION
    seed: int = 0  # initialisation, batch order, dropout, teacher-forcing draws
    eval_every: int = 500
    beam_size: int = BEAM_WIDTH  # for the final held-out measurement
    beam_per_bucket: int = 100  # held-out sentences of each length bucket also measured with beam search
    threads: int = 0  # torch threads on CPU; 0 leaves torch's default
    device: str = "auto"
    # Stop early after this many minutes of training (0: never). The learning rate depends only on the
    # step, so a run stopped at step N equals a run of --steps N; training.json records that command.
    max_minutes: float = 0.0
    resume: bool = False

    def __post_init__(self) -> None:
        if self.arch not in ARCHS:
            raise ValueError(f"--arch must be one of {', '.join(ARCHS)}, got {self.arch!r}")
        if not 0.0 <= self.teacher_forcing <= 1.0:
            raise ValueError(f"--teacher-forcing is a probability, got {self.teacher_forcing}")
        if self.data_version not in DATA_VERSIONS:
            raise ValueError(f"--data-version must be one of {', '.join(map(str, DATA_VERSIONS))}, "
                             f"got {self.data_version}")


def encode_pairs(pairs: list[tuple[str, str]], source_vocab: Vocabulary,
                 target_vocab: Vocabulary) -> tuple[torch.Tensor, torch.Tensor]:
    """Pairs -> padded source ids (N, S) ending in </s>, and target ids (N, T + 2) as <s> y_1 ... y_T </s>."""
    sources = [source_vocab.encode(en.split() + ["</s>"]) for en, _ in pairs]
    targets = [target_vocab.encode(["<s>"] + fr.split() + ["</s>"]) for _, fr in pairs]
    pad_id = SPECIAL_TOKENS.index("<pad>")
    return pad_sequences(sources, pad_id), pad_sequences(targets, pad_id)


def learning_rate(step: int, options: TrainingOptions) -> float:
    """Linear warm-up, then decay proportional to 1/sqrt(step): the shape of eq. (3)."""
    step = max(step, 1)
    return options.lr * min(step / options.warmup, math.sqrt(options.warmup / step))


def build_model(options: TrainingOptions, source_vocab: Vocabulary, target_vocab: Vocabulary):
    if options.arch == "transformer":
        config = TransformerConfig(
            src_vocab_size=len(source_vocab), tgt_vocab_size=len(target_vocab), d_model=options.d_model,
            encoder_layers=options.layers, decoder_layers=options.layers, encoder_attention_heads=options.heads,
            decoder_attention_heads=options.heads, encoder_ffn_dim=options.ffn_dim, decoder_ffn_dim=options.ffn_dim,
            dropout=options.dropout, max_position_embeddings=options.max_length)
        model = EncoderDecoderTransformer(config)
    else:
        config = Seq2seqConfig(
            src_vocab_size=len(source_vocab), tgt_vocab_size=len(target_vocab), embedding_size=options.embedding_size,
            hidden_size=options.hidden_size, num_layers=options.layers, dropout=options.dropout,
            attention=options.attention if options.arch == "seq2seq-attention" else None,
            max_position_embeddings=options.max_length)
        model = Seq2seq(config)
    model.init_weights(options.seed)
    return model


def validation_exact_match(translator: Translator, pairs: list[tuple[str, str]]) -> float:
    """Greedy exact match on ``pairs``, decoded as the held-out evaluation decodes; the model is left training."""
    translator.model.eval()
    sources, references = [en.split() for en, _ in pairs], [fr.split() for _, fr in pairs]
    correct = exact_matches(decode_greedy(translator, sources, batch_size=250), references)
    translator.model.train()
    return sum(correct) / max(len(correct), 1)


def save_checkpoint(path: Path, model, optimizer, step: int, options: TrainingOptions, history: list) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                "options": asdict(options), "history": history}, temporary)
    temporary.replace(path)  # a crash mid-write never leaves a broken checkpoint


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def training_loss(model, source: torch.Tensor, target: torch.Tensor, options: TrainingOptions,
                  forcing_draws: torch.Generator) -> torch.Tensor:
    """Cross-entropy of predicting target[:, 1:] from <s> y_1 ... (teacher-forced, or sampled for seq2seq:
    ``forcing_draws`` decides per step whether a recurrent decoder reads the reference)."""
    if isinstance(model, Seq2seq):
        trace = model(source, target[:, :-1], teacher_forcing_ratio=options.teacher_forcing,
                      generator=forcing_draws)
    else:
        trace = model(source, target[:, :-1])
    return torch.nn.functional.cross_entropy(trace.logits.reshape(-1, trace.logits.size(-1)),
                                             target[:, 1:].reshape(-1), ignore_index=model.config.pad_token_id,
                                             label_smoothing=options.label_smoothing)


def train(options: TrainingOptions, command: str | None = None) -> Translator:
    started = time.time()
    if options.threads:
        torch.set_num_threads(options.threads)
    device = pick_device(options.device)
    splits = make_splits(options.num_train, options.num_validation, options.num_test, options.data_seed,
                         data_version=options.data_version)
    english, french = grammar(options.data_version).lexicon_words()
    source_vocab, target_vocab = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    train_src, train_tgt = encode_pairs(splits.train, source_vocab, target_vocab)
    val_src, val_tgt = encode_pairs(splits.validation, source_vocab, target_vocab)
    longest = max(train_src.size(1), train_tgt.size(1) - 1, val_src.size(1), val_tgt.size(1) - 1)
    if longest > options.max_length:
        raise ValueError(f"the data has sequences of {longest} tokens; --max-length is {options.max_length}")
    model = build_model(options, source_vocab, target_vocab).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=options.lr, betas=(0.9, 0.98), eps=1e-9)
    checkpoint_path = Path(options.checkpoint_dir) / "checkpoint.pt"
    step, history = 0, []
    if options.resume and checkpoint_path.is_file():
        state = torch.load(checkpoint_path, map_location=device, weights_only=True)
        defaults = asdict(TrainingOptions())  # a checkpoint written before a field existed ran with its default
        different = [field for field, value in asdict(options).items()
                     if field not in RUN_ONLY_FIELDS and state["options"].get(field, defaults[field]) != value]
        if different:
            raise ValueError(f"{checkpoint_path} was written by a run with other settings ({', '.join(different)}); "
                             "use the same settings, or another --checkpoint-dir")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step, history = state["step"], state["history"]
    torch.manual_seed(options.seed + step)  # dropout; a resumed run continues with fresh draws
    # Two generators, so drawing teacher-forcing coins never moves the batch order: the Transformer (no coins)
    # and the recurrent models read the same batches in every epoch.
    batch_order = torch.Generator().manual_seed(options.seed + step)
    forcing_draws = torch.Generator().manual_seed(options.seed + step)
    translator = Translator(model, source_vocab, target_vocab, Path(options.output).name)
    pad_id = model.config.pad_token_id
    model.train()
    progress = tqdm(total=options.steps, initial=step, desc=f"train {options.arch}", unit="step", file=sys.stderr,
                    mininterval=10)
    launched_as = command
    while step < options.steps:
        for batch in torch.randperm(train_src.size(0), generator=batch_order).split(options.batch_size):
            if step >= options.steps:
                break
            step += 1
            source, target = train_src[batch], train_tgt[batch]
            source = source[:, :int((source != pad_id).sum(1).max())].to(device)  # trim all-padding columns
            target = target[:, :int((target != pad_id).sum(1).max())].to(device)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step, options)
            loss = training_loss(model, source, target, options, forcing_draws)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            progress.update(1)
            if options.max_minutes and time.time() - started > 60 * options.max_minutes and step < options.steps:
                progress.write(f"stopping at step {step}: --max-minutes {options.max_minutes} reached")
                options.steps, options.max_minutes = step, 0.0
                command = command_line(options)  # what reproduces these weights
            if step % options.eval_every == 0 or step == options.steps:
                accuracy = validation_exact_match(translator, splits.validation)
                history.append({"step": step, "loss": round(loss.item(), 4), "validation_greedy_exact_match": accuracy,
                                "seconds": round(time.time() - started, 1)})
                progress.write(f"step {step}: loss {loss.item():.3f}, validation greedy exact match {accuracy:.2%}")
                save_checkpoint(checkpoint_path, model, optimizer, step, options, history)
    progress.close()
    train_seconds = time.time() - started
    print(f"measuring held-out exact match on {len(splits.test)} test sentences...", file=sys.stderr, flush=True)
    by_length = exact_match_by_length(translator, splits.test, options.beam_size, options.beam_per_bucket)
    pronouns = pronoun_summary(translator, options) if options.data_version >= 3 else None
    model.cpu().eval()
    training = {
        "command": command, "launched_as": launched_as, "arch": options.arch,
        "wall_time_seconds": round(train_seconds, 1),
        "wall_time_with_evaluation_seconds": round(time.time() - started, 1), "device": describe(device),
        "torch_threads": torch.get_num_threads(), "torch_version": torch.__version__, "options": asdict(options),
        "history": history,
        "data_version": options.data_version,
        "splits": {"train": len(splits.train), "validation": len(splits.validation), "test": len(splits.test)},
        "test_exact_match": overall(by_length),
        "test_exact_match_by_length": by_length,
        **({"pronouns": pronouns} if pronouns else {}),
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    translator.training = training
    save_translator(translator, options.output)
    print(json.dumps({"wall_time_seconds": training["wall_time_seconds"], **training["test_exact_match"]}, indent=2))
    return translator


def pronoun_summary(translator: Translator, options: TrainingOptions) -> dict:
    """The pronoun test of data version 3 (core.analysis.pronouns), as ``eval translator --pronouns`` measures it:
    il / elle accuracy and the five best cross-attention heads (ranked on one half, scored on the other)."""
    from core.analysis.pronouns import evaluate_pronouns
    from core.data.translation_pronouns import pronoun_cases

    print("measuring the pronoun test...", file=sys.stderr, flush=True)
    result = evaluate_pronouns(translator, pronoun_cases(options.data_seed), options.beam_size)
    keep = ("cases", "readable", "pronoun_accuracy", "by_pronoun", "no_pronoun", "exact_match", "beam")
    return {key: result[key] for key in keep} | {"heads": result["heads"][:5]}


def overall(by_length: dict) -> dict:
    """The buckets' exact matches, weighted by how many sentences each measured."""
    totals: dict[str, list[float]] = {}
    for row in by_length.values():
        for key in row:
            if key.endswith("exact_match"):
                n = row["sentences"] if key.startswith("greedy") else row[key.replace("exact_match", "sentences")]
                hits, count = totals.setdefault(key.removesuffix("_exact_match"), [0.0, 0])
                totals[key.removesuffix("_exact_match")] = [hits + row[key] * n, count + n]
    return {name: round(hits / count, 4) for name, (hits, count) in totals.items()}


def describe(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return f"cpu ({torch.get_num_threads()} threads)"


def command_line(options: TrainingOptions) -> str:
    """The shortest command that reproduces these options: those that differ from the defaults, in order, and
    the grammar's version always (its default has moved once, from 2 to 3; a recorded command must not)."""
    defaults = TrainingOptions()
    words = ["python -m core train translator"]
    for name, value in asdict(options).items():
        if value != getattr(defaults, name) or name == "data_version":
            flag = "--" + name.replace("_", "-")
            words += [flag] if isinstance(value, bool) else [flag, shlex.quote(str(value))]
    return " ".join(words)
