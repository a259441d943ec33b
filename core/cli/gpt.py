"""``generate``: continue a prompt with a GPT, greedy, sampled (temperature, top-k, top-p) or by beam search."""

from __future__ import annotations

import argparse
import json

from core.cli import fail
from core.cli.parity import token_ids


def decoding_mode(args: argparse.Namespace) -> str:
    """greedy unless a sampling option is given; beam when --beam is."""
    sampling = any(value is not None for value in (args.temperature, args.top_k, args.top_p))
    if args.beam is not None:
        return "beam"
    return "sampling" if sampling and args.temperature != 0 else "greedy"


def describe(args: argparse.Namespace, mode: str) -> str:
    if mode == "beam":
        return f"beam search (width {args.beam})"
    if mode == "greedy":
        return "greedy (the most probable token each step)"
    cuts = [f"temperature {args.temperature if args.temperature is not None else 1.0:g}"]
    cuts += [f"top-k {args.top_k}"] if args.top_k is not None else []
    cuts += [f"top-p {args.top_p:g}"] if args.top_p is not None else []
    return f"sampling ({', '.join(cuts)}, seed {args.seed})"


def continuation_rows(pipeline, ids: list[int], log_probs: list[float] | None) -> list[dict]:
    import math

    tokens = pipeline.tokens(ids)
    return [{"token": token, "id": token_id, **({"p": math.exp(lp)} if log_probs is not None else {})}
            for token, token_id, lp in zip(tokens, ids, log_probs or [None] * len(ids))]


def run_generate(args: argparse.Namespace) -> int:
    from core.gpt.checkpoint import CheckpointError
    from core.gpt.generation import beam_continue, generate
    from core.gpt.pipeline import load_pipeline

    if (args.prompt is None) == (args.ids is None):
        return fail('give a prompt ("The animal didn\'t") or --ids, not both')
    if args.prompt is not None and not args.prompt.strip():
        return fail("the prompt is empty")
    mode = decoding_mode(args)
    if mode == "beam" and any(v is not None for v in (args.temperature, args.top_k, args.top_p)):
        return fail("--beam searches for the most probable continuations; it takes no --temperature, --top-k "
                    "or --top-p")
    try:
        pipeline = load_pipeline(args.model)
        prompt = args.ids if args.ids is not None else pipeline.encode(args.prompt)
        pipeline.check_ids(prompt)
        if mode == "beam":
            beams, _ = beam_continue(pipeline.model, prompt, beam_size=args.beam, max_new=args.max_new)
            results = [{"token_ids": b.token_ids, "text": pipeline.decode(b.token_ids), "log_prob": b.log_prob,
                        "score": b.score, "tokens": continuation_rows(pipeline, b.token_ids, None)} for b in beams]
        else:
            temperature = 0.0 if mode == "greedy" else (args.temperature if args.temperature is not None else 1.0)
            out = generate(pipeline.model, prompt, max_new=args.max_new, temperature=temperature, top_k=args.top_k,
                           top_p=args.top_p, seed=args.seed)
            results = [{"token_ids": out.token_ids, "text": pipeline.decode(out.token_ids), "log_prob": out.log_prob,
                        "stopped_by": out.stopped_by,
                        "tokens": continuation_rows(pipeline, out.token_ids, out.token_log_probs)}]
    except (CheckpointError, ValueError) as error:
        return fail(str(error))
    report = {"model": args.model, "variant": pipeline.model.config.variant, "decoding": describe(args, mode),
              "prompt_ids": prompt, "prompt": pipeline.decode(prompt), "continuations": results}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_generation(report, pipeline.tokenizer is not None)
    return 0


def print_generation(report: dict, has_tokenizer: bool) -> None:
    print(f"model: {report['model']} ({report['variant']})   decoding: {report['decoding']}")
    print(f"prompt: {report['prompt'] if has_tokenizer else report['prompt_ids']}")
    for rank, result in enumerate(report["continuations"], start=1):
        label = f"#{rank} " if len(report["continuations"]) > 1 else ""
        shown = result["text"] if has_tokenizer else ",".join(map(str, result["token_ids"]))
        extra = f"score {result['score']:.3f}, " if "score" in result else ""
        print(f"{label}continuation: {shown!r}   ({extra}log p = {result['log_prob']:.3f})")
        if "stopped_by" in result:
            for row in result["tokens"]:
                print(f"  {row['token']!r:<16} id {row['id']:<6} p = {row['p']:.4f}")
            print(f"stopped by: {result['stopped_by']}")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_generate(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("prompt", nargs="?", help="text to continue (needs the checkpoint's tokenizer)")
    parser.add_argument("--ids", type=token_ids, help="the prompt as comma-separated token ids, e.g. 5,17,42")
    parser.add_argument("--model", default="tiny-gpt",
                        help="tiny-gpt (shipped), a GPT-1 or GPT-2 folder (save_pretrained) or hub id")
    parser.add_argument("--max-new", type=positive_int, default=20, help="tokens to generate at most")
    parser.add_argument("--temperature", type=float, default=None,
                        help="sample at this temperature (0: greedy); default greedy, 1.0 when --top-k/--top-p given")
    parser.add_argument("--top-k", type=positive_int, default=None, help="sample among the k most probable tokens")
    parser.add_argument("--top-p", type=float, default=None,
                        help="sample among the most probable tokens whose probabilities sum to p")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sampling generator")
    parser.add_argument("--beam", type=positive_int, default=None, help="beam search of this width")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_generate)


# ---------------------------------------------------------------- train gpt


def hardware() -> str:
    from core.cli.pretraining import hardware as bert_hardware

    return bert_hardware()


def training_options():
    import dataclasses

    from core.gpt.training import TrainConfig

    return {field.name: field for field in dataclasses.fields(TrainConfig)}


def run_train(args: argparse.Namespace) -> int:
    import dataclasses
    import shlex
    import sys
    from pathlib import Path

    import torch

    from core.gpt.training import TrainConfig, export_model, heldout_figures, train

    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        config = TrainConfig(**{name: getattr(args, name) for name in training_options()})
        export = Path(args.export or Path(config.out_dir) / "model")
        every = (args.export_every, export) if args.export_every else None
        result = train(config, resume=not args.no_resume, stop_at=args.stop_at, progress=not args.quiet,
                       export_every=every)
    except ValueError as error:
        return fail(str(error))
    print(f"trained {result.step} of {config.steps} steps in {result.train_seconds / 60:.1f} min on {hardware()}")
    if result.step < config.steps:
        print("stopped early; run the same command again to resume from the checkpoint")
        return 0
    figures = heldout_figures(result.model, result.data.heldout, result.data.end_of_text_id)
    print(f"held-out perplexity {figures['perplexity']:.3f}   next-token top-1 {figures['top1']:.2%}   "
          f"top-5 {figures['top5']:.2%}   ({figures['tokens']} tokens, {figures['stories']} stories)")
    parameters = sum(p.numel() for p in result.model.parameters())
    metadata = {"command": "python -m core " + shlex.join(sys.argv[1:]), "config": dataclasses.asdict(config),
                "parameters": parameters, "train_minutes": round(result.train_seconds / 60, 2),
                "hardware": hardware(), "torch": torch.__version__, "heldout": figures,
                "corpus": corpus_description(config, len(result.data.tokenizer))}
    folder = export_model(result.model, Path(config.data_dir), export, metadata)
    print(f"model written to {folder} ({parameters / 1e6:.2f} M parameters)")
    return 0


def corpus_description(config, vocab_size: int) -> str:
    return (f"{config.train_stories:,} generated training stories (core.data.stories.training_stories, seed "
            f"{config.seed}: tiny-bert's corpus, no story with a held-out sentence, no held-out coreference "
            f"combination), each read as '<|endoftext|> story'; held-out: {config.heldout_stories:,} stories of seed "
            f"{config.seed + 1}, each with a sentence training never contains; byte-level BPE of {vocab_size:,} "
            f"tokens learnt on the training stories")


def add_train(train: argparse.ArgumentParser) -> None:
    for name, field in training_options().items():
        choices = ("bf16", "fp32") if name == "precision" else None
        train.add_argument("--" + name.replace("_", "-"), type=type(field.default), default=field.default,
                           choices=choices)
    train.add_argument("--export", default=None, help="write the final model here (default: OUT_DIR/model), "
                       "e.g. models/tiny-gpt to replace the shipped one")
    train.add_argument("--export-every", type=int, default=None,
                       help="also export the model so far every N steps (a multiple of --checkpoint-every)")
    train.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    train.add_argument("--no-resume", action="store_true", help="start again even if OUT_DIR has a checkpoint")
    train.add_argument("--stop-at", type=int, default=None, help="stop after this step (resume later)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(handler=run_train)


# ---------------------------------------------------------------- eval gpt


def run_eval(args: argparse.Namespace) -> int:
    import torch

    from core.analysis.gpt_evaluation import bert_coreference_report, coreference_report, language_model_report
    from core.bert.checkpoint import CheckpointError as BertCheckpointError
    from core.data.stories import generate_heldout, training_stories
    from core.gpt.checkpoint import CheckpointError
    from core.gpt.pipeline import load_pipeline
    from core.gpt.training import tokenize_stories

    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        pipeline = load_pipeline(args.model)
        if pipeline.tokenizer is None:
            return fail(f"{args.model} has no tokenizer: the held-out stories are text")
        heldout = tokenize_stories(generate_heldout(args.heldout_stories, args.seed + 1), pipeline.tokenizer)
        report = {"model": args.model}
        if not args.skip_perplexity:
            train = tokenize_stories(training_stories(args.stories, args.seed), pipeline.tokenizer)
            report["language_model"] = language_model_report(pipeline, train, heldout)
            report["language_model"]["training_stories"] = len(train)
        report["coreference"] = coreference_report(pipeline)
        if args.compare_with != "none":
            report["coreference_compared"] = bert_coreference_report(args.compare_with)
    except (CheckpointError, BertCheckpointError, ValueError) as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_evaluation(report)
    return 0


def print_evaluation(report: dict) -> None:
    lm = report.get("language_model")
    if lm:
        print(f"held-out stories: {lm['stories']} ({lm['targets']} BPE tokens scored, each given the ones before; "
              f"{lm['unseen_targets_left_out']} never seen in training left out)")
        print(f"{report['model']}: perplexity {lm['perplexity']:.3f}   next-token top-1 {lm['top1']:.2%}   "
              f"top-5 {lm['top5']:.2%}")
        for row in lm["ngrams"]:
            default = " (nltk's default)" if row["nltk_default_discount"] else ""
            print(f"  Kneser-Ney {row['order']}-gram, discount {row['discount']:g}{default}: "
                  f"perplexity {row['perplexity']:.3f}")
        best, margin = lm["best_ngram"], lm["margin"]
        print(f"best n-gram: {best['order']}-gram, discount {best['discount']:g}, perplexity {best['perplexity']:.3f}; "
              f"{report['model']} is lower by {margin['perplexity_difference']:.3f} "
              f"(the n-gram's is {margin['perplexity_ratio']:.3f} times as high)")
    print_coreference(report["coreference"])
    if "coreference_compared" in report:
        print_coreference(report["coreference_compared"])


def print_coreference(report: dict) -> None:
    chosen = report["best_head_from_training_half"]
    print(f"coreference, {report['model']}: best head on the training half "
          f"L{chosen['layer'] + 1} H{chosen['head'] + 1} ({chosen['train_accuracy']:.1%} there)")
    deciding = report.get("best_deciding_word_head_from_training_half")
    if deciding:
        print(f"  attention from the deciding word instead of the pronoun: best head on the training half "
              f"L{deciding['layer'] + 1} H{deciding['head'] + 1} ({deciding['train_accuracy']:.1%} there)")
    for split, figures in report["splits"].items():
        head = figures["best_head_from_training_half"]
        line = f"  {split} ({figures['examples']} sentences): that head {head['accuracy']:.1%}"
        if "best_deciding_word_head_from_training_half" in figures:
            line += f", the deciding-word head {figures['best_deciding_word_head_from_training_half']['accuracy']:.1%}"
        for key in ("own_answer", "own_answer_partial"):
            answer = figures.get(key)
            if answer:
                line += (f"; {answer['measure']} {answer['accuracy']:.1%} of {answer['examples']} "
                         f"(pairs both right {answer['pairs_both_right']:.1%})")
        print(line)


def add_eval(evaluate: argparse.ArgumentParser) -> None:
    evaluate.add_argument("--model", default="tiny-gpt")
    evaluate.add_argument("--stories", type=int, default=200_000,
                          help="training stories the n-grams are fitted on (the GPT's corpus: same count and seed)")
    evaluate.add_argument("--heldout-stories", type=int, default=2_000)
    evaluate.add_argument("--seed", type=int, default=0, help="corpus seed of the training run")
    evaluate.add_argument("--compare-with", default="tiny-bert",
                          help="a BERT measured on the same minimal pairs, or 'none'")
    evaluate.add_argument("--skip-perplexity", action="store_true", help="coreference only (no n-gram fits)")
    evaluate.add_argument("--threads", type=int, default=None)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(handler=run_eval)
