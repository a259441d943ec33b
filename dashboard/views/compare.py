"""What the compare page shows: the same layer and head for two models of different sizes, and the
parity report of ``core.analysis.parity`` as tables. No Streamlit, no figures."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.analysis.parity import ParityReport


def opening_pair(models: list[str], chosen: str | None) -> tuple[str, str]:
    """The two models the page opens on: the sidebar's model on the left, the first other offered model on the
    right (the same one only when the server offers one)."""
    first = chosen if chosen in models else models[0]
    return first, next((m for m in models if m != first), first)


def clamp(layer: int, head: int, num_layers: int, num_heads: int) -> tuple[int, int]:
    """0-based (layer, head) within a model's range: the controls are shared by models of different sizes."""
    return min(layer, num_layers - 1), min(head, num_heads - 1)


def parity_frame(report: ParityReport) -> pd.DataFrame:
    """Every quantity both implementations compute, its max |ours - transformers| and the verdict."""
    return pd.DataFrame([{"quantity": row.quantity, "max_abs_diff": row.max_abs_diff,
                          "within_tolerance": row.max_abs_diff <= report.atol} for row in report.rows])


def per_layer(report: ParityReport) -> pd.DataFrame:
    """Layer × {attention probs, hidden state} max abs difference (one row per layer, 1-based)."""
    rows: dict[int, dict] = {}
    for row in report.rows:
        if row.layer is not None:
            rows.setdefault(row.layer, {"layer": row.layer})[row.part] = row.max_abs_diff
    return pd.DataFrame(sorted(rows.values(), key=lambda r: r["layer"]))


def other_quantities(report: ParityReport) -> pd.DataFrame:
    """The rows that are not per layer: embedding output, pooled output, MLM and NSP logits."""
    return pd.DataFrame([{"quantity": row.quantity, "max_abs_diff": row.max_abs_diff}
                         for row in report.rows if row.layer is None])


@dataclass(frozen=True)
class HeadPanel:
    """One model's side of the comparison: the head shown (0-based, clamped to the model) and its weights."""

    model: str
    layer: int
    head: int
    tokens: list[str]
    weights: np.ndarray  # (T, T) float32, attention probabilities of that head


def head_panel(model: str, trace, tokens: list[str], layer: int, head: int) -> HeadPanel:
    """The shared controls' (layer, head), clamped to this model's size, read from its trace."""
    L, H = len(trace.attentions), trace.attentions[0].size(1)
    layer, head = clamp(layer, head, L, H)
    weights = trace.attentions[layer][0, head].detach().float().cpu().numpy()  # (T, T)
    return HeadPanel(model, layer, head, list(tokens), weights)

