"""Real browser (headless Debian Chromium) on the translation, beam-search, coreference and compare pages:
each page opens with its charts drawn and no error box, a new sentence redraws them (the beam tree
with all its nodes), a script tag typed as the source runs nothing, and a screenshot per page is
saved under artifacts/screenshots/. Uses the helpers of tests/support/browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import browser as harness
from tests.support.builders import tiny_translator_folder

pytestmark = pytest.mark.browser

PAGES = {"translation": "translation", "beam_search": "beam_search", "coreference": "coreference",
         "compare": "compare"}
# compare: one figure holds both models' heads, then the parity chart
CHARTS = {"translation": 6, "beam_search": 2, "coreference": 3, "compare": 2}
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TREE_POINTS_JS = """
const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .find(c => c.querySelector('.gtitle') && c.querySelector('.gtitle').textContent.includes('K = '));
return chart ? chart.querySelectorAll('.scatterlayer .point').length : -1;
"""


@pytest.fixture(scope="module")
def browser(tiny_pretraining_folder, tmp_path_factory):
    translator = tiny_translator_folder(tmp_path_factory.mktemp("translator") / "tiny-translator-random")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_TRANSLATORS", str(translator))
        log = tmp_path_factory.mktemp("server") / "server.log"
        with harness.dashboard_server([str(tiny_pretraining_folder)], log_path=log) as url, \
                harness.chromium() as driver:
            yield url, driver


def shoot(driver, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000  # a real picture, not a blank page
    return path


@pytest.mark.parametrize("page", list(PAGES))
def test_page_opens_with_every_chart_drawn_and_no_error(browser, page):
    url, driver = browser
    counts = harness.open_page(driver, url, page, min_plotly=CHARTS[page], timeout=180)
    assert counts["drawn"] and counts["plotly"] >= CHARTS[page]
    # The harness's WebSocket hook saw the server finish the page's run (enter_sentence waits on it).
    assert driver.execute_script("return window.__scriptsFinished") >= 1
    assert harness.page_problems(driver) == []
    shoot(driver, f"part2_{page}")


def test_new_source_sentence_redraws_the_whole_tree(browser):
    url, driver = browser
    harness.open_page(driver, url, "beam_search", "beam=3&max_length=10", min_plotly=2, timeout=180)
    before = driver.execute_script(TREE_POINTS_JS)
    harness.enter_sentence(driver, "the black cat", label="Source sentence", min_plotly=2, redraw_all=True)
    after = driver.execute_script(TREE_POINTS_JS)
    title = driver.execute_script("return document.querySelector('.gtitle').textContent")
    assert before > 0 and after > 0 and "the black cat" in title
    assert harness.page_problems(driver) == []
    shoot(driver, "part2_beam_search_new_sentence")


def test_new_sentence_redraws_the_translation_and_bert_pages(browser):
    url, driver = browser
    harness.open_page(driver, url, "translation", min_plotly=CHARTS["translation"], timeout=180)
    # a causal sentence, so its twin (the pronoun section's second sentence) changes too and every chart redraws
    harness.enter_sentence(driver, "the cat didn't cross the street because it was too tired.", label="Source sentence",
                           min_plotly=CHARTS["translation"], redraw_all=True)
    assert harness.page_problems(driver) == []
    for page in ("coreference", "compare"):
        harness.open_page(driver, url, page, min_plotly=CHARTS[page], timeout=180)
        harness.enter_sentence(driver, "Mary gave John the book because he asked for it.",
                               min_plotly=CHARTS[page])
        assert harness.page_problems(driver) == []


def test_script_typed_as_source_runs_nothing(browser):
    url, driver = browser
    harness.open_page(driver, url, "beam_search", min_plotly=2, timeout=180)
    harness.enter_sentence(driver, "<script>alert(1)</script>", label="Source sentence")
    assert harness.alert_text(driver) is None
    warnings = driver.find_elements("css selector", '[data-testid="stAlertContentWarning"]')
    assert any("unknown word" in w.text for w in warnings)
    assert harness.page_problems(driver) == []
    shoot(driver, "part2_beam_search_script")


DECODER_CHART_JS = """
const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .find(c => c.querySelector('.gtitle') && c.querySelector('.gtitle').textContent.includes('masked self-attention'));
"""
CROSS_MARKS_JS = DECODER_CHART_JS + """
return chart ? [...chart.querySelectorAll('text')].filter(t => t.textContent.trim() === '×').length : -1;
"""
ROWS_JS = DECODER_CHART_JS + """
return chart ? [...chart.querySelectorAll('.yaxislayer-above .ytick')].filter(t => t.textContent).length : -1;
"""


def test_look_ahead_cross_is_drawn_on_the_masked_cells_only(browser):
    url, driver = browser
    harness.open_page(driver, url, "translation", "source=she+is+tired", min_plotly=CHARTS["translation"],
                      timeout=180)
    rows = driver.execute_script(ROWS_JS)  # T decoder positions: T (T - 1) / 2 cells above the diagonal
    marks = driver.execute_script(CROSS_MARKS_JS)
    assert rows > 1 and marks == rows * (rows - 1) // 2, (rows, marks)
    assert harness.page_problems(driver) == []
