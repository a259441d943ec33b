"""``python -m core eval translator --confidence``: calibrate the "may be wrong" notice of the translation pages
(core.analysis.translation_checks) on held-out sentences, report its false-alarm and detection rates, and write
them to models/translation_confidence.json, which the pages read."""

from __future__ import annotations

import argparse
import json
import sys

from core.cli import fail

PER_BUCKET = 40  # held-out sentences per length bucket to set the threshold, and as many others to measure it


def run_eval_confidence(args: argparse.Namespace) -> int:
    from core.analysis.translation_checks import CONFIDENCE_FILE, calibrate, confidence_thresholds, out_of_grammar
    from core.cli.evaluation import held_out_setup
    from core.transformer.translator import TranslatorError, translator_model_names

    per = args.limit or PER_BUCKET
    results = []
    # one model at a time: each is calibrated on held-out sentences of the grammar version it was trained on
    for name in [args.model] if args.model else translator_model_names():
        limit, args.limit = args.limit, 2 * per
        try:
            (translator,), groups = held_out_setup(args, [name])
        except TranslatorError as error:
            return fail(str(error))
        finally:
            args.limit = limit
        calibration = [pair for pairs in groups.values() for pair in pairs[:per]]
        measured = [pair for pairs in groups.values() for pair in pairs[per:2 * per]]
        strange = out_of_grammar(measured, len(measured) // 2)
        print(f"calibrating {translator.name} on {len(calibration)} + {len(measured)} held-out sentences...",
              file=sys.stderr, flush=True)
        results.append(calibrate(translator, calibration, measured, strange, beam=args.beam, length_penalty=args.alpha))
    kept = {name: row for name, row in confidence_thresholds(CONFIDENCE_FILE).items()}
    kept.update({row["model"]: row for row in results})
    command = "python -m core eval translator --confidence" + (f" --model {args.model}" if args.model else "")
    CONFIDENCE_FILE.write_text(json.dumps({"command": command, "models": list(kept.values())}, indent=2) + "\n")
    if args.json:
        print(json.dumps({"file": str(CONFIDENCE_FILE), "models": results}, indent=2))
        return 0
    for row in results:
        detection = "; ".join(f"{kind} {100 * d['low_score']:.0f} % by score, {100 * d['any_notice']:.0f} % by any "
                              f"notice ({d['sentences']})" for kind, d in row["detection"].items() if d["sentences"])
        print(f"{row['model']}: threshold {row['threshold']} (the {100 * row['quantile']:g} % quantile of "
              f"{row['calibration_sentences']} held-out scores); false alarms {100 * row['false_alarm_rate']:.1f} % "
              f"of {row['measured_sentences']} other held-out sentences (loops {row['false_loops']}, cuts "
              f"{row['false_cuts']}); out of the grammar: {detection}")
    print(f"written to {CONFIDENCE_FILE}")
    return 0
