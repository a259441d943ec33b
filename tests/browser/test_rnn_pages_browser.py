"""Real browser (headless Debian Chromium) on the RNN & LSTM, Seq2seq & attention and flow pages, with the shipped
translators: each page opens with its charts drawn and no error box, in English and in Korean; a new source
sentence redraws them; a script tag typed as the source runs nothing. Full-page screenshots are saved under
artifacts/screenshots/. Uses the helpers of tests/support/browser.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

# Plotly charts each page draws at least: on the RNN page hidden state, gates, gate means and the two gradient
# charts of core/data/recurrent_gradients.json (`python -m benchmarks recurrence`).
CHARTS = {"rnn_lstm": 7, "seq2seq_attention": 7, "flow": 0}  # rnn_lstm: the vanilla RNN's two first
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
LONG = "he washes his fragile desks and his puppies that chase my rabbits do not find their wolf"  # held out
PAGE_HEIGHT_JS = """
const main = document.querySelector('[data-testid="stMain"]');
const block = main && main.querySelector('[data-testid="stMainBlockContainer"]');
return Math.max(document.body.scrollHeight, block ? block.scrollHeight + 120 : 0);
"""


@pytest.fixture(scope="module")
def browser(tiny_pretraining_folder, tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = tmp_path_factory.mktemp("server") / "server.log"
    with harness.dashboard_server([str(tiny_pretraining_folder)], log_path=log) as url, \
            harness.chromium() as driver:
        yield url, driver


def full_page_shot(driver, path: Path, width: int = 1500) -> Path:
    """The whole page, not only the window: the window is made as tall as the page, then restored."""
    height = driver.get_window_size()["height"]
    driver.set_window_size(width, min(int(driver.execute_script(PAGE_HEIGHT_JS)), 16000))
    harness.wait_charts(driver)
    harness.after_paint(driver)
    driver.save_screenshot(str(path))
    driver.set_window_size(width, height)
    assert path.stat().st_size > 10_000  # a real picture, not a blank page
    return path


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", list(CHARTS))
def test_page_opens_with_every_chart_drawn_and_no_error(browser, page, lang):
    url, driver = browser
    query = f"lang={lang}&source={quote(LONG)}" if page != "flow" else f"lang={lang}"
    counts = harness.open_page(driver, url, page, query, min_plotly=CHARTS[page], timeout=240)
    assert counts["drawn"] and counts["plotly"] >= CHARTS[page]
    assert harness.page_problems(driver) == []
    full_page_shot(driver, SHOTS / f"rnn_{page}_{lang}.png")


def test_flow_links_open_the_pages(browser):
    url, driver = browser
    harness.open_page(driver, url, "flow", timeout=240)
    links = driver.find_elements("css selector", '[data-testid="stPageLink-NavLink"]')
    hrefs = {link.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for link in links}
    assert {"rnn_lstm", "seq2seq_attention", "translation", "masked_lm"} <= hrefs


def test_new_source_redraws_the_seq2seq_page(browser):
    url, driver = browser
    harness.open_page(driver, url, "seq2seq_attention", min_plotly=CHARTS["seq2seq_attention"], timeout=240)
    before = driver.execute_script("return document.querySelector('[data-testid=\"stMain\"]').innerText")
    harness.enter_sentence(driver, "the small dog eats the red apple", label="Source sentence",
                           min_plotly=CHARTS["seq2seq_attention"], timeout=240)
    after = driver.execute_script("return document.querySelector('[data-testid=\"stMain\"]').innerText")
    assert "the small dog eats the red apple" in after and after != before
    assert harness.page_problems(driver) == []


def test_script_typed_as_source_runs_nothing(browser):
    url, driver = browser
    harness.open_page(driver, url, "rnn_lstm", min_plotly=CHARTS["rnn_lstm"], timeout=240)
    harness.enter_sentence(driver, "<script>alert(1)</script>", label="Source sentence", timeout=240)
    assert harness.alert_text(driver) is None
    warnings = driver.find_elements("css selector", '[data-testid="stAlertContentWarning"]')
    assert any("unknown word" in w.text for w in warnings)
    assert harness.page_problems(driver) == []
