"""Real-browser latency of the GPT next-word page: from pressing Enter on a new 32-token prompt to the next-token
chart drawn with the new distribution, and to the whole page done (generation, the beam tree, every head).

Model: the shipped tiny-gpt when models/tiny-gpt exists, else the folder named in BENCH_GPT (an export of a
training run), else a random stand-in of tiny-gpt's size (6 layers x 8 heads, width 192, 128 positions) with a
byte-level BPE learnt on a few sentences. The prompts are cut to exactly 32 tokens (the start token included),
each one new, so every timing runs the model. The next-token chart is watched in the page itself: a
requestAnimationFrame loop notes when its bars change, measured from the Enter key's own keydown event, so
Selenium's round trips are not counted. The machine's load average is printed with the figures. Target: the
chart within 0.5 s at 32 tokens.

Run: ``python -m benchmarks gpt_browser`` (part of ``make bench``).
"""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path
from urllib.parse import quote

from core.gpt.checkpoint import shipped_model_names
from tests.support.browser import chromium, dashboard_server, enter_sentence, open_page, page_problems

TOKENS = 32
REPEATS = 5
TARGET_S = 0.5
PAGE_CHARTS = 4  # next token, the sampled step, the beam tree, every head
WORDS = ("the animal didn't cross the street because it was too tired and the boy looked at the big tree while "
         "a cat sat on the mat near the river bank").split()

# Notes the time of the Enter key in the prompt box and of the first frame where the next-token chart's bars
# differ from those it showed before.
WATCH_CHART_JS = """
const box = document.querySelector('[data-testid="stSidebar"] input[aria-label="Prompt"]');
window.__enterAt = null; window.__chartAt = null;
const bars = () => { const gd = document.querySelector('.st-key-chart_gpt_next_token .js-plotly-plot');
  return gd && gd.data ? JSON.stringify(gd.data[0].y) + JSON.stringify(gd.data[0].x) : null; };
const before = bars();
box.addEventListener('keydown', e => { if (e.key === 'Enter' && window.__enterAt === null)
  window.__enterAt = performance.now(); }, {once: false});
const tick = () => { const now = bars();
  if (window.__enterAt !== null && now !== null && now !== before) { window.__chartAt = performance.now(); return; }
  requestAnimationFrame(tick); };
requestAnimationFrame(tick);
"""


def stand_in(folder: Path) -> str:
    """A random GPT-2 of tiny-gpt's size with the test tokenizer (tests/support/gpt_checkpoints.py)."""
    from tests.support.gpt_builders import random_gpt
    from tests.support.gpt_checkpoints import END_OF_TEXT, save_tokenizer

    tokenizer = save_tokenizer(folder)
    end = tokenizer.convert_tokens_to_ids(END_OF_TEXT)
    random_gpt("gpt2", 0, vocab_size=len(tokenizer), n_positions=128, n_embd=192, n_layer=6, n_head=8,
               n_inner=768, bos_token_id=end, eos_token_id=end).save_pretrained(str(folder))
    return str(folder)


def prompt(tokenizer, shift: int) -> str:
    """A prompt of TOKENS - 1 tokens (the page adds the start token), new for each ``shift``."""
    words = [WORDS[(i + shift) % len(WORDS)] for i in range(3 * TOKENS)]
    ids = tokenizer(" ".join(words), add_special_tokens=False)["input_ids"][:TOKENS - 1]
    return tokenizer.decode(ids).strip()


def main() -> None:
    from core.gpt.pipeline import load_pipeline

    with tempfile.TemporaryDirectory(prefix="bench-gpt-browser-") as tmp:
        tmp = Path(tmp)
        if "tiny-gpt" in shipped_model_names():
            name, label, extra = "tiny-gpt", "tiny-gpt (shipped)", ""
        elif os.environ.get("BENCH_GPT"):
            name = extra = os.environ["BENCH_GPT"]
            label = f"{name} (BENCH_GPT)"
        else:
            name = extra = stand_in(tmp / "tiny-gpt-random")
            label = "random stand-in of tiny-gpt's size (models/tiny-gpt not found)"
        tokenizer = load_pipeline(name).tokenizer
        print(f"model: {label}")
        os.environ["DASHBOARD_GPTS"] = extra  # the server copies the environment when it starts
        with dashboard_server([], log_path=tmp / "server.log") as url, chromium() as driver:
            # The first visit loads the model and warms the page: not timed.
            open_page(driver, url, "gpt_next_word", f"gpt={quote(name)}&prompt={quote(prompt(tokenizer, 0))}",
                      min_plotly=PAGE_CHARTS, timeout=300)
            chart, page = [], []
            for repeat in range(1, REPEATS + 1):
                driver.execute_script(WATCH_CHART_JS)
                drawn = enter_sentence(driver, prompt(tokenizer, repeat), label="Prompt", min_plotly=PAGE_CHARTS,
                                       redraw_all=True, timeout=300)
                at = driver.execute_script("return [window.__enterAt, window.__chartAt]")
                if at[1] is None or page_problems(driver):
                    raise RuntimeError(f"the next-token chart did not change, or the page shows an error: "
                                       f"{page_problems(driver)[:1]}")
                chart.append((at[1] - at[0]) / 1000)
                page.append(drawn["seconds"])
        print(f"load average (1, 5, 15 min): {os.getloadavg()}, CPUs: {os.cpu_count()}")
        print(f"{'measure':<44} {'median s':>9} {'max s':>7} {'target s':>9}  verdict")
        median = statistics.median(chart)
        print(f"{'prompt -> next-word chart, 32 tokens':<44} {median:>9.2f} {max(chart):>7.2f} {TARGET_S:>9.1f}  "
              f"{'ok' if median <= TARGET_S else 'SLOWER THAN TARGET'}")
        print(f"{'prompt -> whole page done, 32 tokens':<44} {statistics.median(page):>9.2f} {max(page):>7.2f} "
              f"{'-':>9}")
