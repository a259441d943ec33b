"""``fill-mask``: BERT's masked-word prediction (``parity`` for every family is core.cli.parity)."""

from __future__ import annotations

import argparse
import json

from core.bert.checkpoint import CheckpointError
from core.bert.config import ConfigError
from core.cli import fail

DEFAULT_MODEL = "tiny-bert"


def run_fill_mask(args: argparse.Namespace) -> int:
    from core.bert.pipeline import fill_mask, load_pipeline

    if not args.text.strip():
        return fail("the text is empty")
    try:
        pipeline = load_pipeline(args.model)
    except (CheckpointError, ConfigError) as error:
        return fail(str(error))
    if pipeline.tokenizer.mask_token not in args.text:
        return fail(f"the text has no {pipeline.tokenizer.mask_token}: write {pipeline.tokenizer.mask_token} "
                    "where a word should be predicted, e.g. \"the [MASK] sat on the mat.\"")
    try:
        result = fill_mask(pipeline, args.text, args.text_b, top_k=args.top_k)
    except CheckpointError as error:
        return fail(str(error))
    if not result.masks:
        return fail("every [MASK] was cut off by truncation to the model's maximum length")
    if args.json:
        print(json.dumps({"model": args.model, "tokens": result.tokens, "truncated": result.truncated,
                          "masks": [vars(m) for m in result.masks], "nsp_is_next": result.nsp_is_next},
                         indent=2, ensure_ascii=False))
        return 0
    if result.truncated:
        print(f"note: the input was truncated to {pipeline.max_length} tokens")
    for number, mask in enumerate(result.masks, start=1):
        print(f"[MASK] #{number} (position {mask.position}):")
        for token, prob in zip(mask.tokens, mask.probs):
            print(f"  {token:<15} {prob:7.2%}")
    if result.nsp_is_next is not None:
        print(f"next-sentence prediction: P(B follows A) = {result.nsp_is_next:.2%}")
    elif args.text_b:
        print(f"note: {args.model} has no NSP head; no next-sentence probability")
    return 0


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_fill_mask(fill: argparse.ArgumentParser) -> None:
    fill.add_argument("text")
    fill.add_argument("--text-b", default=None, help="second sentence: also print the NSP probability")
    fill.add_argument("--model", default=DEFAULT_MODEL)
    fill.add_argument("--top-k", type=positive_int, default=5)
    fill.add_argument("--json", action="store_true")
    fill.set_defaults(handler=run_fill_mask)
