"""The README's figures about what the dashboard shows hold for the shipped model."""

from __future__ import annotations

import re
from pathlib import Path

from core.bert.pipeline import load_pipeline
from dashboard.views.bert import arithmetic_view

README = Path(__file__).resolve().parents[2] / "README.md"
SENTENCE = "The animal didn't cross the street because it was too tired."


def test_attention_arithmetic_row_states_the_tolerance_it_meets(dashboard_env):
    """The arithmetic page recomputes one head in float64 from the float32 model: it matches to a
    tolerance, not exactly, and the README says which tolerance."""
    row = next(line for line in README.read_text(encoding="utf-8").splitlines()
               if line.startswith("| Attention arithmetic |"))
    assert "exactly" not in row
    claimed = float(re.search(r"within (\d(?:\.\d+)?e-\d+)", row)[1])
    pipeline = load_pipeline(dashboard_env["default"])
    trace, encoded = pipeline.trace(SENTENCE, record_all=True)
    worst = max(max(view.max_row_difference, view.max_context_difference)
                for layer in range(trace.num_layers) for head in range(trace.num_heads)
                for view in (arithmetic_view(trace, layer, head, q) for q in range(len(encoded.tokens))))
    assert 0 < worst <= claimed
