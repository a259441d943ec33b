"""The Fine-tuning page in headless Chromium: a live run trained from the Train button in English and Korean, ending
beside the random-weights run with no error box; a second browser session asking while a run trains reads its
place in line, and both runs end on their pages.
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
QUEUE_STEPS = 150  # the recipe's own cap: the queue test needs a run that lasts
WAIT = 600  # seconds: a loaded machine trains slowly; only a hang waits this long
# [CLS] attention and probabilities, the learning curve where it is shipped, the names' tags where a token
# classifier is shipped; then the run's training chart
CHARTS_BEFORE = 2 + CURVE_PATH.is_file() + (CURVE_PATH.parent / "finetuned" / "tiny-bert-feeling-tags").is_dir()
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


def query(base: str, lang: str, seed: int, examples: int = 16) -> str:
    return f"model={quote(base)}&text={quote(STORY)}&examples={examples}&seed={seed}&lang={lang}"


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


# Seen in the second session while the first trains; every DOM change is checked, so a queued bar that lasts less
# than a poll is still seen.
SEEN_QUEUED = """
const expected = arguments[0];
window.__queuedSeen = document.body.innerText.includes(expected);
new MutationObserver(() => {
  if (!window.__queuedSeen && document.body.innerText.includes(expected)) { window.__queuedSeen = true; }
}).observe(document.body, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture(scope="module")
def queue_server(tmp_path_factory):
    """(server URL, base folder) for a dashboard whose live runs may take the recipe's QUEUE_STEPS steps, so that
    the first browser's run (1024 examples) still trains when the second browser's click reaches the server."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver")
    root = tmp_path_factory.mktemp("finetune-queue")
    base = save_tiny_hf_model(root / "tiny-base")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_FINETUNE_MAX_STEPS", str(QUEUE_STEPS))
        with dashboard_server([str(base)], log_path=root / "server.log", timeout=WAIT) as url:
            yield url, str(base)


def metric_count(driver) -> int:
    from selenium.webdriver.common.by import By

    return len(driver.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]'))


def progress_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stProgress"]'))


def test_a_second_sessions_run_waits_in_line_with_its_position_and_is_not_lost(queue_server):
    """The first browser's run trains; the second browser presses Train meanwhile and reads that one run trains
    before its own; then both runs end on their pages."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, base = queue_server
    queued = label("finetune.queued", "en", ahead=1)
    training = label("finetune.phase.pretrained", "en") + ":"  # the running run's bar: "starting…" or a step
    with chromium() as first, chromium() as second:
        for driver, seed, examples in ((first, 7, 1024), (second, 8, 16)):
            driver.set_script_timeout(WAIT)
            open_page(driver, url, "fine_tuning", query(base, "en", seed, examples), min_plotly=CHARTS_BEFORE,
                      timeout=WAIT)
        second.execute_script(SEEN_QUEUED, queued)
        press_train(first, "en")
        WebDriverWait(first, WAIT, poll_frequency=POLL).until(lambda d: training in progress_text(d))
        press_train(second, "en")
        WebDriverWait(second, WAIT, poll_frequency=POLL).until(
            lambda d: d.execute_script("return window.__queuedSeen === true") or metric_count(d) == 2)
        assert second.execute_script("return window.__queuedSeen === true"), \
            f"the second run never waited: the first ended before it was asked for ({page_state(second)})"
        bars = second.find_elements(By.CSS_SELECTOR, '[data-testid="stProgress"]')
        if bars and queued in bars[0].text:  # a viewport shot, quick enough to catch the bar while it waits
            second.execute_script("arguments[0].scrollIntoView({block: 'center'})", bars[0])
            second.save_screenshot(str(SCREENSHOTS / "fine_tuning_second_session_queued.png"))
        for driver in (first, second):
            wait_results(driver)
            assert page_problems(driver) == []
        full_page_screenshot(second, SCREENSHOTS, "fine_tuning_second_session")
