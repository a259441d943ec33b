"""Drive the real dashboard in headless Chromium: start a server, open pages, type a sentence, wait for idle.

Used by tests/test_browser.py and benchmarks/bench_browser.py (and any later page's browser test).
Waiting is on Streamlit's own messages and markers, never on sleeps: the browser counts the
``script_finished`` messages the server sends over the WebSocket (a hook installed before the page's
own code runs), then the page must be idle and every chart drawn. Watching the ``running`` state on
the page alone is not enough: on a slow machine React can batch ``running`` and ``notRunning`` into
one render, so a short run never shows as running (that made a CI run time out).
Selenium is a test requirement, so it is imported inside the functions.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from benchmarks.loadtest_server import free_port, wait_healthy  # one way to start and wait for a server

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
POLL = 0.02  # seconds between checks of a wait condition (WebDriverWait polls every 0.5 s by default)
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGES = {"home": "", "embeddings": "embeddings", "attention": "attention",
         "attention_arithmetic": "attention_arithmetic", "positional_encoding": "positional_encoding",
         "masked_lm": "masked_lm", "translation": "translation", "beam_search": "beam_search",
         "coreference": "coreference", "compare": "compare", "flow": "flow", "rnn_lstm": "rnn_lstm",
         "seq2seq_attention": "seq2seq_attention", "word_embeddings": "word_embeddings",
         "gpt_next_word": "gpt_next_word", "gpt_vs_bert": "gpt_vs_bert", "fine_tuning": "fine_tuning"}

# Installed in every new document before the page's scripts: counts the server's script_finished
# messages (ForwardMsg field 6, an enum; 2 = FINISHED_EARLY_FOR_RERUN is not a finished run) by
# reading the top-level protobuf fields of each binary WebSocket frame.
COUNT_FINISHED_RUNS_JS = """
window.__scriptsFinished = 0;
const NativeWebSocket = window.WebSocket;
function finishedStatus(bytes) {
  let i = 0;
  const varint = () => { let value = 0, shift = 0, b;
    do { b = bytes[i++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80 && i < bytes.length);
    return value; };
  while (i < bytes.length) {
    const tag = varint(), field = Math.floor(tag / 8), wire = tag % 8;
    if (wire === 0) { const value = varint(); if (field === 6) return value; }
    else if (wire === 2) { const length = varint(); i += length; }  // not i += varint(): i is read first
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return -1;
  }
  return -1;
}
class CountingWebSocket extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', event => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const status = finishedStatus(new Uint8Array(event.data));
      if (status >= 0 && status !== 2) window.__scriptsFinished += 1;
    });
  }
}
window.WebSocket = CountingWebSocket;
"""

# Counts finished runs from now on: script_finished messages when the hook above is installed,
# otherwise the page's state leaving 'running' (which a fast run may never show, see above).
WATCH_RUNS_JS = """
const app = document.querySelector('[data-testid="stApp"]');
window.__finishedRuns = 0;
window.__finishedBefore = window.__scriptsFinished;
if (window.__runObserver) window.__runObserver.disconnect();
// Read each record's old value: a fast run can flip running -> notRunning within one batch.
window.__runObserver = new MutationObserver(records => {
  for (const r of records) if (r.oldValue === 'running' && app.getAttribute('data-test-script-state') !== 'running')
    window.__finishedRuns += 1;
});
window.__runObserver.observe(app, {attributes: true, attributeOldValue: true,
                                   attributeFilter: ['data-test-script-state']});
if (arguments[0]) {  // require a redraw of every existing Plotly chart, not only a finished run
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    gd.__stale = true;
    if (!gd.__afterplotHooked) {
      gd.on('plotly_afterplot', () => { gd.__stale = false; });
      gd.__afterplotHooked = true;
    }
  }
}
"""

# True when every Plotly chart has its SVG and every Vega chart its canvas or SVG.
CHARTS_DRAWN_JS = """
const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
const vegas = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
const plotOk = plots.every(p => { const gd = p.querySelector('.js-plotly-plot');
  return gd && gd.querySelector('.main-svg') && !gd.__stale; });
const vegaOk = vegas.every(v => v.querySelector('canvas, svg.marks'));
return {plotly: plots.length, vega: vegas.length, drawn: plotOk && vegaOk};
"""


@contextmanager
def dashboard_server(models: list[str], port: int | None = None, log_path: Path | None = None, timeout: float = 60):
    """Run ``streamlit run dashboard/app.py`` offering ``models``; yields the base URL."""
    port = port or free_port()
    env = {**os.environ, "DASHBOARD_MODELS": " ".join(models), "HF_HUB_OFFLINE": "1"}
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log_path:
            log.close()


@contextmanager
def chromium(width: int = 1500, height: int = 1100):
    """Headless Debian Chromium through chromedriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                     "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_FINISHED_RUNS_JS})
        try:
            yield driver
        finally:
            driver.quit()


def wait_idle(driver, timeout: float = 60) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as conditions
    from selenium.webdriver.support.ui import WebDriverWait

    idle = conditions.presence_of_element_located((By.CSS_SELECTOR, IDLE))
    WebDriverWait(driver, timeout, poll_frequency=POLL).until(idle)


def wait_charts(driver, min_plotly: int = 0, min_vega: int = 0, timeout: float = 60) -> dict:
    """Wait until the page holds at least the given charts and every chart is drawn; returns the counts.

    Chart components load lazily, so a finished script run alone does not mean they are on the page.
    """
    from selenium.webdriver.support.ui import WebDriverWait

    def ready(d):
        counts = d.execute_script(CHARTS_DRAWN_JS)
        enough = counts["plotly"] >= min_plotly and counts["vega"] >= min_vega
        return counts if counts["drawn"] and enough else False

    return WebDriverWait(driver, timeout, poll_frequency=POLL).until(ready)


def after_paint(driver) -> None:
    """Return once the browser has painted the current DOM (two animation frames)."""
    driver.execute_async_script(
        "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")


def open_page(driver, base_url: str, page: str, query: str = "", min_plotly: int = 0, min_vega: int = 0,
              timeout: float = 90) -> dict:
    """Open a page (a key of PAGES), wait for the script to finish and the charts to be drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{base_url}/{PAGES[page]}{'?' + query if query else ''}")
    # Every page starts with a title: once it is there the page's script has run, at least in part.
    WebDriverWait(driver, timeout, poll_frequency=POLL).until(conditions.presence_of_element_located(
        (By.CSS_SELECTOR, '[data-testid="stMain"] h1')))
    # and once the server has said the run finished (when the WebSocket hook is there), it has run whole.
    WebDriverWait(driver, timeout, poll_frequency=POLL).until(
        lambda d: d.execute_script("return window.__scriptsFinished === undefined || window.__scriptsFinished >= 1"))
    wait_idle(driver, timeout)
    counts = wait_charts(driver, min_plotly, min_vega, timeout)
    after_paint(driver)
    return counts


def enter_sentence(driver, sentence: str, label: str = "Sentence A", min_plotly: int = 0, min_vega: int = 0,
                   redraw_all: bool = False, timeout: float = 90) -> dict:
    """Type ``sentence`` into the sidebar input, press Enter, wait for the run to finish and charts to draw.

    Returns the chart counts and ``seconds``: from the Enter key to the charts painted (typing, which
    is the user's time and selenium's, is not counted).

    redraw_all: also wait until every Plotly chart already on the page has redrawn (Plotly's
    ``plotly_afterplot`` event); use it on pages where every chart depends on the sentence.
    """
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as conditions
    from selenium.webdriver.support.ui import WebDriverWait

    # On a loaded machine the sidebar can mount after the page is idle: wait for the box, not just find it.
    try:
        box = WebDriverWait(driver, timeout, poll_frequency=POLL).until(conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, f'[data-testid="stSidebar"] input[aria-label="{label}"]')))
    except TimeoutException:
        raise TimeoutException(f"no input {label!r} in the sidebar within {timeout:.0f} s; "
                               f"{page_state(driver)}") from None
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    driver.execute_script(
        "const [box, value] = arguments;"
        "const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
        "setter.call(box, value); box.dispatchEvent(new Event('input', {bubbles: true}));", box, sentence)
    driver.execute_script(WATCH_RUNS_JS, redraw_all)
    started = time.perf_counter()
    box.send_keys(Keys.ENTER)
    try:
        WebDriverWait(driver, timeout, poll_frequency=POLL).until(lambda d: d.execute_script(RUNS_SINCE_JS) >= 1)
    except TimeoutException:
        raise TimeoutException(f"no script run finished within {timeout:.0f} s of pressing Enter in "
                               f"{label!r}; {page_state(driver)}") from None
    wait_idle(driver, timeout)
    counts = wait_charts(driver, min_plotly, min_vega, timeout)
    after_paint(driver)
    return {**counts, "seconds": time.perf_counter() - started}


RUNS_SINCE_JS = """
return window.__scriptsFinished === undefined ? window.__finishedRuns
  : Math.max(window.__finishedRuns, window.__scriptsFinished - window.__finishedBefore);
"""


def page_state(driver) -> str:
    """One line on what the page is doing, for a timeout's message."""
    state = driver.execute_script("""
const app = document.querySelector('[data-testid="stApp"]');
return {script: app && app.getAttribute('data-test-script-state'),
        connection: app && app.getAttribute('data-test-connection-state'),
        url: location.href, finishedRuns: window.__finishedRuns, scriptsFinished: window.__scriptsFinished,
        sidebar: [...document.querySelectorAll('[data-testid="stSidebar"]')].map(
          e => e.getAttribute('aria-expanded') + ':'
               + [...e.querySelectorAll('input')].map(i => i.getAttribute('aria-label')).join('|')),
        main: (document.querySelector('[data-testid="stMain"]') || {innerText: ''}).innerText.slice(0, 160)};""")
    return ", ".join(f"{key}={value}" for key, value in state.items())


def page_problems(driver) -> list[str]:
    """Texts of exception boxes and error alerts on the page (empty when the page is healthy)."""
    from selenium.webdriver.common.by import By

    boxes = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [box.text for box in boxes]


def alert_text(driver) -> str | None:
    """The text of an open JavaScript alert, or None when no alert is open."""
    from selenium.common.exceptions import NoAlertPresentException

    try:
        return driver.switch_to.alert.text
    except NoAlertPresentException:
        return None


def full_page_screenshot(driver, folder: Path, name: str) -> None:
    """The whole page, not only the window: the window is stretched to the page's height for the picture."""
    height = driver.execute_script(
        "const m = document.querySelector('[data-testid=\"stMainBlockContainer\"]'); return m ? m.scrollHeight : 0")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, max(1100, height + 200))
    wait_idle(driver)
    wait_charts(driver)
    after_paint(driver)
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))
    driver.set_window_size(width, 1100)
