"""Command ``coreference``: which heads attend from a pronoun to its antecedent, the model's own answer,
and what switching heads off does to it (core/analysis/coreference.py, own_answer.py, head_ablation.py).

Layers and heads print 1-based ("L5 H3"); the JSON keeps the 0-based indices of ``core``.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from core.analysis.head_ablation import WHAT_ABLATION_SHOWS
from core.bert.checkpoint import CheckpointError
from core.bert.config import ConfigError
from core.cli import fail
from core.data.stories_coreference import DATA_SEED, PAIRS_PER_HALF

NO_MLM_NOTE = ("{model} has no masked-LM head: the model's own (substitution) answer needs one. Shown instead: "
               "attention, and the representation answer (the candidate whose last-layer vector is closest to the "
               "pronoun's), a weaker probe.")


def parse_ablation(value: str) -> tuple[str, int]:
    kind, _, count = value.partition(":")
    if kind not in ("top", "random") or not count.isdigit() or int(count) < 1:
        raise argparse.ArgumentTypeError(f"expected top:K or random:K with K >= 1, got {value!r}")
    return kind, int(count)


def load_examples_for(args: argparse.Namespace):
    """(training half, measured examples): the generated set's halves, or the hand-written set for both."""
    from core.analysis.coreference import CorefExample, load_examples
    from core.data.stories_coreference import coreference_set

    if args.set == "handwritten":
        examples = load_examples()
        return examples, examples
    train = [CorefExample(**e) for e in coreference_set("train", args.pairs, args.data_seed)]
    if args.split == "train":
        return train, train
    if args.split == "all":
        return train, train + [CorefExample(**e) for e in coreference_set("heldout", args.pairs, args.data_seed)]
    return train, [CorefExample(**e) for e in coreference_set(args.split, args.pairs, args.data_seed)]


def name(layer: int, head: int) -> str:
    return f"L{layer + 1} H{head + 1}"


def answer_summary(pipeline, examples, head_mask=None) -> dict:
    """Own-answer accuracy (all answerable examples and per kind), or the representation answer without MLM."""
    from core.analysis.head_ablation import answerable
    from core.analysis.own_answer import accuracy, own_answers, representation_answers

    if not pipeline.model.has_mlm:
        answers = representation_answers(pipeline, examples, head_mask)
        return {"measure": "representation answer (no MLM head)", "accuracy": accuracy(answers, examples),
                "examples": len(examples)}
    measured = answerable(examples)
    answers = own_answers(pipeline, measured, head_mask)
    kinds = sorted({e.kind for e in measured})
    by_kind = {kind: accuracy([a for a, e in zip(answers, measured) if e.kind == kind],
                              [e for e in measured if e.kind == kind]) for kind in kinds}
    return {"measure": "own answer (substitution)", "accuracy": accuracy(answers, measured),
            "examples": len(measured), "by_kind": by_kind, "pairs_both_right": pairs_both_right(answers, measured),
            "not_answerable": len(examples) - len(measured)}


def pairs_both_right(answers, examples) -> float:
    """Share of minimal pairs whose two members the model both answers right (a tie counts as wrong)."""
    right: dict[str, bool] = {}
    for answer, example in zip(answers, examples, strict=True):
        won = answer.log_probs[example.answer_index] > max(
            v for i, v in enumerate(answer.log_probs) if i != example.answer_index)
        right[example.pair] = right.get(example.pair, True) and bool(won)
    return sum(right.values()) / len(right) if right else float("nan")


def run_set(pipeline, args: argparse.Namespace) -> dict:
    from core.analysis.coreference import score_heads
    from core.analysis.head_ablation import causal_test, head_mask_without, random_head_sets, single_head_accuracies

    train, examples = load_examples_for(args)
    train_scores = score_heads(pipeline, train)
    chosen = train_scores.best_heads(1)[0]
    scores = score_heads(pipeline, examples)
    report = {"model": args.model, "set": args.set, "split": args.split if args.set == "generated" else "all",
              "examples": len(examples), "chance": scores.chance, "baselines": scores.baselines,
              "head_accuracy": scores.accuracy.tolist(),
              "best_heads": [{"layer": s.layer, "head": s.head, "accuracy": s.accuracy,
                              "pair_accuracy": s.pair_accuracy} for s in scores.best_heads(5)],
              "best_head_from_training_half": {"layer": chosen.layer, "head": chosen.head,
                                               "train_accuracy": chosen.accuracy,
                                               "accuracy": float(scores.accuracy[chosen.layer, chosen.head])},
              "answer": answer_summary(pipeline, examples)}
    if args.ablate:
        kind, k = args.ablate
        L, H = scores.num_layers, scores.num_heads
        if k > L * H:
            raise ValueError(f"--ablate asks for {k} heads; the model has {L * H}")
        if kind == "top":
            top = [(s.layer, s.head) for s in train_scores.best_heads(k)]
            mask = head_mask_without(L, H, top)
            report["ablation"] = {"kind": "top", "k": k, "heads": [list(h) for h in top],
                                  "answer": answer_summary(pipeline, examples, mask),
                                  "head_accuracy": score_heads(pipeline, examples, head_mask=mask).accuracy.tolist()}
        if args.draws > 0:
            result = causal_test(pipeline, train_scores, examples, k, args.draws, args.seed, include_top=kind == "top")
            report["causal_test"] = result.to_dict()
        elif kind == "random":
            heads = random_head_sets(L, H, k, 1, args.seed)[0]
            report["ablation"] = {"kind": "random", "k": k, "heads": [list(h) for h in heads],
                                  "answer": answer_summary(pipeline, examples, head_mask_without(L, H, heads))}
    if args.single_heads:
        report["single_head_ablation"] = single_head_accuracies(pipeline, examples, scores.num_layers,
                                                                scores.num_heads).tolist()
    return report


def print_set(report: dict, pipeline) -> None:
    print(f"model {report['model']}   set {report['set']} ({report['split']})   {report['examples']} examples   "
          f"chance {report['chance']:.1%}   " + "   ".join(f"{k} {v:.1%}" for k, v in report["baselines"].items()))
    accuracy = np.array(report["head_accuracy"])  # (L, H)
    print("attention accuracy per head (rows: layers, columns: heads)")
    print("      " + " ".join(f"  H{h + 1:<3}" for h in range(accuracy.shape[1])))
    for layer, row in enumerate(accuracy):
        print(f"  L{layer + 1:<2} " + " ".join(f"{value:6.1%}" for value in row))
    best = report["best_heads"]
    print("best heads: " + ", ".join(f"{name(b['layer'], b['head'])} {b['accuracy']:.1%}" for b in best))
    chosen = report["best_head_from_training_half"]
    ranked_on = "the training half" if report["set"] == "generated" else "these same sentences (no held-out half)"
    print(f"best head chosen on {ranked_on}: {name(chosen['layer'], chosen['head'])} "
          f"({chosen['train_accuracy']:.1%} there) -> {chosen['accuracy']:.1%} here")
    print_answer("the model's answer", report["answer"])
    if "ablation" in report:
        ablation = report["ablation"]
        heads = ", ".join(name(*h) for h in ablation["heads"])
        print_answer(f"with {ablation['kind']} {ablation['k']} heads off ({heads})", ablation["answer"])
    if not getattr(pipeline.model, "has_mlm", True):  # a GPT has no MLM head and needs none: it scores sentences
        print("note: " + NO_MLM_NOTE.format(model=pipeline.name))
    if "causal_test" in report:
        test = report["causal_test"]
        print(f"causal test ({test['measure']}, {len(test['random_accuracies'])} random draws of {test['k']} heads): "
              f"all heads {test['full_accuracy']:.1%}; top {test['k']} off {test['top_accuracy']:.1%} "
              f"(cost {test['top_cost']:+.1%}); random {test['k']} off {test['random_mean']:.1%} "
              f"± {test['random_std']:.1%} (min {test['random_min']:.1%}, max {test['random_max']:.1%}); "
              f"beyond the random spread: {'yes' if test['beyond_random_spread'] else 'no'}; "
              f"random draws costing as much or more: {test['top_percentile']:.1%}")
        gender = test.get("gender_representation")
        if gender:
            print(f"gender pairs (representation answer; substitution cannot answer them): all heads "
                  f"{gender['full_accuracy']:.1%}, top {test['k']} off {gender['top_accuracy']:.1%}, random "
                  f"{test['k']} off {np.mean(gender['random_accuracies']):.1%}")
        else:
            print("gender pairs: left out (none measured, or no MLM head: they are in the measure above)")
        print("note: " + WHAT_ABLATION_SHOWS)
    if "single_head_ablation" in report:
        single = np.array(report["single_head_ablation"])  # (L, H)
        print(f"{report['answer']['measure']} with one head off (rows: layers, columns: heads)")
        for layer, row in enumerate(single):
            print(f"  L{layer + 1:<2} " + " ".join(f"{value:6.1%}" for value in row))
        worst = np.argsort(single, axis=None)[:5]
        print("costliest single heads: " + ", ".join(f"{name(*divmod(int(i), single.shape[1]))} "
                                                     f"{single.flat[i]:.1%}" for i in worst))


def print_answer(label: str, answer: dict) -> None:
    line = f"{label}: {answer['measure']} {answer['accuracy']:.1%} of {answer['examples']}"
    if "by_kind" in answer:
        line += " (" + ", ".join(f"{k} {v:.1%}" for k, v in answer["by_kind"].items()) + ")"
    if "pairs_both_right" in answer:
        line += f"; both members of a pair right: {answer['pairs_both_right']:.1%}"
    if answer.get("not_answerable"):
        line += f"; {answer['not_answerable']} gender examples left out: substitution makes both members one sentence"
    print(line)


def run_text(pipeline, args: argparse.Namespace) -> dict:
    """One sentence: every head's attention from the pronoun to each candidate, and the model's own choice."""
    from core.analysis.coreference import CorefExample, locate_example, rank_heads, trace_batch
    from core.analysis.own_answer import own_answers, representation_answers

    # The answer is unknown here; CorefExample needs one, and nothing below reads it.
    example = CorefExample(id="command line", text=args.text, pronoun=args.pronoun, candidates=tuple(args.candidates),
                           answer=args.candidates[0], pronoun_occurrence=args.pronoun_occurrence)
    where = locate_example(pipeline.tokenizer, example, pipeline.max_length)
    ranking = rank_heads(trace_batch(pipeline, [args.text]), where.pronoun, where.candidates)
    report = {"model": args.model, "text": args.text, "pronoun": args.pronoun, "candidates": list(args.candidates),
              "heads": ranking.to_rows()}
    if pipeline.model.has_mlm:
        report["own_answer"] = own_answers(pipeline, [example])[0].to_dict()
    else:
        report["representation_answer"] = representation_answers(pipeline, [example])[0].to_dict()
        report["note"] = NO_MLM_NOTE.format(model=pipeline.name)
    return report


def print_text(report: dict) -> None:
    names = report["candidates"]
    print(f"{report['model']}: attention from {report['pronoun']!r} to " + ", ".join(names) + " (best head first)")
    print("  head    " + "  ".join(f"{n[:10]:>10}" for n in names) + "  top")
    for row in report["heads"]:
        values = "  ".join(f"{row[f'attention to {n}']:10.3f}" for n in names)
        print(f"  {name(row['layer'], row['head']):<7} {values}  {row['top']}")
    if "own_answer" in report:
        answer = report["own_answer"]
        scores = ", ".join(f"{n} {p:.1%}" for n, p in zip(answer["candidates"], answer["probabilities"]))
        print(f"the model's own answer (substitution): {answer['choice']}   ({scores})")
    else:
        answer = report["representation_answer"]
        print(f"representation answer: {answer['choice']}   (cosine " + ", ".join(
            f"{n} {v:.3f}" for n, v in zip(answer["candidates"], answer["log_probs"])) + ")")
        print("note: " + report["note"])


def run_coreference(args: argparse.Namespace) -> int:
    import torch

    from core.bert.pipeline import load_pipeline

    if args.threads:
        torch.set_num_threads(args.threads)
    if args.text is not None:
        if not args.text.strip():
            return fail("--text is empty")
        if not args.pronoun or not args.candidates or len(set(args.candidates)) < 2:
            return fail("--text needs --pronoun and at least two different --candidates")
    elif args.pronoun or args.candidates:
        return fail("--pronoun and --candidates go with --text")
    try:
        if is_gpt(args.model):
            return run_gpt(args)
        pipeline = load_pipeline(args.model)
        report = run_text(pipeline, args) if args.text is not None else run_set(pipeline, args)
    except (CheckpointError, ConfigError, ValueError) as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif args.text is not None:
        print_text(report)
    else:
        print_set(report, pipeline)
    return 0


# ---------------------------------------------------------------- a GPT (left-to-right substitution)


def is_gpt(model: str) -> bool:
    from core import model_folders
    from core.gpt.config import VARIANTS

    return model_folders.model_type_of(model) in VARIANTS


def run_gpt(args: argparse.Namespace) -> int:
    """The same command for a GPT: heads ranked by the same rules, the own answer by sentence likelihood."""
    from core.gpt.checkpoint import CheckpointError as GPTCheckpointError
    from core.gpt.pipeline import load_pipeline

    if args.ablate or args.single_heads:
        return fail("--ablate and --single-heads switch heads off through BERT's head mask; the GPT has none here")
    try:
        pipeline = load_pipeline(args.model)
        if pipeline.tokenizer is None:
            return fail(f"{args.model} has no tokenizer: the pronoun sentences are text")
        report = run_gpt_text(pipeline, args) if args.text is not None else run_gpt_set(pipeline, args)
    except (GPTCheckpointError, ValueError) as error:
        return fail(str(error))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif args.text is not None:
        print_text(report)
    else:
        print_set(report, pipeline)
        deciding = report["best_deciding_word_head_from_training_half"]
        print(f"read left to right, the pronoun cannot see the word that decides; attention from that word: best "
              f"head on the training half {name(deciding['layer'], deciding['head'])} "
              f"({deciding['train_accuracy']:.1%} there) -> {deciding['accuracy']:.1%} here")
        partial = report["answer"]["partial"]
        print(f"the model's answer, {partial['measure']}: {partial['accuracy']:.1%} of {partial['examples']}; "
              f"both members of a pair right: {partial['pairs_both_right']:.1%}")
    return 0


def gpt_answer_summary(pipeline, examples) -> dict:
    from core.analysis.gpt_evaluation import answer_figures, substitution_answers
    from core.analysis.head_ablation import answerable

    measured = answerable(examples)
    figures = answer_figures(substitution_answers(pipeline, measured), measured)
    partial = answer_figures(substitution_answers(pipeline, measured, partial=True), measured)
    return {"measure": "own answer (substitution, sentence log-likelihood)", **figures,
            "partial": {"measure": "substitution, log-likelihood of the words after the candidate", **partial},
            "not_answerable": len(examples) - len(measured)}


def run_gpt_set(pipeline, args: argparse.Namespace) -> dict:
    from core.analysis.gpt_evaluation import gpt_head_scores

    train, examples = load_examples_for(args)
    chosen = gpt_head_scores(pipeline, train).best_heads(1)[0]
    scores = gpt_head_scores(pipeline, examples)
    deciding = gpt_head_scores(pipeline, train, source="deciding").best_heads(1)[0]
    deciding_here = gpt_head_scores(pipeline, examples, source="deciding")
    return {"model": args.model, "set": args.set, "split": args.split if args.set == "generated" else "all",
            "examples": len(examples), "chance": scores.chance, "baselines": scores.baselines,
            "head_accuracy": scores.accuracy.tolist(),
            "best_heads": [{"layer": s.layer, "head": s.head, "accuracy": s.accuracy,
                            "pair_accuracy": s.pair_accuracy} for s in scores.best_heads(5)],
            "best_head_from_training_half": {"layer": chosen.layer, "head": chosen.head,
                                             "train_accuracy": chosen.accuracy,
                                             "accuracy": float(scores.accuracy[chosen.layer, chosen.head])},
            "best_deciding_word_head_from_training_half": {
                "layer": deciding.layer, "head": deciding.head, "train_accuracy": deciding.accuracy,
                "accuracy": float(deciding_here.accuracy[deciding.layer, deciding.head])},
            "answer": gpt_answer_summary(pipeline, examples)}


def run_gpt_text(pipeline, args: argparse.Namespace) -> dict:
    from core.analysis.coreference import CorefExample, rank_heads
    from core.analysis.gpt_evaluation import (
        end_of_text_id,
        forward_rows,
        locate_after_start,
        substitution_answers,
    )

    # The answer is unknown here; CorefExample needs one, and nothing below reads it.
    example = CorefExample(id="command line", text=args.text, pronoun=args.pronoun, candidates=tuple(args.candidates),
                           answer=args.candidates[0], pronoun_occurrence=args.pronoun_occurrence)
    where = locate_after_start(pipeline.tokenizer, example)
    ids = [end_of_text_id(pipeline), *pipeline.encode(args.text)]
    pipeline.check_ids(ids)
    ranking = rank_heads(forward_rows(pipeline.model, [ids], ids[0]), where.pronoun, where.candidates)
    return {"model": args.model, "text": args.text, "pronoun": args.pronoun, "candidates": list(args.candidates),
            "heads": ranking.to_rows(), "own_answer": substitution_answers(pipeline, [example])[0].to_dict()}


def add_coreference(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="tiny-bert")
    parser.add_argument("--set", choices=("generated", "handwritten"), default="generated",
                        help="minimal pairs generated from the story grammar (train/held-out halves), "
                             "or the 58 hand-written sentences of core/data/coreference.json")
    parser.add_argument("--split", choices=("train", "heldout", "heldout-frames", "all"), default="heldout",
                        help="which half to measure (heldout-frames: verbs no training causal clause uses; "
                             "all: train and heldout); heads are always ranked on the training half")
    parser.add_argument("--pairs", type=int, default=PAIRS_PER_HALF, help="minimal pairs per half")
    parser.add_argument("--data-seed", type=int, default=DATA_SEED, help="seed of the generated minimal pairs")
    parser.add_argument("--ablate", type=parse_ablation, default=None, metavar="top:K|random:K",
                        help="switch off the top K heads (ranked on the training half) or K random heads")
    parser.add_argument("--draws", type=int, default=200, help="random draws of K heads to compare with")
    parser.add_argument("--single-heads", action="store_true",
                        help="also switch off every head alone and measure the answer (L × H runs)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random head draws")
    parser.add_argument("--text", default=None, help="one sentence instead of a set")
    parser.add_argument("--pronoun", default=None)
    parser.add_argument("--pronoun-occurrence", type=int, default=0)
    parser.add_argument("--candidates", nargs="+", default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_coreference)
