"""The Embeddings page's figures, now given their whole layout at construction (``common.subplot_grid``) instead of
built by ``make_subplots`` + ``add_trace(row, col)`` / ``update_*`` / ``add_annotation`` calls: the same JSON.

The witness is embedding_figures_before_layout_change.json, the JSON the builders gave before the change on the
inputs drawn here (seeded), in English and Korean, the 2 × 2 and one-per-row heatmap grids, with and without
sentence B, at both text sizes of the PCA map.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from dashboard.charts import embeddings
from dashboard.i18n import words_in

BEFORE = Path(__file__).with_name("embedding_figures_before_layout_change.json")
PARTS = ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")
WORDS = ["[CLS]", "the", "animal", "didn", "'", "t", "cross", "the", "street", "<b>", "고양이", "it", "[SEP]"]


def cases() -> list[tuple[str, tuple]]:
    rng = np.random.default_rng(24)
    found = []
    for count in (9, 26):  # the 2 × 2 grid up to 12 tokens, one panel per row past it
        tokens = [WORDS[i % len(WORDS)] for i in range(count)]
        parts = {name: rng.normal(size=(count, 16)).astype(np.float32) for name in PARTS}
        segments = np.zeros(count, dtype=int) if count == 9 else (np.arange(count) >= 14).astype(int)
        panels = {0: (rng.normal(size=(count, 2)).astype(np.float32), np.array([0.41, 0.17])),
                  4: ((rng.random((count, 2)) * [1.0, 0.1]).astype(np.float32), np.array([0.5, 0.2]))}
        for lang in ("en", "ko"):
            words = words_in(lang)
            found += [(f"embedding_parts_heatmaps:{count}:{lang}", (parts, tokens, words)),
                      (f"norms_chart:{count}:{lang}", (parts, tokens, words))]
            found += [(f"pca_scatter:{count}:{lang}:{px}", (panels, tokens, segments, words, px, main))
                      for px, main in ((14, 780), (18, 1400))]
    return found


@pytest.mark.parametrize("name, args", cases(), ids=[name for name, _ in cases()])
def test_each_figure_has_the_json_it_had_when_built_call_by_call(name, args, monkeypatch):
    from dashboard.charts import labels

    # The witness was made with label boxes 1.25 em high (labels.LINE_EM, raised since to Chromium's measured
    # 1.36 em); what it checks, building the layout at construction, does not depend on that constant.
    monkeypatch.setattr(labels, "LINE_EM", 1.25)
    figure = getattr(embeddings, name.split(":")[0])(*args)
    assert figure.layout.template == go.Figure().layout.template  # the default, as make_subplots gave it
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template")
    # compared as sorted JSON text: only the order of keys differs
    assert json.dumps(spec, sort_keys=True) == json.dumps(json.loads(BEFORE.read_text())[name], sort_keys=True)
