"""Real browser (headless Debian Chromium): the Coreference page's own answer, minimal pair and causal test
(the button clicked, the progress bar run through, the result drawn), and the Masked LM page's head switches
with 40 [MASK] tokens, all without an error box. Uses the helpers of tests/support/browser.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support import browser as harness

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TIRED = "The animal didn't cross the street because it was too tired."
RUN = "Run the causal test"


@pytest.fixture(scope="module")
def browser(tiny_pretraining_folder, tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    log = tmp_path_factory.mktemp("server") / "server.log"
    with harness.dashboard_server([str(tiny_pretraining_folder)], log_path=log) as url, harness.chromium() as driver:
        yield url, driver, str(tiny_pretraining_folder)


def chart_titles(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('.gtitle, .annotation-text')].map(e => e.textContent);")


def test_coreference_page_runs_the_causal_test_without_error(browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, driver, model = browser
    harness.open_page(driver, url, "coreference", f"model={quote(model)}&text={quote(TIRED)}&ablate_k=1&draws=20",
                      min_plotly=5, timeout=300)
    titles = chart_titles(driver)
    assert any(title.startswith("the model's own answer:") for title in titles)
    assert "sentence 1: attention from it" in titles and "sentence 2: attention from it" in titles
    assert harness.page_problems(driver) == []
    driver.find_element(By.XPATH, f"//button[.//p[text()='{RUN}']]").click()
    WebDriverWait(driver, 600, poll_frequency=0.5).until(
        lambda d: d.find_elements(By.XPATH, "//*[contains(text(), 'random spread')]"))
    harness.wait_idle(driver, 120)
    harness.wait_charts(driver, min_plotly=6, timeout=120)
    assert not driver.find_elements(By.XPATH, f"//button[.//p[text()='{RUN}']]")
    assert any(title.startswith("chance") for title in chart_titles(driver))
    assert harness.page_problems(driver) == []
    driver.save_screenshot(str(SHOTS / "coreference_causal_test.png"))


def test_masked_lm_head_switches_with_forty_masks_without_error(browser):
    url, driver, model = browser
    text = quote("the cat " + " ".join(["[MASK]"] * 40) + " .")
    counts = harness.open_page(driver, url, "masked_lm", f"model={quote(model)}&text={text}&heads_off=L1H1,L2H4",
                               min_plotly=2, timeout=300)
    assert counts["plotly"] >= 2  # all-heads predictions and the before/after comparison
    legend = driver.execute_script("return [...document.querySelectorAll('.legendtext')].map(e => e.textContent);")
    assert "all heads" in legend and "2 head(s) off" in legend
    assert harness.page_problems(driver) == []
    driver.save_screenshot(str(SHOTS / "masked_lm_head_switches.png"))


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_lecture_example_is_answered_on_the_shipped_model(lang, tmp_path):
    """The lecture notes' sentence on the shipped tiny-bert, in English and Korean: the page answers it (which
    noun it picks is the model's figure, asserted in tests/core/test_tiny_bert.py), with no error box."""
    from core.data.stories_world import LECTURE_SENTENCE

    shipped = str(Path(__file__).resolve().parents[2] / "models" / "tiny-bert")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with harness.dashboard_server([shipped], log_path=tmp_path / "server.log") as url, harness.chromium() as driver:
        harness.open_page(driver, url, "coreference", f"model={quote(shipped)}&text={quote(LECTURE_SENTENCE)}"
                          f"&lang={lang}", min_plotly=5, timeout=300)
        prefix = "the model's own answer:" if lang == "en" else "모델 자신의 답:"
        answers = [title for title in chart_titles(driver) if title.startswith(prefix)]
        assert len(answers) == 1 and answers[0].split(":")[1].strip() in ("boy", "tree"), chart_titles(driver)
        assert harness.page_problems(driver) == []
        driver.save_screenshot(str(SHOTS / f"coreference_lecture_{lang}.png"))
