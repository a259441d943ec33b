"""The burst load (`make loadtest ARGS="--burst 40"`): its sentences, its order and leak checks, a small run."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.loadtest import PAGES
from benchmarks.loadtest_burst import Burst, chart_tokens, in_order_share, long_bert_sentence, run_burst
from benchmarks.loadtest_server import REPO_ROOT, ServerStats, streamlit_server
from benchmarks.streamlit_client import RunResult


def test_the_long_sentences_are_24_tiny_bert_tokens_and_distinct():
    from core.bert.checkpoint import shipped_model_names
    from core.bert.pipeline import load_pipeline

    if "tiny-bert" not in shipped_model_names():
        pytest.skip("tiny-bert is not shipped in this checkout")
    tokenizer = load_pipeline("tiny-bert").tokenizer
    sentences = [long_bert_sentence(i) for i in (0, 1, 777, 59_999)]
    assert [len(tokenizer.tokenize(s)) for s in sentences] == [24] * 4
    assert len({long_bert_sentence(i) for i in range(800)}) == 800


def test_order_share_is_one_for_first_come_first_served_and_zero_reversed():
    sent = [0.0, 0.1, 0.2, 0.3]
    assert in_order_share(sent, [1.0, 2.0, 3.0, 4.0]) == 1.0
    assert in_order_share(sent, [4.0, 3.0, 2.0, 1.0]) == 0.0
    assert in_order_share(sent, [1.0, 3.0, 2.0, 4.0]) == 5 / 6


def test_a_chart_drawing_another_students_word_is_a_leak():
    mine, theirs = "the small dog crossed the road.", "the old cat crossed the road."
    varying = {"small", "dog", "old", "cat"}
    own = RunResult(chart_specs=['{"x": ["the", "small", "dog", "crossed"]}'])
    assert chart_tokens(mine, own, varying) == (True, set())
    leaked = RunResult(chart_specs=['{"x": ["the", "small", "cat", "crossed"]}'])
    assert chart_tokens(mine, leaked, varying) == (False, {"cat"})
    listed = RunResult(strings={"[CLS] · the · old · cat · [SEP]"})  # a token list shown as text
    assert chart_tokens(theirs, listed, varying) == (True, set())


def test_a_small_burst_on_the_minimal_page_is_clean(tmp_path):
    spec = PAGES["minimal"]
    with streamlit_server(REPO_ROOT / "benchmarks" / "minimal_page.py", tmp_path / "server.log") as server:
        tally, figures = asyncio.run(run_burst(server.url, Burst("minimal", 3, tokens=15, rounds=2), spec,
                                               ServerStats([server.pid])))
    assert figures.sentences == 6 and len(tally.opens) == 6
    assert not tally.errors and not tally.exceptions and not tally.leaks and tally.own_missing == 0
    assert figures.cpu_seconds > 0 and tally.server.rss_end > 0
