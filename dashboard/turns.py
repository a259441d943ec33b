"""Script runs that carry a new sentence go one at a time, in the order they started.

dashboard/worker.py orders the model and figure work of new sentences, but a script run also does Streamlit's
own work on its thread: the sidebar and elements before the trace, the Plotly JSON and protobuf after it
(15-25 ms a run on this machine). Forty such runs at once interleave those parts on one interpreter, so the
median student still waits about two thirds as long as the last. Here a run whose sidebar sentence this server
has not drawn yet takes a turn for its whole run: the first student's page is built and sent whole before the
second's starts. A waiting script thread holds no GIL.

Only new sentences take a turn. A visit to a sentence already drawn (the teacher's link, a student reopening
their own) costs a few milliseconds and goes at once, as before; fragment reruns (a control inside a section)
do not pass through the entry script at all. A run that holds the turn longer than ``hold`` seconds (a
3,000-word paste, a page waiting on a training) lets the next in line go ahead, so no single run stops a
class for longer than that; it finishes alongside the others, as every run did before.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import contextmanager

ENV_HOLD = "DASHBOARD_TURN_HOLD"  # seconds a run keeps the turn before the next goes ahead (0: no turns)
DEFAULT_HOLD = 1.0  # a new tiny-bert sentence takes 50-100 ms of CPU; bert-base at 128 tokens about 1 s
REMEMBERED = 160  # sentences remembered as drawn: the trace cache's 80 small ones, with room for the last class


class Turns:
    """FIFO admission of one holder at a time; a holder past ``hold`` seconds lets the next one in."""

    def __init__(self, hold: float = DEFAULT_HOLD):
        if hold < 0:
            raise ValueError("hold must not be negative")
        self.hold = hold
        self._lock = threading.Lock()
        self._line: deque[threading.Condition] = deque()  # one condition per waiting run, in arrival order
        self._holder: object | None = None  # the run holding the turn (None: free)
        self._since = 0.0  # when the holder got it (time.monotonic)
        self.admitted: list[int] = []  # arrival numbers in the order runs got the turn (read by tests)
        self.overran = 0  # times a holder kept the turn past ``hold`` and the next went ahead
        self._arrivals = 0

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold the turn for the body: wait, in arrival order, until the run before has finished or overran."""
        if self.hold == 0:
            yield
            return
        waiting = threading.Condition(self._lock)
        with self._lock:
            arrival, self._arrivals = self._arrivals, self._arrivals + 1
            self._line.append(waiting)
            while True:
                if self._line[0] is waiting:
                    if self._holder is None:
                        break
                    left = self._since + self.hold - time.monotonic()
                    if left <= 0:
                        self.overran += 1
                        break
                    waiting.wait(left)
                else:
                    waiting.wait()  # woken when it reaches the head of the line
            self._line.popleft()
            self._holder, self._since = waiting, time.monotonic()
            self.admitted.append(arrival)
            del self.admitted[:-1000]
            if self._line:
                self._line[0].notify()  # the next in line starts timing this holder
        try:
            yield
        finally:
            with self._lock:
                if self._holder is waiting:
                    self._holder = None
                    if self._line:
                        self._line[0].notify()


class DrawnSentences:
    """The last ``size`` sentences this server drew (a bounded, least-recently-used set)."""

    def __init__(self, size: int = REMEMBERED):
        self.size = size
        self._seen: OrderedDict[tuple, None] = OrderedDict()
        self._lock = threading.Lock()

    def __contains__(self, key: tuple) -> bool:
        with self._lock:
            if key in self._seen:
                self._seen.move_to_end(key)
                return True
            return False

    def add(self, key: tuple) -> None:
        with self._lock:
            self._seen[key] = None
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)


def _hold_from_environment() -> float:
    value = os.environ.get(ENV_HOLD, "").strip()
    try:
        hold = float(value) if value else DEFAULT_HOLD
    except ValueError as error:
        raise ValueError(f"{ENV_HOLD} must be a number of seconds >= 0, not {value!r}") from error
    if hold < 0:
        raise ValueError(f"{ENV_HOLD} must be a number of seconds >= 0, not {value!r}")
    return hold


_server: tuple[Turns, DrawnSentences] | None = None
_server_lock = threading.Lock()


def server_turns() -> tuple[Turns, DrawnSentences]:
    """This server process's turns and drawn sentences (made at the first run, the hold read from the
    environment)."""
    global _server
    if _server is None:
        with _server_lock:
            if _server is None:
                _server = (Turns(_hold_from_environment()), DrawnSentences())
    return _server


def _sentence(session_state, query_params, default: str) -> tuple[str, str]:
    """The run's sidebar sentences before the sidebar is drawn: the box's value (a rerun after Enter carries
    the new one), else the link's, else the default."""
    def value(key: str, fallback: str) -> str:
        try:
            found = session_state[key]
        except KeyError:
            found = query_params.get(key, fallback)
        return found if isinstance(found, str) else fallback

    return value("text", default).strip(), value("text_b", "").strip()


@contextmanager
def new_sentence_turn(default_text: str) -> Iterator[None]:
    """A turn for this run if its sidebar sentence is one this server has not drawn yet; afterwards the sentence
    counts as drawn. Call from the entry script, around the sidebar and the page."""
    import streamlit as st

    turns, drawn = server_turns()
    key = _sentence(st.session_state, st.query_params, default_text)
    if key in drawn or not key[0]:
        yield
        return
    with turns.turn():
        yield
    drawn.add(key)
