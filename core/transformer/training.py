"""Training the tiny English -> French translator on the generated task (``python -m core train translator``).

As in sec. 5 of Vaswani et al.: Adam (beta2 = 0.98, eps = 1e-9), linear warm-up then inverse-square-root
decay of the learning rate, dropout and label smoothing 0.1. Checkpoints (model, optimizer, step) are
written as training goes and a run can resume from one. The end result is a model folder with the
measured held-out exact-match accuracies of greedy and beam decoding in training.json.
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

from core.attention import pad_sequences
from core.data.translation import lexicon_words, make_splits
from core.decoding import beam_search, greedy_decode
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig
from core.transformer.translator import SPECIAL_TOKENS, Translator, Vocabulary, save_translator


@dataclass
class TrainingOptions:
    output: str = "models/tiny-translator"  # the model folder written at the end
    checkpoint_dir: str = "runs/translator"  # checkpoint.pt, rewritten every eval_every steps
    layers: int = 2  # N, for encoder and decoder each
    d_model: int = 128
    heads: int = 4
    ffn_dim: int = 512
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
    seed: int = 0  # initialisation, batch order, dropout
    eval_every: int = 500
    beam_size: int = 4  # for the final held-out measurement
    threads: int = 0  # torch threads on CPU; 0 leaves torch's default
    device: str = "auto"
    resume: bool = False


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


def build_model(options: TrainingOptions, source_vocab: Vocabulary,
                target_vocab: Vocabulary) -> EncoderDecoderTransformer:
    config = TransformerConfig(
        src_vocab_size=len(source_vocab), tgt_vocab_size=len(target_vocab), d_model=options.d_model,
        encoder_layers=options.layers, decoder_layers=options.layers, encoder_attention_heads=options.heads,
        decoder_attention_heads=options.heads, encoder_ffn_dim=options.ffn_dim, decoder_ffn_dim=options.ffn_dim,
        dropout=options.dropout)
    model = EncoderDecoderTransformer(config)
    model.init_weights(options.seed)
    return model


@torch.no_grad()
def exact_match(model: EncoderDecoderTransformer, sources: torch.Tensor, targets: torch.Tensor,
                beam_size: int = 1, batch_size: int = 250) -> float:
    """Share of sentences whose decoded token sequence equals the reference exactly (</s> included)."""
    model.eval()
    references = [[t for t in row.tolist()[1:] if t != model.config.pad_token_id] for row in targets]
    max_length = targets.size(1) + 4
    correct = 0
    if beam_size == 1:
        for start in range(0, sources.size(0), batch_size):
            batch = sources[start:start + batch_size].to(next(model.parameters()).device)
            hypotheses = greedy_decode(model, batch, max_length)
            correct += sum(h.token_ids == ref for h, ref in zip(hypotheses, references[start:start + batch_size]))
    else:
        for row, reference in zip(sources, references):
            row = row[row != model.config.pad_token_id][None].to(next(model.parameters()).device)
            result = beam_search(model, row, beam_size, max_length, record_tree=False)
            correct += result.hypotheses[0].token_ids == reference
    model.train()
    return correct / sources.size(0)


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


def train(options: TrainingOptions, command: str | None = None) -> Translator:
    started = time.time()
    if options.threads:
        torch.set_num_threads(options.threads)
    device = pick_device(options.device)
    splits = make_splits(options.num_train, options.num_validation, options.num_test, options.data_seed)
    english, french = lexicon_words()
    source_vocab, target_vocab = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    train_src, train_tgt = encode_pairs(splits.train, source_vocab, target_vocab)
    val_src, val_tgt = encode_pairs(splits.validation, source_vocab, target_vocab)
    test_src, test_tgt = encode_pairs(splits.test, source_vocab, target_vocab)
    model = build_model(options, source_vocab, target_vocab).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=options.lr, betas=(0.9, 0.98), eps=1e-9)
    checkpoint_path = Path(options.checkpoint_dir) / "checkpoint.pt"
    step, history = 0, []
    if options.resume and checkpoint_path.is_file():
        state = torch.load(checkpoint_path, map_location=device, weights_only=True)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step, history = state["step"], state["history"]
    generator = torch.Generator().manual_seed(options.seed + step)  # a resumed run continues with fresh batches
    pad_id = model.config.pad_token_id
    model.train()
    progress = tqdm(total=options.steps, initial=step, desc="train translator", unit="step", file=sys.stderr)
    while step < options.steps:
        for batch in torch.randperm(train_src.size(0), generator=generator).split(options.batch_size):
            if step >= options.steps:
                break
            step += 1
            source, target = train_src[batch], train_tgt[batch]
            source = source[:, :int((source != pad_id).sum(1).max())].to(device)  # trim all-padding columns
            target = target[:, :int((target != pad_id).sum(1).max())].to(device)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step, options)
            trace = model(source, target[:, :-1])  # teacher forcing: <s> y_1 ... predicts y_1 ... </s>
            loss = torch.nn.functional.cross_entropy(trace.logits.reshape(-1, trace.logits.size(-1)),
                                                     target[:, 1:].reshape(-1), ignore_index=pad_id,
                                                     label_smoothing=options.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            progress.update(1)
            progress.set_postfix(loss=f"{loss.item():.3f}", lr=f"{learning_rate(step, options):.1e}")
            if step % options.eval_every == 0 or step == options.steps:
                accuracy = exact_match(model, val_src, val_tgt)
                history.append({"step": step, "loss": round(loss.item(), 4), "validation_greedy_exact_match": accuracy})
                progress.write(f"step {step}: loss {loss.item():.3f}, validation greedy exact match {accuracy:.2%}")
                save_checkpoint(checkpoint_path, model, optimizer, step, options, history)
    progress.close()
    train_seconds = time.time() - started
    print(f"measuring held-out exact match on {len(splits.test)} test sentences...", file=sys.stderr, flush=True)
    greedy = exact_match(model, test_src, test_tgt)
    beam = exact_match(model, test_src, test_tgt, beam_size=options.beam_size)
    model.cpu().eval()
    training = {
        "command": command, "wall_time_seconds": round(train_seconds, 1),
        "wall_time_with_evaluation_seconds": round(time.time() - started, 1), "device": str(device),
        "torch_threads": torch.get_num_threads(), "options": asdict(options), "history": history,
        "splits": {"train": len(splits.train), "validation": len(splits.validation), "test": len(splits.test)},
        "test_exact_match": {"greedy": greedy, f"beam_{options.beam_size}": beam},
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    translator = Translator(model, source_vocab, target_vocab, Path(options.output).name, training)
    save_translator(translator, options.output)
    print(json.dumps({"wall_time_seconds": training["wall_time_seconds"], **training["test_exact_match"]}, indent=2))
    return translator


def command_line(options: TrainingOptions) -> str:
    """The shortest command that reproduces these options: those that differ from the defaults, in order."""
    defaults = TrainingOptions()
    words = ["python -m core train translator"]
    for name, value in asdict(options).items():
        if value != getattr(defaults, name):
            flag = "--" + name.replace("_", "-")
            words += [flag] if isinstance(value, bool) else [flag, shlex.quote(str(value))]
    return " ".join(words)
