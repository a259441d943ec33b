"""Failing loudly: the signs that a translation should not be trusted, and their calibration.

- *cut*: the length limit forced its </s> (``Hypothesis.cut``, core.decoding): the translation was stopped;
- *loop*: some 4-token sequence occurs three times in it, as in a decoder stuck repeating a clause ("... parce
  qu'elle est dans la cuisine heureuse parce qu'elle est dans la cuisine ..."): no reference of the generated
  task repeats one so (measured: ``false_loops``);
- *low score*: the length-normalised score of the best beam hypothesis (log-prob / length^alpha, what beam
  search ranks by) is below a threshold, the ``quantile`` of the scores of held-out sentences of the model's own
  grammar. A sentence whose words are all known but whose shape the grammar never produces usually scores
  lower: the notice says the translation may be wrong. Its false-alarm rate is measured on other held-out
  sentences than those that set the threshold, and its detection rate on out-of-grammar sentences built from
  held-out ones (their words reversed; two joined past the 30 words the models were trained on).

``python -m core eval translator --confidence`` measures all of this and writes CONFIDENCE_FILE, which the
pages read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from core.decoding import BEAM_WIDTH, LENGTH_PENALTY

CONFIDENCE_FILE = Path(__file__).resolve().parents[2] / "models" / "translation_confidence.json"
LOOP_N, LOOP_TIMES = 4, 3
QUANTILE = 0.02  # the share of in-grammar held-out sentences the threshold flags when calibrated


def repeated_ngram(tokens: list[str], n: int = LOOP_N, times: int = LOOP_TIMES) -> list[str] | None:
    """The first ``n``-token sequence that occurs ``times`` times in ``tokens`` (overlaps counted), else None."""
    counts: dict[tuple[str, ...], int] = {}
    for start in range(len(tokens) - n + 1):
        gram = tuple(tokens[start:start + n])
        counts[gram] = counts.get(gram, 0) + 1
        if counts[gram] >= times:
            return list(gram)
    return None


def best_score(translator, english: str, beam: int = BEAM_WIDTH, length_penalty: float = LENGTH_PENALTY):
    """The best beam hypothesis of ``english`` (Candidate), decoded as the pages decode it."""
    from core.transformer.translator import translate

    return translate(translator, english, beam=beam, length_penalty=length_penalty, record_tree=False).candidates[0]


def out_of_grammar(pairs: list[tuple[str, str]], count: int) -> dict[str, list[str]]:
    """Sentences of known words in shapes the grammar never writes: held-out sentences with their words reversed
    (every generated sentence starts with a determiner, a pronoun or a noun and none ends with "the"), and pairs
    of them joined by "and" past 30 words."""
    reversed_words = [" ".join(en.split()[::-1]) for en, _ in pairs if len(en.split()) >= 3][:count]
    long = [a + " and " + b for (a, _), (b, _) in zip(pairs[::2], pairs[1::2])
            if 30 < len(a.split()) + len(b.split()) + 1 <= 60][:count]
    return {"reversed": reversed_words, "too_long": long}


def calibrate(translator, calibration: list[tuple[str, str]], measured: list[tuple[str, str]],
              strange: dict[str, list[str]], quantile: float = QUANTILE, beam: int = BEAM_WIDTH,
              length_penalty: float = LENGTH_PENALTY) -> dict:
    """The threshold (the ``quantile`` of the best beam scores on ``calibration``), its false-alarm rate on
    ``measured`` (in-grammar held-out sentences), its detection rate on each kind of ``strange`` sentence, and
    how often the loop and cut signs fire on the in-grammar ones."""
    translator.model.eval()
    scores = np.array([best_score(translator, en, beam, length_penalty).score for en, _ in calibration])
    threshold = float(np.quantile(scores, quantile))
    in_grammar = [best_score(translator, en, beam, length_penalty) for en, _ in measured]
    out = {"model": translator.name, "data_version": translator.training.get("data_version"), "beam": beam,
           "length_penalty": length_penalty, "quantile": quantile, "threshold": round(threshold, 4),
           "calibration_sentences": len(calibration), "measured_sentences": len(measured),
           "false_alarm_rate": round(float(np.mean([c.score < threshold for c in in_grammar])), 4),
           "false_loops": sum(repeated_ngram(c.tokens) is not None for c in in_grammar),
           "false_cuts": sum(c.hypothesis.cut for c in in_grammar), "detection": {}}
    for kind, sentences in strange.items():
        found = [best_score(translator, en, beam, length_penalty) for en in sentences]
        flagged = [c.score < threshold or c.hypothesis.cut or repeated_ngram(c.tokens) is not None for c in found]
        out["detection"][kind] = {"sentences": len(found), "low_score": round(float(np.mean(
            [c.score < threshold for c in found])), 4) if found else None,
            "any_notice": round(float(np.mean(flagged)), 4) if found else None}
    return out


def confidence_thresholds(path: Path | None = None) -> dict[str, dict]:
    """model name -> its calibration (``calibrate``'s dict), from the file the command wrote (default
    CONFIDENCE_FILE); {} without it."""
    import json

    try:
        data = json.loads(Path(path or CONFIDENCE_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return {row["model"]: row for row in data.get("models", [])}


def notices(candidate, threshold: float | None) -> list[str]:
    """Which signs a translation shows: "cut", "loop", "low_score" (only with a calibrated ``threshold``)."""
    found = []
    if candidate.hypothesis.cut:
        found.append("cut")
    if repeated_ngram(candidate.tokens) is not None:
        found.append("loop")
    if threshold is not None and candidate.score < threshold:
        found.append("low_score")
    return found
