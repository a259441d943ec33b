"""``python -m core <command>``: the science of the dashboard from a terminal.

Every command is one row of ``COMMANDS``: its words, its help line, and the module function that
adds its arguments (each such function also sets ``handler``). Nothing is discovered by file name.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]  # ("translate",) or ("train", "bert"): a group word, then the command
    help: str
    adder: str  # "module:function" under core.cli, called with the command's own ArgumentParser


COMMANDS = (
    Command(("parity",), "compare a from-scratch BERT, GPT-1 or GPT-2 with transformers' own (family from "
            "config.json)", "parity:add_parity"),
    Command(("fill-mask",), "predict every [MASK] in a text", "bert:add_fill_mask"),
    Command(("generate",), "continue a prompt with a GPT: greedy, sampled (temperature, top-k, top-p) or beam search",
            "gpt:add_generate"),
    Command(("coreference",), "which heads attend from a pronoun to its antecedent, the model's own answer, and "
            "what switching heads off does to it", "coreference:add_coreference"),
    Command(("translate",), "translate English to French with a shipped translator", "translator:add_translate"),
    Command(("analogy",), "word-vector arithmetic A - B + C (king man woman), answers ranked by cosine, the three "
            "inputs excluded", "word2vec:add_analogy"),
    Command(("finetune",), "fine-tune tiny-bert or tiny-gpt (or the same architecture from random weights) on N "
            "labelled examples of a task: one point of the learning curve", "finetune:add_finetune"),
    Command(("train", "bert"), "pretrain the tiny BERT (MLM + NSP) on the generated corpus", "pretraining:add_train"),
    Command(("train", "gpt"), "train the tiny GPT-2 (next-token prediction) on tiny-bert's stories, with its own "
            "byte-level BPE", "gpt:add_train"),
    Command(("train", "translator"), "train the English -> French encoder-decoder", "translator:add_train"),
    Command(("train", "word2vec"), "train the shipped word2vec (skip-gram, negative sampling) on tiny-bert's stories",
            "word2vec:add_train"),
    Command(("eval", "bert"), "held-out MLM top-1/top-5 and NSP accuracy of a BERT on generated stories it never saw",
            "pretraining:add_eval"),
    Command(("eval", "gpt"), "held-out perplexity and next-token top-1/top-5 of a GPT against Kneser-Ney 3/4/5-grams, "
            "and its coreference answer and best head beside tiny-bert's", "gpt:add_eval"),
    Command(("eval", "translator"), "exact match and BLEU of a translator per English length bucket, held-out split",
            "evaluation:add_eval_translator"),
    Command(("eval", "word2vec"), "analogy accuracy per relation and nearest-neighbour overlap of word2vec against "
            "gensim's, BERT input embeddings on shared words, one word in two contexts", "word2vec:add_eval"),
    Command(("eval", "finetune"), "the learning curve: held-out accuracy of fine-tuned tiny-bert, the same from random "
            "weights, tiny-gpt and a bag of words, per number of labelled examples", "finetune:add_eval"),
    Command(("eval", "beam-examples"), "held-out sentences where beam search is right and greedy decoding wrong, "
            "for the Beam search page", "beam_examples:add_beam_examples"),
)
GROUPS = {"train": "train one of the shipped models", "eval": "measure a model on held-out data"}
ALIASES = {"eval-bert": ("eval", "bert")}  # the name earlier READMEs gave


def fail(message: str) -> int:
    """Every command's way to stop on bad input: one line on stderr, exit status 2 (argparse's own)."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction] = {}
    for command in COMMANDS:
        where = subparsers
        if len(command.words) == 2:
            group = command.words[0]
            if group not in groups:
                group_parser = subparsers.add_parser(group, help=GROUPS[group])
                groups[group] = group_parser.add_subparsers(dest="what", required=True, metavar="WHAT")
            where = groups[group]
        module_name, function = command.adder.split(":")
        sub = where.add_parser(command.words[-1], help=command.help, description=command.help,
                               formatter_class=argparse.ArgumentDefaultsHelpFormatter)
        getattr(importlib.import_module(f"core.cli.{module_name}"), function)(sub)
    parser.epilog = "commands:\n" + "\n".join(f"  {' '.join(c.words):<20} {c.help}" for c in COMMANDS)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ALIASES:
        argv = [*ALIASES[argv[0]], *argv[1:]]
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # `python -m core translate ... | head`: the reader left, which is no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
