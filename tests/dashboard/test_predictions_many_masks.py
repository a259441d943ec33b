"""The Masked LM chart with many [MASK] tokens: any number up to the model's length renders readably."""

from __future__ import annotations

import pytest

from dashboard.charts.predictions import MASK_PANELS_PER_ROW, mask_predictions_chart


def predictions(count: int, k: int = 5) -> list[tuple[str, list[str], list[float]]]:
    return [(f"[MASK] at {i}", [f"word{j}" for j in range(k)], [0.5 / (j + 1) for j in range(k)]) for i in range(count)]


@pytest.mark.parametrize("count", [1, 3, 9, 10, 20, 64, 510])
def test_every_mask_gets_its_own_readable_panel(count):
    fig = mask_predictions_chart(predictions(count))
    fig.to_json()  # Plotly validates the whole figure here
    assert len(fig.data) == count
    rows = -(-count // MASK_PANELS_PER_ROW)
    # Every panel keeps the same height in pixels, whatever the number of masks.
    assert fig.layout.height >= rows * (40 + 28 * 5)
    assert len(fig.layout.annotations) == count  # one title per panel
    axes = {bar.xaxis for bar in fig.data}
    assert len(axes) == count


def test_user_titles_are_text_not_html():
    fig = mask_predictions_chart([("<script>alert(1)</script>", ["<b>x</b>"], [0.4])] * 21)
    assert all("<script>" not in annotation.text for annotation in fig.layout.annotations)


def test_no_masks_gives_an_empty_chart():
    fig = mask_predictions_chart([])
    assert len(fig.data) == 0
