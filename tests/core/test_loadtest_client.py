"""The load test's Streamlit client against a real server (the minimal page), and its bookkeeping.

A quick check (a few seconds) that `make loadtest` still speaks the protocol of the installed
streamlit: the handshake, a run to script_finished, a widget change, the cache references, the leak check.
"""

from __future__ import annotations

import asyncio

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.loadtest import Load, bert_sentence, run_load
from benchmarks.loadtest_report import Tally, percentile
from benchmarks.loadtest_server import REPO_ROOT, ServerStats, streamlit_server
from benchmarks.streamlit_client import Browser, ClientError, RunResult, Tab


@pytest.fixture(scope="module")
def minimal_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("loadtest") / "server.log"
    with streamlit_server(REPO_ROOT / "benchmarks" / "minimal_page.py", log) as server:
        yield server


def test_a_visit_and_a_widget_change_run_to_the_end(minimal_server):
    async def visit() -> tuple[RunResult, RunResult, Tab]:
        tab = Browser(minimal_server.url, timeout=30).tab()
        try:
            opened = await tab.open("", {"text": "the cat sat on the mat"})
            changed = await tab.set_widget("Sentence", string_value="the dog sat on the rug")
            return opened, changed, tab
        finally:
            await tab.close()

    opened, changed, tab = asyncio.run(visit())
    assert "the cat sat on the mat" in opened.strings  # the text input and st.write show the link's sentence
    assert "the dog sat on the rug" in changed.strings and "the cat sat on the mat" not in changed.strings
    assert tab.session_id and tab.page_script_hash
    assert opened.exceptions == [] and opened.messages > 0 and opened.latency >= opened.connect > 0


def test_a_small_load_is_clean_and_counted(minimal_server):
    load = Load("minimal", "own", sessions=3, runs=2, pause=0.05, time_limit=60)
    tally = asyncio.run(run_load(minimal_server.url, load, ServerStats([minimal_server.pid])))
    assert tally.clean, tally.as_dict()
    assert len(tally.opens) == 6 and tally.own_missing == 0 and tally.leaks == []
    assert tally.server.rss_warm > 10 and tally.throughput > 0


def test_a_session_shown_another_sessions_sentence_is_a_leak():
    tally = Tally("t", "own")
    tally.issued = {bert_sentence(0): 0, bert_sentence(1): 1}
    tally.opened(0, bert_sentence(0), RunResult(latency=0.1, strings={bert_sentence(0), bert_sentence(1)}))
    tally.opened(1, bert_sentence(1), RunResult(latency=0.1, strings={"something else"}))
    assert len(tally.leaks) == 1 and "student 0" in tally.leaks[0] and tally.own_missing == 1
    assert not tally.clean


def test_cache_references_resolve_from_the_clients_own_cache():
    tab = Tab(Browser("http://127.0.0.1:1"))
    original = ForwardMsg(hash="abc")
    original.metadata.cacheable = True
    original.delta.new_element.markdown.body = "a large element"
    result = RunResult()
    tab._handle(original, result)
    tab._handle(ForwardMsg(ref_hash="abc"), result)
    assert result.cache_refs == 1 and "a large element" in result.strings
    with pytest.raises(ClientError, match="not in the client's cache"):
        tab._handle(ForwardMsg(ref_hash="unknown"), result)


def test_sentences_are_distinct_and_percentiles_are_nearest_rank():
    assert len({bert_sentence(i) for i in range(400)}) == 400
    assert percentile([3.0, 1.0, 2.0, 4.0], 50) == 2.0 and percentile([1.0] * 19 + [9.0], 95) == 1.0
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0 and percentile([], 95) == 0.0


def test_haproxy_config_spans_local_and_remote_replicas(tmp_path):
    """The balancer's file for `make serve`: one sticky-cookie server line per replica, health on /_stcore/health."""
    import importlib.util
    import shutil
    import subprocess

    spec = importlib.util.spec_from_file_location("haproxy_config", REPO_ROOT / "deploy" / "haproxy_config.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    render = module.render

    config = render(2, ["10.0.0.3:8501"], port=8500, bind="0.0.0.0")
    assert "    server r1 127.0.0.1:8501 check cookie r1" in config
    assert "    server r3 10.0.0.3:8501 check cookie r3" in config
    assert "cookie DASHBOARD_REPLICA insert" in config and "uri /_stcore/health" in config
    assert "bind 0.0.0.0:8500" in config and "timeout tunnel" in config
    with pytest.raises(ValueError, match="host:port"):
        render(0, ["10.0.0.3"])
    with pytest.raises(ValueError, match="no replica"):
        render(0, [])
    haproxy = shutil.which("haproxy") or shutil.which("/usr/sbin/haproxy")
    if haproxy:  # the packaged HAProxy accepts the file (make serve installs it; the tests do not need it)
        path = tmp_path / "haproxy.cfg"
        path.write_text(config)
        check = subprocess.run([haproxy, "-c", "-q", "-f", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
