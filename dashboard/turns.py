"""Whole script runs in turn: when a class presses Enter at once, the runs go one at a time in the order they
started, so the first student's page is finished and sent first.

dashboard/worker.py orders the model and figure work of new sentences, but a script run also does Streamlit's
own work on its thread (widgets, elements, serialising figures and tables: 15-25 ms a run on this machine). Forty
runs doing that at once interleave on one interpreter, and all forty finish within the last second of the burst
(measured: the median student waited 0.69 times as long as the last). Here each run of the entry script takes a
turn first: at most ``capacity`` runs go at once (default 1), the others wait, in arrival order, without holding
the GIL. A run that waits longer than ``patience`` seconds goes ahead anyway, so one slow or stuck run never
stops a class. Fragment reruns (a control inside a section) do not pass through the entry script and take no turn.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

ENV_CAPACITY = "DASHBOARD_CONCURRENT_RUNS"  # script runs at once (default 1; 0 turns the turns off)
ENV_PATIENCE = "DASHBOARD_TURN_PATIENCE"  # seconds a run waits for its turn before it goes ahead anyway
DEFAULT_PATIENCE = 10.0


class Turns:
    """FIFO admission of at most ``capacity`` holders at once; a waiter gives up waiting after ``patience`` s."""

    def __init__(self, capacity: int = 1, patience: float = DEFAULT_PATIENCE):
        if capacity < 0 or patience < 0:
            raise ValueError("capacity and patience must not be negative")
        self.capacity, self.patience = capacity, patience
        self._changed = threading.Condition()
        self._waiting: deque[int] = deque()  # tickets in arrival order
        self._running = 0  # holders that were admitted in turn (not those that went ahead after patience)
        self._tickets = itertools.count()
        self.admitted: list[int] = []  # tickets in the order they started (read by tests)
        self.impatient = 0  # runs that went ahead after waiting ``patience`` seconds

    def _admissible(self, ticket: int) -> bool:
        return self._waiting[0] == ticket and self._running < self.capacity

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold a turn for the body: wait (in arrival order) until fewer than ``capacity`` runs hold one."""
        if self.capacity == 0:
            yield
            return
        counted = False
        with self._changed:
            ticket = next(self._tickets)
            self._waiting.append(ticket)
            deadline = time.monotonic() + self.patience
            while not self._admissible(ticket):
                left = deadline - time.monotonic()
                if left <= 0:
                    self.impatient += 1
                    break
                self._changed.wait(left)
            else:
                self._running += 1
                counted = True
            self._waiting.remove(ticket)
            self.admitted.append(ticket)
            del self.admitted[:-1000]
            self._changed.notify_all()  # the next in line may be admissible now
        try:
            yield
        finally:
            with self._changed:
                if counted:
                    self._running -= 1
                self._changed.notify_all()


def _from_environment() -> Turns:
    capacity = os.environ.get(ENV_CAPACITY, "").strip()
    patience = os.environ.get(ENV_PATIENCE, "").strip()
    try:
        return Turns(int(capacity) if capacity else 1, float(patience) if patience else DEFAULT_PATIENCE)
    except ValueError as error:
        raise ValueError(f"{ENV_CAPACITY} must be a whole number >= 0 and {ENV_PATIENCE} a number of seconds >= 0"
                         ) from error


_server_turns: Turns | None = None
_lock = threading.Lock()


def server_turns() -> Turns:
    """This server process's turns (made at the first run, sized from the environment)."""
    global _server_turns
    if _server_turns is None:
        with _lock:
            if _server_turns is None:
                _server_turns = _from_environment()
    return _server_turns
