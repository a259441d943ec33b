"""Commands ``analogy``, ``train word2vec`` and ``eval word2vec``: parse, call core.word2vec and
core.analysis.analogies, print."""

from __future__ import annotations

import argparse
import dataclasses
import json
import shlex
import sys
import time
from pathlib import Path

from core.cli import fail
from core.word2vec.config import ARCHITECTURES, Word2VecConfig

OPTIONS = {field.name: field for field in dataclasses.fields(Word2VecConfig)}
DEFAULT_MODEL = "tiny-word2vec"
DEFAULT_BERTS = ("tiny-bert", "sentence-transformers/all-MiniLM-L6-v2")
EXCLUSION_NOTE = "the three input words are excluded from the answers, as is customary"


def run_analogy(args: argparse.Namespace) -> int:
    from core.word2vec.vectors import Word2VecError, load_word2vec

    try:
        vectors = load_word2vec(args.model)
        ranked = vectors.analogy(args.a, args.b, args.c, top_k=args.top_k)
    except Word2VecError as error:
        return fail(str(error))
    query = f"{args.a} - {args.b} + {args.c}"
    if args.json:
        print(json.dumps({"model": args.model, "query": query, "excluded": [args.a, args.b, args.c],
                          "note": EXCLUSION_NOTE,
                          "answers": [{"word": w, "cosine": round(s, 4)} for w, s in ranked]}, indent=2))
        return 0
    print(f"{query} = ?   ({args.model}; {EXCLUSION_NOTE})")
    for rank, (word, score) in enumerate(ranked, 1):
        print(f"{rank:>3}. {word:<16} cosine {score:.3f}")
    return 0


def add_analogy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", help="the word to start from (king)")
    parser.add_argument("b", help="the word to subtract (man)")
    parser.add_argument("c", help="the word to add (woman)")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="a shipped word2vec name or its folder")
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_analogy)


def run_train(args: argparse.Namespace) -> int:
    import torch

    from core.cli.pretraining import hardware
    from core.word2vec.evaluation import training_record
    from core.word2vec.training import corpus_fingerprint, corpus_texts, train
    from core.word2vec.vectors import WordVectors, save_word2vec

    torch.set_num_threads(args.threads)
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        config = Word2VecConfig(**{name: getattr(args, name) for name in OPTIONS})
    except ValueError as error:
        return fail(str(error))
    texts = corpus_texts(config)
    result = train(config, texts, progress=not args.quiet)
    vectors = WordVectors(result.vocabulary.words, result.vectors, result.vocabulary.counts)
    record = training_record(vectors, result, corpus_fingerprint(texts),
                             command="python -m core " + shlex.join(sys.argv[1:]), hardware=hardware(),
                             torch_version=torch.__version__, wall_seconds=time.perf_counter() - started,
                             cpu_seconds=time.process_time() - cpu_started)
    folder = save_word2vec(vectors, Path(args.export), dataclasses.asdict(config), record)
    print(f"trained {result.examples:,} examples in {result.train_seconds / 60:.1f} min "
          f"(whole command {record['wall_seconds']['whole_command'] / 60:.1f} min) on {record['hardware']}")
    for relation, splits in record["analogies"].items():
        print(f"{relation:<12} " + "   ".join(f"{split} {cell['accuracy']:.1%} ({cell['correct']}/{cell['questions']})"
                                             for split, cell in splits.items()))
    print(f"vectors written to {folder} ({len(vectors.words)} words x {config.vector_size})")
    return 0


def add_train(parser: argparse.ArgumentParser) -> None:
    for name, field in OPTIONS.items():
        parser.add_argument("--" + name.replace("_", "-"), type=type(field.default), default=field.default,
                            choices=ARCHITECTURES if name == "architecture" else None)
    parser.add_argument("--export", default="runs/tiny-word2vec", help="folder to write; models/tiny-word2vec "
                        "replaces the shipped one")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run_train)


def run_eval(args: argparse.Namespace) -> int:
    import torch

    from core.word2vec.evaluation import evaluation_report
    from core.word2vec.vectors import Word2VecError

    torch.set_num_threads(args.threads)
    try:
        report = evaluation_report(args.model, bert_models=args.bert, contextual_model=args.contextual_model)
    except (Word2VecError, RuntimeError) as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(format_report(report))
    return 0


def accuracy_cells(table: dict, relation: str) -> str:
    cells = []
    for split in ("train", "heldout"):
        cell = table.get(relation, {}).get(split)
        cells.append(f"{cell['accuracy']:>6.1%} {cell['correct']:>4}/{cell['questions']:<5}" if cell else f"{'-':>17}")
    return " ".join(cells)


def cpu_text(seconds: float | None) -> str:
    return "CPU not recorded" if seconds is None else f"{seconds:.0f} s"


def format_report(report: dict) -> str:
    gensim = report["gensim"]
    lines = [] if report["same_corpus"] else [
        "warning: the story grammar has changed since the vectors were trained (training.json's corpus md5 differs): "
        "gensim is trained on today's corpus, ours on the recorded one"]
    lines += [f"analogy top-1 accuracy, {report['model']} against gensim {report['gensim_version']} "
             f"(same corpus and settings; {EXCLUSION_NOTE})",
             f"{'relation':<12} | {'ours: train':<17} {'held-out':<17} | {'gensim: train':<17} {'held-out':<17}"]
    for relation in gensim["ours"]:
        lines.append(f"{relation:<12} | {accuracy_cells(gensim['ours'], relation)} | "
                     f"{accuracy_cells(gensim['gensim'], relation)}")
    overlap = gensim["neighbour_overlap"]
    lines += [f"nearest neighbours: mean Jaccard of the top-{overlap['top_k']} of the {overlap['words']} most frequent "
              f"words: {overlap['mean_jaccard']:.3f}",
              f"training time, wall (CPU): ours {report['ours_train_seconds']:.0f} s "
              f"({cpu_text(report['ours_train_cpu_seconds'])}), recorded in training.json; gensim "
              f"{gensim['gensim_train_seconds']:.0f} s ({gensim['gensim_train_cpu_seconds']:.0f} s), now; "
              "one torch thread, one gensim worker"]
    shared = report.get("bert_input_embeddings")
    if shared:
        lines.append(f"\nthe same arithmetic on input embeddings, {shared['questions']} questions whose four words "
                     "every table holds as one token:")
        for name, table in shared.items():
            if name != "questions":
                lines.append(f"  {name:<40} " + "  ".join(f"{relation} {accuracy_cells(table, relation)}"
                                                           for relation in table))
    for shift in report.get("static_vs_contextual", []):
        cosines = " ".join(f"{c:.2f}" for c in shift["layer_cosines"])
        static = "-" if shift["static_cosine"] is None else f"{shift['static_cosine']:.2f}"
        lines.append(f"\n{shift['word']!r} in two sentences: word2vec cosine {static}; "
                     f"{report['contextual_model']} per layer (embeddings, 1..L): {cosines}")
    for case in report.get("pronoun_referents", []):
        lines.append(f"\n{case['word']!r} against each candidate in {case['text']!r}, per layer:")
        lines += [f"  {candidate:<10} " + " ".join(f"{c:.2f}" for c in cosines)
                  for candidate, cosines in case["layer_cosines"].items()]
    return "\n".join(lines)


def add_eval(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--bert", nargs="*", default=list(DEFAULT_BERTS),
                        help="BERT models whose input embeddings answer the same questions (none: skip)")
    parser.add_argument("--contextual-model", default="tiny-bert", help="the BERT of the static-vs-contextual check")
    parser.add_argument("--threads", type=int, default=1, help="torch threads; gensim always uses one worker")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_eval)
