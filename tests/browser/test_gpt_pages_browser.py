"""The two GPT pages in headless Chromium, in English and Korean: every chart drawn, no error box, typed markup and
Korean shown as text. Full-page screenshots go to artifacts/browser/ (git-ignored).

The server offers the dashboard tests' default BERT and the shipped tiny-gpt when models/ has it, else a random
GPT-2 with its own byte-level BPE, named in DASHBOARD_GPTS as an operator would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.gpt.checkpoint import shipped_model_names
from dashboard.i18n import label
from tests.support.browser import (
    CHROMEDRIVER,
    CHROMIUM,
    alert_text,
    chromium,
    dashboard_server,
    enter_sentence,
    full_page_screenshot,
    open_page,
    page_problems,
)
from tests.support.gpt_checkpoints import save_tiny_gpt

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
CHARTS = {"gpt_next_word": 4, "gpt_vs_bert": 4}  # Plotly charts each page draws on its defaults
SCRIPT = "<script>alert(1)</script> the cat"


@pytest.fixture(scope="module")
def gpt_session(dashboard_models, tmp_path_factory):
    """(server URL, driver) for the dashboard offering the default BERT and a GPT."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(f"{CHROMIUM} and {CHROMEDRIVER} are needed: apt-get install chromium chromium-driver")
    root = tmp_path_factory.mktemp("gpt-browser")
    extra = "" if "tiny-gpt" in shipped_model_names() else str(save_tiny_gpt(root / "tiny-gpt-random"))
    models = [m for m in (dashboard_models["default"],) if m]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_GPTS", extra)  # the server copies the environment when it starts
        with dashboard_server(models, log_path=root / "server.log") as url, chromium() as driver:
            yield url, driver


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", list(CHARTS))
def test_gpt_page_draws_without_error(gpt_session, page, lang):
    from selenium.webdriver.common.by import By

    url, driver = gpt_session
    counts = open_page(driver, url, page, f"lang={lang}", min_plotly=CHARTS[page], timeout=300)
    assert counts["plotly"] == CHARTS[page]
    assert page_problems(driver) == []
    title = driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"] h1').text
    assert title == label(f"nav.{page}", lang)
    full_page_screenshot(driver, SCREENSHOTS, f"{page}_{lang}")


def test_typed_markup_is_text_and_never_runs(gpt_session):
    from selenium.webdriver.common.by import By

    url, driver = gpt_session
    open_page(driver, url, "gpt_next_word", min_plotly=CHARTS["gpt_next_word"], timeout=300)
    enter_sentence(driver, SCRIPT, label="Prompt", min_plotly=CHARTS["gpt_next_word"], timeout=180)
    assert alert_text(driver) is None
    assert page_problems(driver) == []
    tokens = driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"] [data-testid="stCode"]').text
    assert "<script>alert(1)</script>" in tokens.replace(" · ", "")  # read by the model, shown as text
    assert driver.execute_script("return [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False


def test_korean_prompt_shows_its_bytes(gpt_session):
    from selenium.webdriver.common.by import By

    url, driver = gpt_session
    open_page(driver, url, "gpt_next_word", min_plotly=CHARTS["gpt_next_word"], timeout=300)
    enter_sentence(driver, "그 동물은 피곤했다 😀", label="Prompt", min_plotly=CHARTS["gpt_next_word"], timeout=180)
    assert page_problems(driver) == []
    main = driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"]').text
    assert "⟨" in main or "동물" in main  # byte pieces in hex, or whole characters where the BPE merged them
    full_page_screenshot(driver, SCREENSHOTS, "gpt_next_word_korean_prompt")


def test_empty_prompt_is_a_message(gpt_session):
    from selenium.webdriver.common.by import By

    url, driver = gpt_session
    open_page(driver, url, "gpt_next_word", min_plotly=CHARTS["gpt_next_word"], timeout=300)
    enter_sentence(driver, "   ", label="Prompt", timeout=180)
    assert page_problems(driver) == []
    assert "Type a prompt" in driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"]').text
