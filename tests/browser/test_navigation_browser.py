"""The sidebar's navigation in headless Chromium: every page is visible at first sight, in sections that follow the
lecture's flow, with section titles in the chosen language and URL paths that do not depend on it."""

from __future__ import annotations

import pytest

from dashboard.i18n import LABELS
from dashboard.navigation import SECTIONS
from tests.support.browser import open_page, page_problems

pytestmark = pytest.mark.browser

# The pages a visitor must find in the sidebar, written out here rather than read from the app: a page dropped
# from the navigation fails the test.
EXPECTED_PATHS = {"", "flow", "word_embeddings", "rnn_lstm", "seq2seq_attention", "translation", "beam_search",
                  "attention_arithmetic", "positional_encoding", "embeddings", "attention", "masked_lm", "coreference",
                  "compare", "gpt_next_word", "gpt_vs_bert", "fine_tuning"}


def sidebar_navigation(driver) -> tuple[list[str], list[str], list[str]]:
    """(section headers, link paths, texts of 'View more/less' buttons) as the sidebar shows them now."""
    from selenium.webdriver.common.by import By

    sidebar = driver.find_element(By.CSS_SELECTOR, '[data-testid="stSidebarNav"]')
    headers = [e.text.strip() for e in sidebar.find_elements(By.CSS_SELECTOR, '[data-testid="stNavSectionHeader"]')
               if e.is_displayed()]
    links = [e.get_attribute("href").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
             for e in sidebar.find_elements(By.CSS_SELECTOR, '[data-testid="stSidebarNavLink"]') if e.is_displayed()]
    toggles = [e.text for e in sidebar.find_elements(By.CSS_SELECTOR, "button") if "View" in e.text]
    return headers, links, toggles


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_page_is_visible_in_its_section(browser_session, lang):
    url, driver = browser_session
    open_page(driver, url, "home", query=f"lang={lang}", timeout=180)
    headers, links, toggles = sidebar_navigation(driver)
    assert toggles == []  # nothing folded behind "View N more"
    # The home page's link is the bare server address, so its last path piece is the port.
    paths = {"" if path.split(":")[-1].isdigit() else path for path in links}
    assert paths == EXPECTED_PATHS and len(links) == len(EXPECTED_PATHS)
    assert headers == [LABELS[f"nav.section.{section}"][lang] for section in SECTIONS]
    if lang == "ko":
        assert "Recurrent models" not in headers and "순환 모델" in headers
    assert page_problems(driver) == []
