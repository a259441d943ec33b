"""``python -m core eval beam-examples``: held-out sentences where beam search beats greedy decoding.

Each shipped translator decodes the held-out test split (``core.data.translation.make_test_split``, the
split ``eval translator`` scores) greedily and with a width-K beam, through ``core.analysis.evaluation``'s own
decoders (so the outputs are the ones its table counts). A sentence is a *beam win* when the beam's best
translation equals the reference exactly and the greedy one does not; the opposite case (greedy right,
beam wrong) is counted too, so the list is never read as "beam is always better". The Beam search page
offers the wins as examples, with the settings that reproduce them (width, length penalty, maximum length).

    python -m core eval beam-examples                      # writes models/beam_examples.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from core.cli import fail
from core.decoding import BEAM_WIDTH, LENGTH_PENALTY

EXAMPLES_FILE = Path(__file__).resolve().parents[2] / "models" / "beam_examples.json"


def sentence_outcomes(sources: list[str], references: list[str], greedy: list[list[str]],
                      beam: list[list[str]]) -> dict:
    """Counts of who got each sentence exactly right (and of sentences where the two decoders differ at all),
    and the beam wins, shortest source first."""
    counts = {"sentences": len(sources), "both_right": 0, "beam_right_greedy_wrong": 0,
              "greedy_right_beam_wrong": 0, "both_wrong": 0,
              "beam_differs": sum(g != b for g, b in zip(greedy, beam))}  # right or wrong, not the same words
    wins = []
    for source, reference, by_greedy, by_beam in zip(sources, references, greedy, beam):
        reference_tokens = reference.split()
        greedy_right, beam_right = by_greedy == reference_tokens, by_beam == reference_tokens
        kind = {(True, True): "both_right", (False, True): "beam_right_greedy_wrong",
                (True, False): "greedy_right_beam_wrong", (False, False): "both_wrong"}[greedy_right, beam_right]
        counts[kind] += 1
        if kind == "beam_right_greedy_wrong":
            wins.append({"source": source, "reference": reference, "greedy": " ".join(by_greedy),
                         "beam": " ".join(by_beam)})
    wins.sort(key=lambda win: (len(win["source"].split()), win["source"]))
    return {**counts, "wins": wins}


def find_beam_wins(translator, groups: dict[str, list[tuple[str, str]]], beam: int, alpha: float,
                   show_progress: bool = True) -> dict:
    """One translator's outcomes on the grouped test pairs; each win carries the page settings reproducing it."""
    from core.analysis.evaluation import evaluate_translator, max_positions
    from core.decoding import decode_length_limit

    result = evaluate_translator(translator, groups, beam=beam, length_penalty=alpha, show_progress=show_progress)
    labels = [label for label, pairs in groups.items() if pairs]
    pairs = [pair for label in labels for pair in groups[label]]
    decoded = {method: [tokens for label in labels for tokens in result["outputs"][method][label]]
               for method in ("greedy", f"beam_{beam}")}
    outcomes = sentence_outcomes([en for en, _ in pairs], [fr for _, fr in pairs], decoded["greedy"],
                                 decoded[f"beam_{beam}"])
    for win in outcomes["wins"]:  # translate()'s own maximum length: the page sets its slider to it
        win["max_length"] = decode_length_limit(len(win["source"].split()) + 1, max_positions(translator))
    return {"model": translator.name, "model_type": translator.model_type, **outcomes}


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces the file (every option spelt out, so a changed default cannot hide)."""
    models = " ".join(f"--model {name}" for name in args.model or [])
    limit = f" --limit {args.limit}" if args.limit is not None else ""
    return (f"python -m core eval beam-examples {models} --beam {args.beam} --alpha {args.alpha}{limit} "
            f"--num-test {args.num_test} --data-seed {args.data_seed} --keep {args.keep}").replace("  ", " ")


def run_beam_examples(args: argparse.Namespace) -> int:
    from core.analysis.evaluation import trained_data_version
    from core.cli.evaluation import held_out_setup
    from core.transformer.translator import TranslatorError, translator_model_names

    if args.beam < 2:
        return fail(f"--beam must be at least 2 (width 1 is greedy decoding), got {args.beam}")
    if args.limit is not None and args.limit < 1:
        return fail(f"--limit must be at least 1 sentence per bucket, got {args.limit}")
    models = []
    # one model at a time: each decodes the held-out split of the grammar version it was trained on
    for name in args.model or translator_model_names():
        try:
            (translator,), groups = held_out_setup(args, [name])
        except TranslatorError as error:
            return fail(str(error))
        found = find_beam_wins(translator, groups, args.beam, args.alpha)
        found["data_version"] = trained_data_version(translator)
        found["wins"] = found["wins"][:args.keep]
        models.append(found)
        print(f"{translator.name}: beam {args.beam} right and greedy wrong on {found['beam_right_greedy_wrong']} "
              f"of {found['sentences']} held-out sentences; greedy right and beam wrong on "
              f"{found['greedy_right_beam_wrong']}", file=sys.stderr)
    out = {"command": command_line(args),
           "test_split": {"num_test": args.num_test, "data_seed": args.data_seed, "limit_per_bucket": args.limit},
           "beam": args.beam, "length_penalty": args.alpha, "models": models}
    text = json.dumps(out, indent=1, ensure_ascii=False) + "\n"
    if args.output == "-":
        print(text, end="")
    else:
        Path(args.output).write_text(text)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def add_beam_examples(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", action="append", default=None,
                        help="built-in name or model folder, repeatable (default: every shipped translator)")
    parser.add_argument("--beam", type=int, default=BEAM_WIDTH, help="beam width compared with greedy decoding")
    parser.add_argument("--alpha", type=float, default=LENGTH_PENALTY, help="length penalty of beam search")
    parser.add_argument("--limit", type=int, default=None, help="at most this many sentences per bucket")
    parser.add_argument("--num-test", type=int, default=2000, help="size of the generated test split")
    parser.add_argument("--data-seed", type=int, default=0, help="seed of the generated splits")
    parser.add_argument("--keep", type=int, default=12, help="wins kept per model, shortest sources first")
    parser.add_argument("--threads", type=int, default=0, help="torch threads on CPU; 0 leaves torch's default")
    parser.add_argument("--output", default=str(EXAMPLES_FILE), help="JSON file to write, - for stdout")
    parser.set_defaults(handler=run_beam_examples)
