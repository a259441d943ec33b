"""Coreference's candidate panels and own-answer chart, now given their whole layout at construction
(``common.subplot_grid`` for the panels) instead of built by ``make_subplots`` + ``add_trace(row, col)`` /
``update_*`` calls: the same JSON.

The witnesses are coreference_candidates_before_layout_change.json and coreference_own_answer_before_layout_change.json,
the JSON each builder gave before its change on the inputs drawn here (seeded): one to five candidates, English and
Korean (and for the answer, substitution shares and representation similarities).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.charts.coreference import candidate_attention_figure, own_answer_figure
from dashboard.i18n import words_in

BEFORE = Path(__file__).with_name("coreference_candidates_before_layout_change.json")


def cases() -> list[tuple[str, tuple]]:
    rng = np.random.default_rng(7)
    found = []
    for L, H, C in ((2, 4, 1), (6, 8, 3), (4, 4, 5)):
        attention = rng.random((L, H, C)).astype(np.float32)  # (L, H, C)
        candidates = ["animal", "<street>", "고양이", "the", "cat"][:C]
        found += [(f"{L}x{H}x{C}:{lang}", (attention, candidates, "it", words_in(lang))) for lang in ("en", "ko")]
    return found


@pytest.mark.parametrize("name, args", cases(), ids=[name for name, _ in cases()])
def test_the_candidate_panels_have_the_json_they_had_when_built_call_by_call(name, args):
    figure = candidate_attention_figure(*args)
    assert figure.layout.template == go.Figure().layout.template  # the default, as make_subplots gave it
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template")
    # compared as sorted JSON text: only the order of keys differs
    assert json.dumps(spec, sort_keys=True) == json.dumps(json.loads(BEFORE.read_text())[name], sort_keys=True)


OWN_ANSWER_BEFORE = Path(__file__).with_name("coreference_own_answer_before_layout_change.json")


def own_answer_cases() -> list[tuple[str, tuple, dict]]:
    """One to five candidates, substitution shares and representation similarities (negative ones too),
    English and Korean: the inputs the saved JSON was built from."""
    rng = np.random.default_rng(11)
    found = []
    for C in (1, 2, 3, 5):
        candidates = ["animal", "<street>", "고양이", "the", "cat"][:C]
        shares = rng.dirichlet(np.ones(C))
        similarities = rng.uniform(-0.5, 1.0, size=C)
        for kind, values, representation in (("shares", shares, False), ("similarities", similarities, True)):
            choice = candidates[int(np.argmax(values))]
            found += [(f"{C}:{kind}:{lang}", (candidates, values, choice),
                       {"representation": representation, "words": words_in(lang)}) for lang in ("en", "ko")]
    return found


@pytest.mark.parametrize("name, args, kwargs", own_answer_cases(), ids=[name for name, _, _ in own_answer_cases()])
def test_the_own_answer_chart_has_the_json_it_had_when_built_call_by_call(name, args, kwargs):
    figure = own_answer_figure(*args, **kwargs)
    assert figure.layout.template == go.Figure().layout.template
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template")
    assert json.dumps(spec, sort_keys=True) == json.dumps(json.loads(OWN_ANSWER_BEFORE.read_text())[name],
                                                           sort_keys=True)
