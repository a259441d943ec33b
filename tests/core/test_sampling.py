"""Temperature, top-k and top-p against a hand computation and against transformers' logits warpers."""

from __future__ import annotations

import math

import pytest
import torch

from core.sampling import choose_next, next_token_distribution

PROBS = [0.5, 0.2, 0.15, 0.1, 0.05]
LOGITS = torch.log(torch.tensor(PROBS))


def close(actual: torch.Tensor, expected: list[float]) -> bool:
    return torch.allclose(actual, torch.tensor(expected, dtype=torch.float32), atol=1e-6)


def test_temperature_takes_the_t_th_root_of_the_probabilities():
    roots = [p ** 0.5 for p in PROBS]  # softmax(log p / 2) = sqrt(p) / sum sqrt(p)
    assert close(next_token_distribution(LOGITS, temperature=2.0).filtered, [r / sum(roots) for r in roots])
    squares = [p ** 2 for p in PROBS]
    assert close(next_token_distribution(LOGITS, temperature=0.5).filtered, [s / sum(squares) for s in squares])


def test_top_k_keeps_the_k_most_probable_renormalised():
    result = next_token_distribution(LOGITS, top_k=2)
    assert close(result.filtered, [5 / 7, 2 / 7, 0, 0, 0])
    assert close(result.probs, PROBS) and result.keep.tolist() == [True, True, False, False, False]


def test_top_p_keeps_the_smallest_set_reaching_p():
    # masses before each token, most probable first: 0, 0.5, 0.7, 0.85, 0.95
    assert close(next_token_distribution(LOGITS, top_p=0.8).filtered, [0.5 / 0.85, 0.2 / 0.85, 0.15 / 0.85, 0, 0])
    assert close(next_token_distribution(LOGITS, top_p=0.6).filtered, [5 / 7, 2 / 7, 0, 0, 0])
    assert close(next_token_distribution(LOGITS, top_p=0.3).filtered, [1, 0, 0, 0, 0])  # the top token always stays


def test_top_p_is_measured_after_top_k():
    # top-k 3 leaves 0.5, 0.2, 0.15 -> 0.588, 0.235, 0.176; masses before: 0, 0.588, 0.824, so p = 0.8 keeps two,
    # where on the full distribution it keeps three
    assert close(next_token_distribution(LOGITS, top_k=3, top_p=0.8).filtered, [5 / 7, 2 / 7, 0, 0, 0])


@pytest.mark.parametrize("temperature, top_k, top_p", [(0.7, None, 0.9), (1.3, 17, None), (1.0, 40, 0.5)])
def test_kept_tokens_equal_transformers_warpers(temperature, top_k, top_p):
    from transformers import TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

    logits = torch.randn(4, 101, generator=torch.Generator().manual_seed(0)) * 3  # (B, V)
    theirs = TemperatureLogitsWarper(temperature)(None, logits.clone())
    if top_k is not None:
        theirs = TopKLogitsWarper(top_k)(None, theirs)
    if top_p is not None:
        theirs = TopPLogitsWarper(top_p)(None, theirs)
    ours = next_token_distribution(logits, temperature, top_k, top_p)
    assert torch.equal(ours.keep, torch.isfinite(theirs))
    assert torch.allclose(ours.filtered, torch.softmax(theirs, dim=-1), atol=1e-6)


def test_choose_next_is_greedy_at_zero_and_draws_only_kept_tokens():
    logits = LOGITS.expand(2000, -1)  # (B, V)
    assert choose_next(logits[:1], temperature=0).item() == 0
    draws = choose_next(logits, temperature=1.0, top_k=3, generator=torch.Generator().manual_seed(0))
    counts = torch.bincount(draws, minlength=5).float() / 2000
    assert counts[3:].sum() == 0
    expected = torch.tensor([0.5, 0.2, 0.15]) / 0.85
    # binomial standard error of a frequency from 2000 draws is at most sqrt(0.25 / 2000) ~ 0.011; 4 of them
    assert (counts[:3] - expected).abs().max() <= 4 * math.sqrt(0.25 / 2000)
    again = choose_next(logits, temperature=1.0, top_k=3, generator=torch.Generator().manual_seed(0))
    assert torch.equal(draws, again)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="top-k"):
        next_token_distribution(LOGITS, top_k=0)
    with pytest.raises(ValueError, match="top-p"):
        next_token_distribution(LOGITS, top_p=1.5)
    with pytest.raises(ValueError, match="temperature"):
        next_token_distribution(LOGITS, temperature=-1.0)
