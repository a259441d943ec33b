"""Real browser (headless Chromium): the chart text a class reads, measured as rendered, on a BERT page with a
scatter and legends (Embeddings), one with panels side by side (Coreference) and the translator's (Translation),
on a student's screen and in presenter mode.

Every visible SVG text of every Plotly and Vega chart is read back with its computed font size, fill and the
chart's background (tests/support/legibility.py); the witness for colour is WCAG 2's contrast ratio. Fails on a
regression: a tick under its size, a grey under 4.5:1 (7:1 presenting), a label cut at its chart's edge, the
toolbar back over a title in presenter mode, or the sidebar left open there.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from tests.support import browser as harness
from tests.support.legibility import CHART_TEXT_JS, contrast_ratio

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHARTS = {"embeddings": 3, "coreference": 3, "translation": 6}
# Smallest size per role: a student's screen / the projector. "cell_number": numbers printed in cells and bars.
FLOORS = {
    "reading": {"tick": 14, "axis_title": 14, "annotation": 14, "label": 14, "title": 16, "legend": 14,
                "colorbar": 14, "cell_number": 11, "other": 11},
    "presenter": {"tick": 18, "axis_title": 18, "annotation": 18, "label": 18, "title": 20, "legend": 16,
                  "colorbar": 16, "cell_number": 14, "other": 16},
}
MIN_CONTRAST = {"reading": 4.5, "presenter": 7.0}
# Collapsed: the sidebar is off screen (or has no width) and the page's main block starts at the window's left.
SIDEBAR_COLLAPSED_JS = """
const bar = document.querySelector('[data-testid="stSidebar"]');
const main = document.querySelector('[data-testid="stMain"]').getBoundingClientRect();
const side = bar ? bar.getBoundingClientRect() : {right: 0, width: 0};
return {sidebar_right: side.right, sidebar_width: side.width, main_left: main.left};"""
MODEBARS_JS = "return document.querySelectorAll('.modebar-container .modebar-btn').length;"


def measure(driver) -> list[dict]:
    """Every chart text, with its contrast over its background."""
    records = driver.execute_script(CHART_TEXT_JS)
    for record in records:
        record["contrast"] = contrast_ratio(record["fill"], record["background"])
    return records


def summary(records: list[dict]) -> dict:
    """Per role: count, smallest size, lowest contrast (the numbers a failure message shows)."""
    by_role = defaultdict(list)
    for record in records:
        by_role[record["role"]].append(record)
    return {role: (len(rs), min(r["size"] for r in rs), round(min(r["contrast"] for r in rs), 2))
            for role, rs in by_role.items()}


@pytest.mark.parametrize("mode", ["reading", "presenter"])
@pytest.mark.parametrize("page", list(CHARTS))
def test_chart_text_sizes_contrast_and_room(browser_session, page, mode):
    url, driver = browser_session
    query = "presenter=true" if mode == "presenter" else ""
    harness.open_page(driver, url, page, query, min_plotly=CHARTS[page], timeout=300)
    assert harness.page_problems(driver) == []
    records = measure(driver)
    assert records, "no chart text found"
    floors, contrast = FLOORS[mode], MIN_CONTRAST[mode]
    small = [(r["role"], r["text"], r["size"]) for r in records if r["size"] < floors.get(r["role"], 11)]
    assert not small, (summary(records), small[:10])
    # Numbers in cells sit on their cell's colour (Plotly picks black or white against it), not on the paper.
    faint = [(r["role"], r["text"], round(r["contrast"], 2)) for r in records
             if r["role"] != "cell_number" and r["contrast"] < contrast]
    assert not faint, (summary(records), faint[:10])
    cut = [(r["role"], r["text"]) for r in records if not r["inside"]]
    assert not cut, cut[:10]
    if mode == "presenter":
        assert driver.execute_script(MODEBARS_JS) == 0  # no toolbar to cover a title
        where = driver.execute_script(SIDEBAR_COLLAPSED_JS)
        assert (where["sidebar_right"] <= 1 or where["sidebar_width"] < 10) and where["main_left"] < 100, where
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"legibility_{page}_{mode}.png"))
