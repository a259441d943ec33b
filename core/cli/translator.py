"""Commands about the translators (Transformer, seq2seq, seq2seq with attention): ``translate`` and
``train translator``."""

from __future__ import annotations

import argparse
import dataclasses
import json

from core.analysis.translation_checks import notices
from core.cli import fail
from core.decoding import BEAM_WIDTH, LENGTH_PENALTY
from core.transformer.translator import DEFAULT_TRANSLATOR, TranslatorError


def run_translate(args: argparse.Namespace) -> int:
    from core.transformer.translator import load_translator, translate

    if args.beam < 1:
        return fail(f"--beam must be at least 1, got {args.beam}")
    if args.n_best is not None and not 1 <= args.n_best <= args.beam:
        return fail(f"--n-best must be between 1 and --beam ({args.beam}), got {args.n_best}")
    if args.max_length is not None and args.max_length < 1:
        return fail(f"--max-length must be at least 1, got {args.max_length}")
    try:
        translator = load_translator(args.model)
        result = translate(translator, args.text, beam=args.beam, max_length=args.max_length,
                           length_penalty=args.alpha, n_best=args.n_best, greedy=args.greedy, record_tree=True)
    except TranslatorError as error:
        return fail(str(error))
    threshold = confidence_threshold(translator.name, args)
    signs = [notices(candidate, threshold) for candidate in result.candidates]
    if args.json:
        payload = result.to_dict()
        for row, candidate, found in zip(payload["translations"], result.candidates, signs):
            row.update(cut=candidate.hypothesis.cut, notices=found)
        print(json.dumps({"model": translator.name, "model_type": translator.model_type, "max_length": max_length(
            translator, result, args), "score_threshold": threshold, **payload}, indent=2, ensure_ascii=False))
        return 0
    method = "greedy" if args.greedy else f"beam {args.beam}, length penalty alpha = {args.alpha}"
    print(f"{' '.join(result.source_tokens)}   ({translator.name}, {method}, at most "
          f"{max_length(translator, result, args)} tokens)")
    for rank, candidate in enumerate(result.candidates, start=1):
        state = "cut" if candidate.hypothesis.cut else "finished"
        print(f"{rank:>2}. {candidate.text:<40} score {candidate.score:8.4f}   log-prob {candidate.log_prob:8.4f}   "
              f"{state}")
    for found in signs[:1]:
        for sign in found:
            print(f"note: {NOTICES[sign].format(threshold=threshold)}")
    if result.search is not None:  # the README's tree figure comes from this line
        tree = result.search.tree
        print(f"search tree: {len(tree.nodes):,} compared nodes (the root and the 2 x {args.beam} best extensions "
              f"of each step) of {tree.num_scored():,} scored")
    return 0


NOTICES = {
    "cut": "the best translation was cut by the maximum length (its </s> was forced): it was stopped, not finished",
    "loop": "the best translation repeats a 4-token sequence three times: the decoder is stuck in a loop",
    "low_score": "its length-normalised score is below {threshold}, the threshold that flags 2 % of held-out "
                 "sentences (models/translation_confidence.json): the translation may be wrong, the sentence may be "
                 "outside the grammar the model was trained on",
}


def confidence_threshold(name: str, args: argparse.Namespace) -> float | None:
    """The calibrated score threshold of this model, when it was calibrated with these beam settings."""
    from core.analysis.translation_checks import confidence_thresholds

    row = confidence_thresholds().get(name)
    if row is None or args.greedy or (row["beam"], row["length_penalty"]) != (args.beam, args.alpha):
        return None
    return row["threshold"]


def max_length(translator, result, args: argparse.Namespace) -> int:
    """The decoding limit this run used: --max-length, or decode_length_limit's rule from the source length."""
    from core.decoding import decode_length_limit

    positions = translator.model.config.max_position_embeddings
    return (min(args.max_length, positions - 1) if args.max_length
            else decode_length_limit(len(result.source_tokens), positions))


def run_train(args: argparse.Namespace) -> int:
    from core.translation_training import TrainingOptions, command_line, train

    try:
        options = TrainingOptions(**{f.name: getattr(args, f.name) for f in dataclasses.fields(TrainingOptions)})
    except ValueError as error:
        return fail(str(error))
    if options.steps < 1 or options.batch_size < 1 or options.eval_every < 1 or options.warmup < 1:
        return fail("--steps, --batch-size, --eval-every and --warmup must be positive")
    try:
        train(options, command_line(options))
    except ValueError as error:
        return fail(str(error))
    return 0


def add_translate(translate: argparse.ArgumentParser) -> None:
    translate.add_argument("text", help='an English sentence of the grammar, e.g. "I am a student"')
    translate.add_argument("--model", default=DEFAULT_TRANSLATOR, help="built-in name or model folder")
    translate.add_argument("--beam", type=int, default=BEAM_WIDTH, help="beam width (1 = greedy's choice, with a tree)")
    translate.add_argument("--greedy", action="store_true", help="greedy decoding instead of beam search")
    translate.add_argument("--alpha", type=float, default=LENGTH_PENALTY,
                           help="length penalty: score = log-prob / length^alpha")
    translate.add_argument("--n-best", type=int, default=None, help="how many translations to print (default: beam)")
    translate.add_argument("--max-length", type=int, default=None, help="most tokens to generate, </s> included")
    translate.add_argument("--json", action="store_true", help="print JSON with the whole search tree")
    translate.set_defaults(handler=run_translate)


def add_train(train: argparse.ArgumentParser) -> None:
    from core.data.translation import DATA_VERSIONS
    from core.rnn.attention import SCORES
    from core.translation_training import ARCHS, TrainingOptions

    choices = {"arch": ARCHS, "attention": SCORES, "data_version": DATA_VERSIONS}
    for option in dataclasses.fields(TrainingOptions):
        flag = "--" + option.name.replace("_", "-")
        if option.type in ("bool", bool):
            train.add_argument(flag, action="store_true", help="resume from the checkpoint in --checkpoint-dir")
        else:
            kind = {"int": int, "float": float, "str": str}[str(option.type)]
            train.add_argument(flag, type=kind, default=option.default, choices=choices.get(option.name),
                               help=f"default {option.default}")
    train.set_defaults(handler=run_train)
