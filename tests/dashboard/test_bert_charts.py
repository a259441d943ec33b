"""Chart builders as figure dicts: the numbers in a figure are exactly the numbers given to it."""

from __future__ import annotations

import numpy as np
import pytest

from core.analysis.attention_maps import attention_row_steps, token_focus
from dashboard.charts.arithmetic import arithmetic_chart, context_chart
from dashboard.charts.attention import (
    attention_heatmap,
    head_view,
    matrix_frame,
    model_view,
    token_focus_frame,
    token_focus_heatmap,
    token_focus_rows,
)
from dashboard.charts.common import safe_label, token_labels
from dashboard.charts.embeddings import embedding_parts_heatmaps, norms_chart, norms_frame, pca_scatter
from dashboard.charts.positional import curves_frame, position_curves, position_dimension_heatmap, position_similarity
from dashboard.charts.predictions import mask_predictions_chart
from tests.support.apptest import decode_plotly_array as array
from tests.support.tolerances import gamma

TOKENS = ["[CLS]", "the", "cat", "<script>", "the", "[SEP]"]


def attentions(L=2, H=3, T=6, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    w = np.exp(rng.normal(size=(L, H, T, T))).astype(np.float32)
    return w / w.sum(-1, keepdims=True)


def test_token_labels_are_unique_and_html_escaped():
    labels = token_labels(TOKENS)
    assert len(set(labels)) == len(labels)
    assert labels[3] == "&lt;script&gt;"
    assert labels[1].strip("\u200b") == labels[4].strip("\u200b") == "the"
    assert safe_label("a & <b>") == "a &amp; &lt;b&gt;"


def test_attention_heatmap_holds_exactly_the_matrix():
    A = attentions()
    fig = attention_heatmap(A[1, 2], TOKENS, TOKENS, fixed_unit=True).to_dict()
    trace = fig["data"][0]
    z = array(trace["z"])
    assert z.dtype == np.float32
    np.testing.assert_array_equal(z, A[1, 2])
    assert (trace["zmin"], trace["zmax"]) == (0.0, 1.0)  # the fixed-[0, 1] option
    assert "%{z:.4g}" in trace["hovertemplate"]  # the exact value, to 4 significant digits
    assert "<script>" not in "".join(trace["x"]) and "&lt;script&gt;" in trace["x"]


def test_model_view_is_one_trace_tiling_every_head_exactly():
    A = attentions(L=2, H=3, T=6)
    fig = model_view(A, TOKENS).to_dict()
    assert len(fig["data"]) == 1
    z = array(fig["data"][0]["z"])
    assert z.shape == (2 * 7, 3 * 7)  # a NaN separator after every block
    for layer in range(2):
        for head in range(3):
            np.testing.assert_array_equal(z[layer * 7:layer * 7 + 6, head * 7:head * 7 + 6], A[layer, head])
    assert np.isnan(z[6]).all() and np.isnan(z[:, 6]).all()
    assert len(set(fig["data"][0]["x"])) == len(fig["data"][0]["x"])  # categories stay one per column


def test_model_view_downsamples_512_tokens_of_bert_base_within_budget():
    rng = np.random.default_rng(0)
    A = rng.random((12, 12, 512, 512), dtype=np.float32)
    fig = model_view(A, [f"t{i}" for i in range(512)], max_cells=400_000)
    z = array(fig.data[0].z)
    assert z.size <= 1.2 * 400_000
    assert "averages" in fig.layout.title.text
    side = z.shape[0] // 12 - 1
    factor = -(-512 // side)
    np.testing.assert_allclose(z[0, 0], A[0, 0, :factor, :factor].mean(), rtol=1e-5)


def test_head_view_draws_thicker_lines_for_larger_weights():
    A = np.zeros((1, 4, 4), dtype=np.float32)
    A[0, 0, 1], A[0, 2, 3], A[0, 3, 0] = 0.9, 0.2, 0.01
    fig = head_view(A, ["head 1"], ["a", "b", "c", "d"], min_weight=0.05)
    lines = [t for t in fig.data if t.mode == "lines" and t.x is not None and len(t.x) > 1]
    assert len(lines) == 2  # the 0.01 weight is below min_weight
    widths = {tuple(np.asarray(t.y)[:2]): t.line.width for t in lines}
    assert widths[(0, -1)] > widths[(-2, -3)]
    only_query_2 = head_view(A, ["head 1"], ["a", "b", "c", "d"], query_index=2)
    assert [tuple(np.asarray(t.y)[:2]) for t in only_query_2.data if t.mode == "lines" and len(t.x) > 1] == [(-2, -3)]


def test_token_focus_figures_and_table():
    A = attentions()
    focus = token_focus(A, 2)
    heat = token_focus_heatmap(focus, TOKENS).to_dict()["data"][0]
    np.testing.assert_array_equal(array(heat["z"]), A[:, :, 2].max(-1))
    assert heat["text"][0][0] == safe_label(TOKENS[A[0, 0, 2].argmax()])
    rows = token_focus_rows(focus, TOKENS).to_dict()["data"][0]
    np.testing.assert_array_equal(array(rows["z"]), A[:, :, 2].reshape(6, 6))
    frame = token_focus_frame(focus, TOKENS)
    assert len(frame) == 6 and frame["weight"].to_numpy() == pytest.approx(A[:, :, 2].max(-1).ravel())


def test_matrix_frame_round_trips():
    A = attentions()[0, 0]
    frame = matrix_frame(A, TOKENS, TOKENS)
    np.testing.assert_array_equal(frame["weight"].to_numpy().reshape(6, 6), A)


def test_embedding_heatmaps_show_dims_by_tokens_for_each_part():
    rng = np.random.default_rng(0)
    parts = {name: rng.normal(size=(6, 8)).astype(np.float32) for name in
             ("word_embeddings", "token_type_embeddings", "position_embeddings", "embedding_sum")}
    fig = embedding_parts_heatmaps(parts, TOKENS).to_dict()
    assert len(fig["data"]) == 4
    for trace, part in zip(fig["data"], parts.values()):
        np.testing.assert_array_equal(array(trace["z"]), part.T)
    bound = np.percentile(np.abs(np.concatenate([p.ravel() for p in parts.values()])), 99)  # robust range
    assert fig["layout"]["coloraxis"]["cmin"] == pytest.approx(-bound)
    frame = norms_frame(parts, TOKENS)
    assert frame.loc[frame["part"] == "token embedding", "norm"].to_numpy() == pytest.approx(
        np.linalg.norm(parts["word_embeddings"], axis=1))
    assert len(norms_chart(parts, TOKENS).data) == 4


def test_pca_scatter_plots_given_coordinates():
    coords = np.arange(12, dtype=np.float32).reshape(6, 2)
    fig = pca_scatter({"a": (coords, np.array([0.5, 0.2])), "b": (coords * 2, np.array([0.4, 0.1]))},
                      TOKENS, np.array([0, 0, 0, 1, 1, 1]))
    second = [trace for trace in fig.data if trace.xaxis == "x2"]  # panel "b", one trace per segment
    np.testing.assert_array_equal(np.concatenate([array(trace.x) for trace in second]), coords[:, 0] * 2)
    assert "&lt;script&gt; (3)" in fig.data[1].text


def test_positional_charts():
    table = np.random.default_rng(0).normal(size=(10, 4)).astype(np.float32)
    frame = curves_frame(table, [0, 3], sinusoidal=True)
    assert set(frame["dimension"]) == {"dim 0 (sin)", "dim 3 (cos)"}
    assert set(curves_frame(table, [0, 3], sinusoidal=False)["dimension"]) == {"dim 0", "dim 3"}
    assert frame.loc[frame["dim"] == 3, "value"].to_numpy() == pytest.approx(table[:, 3])
    spec = position_curves(frame, "t").to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["field"] == "position"
    np.testing.assert_array_equal(array(position_dimension_heatmap(table, "t").data[0].z), table)
    # 4-term float32 dot products, any summation order: Higham's gamma_4 x sum |a_i b_i| (rtol fails near 0)
    np.testing.assert_allclose(array(position_similarity(table, "t").data[0].z), table @ table.T, rtol=0,
                               atol=gamma(4) * (np.abs(table) @ np.abs(table).T).max())


def test_arithmetic_and_context_charts_carry_the_steps():
    rng = np.random.default_rng(3)
    steps = attention_row_steps(rng.normal(size=4), rng.normal(size=(6, 4)), rng.normal(size=(6, 4)))
    fig = arithmetic_chart(steps, TOKENS, steps.probs)
    np.testing.assert_array_equal(array(fig.data[0].y), steps.dot)
    np.testing.assert_array_equal(array(fig.data[3].y), steps.probs)  # step 4, after q·k, ÷√d_k and the mask
    np.testing.assert_array_equal(array(context_chart(steps.context, steps.context).data[0].y), steps.context)


def test_arithmetic_chart_on_a_three_key_example_worked_by_hand():
    """Keys scaled so the scaled scores are 0, ln 2 and 2 ln 2: softmax is then 1/7, 2/7, 4/7, and with
    v_j = 7 e_j the head output is (1, 2, 4). A masked third key leaves 1/3, 2/3 and (7/3, 14/3, 0)."""
    scale = np.sqrt(3) * np.log(2)
    query = np.array([1.0, 1.0, 0.0])
    keys = scale * np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [1.0, 1.0, 0.0]])  # q.k = scale x (0, 1, 2)
    values = 7 * np.eye(3)
    steps = attention_row_steps(query, keys, values)
    fig = arithmetic_chart(steps, TOKENS[:3], steps.probs)
    # float32 copies of float64 numbers of size <= 7: a rounding of at most eps x 7 / 2 = 4.2e-7
    np.testing.assert_allclose(array(fig.data[0].y), [0, scale, 2 * scale], atol=5e-7)
    np.testing.assert_allclose(array(fig.data[1].y), [0, np.log(2), 2 * np.log(2)], atol=5e-7)
    np.testing.assert_allclose(array(fig.data[3].y), [1 / 7, 2 / 7, 4 / 7], atol=5e-7)
    np.testing.assert_allclose(array(context_chart(steps.context, steps.context).data[0].y), [1, 2, 4], atol=5e-7)
    masked = attention_row_steps(query, keys, values, keep=np.array([True, True, False]))
    masked_fig = arithmetic_chart(masked, TOKENS[:3], masked.probs)
    np.testing.assert_allclose(array(masked_fig.data[3].y), [1 / 3, 2 / 3, 0], atol=5e-7)
    assert np.isnan(np.asarray(array(masked_fig.data[2].y), dtype=float)[2])  # step 3: the masked key (−∞) has no bar
    np.testing.assert_allclose(masked.context, [7 / 3, 14 / 3, 0], atol=5e-7)


def test_mask_predictions_chart_one_panel_per_mask():
    fig = mask_predictions_chart([("position 3", ["cat", "dog"], [0.6, 0.3]), ("position 5", ["<b>"], [0.9])])
    assert len(fig.data) == 2
    np.testing.assert_allclose(array(fig.data[0].x), [0.6, 0.3])
    assert fig.data[1].y[0] == "&lt;b&gt;"
