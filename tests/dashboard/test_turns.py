"""Script runs with a new sentence in turn: arrival order, a holder that overruns, release on errors, and visits to a
sentence already drawn going at once."""

from __future__ import annotations

import threading
import time

import pytest

from dashboard import turns as turns_module
from dashboard.turns import DrawnSentences, Turns

WAIT = 60  # seconds: only a deadlock waits this long


def _wait_in_line(turns: Turns, count: int) -> None:
    for _ in range(WAIT * 1000):
        if len(turns._line) >= count:
            return
        time.sleep(0.001)
    raise AssertionError(f"{count} runs never stood in line")


def _holding(turns: Turns) -> threading.Event:
    """A run holding the turn until the returned event is set."""
    gate, holding = threading.Event(), threading.Event()

    def run() -> None:
        with turns.turn():
            holding.set()
            gate.wait(WAIT)

    threading.Thread(target=run, daemon=True).start()
    assert holding.wait(WAIT)
    return gate


def test_runs_get_the_turn_in_the_order_they_arrived():
    turns = Turns(hold=WAIT)
    gate = _holding(turns)
    inside, threads = [], []

    def run(student: int) -> None:
        with turns.turn():
            inside.append(student)
            assert len(inside) == 1 + inside.index(student)  # nobody else inside: one run at a time

    for student in range(8):  # each arrives once the one before stands in line: the arrival order is known
        threads.append(threading.Thread(target=run, args=(student,)))
        threads[-1].start()
        _wait_in_line(turns, student + 1)
    gate.set()
    for thread in threads:
        thread.join(WAIT)
    assert inside == list(range(8))
    assert turns.admitted == list(range(9))
    assert turns.overran == 0


def test_a_run_holding_past_the_limit_lets_the_next_one_in():
    """A heavy run (a 3,000-word paste) holds the class up for ``hold`` seconds, not for its whole run."""
    turns = Turns(hold=0.05)
    gate = _holding(turns)
    started = time.monotonic()
    with turns.turn():
        waited = time.monotonic() - started
    gate.set()
    assert 0.04 <= waited < WAIT
    assert turns.overran == 1


def test_an_error_in_a_run_gives_the_turn_back():
    turns = Turns(hold=WAIT)
    with pytest.raises(ValueError), turns.turn():
        raise ValueError("a page failed")
    done = threading.Event()

    def run() -> None:
        with turns.turn():
            done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(5), "the next run waited on a turn nobody holds"
    assert turns.overran == 0


def test_no_turns_when_the_hold_is_zero():
    turns = Turns(hold=0)
    with turns.turn(), turns.turn():  # the same thread twice: would deadlock with turns
        pass
    assert turns.admitted == []


def test_drawn_sentences_forget_the_least_recently_used():
    drawn = DrawnSentences(size=2)
    drawn.add(("a", ""))
    drawn.add(("b", ""))
    assert ("a", "") in drawn  # used: "b" is now the oldest
    drawn.add(("c", ""))
    assert ("b", "") not in drawn and ("a", "") in drawn and ("c", "") in drawn


def _script():
    import streamlit as st

    from dashboard.turns import new_sentence_turn

    with new_sentence_turn("The default sentence."):
        st.text_input("Sentence A", value="The default sentence.", key="text", bind="query-params")


def test_only_runs_with_a_new_sentence_take_a_turn(monkeypatch):
    """The box's new value is read before the box is drawn (the rerun after Enter); a sentence already drawn,
    from the link or typed again, goes at once even while another run holds the turn."""
    from streamlit.testing.v1 import AppTest

    turns = Turns(hold=WAIT)
    monkeypatch.setattr(turns_module, "_server", (turns, DrawnSentences()))
    at = AppTest.from_function(_script)
    at.query_params["text"] = "the dog slept."
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(turns.admitted) == 1  # a sentence from the link, new to this server
    at.run()
    assert len(turns.admitted) == 1  # the same sentence again: drawn
    at.text_input(key="text").input("the cat slept.").run()
    assert len(turns.admitted) == 2
    gate = _holding(turns)  # another student's new sentence is being drawn
    try:
        at.text_input(key="text").input("the dog slept.").run(timeout=WAIT / 2)
        assert not at.exception, [e.value for e in at.exception]
        assert len(turns.admitted) == 3  # only the holder's: the drawn sentence took no turn
    finally:
        gate.set()
