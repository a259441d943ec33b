"""The Fine-tuning page in headless Chromium: a live run trained from the Train button in English and Korean, ending
beside the random-weights run with no error box; two browser sessions asking at once both get their runs.
Full-page screenshots go to artifacts/browser/ (git-ignored).

The server fine-tunes a random tiny BERT (tests/conftest.py's builder) for two steps (DASHBOARD_FINETUNE_MAX_STEPS)
and offers it fine-tuned as a shipped checkpoint (DASHBOARD_FINETUNED), as an operator would.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from core.finetune.curve import CURVE_PATH
from dashboard.i18n import label
from tests.support.browser import (
    CHROMEDRIVER,
    CHROMIUM,
    POLL,
    after_paint,
    chromium,
    dashboard_server,
    full_page_screenshot,
    open_page,
    page_problems,
    page_state,
    wait_charts,
    wait_idle,
)
from tests.support.builders import save_tiny_hf_model

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
STORY = "Mary beat Tom in the race. How did Tom feel?"
STEPS = 2
WAIT = 600  # seconds: a loaded machine trains slowly; only a hang waits this long
# [CLS] attention and probabilities, the learning curve where it is shipped; then the run's training chart
CHARTS_BEFORE = 2 + CURVE_PATH.is_file()
CHARTS_AFTER = CHARTS_BEFORE + 1


@pytest.fixture(scope="module")
def finetune_server(tmp_path_factory):
    """(server URL, the base model's folder) for a dashboard that fine-tunes a tiny BERT live."""
    from core.finetune import FinetuneConfig, finetune, save_finetuned

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver")
    root = tmp_path_factory.mktemp("finetune-browser")
    base = save_tiny_hf_model(root / "tiny-base")
    result = finetune(FinetuneConfig(model=str(base), examples=16, seed=0, max_steps=STEPS))
    finetuned = save_finetuned(result, root / "tiny-feelings")
    with pytest.MonkeyPatch.context() as patch:  # the server copies the environment when it starts
        patch.setenv("DASHBOARD_FINETUNED", str(finetuned))
        patch.setenv("DASHBOARD_FINETUNE_MAX_STEPS", str(STEPS))
        with dashboard_server([str(base)], log_path=root / "server.log", timeout=WAIT) as url:
            yield url, str(base)


def query(base: str, lang: str, seed: int) -> str:
    return f"model={quote(base)}&text={quote(STORY)}&examples=16&seed={seed}&lang={lang}"


def press_train(driver, lang: str) -> None:
    from selenium.webdriver.common.by import By

    name = label("finetune.train", lang)
    buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stMain"] button') if b.text == name]
    assert len(buttons) == 1, page_state(driver)
    buttons[0].click()


def wait_results(driver, timeout: float = WAIT) -> None:
    """Until the run's two held-out accuracies are on the page and every chart is drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=POLL).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]')) == 2)
    wait_idle(driver, timeout)
    wait_charts(driver, CHARTS_AFTER, timeout=timeout)
    after_paint(driver)


@pytest.mark.parametrize(("lang", "seed"), [("en", 3), ("ko", 4)])
def test_a_live_run_trains_from_the_button_without_error(finetune_server, lang, seed):
    from selenium.webdriver.common.by import By

    url, base = finetune_server
    with chromium() as driver:
        driver.set_script_timeout(WAIT)  # after_paint waits for two frames: slow on a loaded machine
        counts = open_page(driver, url, "fine_tuning", query(base, lang, seed), min_plotly=CHARTS_BEFORE,
                           timeout=WAIT)
        assert counts["plotly"] == CHARTS_BEFORE and page_problems(driver) == []
        title = driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"] h1').text
        assert title == label("finetune.title", lang)
        full_page_screenshot(driver, SCREENSHOTS, f"fine_tuning_{lang}_before")
        press_train(driver, lang)
        wait_results(driver)
        assert page_problems(driver) == []
        metrics = [m.text for m in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]')]
        for method, metric in zip(("pretrained", "random"), metrics):
            assert label("finetune.heldout_accuracy", lang, phase=label(f"finetune.phase.{method}", lang)) in metric
        full_page_screenshot(driver, SCREENSHOTS, f"fine_tuning_{lang}_trained")


def test_two_sessions_asking_at_once_both_get_their_runs(finetune_server):
    """Two browsers press Train one after the other: the server trains one run at a time, the second waits in
    line (or, on a fast machine, starts once the first ended), and neither run is lost."""
    url, base = finetune_server
    with chromium() as first, chromium() as second:
        for driver, seed in ((first, 5), (second, 6)):
            driver.set_script_timeout(WAIT)
            open_page(driver, url, "fine_tuning", query(base, "en", seed), min_plotly=CHARTS_BEFORE, timeout=WAIT)
        press_train(first, "en")
        press_train(second, "en")
        for driver in (first, second):
            wait_results(driver)
            assert page_problems(driver) == []
        full_page_screenshot(second, SCREENSHOTS, "fine_tuning_second_session")
