"""The French pronoun's cross-attention: one row per source token, one column per decoder head (layer by layer),
the candidate nouns marked after their label. Pure: arrays and tokens in, a Plotly figure out.

Shape legend: L decoder layers, H heads, S source tokens.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from dashboard.charts.common import ATTENTION_COLORSCALE, head_name, hover, margins, safe_label, token_labels
from dashboard.i18n import ENGLISH, Words

CANDIDATE_MARK = "▲"  # under a candidate noun's column label
TICK_FONT = {"size": 14}
ROW_PX = 28


def pronoun_attention_figure(weights: np.ndarray, source_tokens: list[str], candidate_positions: list[int],
                             title: str, words: Words = ENGLISH,
                             best_heads: list[tuple[int, int]] | None = None) -> go.Figure:
    """weights (L, H, S): the pronoun's cross-attention row in every head, drawn as one row per source token and
    one column per head (so two of them fit side by side). Candidate nouns get a ▲ after their label;
    ``best_heads`` (1-based (layer, head)), the recorded best heads of the pronoun test, a ★ on their column."""
    L, H, S = weights.shape
    starred = set(best_heads or [])
    heads = [head_name(layer, head) + (" ★" if (layer + 1, head + 1) in starred else "")
             for layer in range(L) for head in range(H)]
    sources = [label + (f" {CANDIDATE_MARK}" if position in candidate_positions else "")
               for position, label in enumerate(token_labels(source_tokens))]
    z = weights.reshape(L * H, S).T  # (S, L·H): column l·H + h is layer l's head h
    text = np.vectorize(lambda value: f"{value:.2f}")(z)
    attention = words("chart.attention")
    fig = go.Figure(go.Heatmap(
        z=z, x=heads, y=sources, zmin=0.0, zmax=max(float(z.max()), 1e-9), colorscale=ATTENTION_COLORSCALE,
        text=text, texttemplate="%{text}" if L * H <= 12 else None, name=attention,
        colorbar={"title": {"text": attention}, "tickfont": TICK_FONT, "thickness": 12},
        hovertemplate=hover(words("hover.head", v="%{x}"), words("hover.source", v="%{y}"),
                            words("hover.attention", v="%{z:.4g}"))))
    fig.update_xaxes(type="category", tickangle=-90, tickfont=TICK_FONT, nticks=L * H + 1, side="top")
    fig.update_yaxes(type="category", autorange="reversed", tickfont=TICK_FONT, nticks=S + 1)
    fig.update_layout(title={"text": safe_label(title)}, height=int(170 + ROW_PX * S),
                      margin=margins(top=110, bottom=10), yaxis_title=words("chart.pronoun.source"))
    return fig
