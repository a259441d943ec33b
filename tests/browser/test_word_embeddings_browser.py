"""Real browser (headless Debian Chromium) on the Word embeddings page, in English and Korean: the map and
the contextual chart drawn, no error box; a word outside the vocabulary shows a warning, not an error.
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = tmp_path_factory.mktemp("server") / "server.log"
    with harness.dashboard_server([], log_path=log) as url, harness.chromium() as driver:
        yield url, driver


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_draws_its_charts_without_an_error(browser, lang):
    url, driver = browser
    counts = harness.open_page(driver, url, "word_embeddings", f"lang={lang}", min_plotly=2, timeout=180)
    assert counts["drawn"] and counts["plotly"] >= 2
    assert harness.page_problems(driver) == []
    path = SHOTS / f"word_embeddings_{lang}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000


def test_unknown_word_is_a_warning(browser):
    from selenium.webdriver.common.by import By

    url, driver = browser
    harness.open_page(driver, url, "word_embeddings", "word=xyzzy", min_plotly=2, timeout=180)
    warnings = [e.text for e in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stAlertContentWarning"]')]
    assert any("'xyzzy' is not in the vocabulary" in text for text in warnings)
    assert harness.page_problems(driver) == []
