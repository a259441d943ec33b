"""Real-browser latency of the beam-search page: from entering a new source sentence to the tree drawn.

Beam width 5, maximum length 20 (issue 6). The translator is the shipped tiny-translator when
models/tiny-translator exists, else a random stand-in of the same shape (2 + 2 layers, 4 heads,
width 128) over the generated grammar's vocabularies: random weights rarely say </s>, so its
searches run the full 20 steps, the worst case for the tree. Each sentence is new to the server
(no cached search); the clock stops when every Plotly chart on the page (the tree and the chosen
hypothesis's cross-attention) has redrawn (``plotly_afterplot``) and the browser has painted.

Run: ``python -m benchmarks beam_browser`` (part of ``make bench``).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
from pathlib import Path

from benchmarks.bench_browser import write_model
from core.bert.checkpoint import shipped_model_names
from core.bert.config import BertConfig
from core.data.translation import generate_pair, lexicon_words
from core.transformer.model import EncoderDecoderTransformer, TransformerConfig
from core.transformer.translator import (
    SPECIAL_TOKENS,
    Translator,
    Vocabulary,
    load_translator,
    save_translator,
    translate,
    translator_model_names,
)
from dashboard.registry import ENV_TRANSLATORS
from tests.support import browser as harness

WIDTH, MAX_LENGTH, REPEATS = 5, 20, 5
TREE_POINTS_JS = """
const chart = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .find(c => c.querySelector('.gtitle') && c.querySelector('.gtitle').textContent.includes('K = '));
return chart ? chart.querySelectorAll('.scatterlayer .point').length : -1;
"""


def random_translator(folder: Path) -> str:
    english, french = lexicon_words()
    source, target = Vocabulary(list(SPECIAL_TOKENS) + english), Vocabulary(list(SPECIAL_TOKENS) + french)
    config = TransformerConfig(src_vocab_size=len(source), tgt_vocab_size=len(target), dropout=0.0)
    model = EncoderDecoderTransformer(config)
    model.init_weights(seed=0)
    save_translator(Translator(model.eval(), source, target, "random-translator"), folder)
    return str(folder)


def sentences(count: int) -> list[str]:
    """Distinct English sentences of the translator's grammar."""
    rng, found = random.Random(6), []
    while len(found) < count:
        english, _ = generate_pair(rng)
        if english not in found:
            found.append(english)
    return found


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-beam-browser-") as tmp:
        tmp = Path(tmp)
        shipped = "tiny-translator" in translator_model_names()
        translator = "tiny-translator" if shipped else random_translator(tmp / "random-translator")
        bert = [] if shipped_model_names() else [write_model(tmp / "tiny-bert", BertConfig(
            vocab_size=64, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=37))]
        which = "shipped tiny-translator" if shipped else "random stand-in (models/tiny-translator not found)"
        print(f"translator: {which}; beam width {WIDTH}, max length {MAX_LENGTH}")
        texts = sentences(REPEATS + 1)
        loaded = load_translator(translator)
        nodes = [len(translate(loaded, text, beam=WIDTH, max_length=MAX_LENGTH).search.tree.nodes)
                 for text in texts[1:]]
        if not shipped:  # the server offers the stand-in through the operator's list
            os.environ[ENV_TRANSLATORS] = translator
        with harness.dashboard_server(bert, log_path=tmp / "server.log") as url, harness.chromium() as driver:
            query = f"beam={WIDTH}&max_length={MAX_LENGTH}&source={texts[0].replace(' ', '+')}"
            harness.open_page(driver, url, "beam_search", query, min_plotly=2, timeout=300)  # warm-up: not timed
            timings, points = [], []
            for text in texts[1:]:
                drawn = harness.enter_sentence(driver, text, label="Source sentence", min_plotly=2, redraw_all=True)
                timings.append(drawn["seconds"])  # from the Enter key to the tree painted
                points.append(driver.execute_script(TREE_POINTS_JS))
                problems = harness.page_problems(driver)
                if problems:
                    raise RuntimeError(f"the page shows an error for {text!r}: {problems[0][:300]}")
        print(f"{'sentence':<42} {'tree nodes':>10} {'drawn points':>12} {'seconds':>8}")
        for text, count, drawn, seconds in zip(texts[1:], nodes, points, timings):
            print(f"{text[:42]:<42} {count:>10} {drawn:>12} {seconds:>8.2f}")
        print(f"change sentence -> tree drawn: median {statistics.median(timings):.2f} s, "
              f"max {max(timings):.2f} s over {len(timings)} new sentences")
