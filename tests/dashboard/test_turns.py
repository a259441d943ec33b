"""Script runs in turn (dashboard/turns.py): started in arrival order, at most ``capacity`` at once, and a run that
waits past ``patience`` goes ahead."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard.turns import Turns


def hold(turns: Turns, name: str, started: list, seconds: float, active: list, peak: list) -> None:
    with turns.turn():
        started.append(name)
        active.append(name)
        peak.append(len(active))
        time.sleep(seconds)
        active.remove(name)


def start_in_order(turns: Turns, count: int, seconds: float):
    started, active, peak, threads = [], [], [], []
    for index in range(count):
        thread = threading.Thread(target=hold, args=(turns, index, started, seconds, active, peak))
        thread.start()
        threads.append(thread)
        deadline = time.monotonic() + 5
        while len(turns._waiting) + len(turns.admitted) <= index and time.monotonic() < deadline:
            time.sleep(0.001)  # the next run arrives only once this one holds its ticket: a known arrival order
    for thread in threads:
        thread.join(10)
    return started, peak


@pytest.mark.parametrize("capacity", [1, 2])
def test_runs_start_in_arrival_order_and_at_most_capacity_at_once(capacity):
    turns = Turns(capacity=capacity, patience=30)
    started, peak = start_in_order(turns, 8, 0.02)
    assert started == list(range(8))
    assert max(peak) <= capacity
    assert turns.impatient == 0 and turns._running == 0 and not turns._waiting


def test_a_run_that_waits_past_its_patience_goes_ahead_and_the_turns_recover():
    turns = Turns(capacity=1, patience=0.05)
    blocker = threading.Event()

    def stuck() -> None:
        with turns.turn():
            blocker.wait(5)

    thread = threading.Thread(target=stuck)
    thread.start()
    time.sleep(0.02)
    began = time.monotonic()
    with turns.turn():
        waited = time.monotonic() - began
    assert 0.04 <= waited < 2 and turns.impatient == 1
    blocker.set()
    thread.join(5)
    assert turns._running == 0  # the impatient run never counted, the stuck one released its turn
    with turns.turn():
        pass


def test_an_exception_in_the_body_releases_the_turn():
    turns = Turns(capacity=1, patience=30)
    with pytest.raises(RuntimeError), turns.turn():
        raise RuntimeError("a rerun or a stop interrupts the script")
    assert turns._running == 0
    with turns.turn():
        pass


def test_capacity_zero_turns_the_turns_off():
    turns = Turns(capacity=0)
    with turns.turn(), turns.turn():
        pass
    assert turns.admitted == []
