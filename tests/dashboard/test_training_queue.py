"""The server's training queue: one run at a time in the order asked, identical runs shared, none lost."""

from __future__ import annotations

import threading

import pytest

from dashboard.training_queue import DONE, FAILED, QUEUED, RUNNING, QueueFull, TrainingQueue

WAIT = 60  # seconds: only a deadlock waits this long


def gated(log: list, name: str, gate: threading.Event | None = None, started: threading.Event | None = None):
    """Work that logs its start, waits for ``gate`` and returns its name."""
    def work(report):
        log.append(name)
        if started is not None:
            started.set()
        report({"step": 1, "of": 2})
        if gate is not None:
            assert gate.wait(WAIT)
        return name
    return work


def test_runs_one_at_a_time_in_the_order_asked():
    queue = TrainingQueue()
    running, most = [0], [0]
    lock = threading.Lock()
    gates = [threading.Event() for _ in range(4)]

    def work_for(index):
        def work(report):
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            gates[index].wait(WAIT)
            with lock:
                running[0] -= 1
            return index
        return work

    jobs = [queue.submit(("run", index), work_for(index)) for index in range(4)]
    for gate in gates:
        gate.set()
    assert all(job.wait(WAIT) for job in jobs)
    assert [job.result for job in jobs] == [0, 1, 2, 3]
    assert queue.order == [("run", index) for index in range(4)]
    assert most[0] == 1


def test_waiting_runs_know_their_place_and_the_running_one_reports_progress():
    queue = TrainingQueue()
    log, gate, started = [], threading.Event(), threading.Event()
    first = queue.submit("a", gated(log, "a", gate, started))
    assert started.wait(WAIT)
    second, third = queue.submit("b", gated(log, "b")), queue.submit("c", gated(log, "c"))
    assert (first.state, second.state, third.state) == (RUNNING, QUEUED, QUEUED)
    assert (queue.ahead(first), queue.ahead(second), queue.ahead(third)) == (0, 1, 2)
    assert first.progress == {"step": 1, "of": 2}
    running, waiting, finished = queue.snapshot()
    assert running is first and waiting == [second, third] and finished == []
    gate.set()
    assert third.wait(WAIT) and second.finished
    assert (queue.ahead(second), queue.ahead(third)) == (0, 0)
    assert log == ["a", "b", "c"]


def test_an_identical_request_shares_the_run_queued_running_or_done():
    queue = TrainingQueue()
    log, gate, started = [], threading.Event(), threading.Event()
    running = queue.submit(("tiny-bert", 64, 0), gated(log, "first", gate, started))
    assert started.wait(WAIT)
    waiting = queue.submit(("tiny-bert", 256, 0), gated(log, "second"))
    assert queue.submit(("tiny-bert", 64, 0), gated(log, "again")) is running
    assert queue.submit(("tiny-bert", 256, 0), gated(log, "again")) is waiting
    gate.set()
    assert waiting.wait(WAIT)
    assert queue.submit(("tiny-bert", 64, 0), gated(log, "again")) is running  # done: read at once
    assert running.state == DONE and running.result == "first"
    assert log == ["first", "second"]
    assert queue.job(("tiny-bert", 1024, 0)) is None  # asking does not queue


def test_the_last_runs_are_kept_and_an_evicted_one_trains_again():
    queue = TrainingQueue(keep=2)
    log = []
    for name in ("a", "b", "c"):
        assert queue.submit(name, gated(log, name)).wait(WAIT)
    assert queue.job("a") is None and queue.job("b").result == "b"
    assert queue.submit("a", gated(log, "a")).wait(WAIT)
    assert log == ["a", "b", "c", "a"]


def test_a_failed_run_tells_its_waiters_and_trains_again_when_asked_again():
    queue = TrainingQueue()

    def broken(report):
        raise RuntimeError("out of memory")

    job = queue.submit("x", broken)
    assert job.wait(WAIT)
    assert job.state == FAILED and str(job.error) == "out of memory" and job.result is None
    retried = queue.submit("x", lambda report: "fine")
    assert retried is not job and retried.wait(WAIT) and retried.result == "fine"


def test_a_full_queue_refuses_instead_of_growing_without_end():
    queue = TrainingQueue(max_waiting=2)
    log, gate, started = [], threading.Event(), threading.Event()
    queue.submit("running", gated(log, "running", gate, started))
    assert started.wait(WAIT)
    queue.submit("one", gated(log, "one"))
    queue.submit("two", gated(log, "two"))
    with pytest.raises(QueueFull):
        queue.submit("three", gated(log, "three"))
    assert queue.submit("one", gated(log, "one")).state == QUEUED  # an identical request still joins
    gate.set()
    assert queue.job("two").wait(WAIT)
