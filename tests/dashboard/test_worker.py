"""The server's worker: sessions answered in the order they asked, each with its own result."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from dashboard import worker as worker_module
from dashboard.worker import Worker
from tests.support.tolerances import float32_atol

WAIT = 60  # seconds: only a deadlock waits this long


def _wait_queued(worker: Worker, count: int) -> None:
    """Until ``count`` pieces of work wait in the queue (the worker is held by a gate)."""
    for _ in range(WAIT * 1000):
        if worker._queue.qsize() >= count:
            return
        threading.Event().wait(0.001)
    raise AssertionError(f"{count} pieces of work never reached the queue")


def _hold(worker: Worker) -> threading.Event:
    """Keep the worker busy until the returned event is set (ticket -1: before anybody)."""
    gate, busy = threading.Event(), threading.Event()

    def held() -> None:
        busy.set()
        gate.wait(WAIT)

    threading.Thread(target=worker.run, args=(held,), kwargs={"ticket": -1}, daemon=True).start()
    assert busy.wait(WAIT)
    return gate


def test_sessions_are_answered_in_the_order_they_asked():
    worker = Worker(threads=1)
    gate = _hold(worker)
    finished, answers, threads = [], {}, []

    def ask(student: int) -> None:
        def work() -> int:
            finished.append(student)
            return student
        answers[student] = worker.run(work)

    for student in range(8):  # each asks only once the one before is queued: the order they asked is known
        thread = threading.Thread(target=ask, args=(student,))
        thread.start()
        threads.append(thread)
        _wait_queued(worker, student + 1)
    gate.set()
    for thread in threads:
        thread.join(WAIT)
    assert finished == list(range(8))
    assert answers == {student: student for student in range(8)}


def test_a_run_keeps_its_ticket_and_goes_ahead_of_later_runs(monkeypatch):
    """A run's second piece (its figure, after its trace) goes before the runs that asked after it."""
    runs = threading.local()
    monkeypatch.setattr(worker_module, "_run_marker", lambda: getattr(runs, "marker", None))
    worker = Worker(threads=1)
    gate = _hold(worker)
    order, b_running, b_gate = [], threading.Event(), threading.Event()

    def student_a() -> None:
        runs.marker = object()  # one script run
        worker.run(order.append, "a trace")
        worker.run(order.append, "a figure")

    def student_b() -> None:
        runs.marker = object()

        def trace() -> None:
            b_running.set()
            b_gate.wait(WAIT)  # the worker is busy with b while a's figure and c's trace queue
            order.append("b trace")
        worker.run(trace)

    def student_c() -> None:
        runs.marker = object()
        worker.run(order.append, "c trace")

    threads = []
    for target, queued in ((student_a, 1), (student_b, 2), (student_c, 3)):
        threads.append(threading.Thread(target=target))
        threads[-1].start()
        _wait_queued(worker, queued)
    gate.set()
    assert b_running.wait(WAIT)
    _wait_queued(worker, 2)  # c's trace and a's figure
    b_gate.set()
    for thread in threads:
        thread.join(WAIT)
    assert order == ["a trace", "b trace", "a figure", "c trace"]


def test_an_exception_reaches_the_session_that_asked():
    worker = Worker(threads=1)

    def broken() -> None:
        raise ValueError("not a sentence")

    with pytest.raises(ValueError, match="not a sentence"):
        worker.run(broken)
    assert worker.run(lambda: 3) == 3  # the worker goes on


def test_work_asked_from_the_worker_runs_in_place():
    worker = Worker(threads=1)
    assert worker.run(lambda: worker.run(lambda: threading.current_thread().name)) == "dashboard-worker-0"


def test_queued_sessions_each_get_their_own_trace(dashboard_env):
    """Eight sessions ask for eight sentences while the server's worker is busy; each gets the trace of its own
    sentence: its tokens as the tokenizer cuts that sentence, its hidden states those of a pass on it alone."""
    from core.bert.pipeline import load_pipeline
    from dashboard import cache

    model = dashboard_env["default"]
    pipeline = load_pipeline(model)
    sentences = [f"the {animal} didn't cross the {place} because it was too tired."
                 for animal, place in zip(["dog", "cat", "fox", "horse", "bird", "mouse", "puppy", "kitten"],
                                          ["street", "road", "river", "bridge", "park", "garden", "field", "hill"])]
    server = worker_module.server_worker()
    gate = _hold(server)
    results: dict[int, object] = {}
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, cache.trace(model, sentences[i], None)))
               for i in range(len(sentences))]
    for i, thread in enumerate(threads):
        thread.start()
        _wait_queued(server, i + 1)
    gate.set()
    for thread in threads:
        thread.join(WAIT)
    for i, sentence in enumerate(sentences):
        trace, encoded = results[i]
        assert encoded.tokens == ["[CLS]", *pipeline.tokenizer.tokenize(sentence), "[SEP]"]
        alone, _ = pipeline.trace(sentence, record_all=False)
        last = alone.hidden_states[-1].numpy()
        atol = float32_atol(float(np.abs(last).max()), depth=2 * pipeline.model.config.num_hidden_layers)
        np.testing.assert_allclose(trace.hidden_states[-1].numpy(), last, rtol=0, atol=atol)


def test_work_sees_the_asking_runs_language():
    """A figure built on the worker is written in the language of the session that asked (read from its URL)."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from dashboard import worker
        from dashboard.language import current_language

        st.write(worker.run(current_language))

    for code in ("ko", "en"):
        at = AppTest.from_function(script)
        at.query_params["lang"] = code
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.markdown[0].value == code
