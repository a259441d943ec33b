"""The real dashboard in headless Debian Chromium: every page, a new sentence, charts drawn, no error, no script run.

Screenshots go to artifacts/browser/ (git-ignored), one per page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.browser import (
    alert_text,
    enter_sentence,
    open_page,
    page_problems,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"
SENTENCE = "the cat sat on the [MASK] because it was too tired ."
SCRIPT = "<script>alert(1)</script> the cat sat"
# (page, Plotly charts, Vega charts) drawn after a sentence with one [MASK]
# (arithmetic: the q, k, v vectors, steps 1-4, step 5; positional: tiny-bert's position norms first)
EXPECTED = [("home", 0, 0), ("embeddings", 3, 0), ("attention", 1, 0), ("attention_arithmetic", 3, 0),
            ("positional_encoding", 5, 2), ("masked_lm", 1, 0)]


def labelled_selectbox(label: str) -> str:
    """XPath of the main area's selectbox with this label's input (its value is the shown choice); by label, as
    a student finds it: the page's presets selectbox stands before the pickers."""
    return (f'//*[@data-testid="stMain"]//*[@data-testid="stSelectbox"]'
            f'[.//*[@data-testid="stWidgetLabel"]//p[normalize-space()="{label}"]]//input')


def test_every_page_draws_after_a_new_sentence(browser_session):
    url, driver = browser_session
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    for page, plotly, vega in EXPECTED:
        open_page(driver, url, page, timeout=180)
        counts = enter_sentence(driver, SENTENCE, min_plotly=plotly, min_vega=vega, timeout=120)
        assert (counts["plotly"], counts["vega"]) == (plotly, vega), page
        assert page_problems(driver) == [], page
        assert quote(SENTENCE.split()[0]) in driver.current_url  # the sentence is mirrored in the URL
        driver.save_screenshot(str(SCREENSHOTS / f"{page}.png"))


def test_script_input_is_shown_as_text_and_never_runs(browser_session):
    from selenium.webdriver.common.by import By

    url, driver = browser_session
    open_page(driver, url, "embeddings", timeout=180)
    enter_sentence(driver, SCRIPT, min_plotly=3)
    assert alert_text(driver) is None
    assert page_problems(driver) == []
    box = driver.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"] input[aria-label="Sentence A"]')
    assert box.get_attribute("value") == SCRIPT
    # No element was created from the typed markup.
    assert driver.execute_script("return [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False
    driver.save_screenshot(str(SCREENSHOTS / "script_input.png"))


def test_empty_sentence_shows_a_message_not_an_error(browser_session):
    from selenium.webdriver.common.by import By

    url, driver = browser_session
    open_page(driver, url, "attention", timeout=180)
    enter_sentence(driver, "   ")
    assert page_problems(driver) == []
    assert "Type a sentence" in driver.find_element(By.CSS_SELECTOR, '[data-testid="stMain"]').text


def test_token_picker_follows_the_link_then_a_new_sentence(browser_session):
    """token=3 in the link picks position 3; a new sentence shows the new default ("it") in the
    picker itself, not only in the charts (the browser keeps a widget's old value unless told)."""
    from selenium.webdriver.common.by import By

    url, driver = browser_session
    picker = labelled_selectbox("Token to follow")
    open_page(driver, url, "attention", f"view=Token+focus&token=3&text={quote('a dog sat because it was tired .')}",
              min_plotly=2, timeout=180)
    assert driver.find_element(By.XPATH, picker).get_attribute("value") == "3: sat"
    enter_sentence(driver, "the cat was tired so it slept .", min_plotly=2)
    assert driver.find_element(By.XPATH, picker).get_attribute("value") == "6: it"
    assert "token=" not in driver.current_url and page_problems(driver) == []


def test_the_demo_sentence_fits_in_the_sentence_box(browser_session):
    """On a projector the whole demo sentence must be readable in the box (it was cut at "because i")."""
    from selenium.webdriver.common.by import By

    from dashboard.sidebar import DEFAULT_TEXT

    url, driver = browser_session
    open_page(driver, url, "home", timeout=180)
    box = driver.find_element(By.CSS_SELECTOR, '[data-testid="stSidebar"] input[aria-label="Sentence A"]')
    assert box.get_attribute("value") == DEFAULT_TEXT
    scroll, client = driver.execute_script("return [arguments[0].scrollWidth, arguments[0].clientWidth]", box)
    assert scroll <= client, (scroll, client)


def test_clicking_a_token_in_the_head_view_shows_only_its_lines(browser_session):
    """As in BertViz's head view, a click on a token's label isolates its lines; the picker follows."""
    import time

    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    url, driver = browser_session
    text = quote("the animal was tired because it was late .")
    open_page(driver, url, "attention", f"view=Head+view&text={text}", min_plotly=1, timeout=180)
    picker = labelled_selectbox("Lines of one token")
    assert driver.find_element(By.XPATH, picker).get_attribute("value").endswith(": it")
    labels = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stPlotlyChart"] g.textpoint text')
    animal = next(label for label in labels if label.text == "animal")  # the first (query) column
    ActionChains(driver).move_to_element(animal).click().perform()
    deadline = time.time() + 60
    while time.time() < deadline:
        values = [box.get_attribute("value") for box in driver.find_elements(By.XPATH, picker)]
        if values and values[0] == "2: animal":
            break
        time.sleep(0.5)
    assert driver.find_element(By.XPATH, picker).get_attribute("value") == "2: animal"
    assert page_problems(driver) == []
