"""Readable on a projector, for the BERT chart builders: each test failed on the charts before the fix.

Hovers with 4 significant digits, colour ranges that follow the data (fixed [0, 1] on request), every row
labelled up to 64 tokens, head-view labels clear of the lines, one numbering, robust ranges and untrained
positions on the positional maps, readable default curves, embeddings without overlapping titles or labels.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from core.analysis.attention_maps import token_focus
from dashboard.charts.attention import attention_heatmap, head_view, model_view, token_focus_heatmap, token_focus_rows
from dashboard.charts.embeddings import embedding_parts_heatmaps, pca_scatter
from dashboard.charts.positional import curves_frame, position_curves, position_dimension_heatmap, position_similarity
from dashboard.charts.predictions import mask_predictions_chart
from tests.support.apptest import decode_plotly_array as array

# Helpers that did not exist before the fix are imported inside their tests, so every other test runs
# (and failed) against the old builders.
MAX_LABELLED = 64  # on a projector every row is labelled up to 64 tokens
ROW_PX = 18  # pixels a row needs for a 14 px label
TOKENS = ["[CLS]", "the", "animal", "was", "tired", "because", "it", "was", "tired", "[SEP]"]
PLACEHOLDER = re.compile(r"%\{([xyz])(:[^}]*)?\}")


def attentions(L=2, H=3, T=10, seed=0, temperature=1.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = np.exp(rng.normal(size=(L, H, T, T)) / temperature).astype(np.float32)
    return w / w.sum(-1, keepdims=True)


def numeric_placeholders(fig) -> list[str]:
    """The format of every %{z} / numeric %{x}/%{y} in the figure's hovers ("" when unformatted)."""
    found = []
    for trace in fig.data:
        template = trace.hovertemplate or ""
        for axis, fmt in PLACEHOLDER.findall(template):
            numeric = axis == "z" or (axis == "x" and trace.type == "bar" and trace.orientation == "h")
            if numeric:
                found.append(fmt)
    return found


def test_every_hover_number_has_four_significant_digits():
    A = attentions()
    rng = np.random.default_rng(1)
    parts = {name: rng.normal(size=(10, 8)).astype(np.float32) for name in ("word_embeddings", "embedding_sum")}
    figures = [attention_heatmap(A[0, 0], TOKENS, TOKENS), model_view(A, TOKENS),
               token_focus_heatmap(token_focus(A, 6), TOKENS),
               position_dimension_heatmap(parts["word_embeddings"], "t"),
               position_similarity(parts["word_embeddings"], "t"), embedding_parts_heatmaps(parts, TOKENS),
               mask_predictions_chart([("p", ["cat", "dog"], [0.6, 0.3])])]
    for fig in figures:
        formats = numeric_placeholders(fig)
        assert formats and all(fmt == ":.4g" for fmt in formats), (fig.layout.title.text, formats)


def test_colour_follows_the_data_with_a_fixed_unit_option():
    rollout_like = np.full((10, 10), 0.1, dtype=np.float32)
    rollout_like[3, 4] = 0.16
    trace = attention_heatmap(rollout_like, TOKENS, TOKENS).data[0]
    assert (trace.zmin, trace.zmax) == (0.0, pytest.approx(0.16))
    fixed = attention_heatmap(rollout_like, TOKENS, TOKENS, fixed_unit=True).data[0]
    assert (fixed.zmin, fixed.zmax) == (0.0, 1.0)
    assert token_focus_heatmap(token_focus(attentions(), 6), TOKENS).data[0].zmax < 1.0


def test_model_view_at_512_tokens_is_not_blank():
    """Block means at 512 tokens are near 1/512: on a fixed [0, 1] scale every cell was white."""
    A = attentions(L=6, H=12, T=512)  # MiniLM's shape
    trace = model_view(A, [f"t{i}" for i in range(512)]).data[0]
    z = array(trace.z)
    assert trace.zmax == pytest.approx(np.nanmax(z), rel=1e-6) and trace.zmax < 0.01
    assert np.nanmedian(z) / trace.zmax > 0.3  # the typical cell gets a visible share of the colour scale


def test_model_view_names_every_token_and_has_room_for_its_colourbar_title():
    A = attentions(L=2, H=3)
    fig = model_view(A, TOKENS)
    assert list(fig.layout.yaxis.ticktext) == TOKENS * 2  # every query row of every layer
    assert [note.text for note in fig.layout.annotations] == ["layer 1", "layer 2"]
    assert fig.data[0].colorbar.title.side == "right"  # vertical: "attention" is never cut to "atten"
    assert fig.layout.height >= ROW_PX * 2 * (len(TOKENS) + 1)


def test_heatmaps_label_every_row_up_to_64_tokens():
    tokens = [f"w{i}" for i in range(MAX_LABELLED)]
    A = attentions(L=1, H=1, T=MAX_LABELLED)[0, 0]
    fig = attention_heatmap(A, tokens, tokens)
    assert fig.layout.yaxis.dtick == 1 and fig.layout.xaxis.dtick == 1
    assert fig.layout.height >= ROW_PX * MAX_LABELLED
    rows = token_focus_rows(token_focus(attentions(L=6, H=12), 6), TOKENS)  # MiniLM: 72 rows of layer, head
    assert rows.layout.yaxis.dtick == 1 and rows.layout.height >= ROW_PX * 72


def test_token_focus_shows_the_weight_and_the_pickers_position():
    A = attentions()
    focus = token_focus(A, 5)  # index 5 among the shown tokens, position 6 in the sentence ([CLS] hidden)
    fig = token_focus_heatmap(focus, TOKENS, position=6)
    assert "%{z" in fig.data[0].texttemplate and "%{text}" in fig.data[0].texttemplate
    assert "(position 6)" in fig.layout.title.text


def test_head_view_labels_sit_outside_the_lines_and_one_token_shows_its_weights():
    A = attentions(L=1, H=1)[0]
    fig = head_view(A, ["head 1"], TOKENS, query_index=6, min_weight=0.0)
    lines = [trace for trace in fig.data if trace.mode == "lines" and trace.x is not None and len(trace.x) > 1]
    labels = [trace for trace in fig.data if "text" in (trace.mode or "")]
    xs = np.concatenate([array(trace.x) for trace in lines])
    assert np.nanmin(xs) == 0.0 and np.nanmax(xs) == 1.0
    left, right = labels
    assert array(left.x).max() < 0 and left.textposition == "middle left"  # text grows away from the lines
    assert array(right.x).min() > 1 and right.textposition == "middle right"
    assert {int(y) for trace in lines for y in array(trace.y)[0::3]} == {-6}  # only the query's lines
    assert right.text[2] == f"animal  {A[0, 6, 2]:.3g}"


def test_positional_maps_use_a_robust_range_and_mark_untrained_positions():
    rng = np.random.default_rng(0)
    table = rng.normal(scale=0.05, size=(200, 16)).astype(np.float32)
    table[0] = 5.0  # one outlier row, like MiniLM's position 0
    heat = position_dimension_heatmap(table, "t", trained=128)
    assert heat.data[0].zmax == pytest.approx(np.percentile(np.abs(table), 99))
    assert heat.data[0].zmax < 1.0
    similarity = position_similarity(table, "t", trained=128)
    assert similarity.data[0].zmin == -similarity.data[0].zmax  # signed: centred on 0, one diverging scale
    assert similarity.data[0].zmax < 0.5 * np.abs(table @ table.T).max()
    assert [shape.y0 for shape in heat.layout.shapes] == [127.5]
    assert any("never trained" in note.text for note in heat.layout.annotations)
    assert not position_dimension_heatmap(table[:100], "t", trained=128).layout.shapes  # all trained: no mark
    curves = position_curves(curves_frame(table, [0], sinusoidal=False), "t", unit_range=False, trained=128)
    assert len(curves.to_dict()["layer"]) == 2  # lines and the grey band past position 128


def test_default_curves_have_distinct_wavelengths():
    """dims 0, 1, 4, 5 have wavelengths of 6 to 10 positions: over 128 positions they tangle into one band."""
    from dashboard.charts.positional import default_dimensions

    for d_model in (192, 384, 768):
        dims = default_dimensions(d_model)
        assert 2 <= len(dims) <= 4 and all(d % 2 == 0 for d in dims)
        wavelengths = [2 * np.pi * 10000 ** (d / d_model) for d in dims]
        assert all(later / earlier >= 2.5 for earlier, later in zip(wavelengths, wavelengths[1:]))
        assert wavelengths[0] >= 12


def test_embedding_panels_keep_axis_titles_apart():
    rng = np.random.default_rng(0)
    parts = {name: rng.normal(size=(10, 8)).astype(np.float32) for name in
             ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")}
    fig = embedding_parts_heatmaps(parts, TOKENS)
    assert fig.layout.yaxis.title.text == "dimension" and not fig.layout.yaxis2.title.text
    gap = fig.layout.yaxis.domain[0] - fig.layout.yaxis3.domain[1]  # room for the rotated token labels
    assert gap * fig.layout.height >= 120


def test_embedding_colours_are_not_set_by_outlier_dimensions():
    rng = np.random.default_rng(0)
    parts = {name: rng.normal(scale=0.05, size=(20, 64)).astype(np.float32) for name in
             ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")}
    parts["embedding_sum"][:, 7] = 3.0  # one outlier dimension, as MiniLM has
    fig = embedding_parts_heatmaps(parts, [f"w{i}" for i in range(20)])
    assert fig.layout.coloraxis.cmax < 0.5
    assert fig.layout.xaxis.domain[1] - fig.layout.xaxis.domain[0] > 0.9  # 20 tokens: one panel per row


def test_pca_labels_name_the_position_and_the_legend_names_the_segments():
    coords = np.array([[0, 0], [1, 0], [1.05, 0], [0, 1], [5, 5], [5, 5.1], [2, 3], [3, 2], [4, 4], [9, 9]],
                      dtype=np.float32)
    fig = pca_scatter({"a": (coords, np.array([0.5, 0.2]))}, TOKENS, np.array([0] * 6 + [1] * 4))
    texts = [text for trace in fig.data for text in trace.text]
    assert "tired (4)" in texts and "tired (8)" in texts  # repeated words told apart
    assert [trace.name for trace in fig.data] == ["sentence A (segment 0)", "sentence B (segment 1)"]
    assert all(trace.showlegend for trace in fig.data)


def test_korean_hovers_have_no_english_words():
    """Built with Korean words, no hover holds an English chart word; built with English words the same check
    fails, so it can."""
    from dashboard.i18n import ENGLISH, words_in

    A = attentions()
    rng = np.random.default_rng(1)
    parts = {"word_embeddings": rng.normal(size=(10, 8)).astype(np.float32)}

    def figures(words):
        return [attention_heatmap(A[0, 0], TOKENS, TOKENS, words=words), model_view(A, TOKENS, words=words),
                token_focus_heatmap(token_focus(A, 6), TOKENS, words=words),
                embedding_parts_heatmaps(parts, TOKENS, words),
                position_dimension_heatmap(parts["word_embeddings"], "t", words=words),
                position_similarity(parts["word_embeddings"], "t", words=words),
                mask_predictions_chart([("p", ["cat"], [0.6])], words)]

    english = re.compile(r"\b(token|dim|dimension|value|position|attention|weight|attends|probability|dot)\b")

    def english_hovers(words) -> list[str]:
        return [trace.hovertemplate for fig in figures(words) for trace in fig.data
                if english.search(PLACEHOLDER.sub("", trace.hovertemplate or ""))]

    assert not english_hovers(words_in("ko"))
    assert len(english_hovers(ENGLISH)) >= 7
    korean = embedding_parts_heatmaps(parts, TOKENS, words_in("ko")).data[0].hovertemplate
    assert korean == "토큰 임베딩<br>토큰 %{x}<br>차원 %{y}<br>값 %{z:.4g}<extra></extra>"
