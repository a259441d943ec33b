"""``python -m core eval translator``: exact match and corpus BLEU of a translator per English length bucket.

The held-out test split is ``core.data.translation.make_test_split``: the same number of sentences in each
length bucket (1-5, 6-10, 11-15, 16-20, 21-30 words), none of them in the generated training data. Every
sentence is decoded greedily (batched) and, with ``--beam K`` above 1, by beam search of width K; the
decoded French is scored against the reference by exact match (same tokens) and by corpus BLEU from
sacrebleu (its default 13a tokenizer on the detokenized French, so the figures follow sacrebleu's signature).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass

import torch
from tqdm import tqdm

from core.cli import fail
from core.transformer.translator import max_decode_length  # translate's limit, also beam_examples'

ALL = "all"  # the row of every bucket together


@dataclass
class Scores:
    sentences: int
    exact_match: float | None  # share of sentences decoded exactly as the reference; None without sentences
    bleu: float | None  # sacrebleu corpus BLEU, 0..100

    def to_dict(self) -> dict:
        return {"sentences": self.sentences, "exact_match": self.exact_match, "bleu": self.bleu}


def score(hypotheses: list[list[str]], references: list[list[str]]) -> Scores:
    """Exact match on tokens and sacrebleu's corpus BLEU on the detokenized strings."""
    import sacrebleu

    from core.transformer.translator import detokenize_french

    if len(hypotheses) != len(references):
        raise ValueError(f"{len(hypotheses)} hypotheses for {len(references)} references")
    if not references:
        return Scores(0, None, None)
    exact = sum(h == r for h, r in zip(hypotheses, references)) / len(references)
    bleu = sacrebleu.corpus_bleu([detokenize_french(h) for h in hypotheses],
                                 [[detokenize_french(r) for r in references]])
    return Scores(len(references), exact, bleu.score)


def bleu_signature() -> str:
    """sacrebleu's signature of the BLEU used by ``score`` (known once a corpus with one reference was scored)."""
    from sacrebleu.metrics import BLEU

    metric = BLEU()
    metric.corpus_score(["le chat"], [["le chat"]])
    return str(metric.get_signature())


def encode_sources(translator, sources: list[list[str]]) -> list[list[int]]:
    """Source words + </s> -> ids; a word the model never saw becomes <unk> (counted by the caller)."""
    limit = getattr(translator.model.config, "max_position_embeddings", None)
    longest = max(map(len, sources), default=0)
    if limit and longest + 1 > limit:
        raise ValueError(f"{translator.name} reads at most {limit - 1} words; the split has a sentence of {longest}")
    return [translator.source_vocab.encode(words + ["</s>"]) for words in sources]


def output_tokens(translator, hypothesis) -> list[str]:
    """The generated words, up to (without) the first </s>."""
    eos = translator.model.config.eos_token_id
    ids = hypothesis.token_ids
    return translator.target_vocab.decode(ids[:ids.index(eos)] if eos in ids else ids)


@torch.no_grad()
def decode_greedy(translator, sources: list[list[str]], batch_size: int, progress: tqdm) -> list[list[str]]:
    """Greedy decoding of every source, ``batch_size`` at a time (padding masked out of the encoder)."""
    from core.attention import pad_sequences
    from core.decoding import greedy_decode

    pad_id = translator.model.config.pad_token_id
    ids = encode_sources(translator, sources)
    device = next(translator.model.parameters()).device
    outputs = []
    for start in range(0, len(ids), batch_size):
        batch = pad_sequences(ids[start:start + batch_size], pad_id).to(device)  # (B, S)
        max_length = max_decode_length(translator, batch.size(1))
        hypotheses = greedy_decode(translator.model, batch, max_length, source_mask=batch != pad_id)
        for row, hypothesis in zip(ids[start:start + batch_size], hypotheses):
            # a short row in a batch of long ones may decode past its own limit: cut it where decoding it
            # alone would have stopped (at its max length only </s> may follow), so batching changes nothing
            tokens = output_tokens(translator, hypothesis)
            outputs.append(tokens[:max_decode_length(translator, len(row)) - 1])
        progress.update(batch.size(0))
    return outputs


@torch.no_grad()
def decode_beam(translator, sources: list[list[str]], beam: int, length_penalty: float,
                progress: tqdm) -> list[list[str]]:
    """The best hypothesis of a width-``beam`` search, one sentence at a time (no tree kept)."""
    from core.decoding import beam_search

    device = next(translator.model.parameters()).device
    outputs = []
    for row in encode_sources(translator, sources):
        source = torch.tensor([row], device=device)  # (1, S)
        result = beam_search(translator.model, source, beam, max_decode_length(translator, len(row)),
                             length_penalty, n_best=1, record_tree=False)
        outputs.append(output_tokens(translator, result.hypotheses[0]))
        progress.update(1)
    return outputs


def evaluate_translator(translator, groups: dict[str, list[tuple[str, str]]], beam: int = 4,
                        length_penalty: float = 0.6, batch_size: int = 64, show_progress: bool = True) -> dict:
    """Figures of one translator on test pairs grouped by length bucket.

    Returns {"model", "parameters", "seconds", "methods", "buckets": {label or "all": {"sentences",
    "unknown_source_sentences", method: Scores.to_dict()}}, "outputs": {method: {label: decoded token lists}}}.
    """
    translator.model.eval()
    methods = ["greedy"] + ([f"beam_{beam}"] if beam > 1 else [])
    labels = [label for label, pairs in groups.items() if pairs]
    sources = [en.split() for label in labels for en, _ in groups[label]]
    references = [fr.split() for label in labels for _, fr in groups[label]]
    started = time.time()
    decoded = {}
    for method in methods:
        with tqdm(total=len(sources), desc=f"{translator.name} {method.replace('_', ' ')}", unit="sentence",
                  file=sys.stderr, disable=not show_progress) as progress:
            decoded[method] = (decode_greedy(translator, sources, batch_size, progress) if method == "greedy"
                               else decode_beam(translator, sources, beam, length_penalty, progress))
    seconds = time.time() - started
    spans, start = {}, 0
    for label in labels:
        spans[label] = (start, start + len(groups[label]))
        start += len(groups[label])
    spans[ALL] = (0, len(sources))
    buckets = {}
    for label in [*groups, ALL]:
        low, high = spans.get(label, (0, 0))
        unknown = sum(any(w not in translator.source_vocab for w in words) for words in sources[low:high])
        buckets[label] = {"sentences": high - low, "unknown_source_sentences": unknown}
        for method in methods:
            buckets[label][method] = score(decoded[method][low:high], references[low:high]).to_dict()
    outputs = {method: {label: decoded[method][slice(*spans[label])] for label in labels} for method in methods}
    return {"model": translator.name, "parameters": sum(p.numel() for p in translator.model.parameters()),
            "seconds": round(seconds, 1), "methods": methods, "buckets": buckets, "outputs": outputs}


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def format_table(results: list[dict], by_length: bool) -> str:
    """Rows: length buckets (or only "all"); columns: each model's exact match % and BLEU per method."""
    rows = list(results[0]["buckets"]) if by_length else [ALL]
    lines = [f"{'words':<6}", f"{'':<6}", f"{'':<6}"]
    widths = [max(14 * len(result["methods"]) - 1, len(result["model"])) for result in results]
    for result, width in zip(results, widths):
        methods = [method.replace("_", " ") for method in result["methods"]]
        lines[0] += f" | {result['model']:<{width}}"
        lines[1] += f" | {' '.join(f'{method:<13}' for method in methods):<{width}}"
        lines[2] += f" | {' '.join('  EM %   BLEU' for _ in methods):<{width}}"
    lines.append("-" * len(lines[0]))
    for label in rows:
        line = f"{label:<6}"
        for result, width in zip(results, widths):
            figures = result["buckets"][label]
            cells = " ".join(f"{percent(figures[m]['exact_match']):>6} {fmt_bleu(figures[m]['bleu']):>6}"
                             for m in result["methods"])
            line += f" | {cells:<{width}}"
        lines.append(line)
    return "\n".join(line.rstrip() for line in lines)


def fmt_bleu(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def notes(results: list[dict]) -> list[str]:
    """What a reader of the table must know: sentences with words a model never saw."""
    out = []
    for result in results:
        unknown = {label: b["unknown_source_sentences"] for label, b in result["buckets"].items()
                   if b["unknown_source_sentences"] and label != ALL}
        if unknown:
            out.append(f"{result['model']}: sentences with English words it has no embedding for (read as <unk>): "
                       + ", ".join(f"{label} {n}/{result['buckets'][label]['sentences']}"
                                   for label, n in unknown.items()))
    return out


def bucketed_test_split(num_test: int, seed: int, limit: int | None) -> dict[str, list[tuple[str, str]]]:
    """The stratified test split by bucket, the first ``limit`` sentences of each."""
    from core.data.translation import make_test_split, split_by_length

    groups = split_by_length(make_test_split(num_test, seed))
    return {label: pairs[:limit] if limit is not None else pairs for label, pairs in groups.items()}


def data_warning(translator, num_test: int, seed: int) -> str | None:
    """The split is held out only from training data of this generator version, num_test and seed: say when
    the model's training.json records others (or no version: trained before long sentences existed)."""
    from core.data.translation import DATA_VERSION

    if "data_version" not in translator.training:
        return (f"{translator.name}'s training.json does not record the version of the generated data it was "
                f"trained on (\"data_version\"); unless that was version {DATA_VERSION}, the one of this split, "
                f"some test sentences may be among its training sentences")
    options = translator.training.get("options", {})
    used = {"data_version": translator.training["data_version"], "num_test": options.get("num_test", num_test),
            "data_seed": options.get("data_seed", seed)}
    if used != {"data_version": DATA_VERSION, "num_test": num_test, "data_seed": seed}:
        return (f"{translator.name} was trained on generated data {used}; this split (data_version={DATA_VERSION}, "
                f"num_test={num_test}, data_seed={seed}) may hold sentences it was trained on")
    return None


def held_out_setup(args: argparse.Namespace, names: list[str] | None) -> tuple[list, dict[str, list[tuple[str, str]]]]:
    """What both held-out commands (``eval translator``, ``eval beam-examples``) start from: torch threads, the
    named translators (every shipped one when ``names`` is empty), each with a note on stderr when its training data
    may overlap the split, and the split by length bucket. Raises TranslatorError with the command-line message."""
    from core.transformer.translator import TranslatorError, load_translator, translator_model_names

    if args.threads:
        torch.set_num_threads(args.threads)
    names = names or translator_model_names()
    if not names:
        raise TranslatorError("no shipped translator found under models/; name one with --model NAME_OR_FOLDER")
    translators = [load_translator(name) for name in names]
    for translator in translators:
        warning = data_warning(translator, args.num_test, args.data_seed)
        if warning:
            print(f"note: {warning}", file=sys.stderr)
    return translators, bucketed_test_split(args.num_test, args.data_seed, args.limit)


def run_eval_translator(args: argparse.Namespace) -> int:
    from core.transformer.translator import TranslatorError

    if args.beam < 1:
        return fail(f"--beam must be at least 1, got {args.beam}")
    if args.limit is not None and args.limit < 1:
        return fail(f"--limit must be at least 1 sentence per bucket, got {args.limit}")
    if args.num_test < 1:
        return fail(f"--num-test must be at least 1 (got {args.num_test}): the test split would be empty")
    if args.batch_size < 1:
        return fail(f"--batch-size must be at least 1, got {args.batch_size}")
    try:
        translators, groups = held_out_setup(args, [args.model] if args.model else None)
    except TranslatorError as error:
        return fail(str(error))
    results = []
    for translator in translators:
        try:
            results.append(evaluate_translator(translator, groups, args.beam, args.alpha, args.batch_size))
        except ValueError as error:
            return fail(f"{translator.name}: {error}")
    split = {"num_test": args.num_test, "data_seed": args.data_seed, "limit_per_bucket": args.limit,
             "sentences": {label: len(pairs) for label, pairs in groups.items()}}
    if args.json:
        for result in results:
            del result["outputs"]
            if not args.by_length:
                result["buckets"] = {ALL: result["buckets"][ALL]}
        print(json.dumps({"test_split": split, "beam": args.beam, "length_penalty": args.alpha,
                          "bleu_signature": bleu_signature(), "models": results}, indent=2))
        return 0
    print(f"held-out test split: {sum(split['sentences'].values())} sentences "
          f"({', '.join(f'{k}: {v}' for k, v in split['sentences'].items())}); exact match % and BLEU "
          f"({bleu_signature()})")
    print(format_table(results, args.by_length))
    for line in notes(results):
        print(f"note: {line}")
    return 0


def add_eval_translator(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="built-in name or model folder (default: every shipped one)")
    parser.add_argument("--by-length", action="store_true", help="a row per English length bucket, not only the total")
    parser.add_argument("--beam", type=int, default=4, help="beam width besides greedy decoding (1: greedy only)")
    parser.add_argument("--alpha", type=float, default=0.6, help="length penalty of beam search")
    parser.add_argument("--limit", type=int, default=None, help="at most this many sentences per bucket (quick runs)")
    parser.add_argument("--num-test", type=int, default=2000, help="size of the generated test split (÷ 5 per bucket)")
    parser.add_argument("--data-seed", type=int, default=0, help="seed of the generated splits (--data-seed)")
    parser.add_argument("--batch-size", type=int, default=64, help="sentences per batch of greedy decoding")
    parser.add_argument("--threads", type=int, default=0, help="torch threads on CPU; 0 leaves torch's default")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.set_defaults(handler=run_eval_translator)
