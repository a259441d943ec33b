"""core.analysis.attention_maps: rollout, token focus, hiding specials, one attention row recomputed, PCA."""

from __future__ import annotations

import numpy as np
import pytest

from core.analysis.attention_maps import (
    attention_rollout,
    attention_row_steps,
    block_mean,
    hide_tokens,
    pca_2d,
    special_token_mask,
    stack_attentions,
    token_focus,
)
from tests.support.tolerances import FLOAT32_EPS, attention_row_bounds


def random_attention(L=3, H=2, T=5, seed=0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(L, H, T, T)).astype(np.float32)
    weights = np.exp(logits)
    return weights / weights.sum(-1, keepdims=True)


def test_rollout_matches_the_paper_by_hand():
    A = random_attention()
    identity = np.eye(5)
    expected = identity
    for layer in range(3):
        mixed = 0.5 * identity + 0.5 * A[layer].mean(0)
        mixed /= mixed.sum(-1, keepdims=True)
        expected = mixed @ expected
    rollout = attention_rollout(A)
    assert rollout.shape == (3, 5, 5) and rollout.dtype == np.float32
    # float32 against float64, values <= 1: per layer a 2-head mean, a 5-term normalising sum and division, a
    # 5-term product (~12 roundings); 3 layers x 12 x eps 1.19e-7 = 4.3e-6
    np.testing.assert_allclose(rollout[-1], expected, atol=3 * 12 * FLOAT32_EPS, rtol=0)
    np.testing.assert_allclose(rollout.sum(-1), 1.0, atol=1e-5)


def test_rollout_and_hiding_on_a_three_token_example_worked_by_hand():
    """Abnar & Zuidema's rollout on numbers small enough to multiply on paper. Every number is a dyadic
    fraction, exact in float32, so the only error allowed is a few roundings of a 3-term sum (< 1e-6)."""
    layer_1 = np.array([[[1, 0, 0], [1, 0, 0], [0, 0, 1]],
                        [[1, 0, 0], [0, 1, 0], [0.5, 0.5, 0]]], dtype=np.float32)  # head mean: rows below
    # mean over heads = [[1, 0, 0], [.5, .5, 0], [.25, .25, .5]]; with the residual, 0.5 I + 0.5 mean:
    rolled_1 = [[1, 0, 0], [0.25, 0.75, 0], [0.125, 0.125, 0.75]]
    shift = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=np.float32)  # token i reads token i + 1
    # 0.5 I + 0.5 shift = [[.5, .5, 0], [0, .5, .5], [.5, 0, .5]], times rolled_1:
    rolled_2 = [[0.625, 0.375, 0], [0.1875, 0.4375, 0.375], [0.5625, 0.0625, 0.375]]
    rollout = attention_rollout(np.stack([layer_1, np.stack([shift, shift])]))
    np.testing.assert_allclose(rollout, [rolled_1, rolled_2], atol=1e-6)
    A = np.array([[0.5, 0.25, 0.25], [0.2, 0.6, 0.2], [0.1, 0.3, 0.6]], dtype=np.float32)
    keep = np.array([False, True, True])
    np.testing.assert_allclose(hide_tokens(A, keep, renormalise=False), [[0.6, 0.2], [0.3, 0.6]], atol=1e-7)
    # rows 0.6 + 0.2 = 0.8 and 0.3 + 0.6 = 0.9 rescaled to sum to one
    np.testing.assert_allclose(hide_tokens(A, keep, renormalise=True), [[0.75, 0.25], [1 / 3, 2 / 3]], atol=1e-6)
    two_heads = np.stack([A, [[0.1, 0.1, 0.8], [0.7, 0.1, 0.2], [0.3, 0.3, 0.4]]]).astype(np.float32)[None]
    focus = token_focus(two_heads, 1)  # what token 1 attends to most, in each head
    assert focus.top_key_index.tolist() == [[1, 0]]
    np.testing.assert_allclose(focus.top_weight, [[0.6, 0.7]], atol=1e-7)


def test_rollout_of_identity_attention_is_identity():
    A = np.broadcast_to(np.eye(4, dtype=np.float32), (2, 3, 4, 4)).copy()
    np.testing.assert_allclose(attention_rollout(A)[-1], np.eye(4), atol=1e-7)


def test_hide_tokens_drops_rows_and_columns_and_renormalises():
    A = random_attention(L=1, H=1, T=4)[0, 0]
    keep = np.array([False, True, True, False])
    kept = hide_tokens(A, keep, renormalise=False)
    np.testing.assert_array_equal(kept, A[1:3, 1:3])
    renormalised = hide_tokens(A, keep, renormalise=True)
    np.testing.assert_allclose(renormalised.sum(-1), 1.0, atol=1e-6)
    np.testing.assert_allclose(renormalised, A[1:3, 1:3] / A[1:3, 1:3].sum(-1, keepdims=True), atol=1e-7)


def test_special_token_mask():
    assert special_token_mask(["[CLS]", "it", "[SEP]", "b", "[SEP]"]).tolist() == [True, False, True, False, True]


def test_token_focus_finds_the_top_key_and_respects_hidden_keys():
    A = random_attention(L=2, H=3, T=6)
    focus = token_focus(A, 4)
    np.testing.assert_array_equal(focus.top_key_index, A[:, :, 4].argmax(-1))
    np.testing.assert_allclose(focus.top_weight, A[:, :, 4].max(-1))
    keep = np.ones(6, dtype=bool)
    keep[focus.top_key_index[0, 0]] = False
    assert token_focus(A, 4, key_keep=keep).top_key_index[0, 0] != focus.top_key_index[0, 0]
    with pytest.raises(IndexError):
        token_focus(A, 6)


def test_block_mean_averages_blocks_including_ragged_edges():
    m = np.arange(25, dtype=np.float32).reshape(5, 5)
    pooled = block_mean(m, 2)
    assert pooled.shape == (3, 3)
    assert pooled[0, 0] == pytest.approx(m[:2, :2].mean())
    assert pooled[2, 2] == pytest.approx(m[4, 4])
    assert pooled[0, 2] == pytest.approx(m[:2, 4].mean())
    assert block_mean(m, 1) is m


def test_attention_row_steps_reproduce_the_model(tiny_pretraining_folder):
    from core.bert.pipeline import load_pipeline

    pipeline = load_pipeline(str(tiny_pretraining_folder))
    trace, _ = pipeline.trace("the animal didn't cross the street because it was too tired .", record_all=True)
    record = trace.attention_records[1]
    head, query_index = 2, 8
    steps = attention_row_steps(record.query[0, head, query_index].numpy(), record.key[0, head].numpy(),
                                record.value[0, head].numpy())
    model_row = record.probs[0, head, query_index].numpy()
    # float64 against the model's float32: Higham's bound from this row's own numbers, whatever the CPU
    bound = attention_row_bounds(record.query[0, head, query_index].numpy(), record.key[0, head].numpy(),
                                 record.value[0, head].numpy(), model_row)
    np.testing.assert_allclose(steps.scaled, record.scores[0, head, query_index].numpy(), atol=bound.scores, rtol=0)
    np.testing.assert_allclose(steps.probs, model_row, atol=bound.probs, rtol=0)
    np.testing.assert_allclose(steps.context, record.context[0, head, query_index].numpy(), atol=bound.context, rtol=0)
    assert steps.d_k == pipeline.model.config.head_size
    np.testing.assert_allclose(steps.scaled, steps.dot / np.sqrt(steps.d_k), rtol=1e-6)


def test_attention_row_steps_mask_gives_zero_weight():
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=4), rng.normal(size=(5, 4)), rng.normal(size=(5, 4))
    keep = np.array([True, True, False, True, False])
    steps = attention_row_steps(q, k, v, keep)
    assert steps.probs[~keep].tolist() == [0.0, 0.0]
    assert steps.probs.sum() == pytest.approx(1.0, abs=1e-6)
    assert np.isneginf(steps.masked[~keep]).all()


def test_stack_attentions_takes_batch_item_zero():
    import torch

    layers = [torch.rand(2, 3, 4, 4) for _ in range(2)]
    stacked = stack_attentions(layers)
    assert stacked.shape == (2, 3, 4, 4)
    np.testing.assert_array_equal(stacked[1], layers[1][0].numpy())


def test_pca_2d_matches_svd_and_explained_variance():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(10, 6)) * np.array([5, 2, 1, 0.1, 0.1, 0.1])
    coords, ratio = pca_2d(x)
    centred = x - x.mean(0)
    variance = np.linalg.svd(centred, compute_uv=False) ** 2
    np.testing.assert_allclose(ratio, variance[:2] / variance.sum(), rtol=1e-5)
    np.testing.assert_allclose(np.abs(coords).sum(0), np.abs(centred @ np.linalg.svd(centred)[2][:2].T).sum(0),
                               rtol=1e-4)
    assert pca_2d(np.ones((3, 4)))[0].shape == (3, 2)  # degenerate input: zeros, no crash
