"""One queue per server for the work a new sentence costs: the model's forward pass and the figures built
from it, answered in the order the students asked.

Streamlit runs each browser session's script on a thread of its own. When a class presses Enter at
once, forty script threads would each run a forward pass and build figures, interleaved on one
interpreter (the GIL switches between them every few milliseconds) and on two cores, so all forty
finish together: the first student waits as long as the last. Here every such piece of work is put on
one queue and done by one worker thread, so the first student's charts are built first and their page
is sent while the others wait on their own results; a script thread waiting on its future holds no GIL.

Order: each script run takes a ticket at its first piece of work, and every later piece of the same run
(its figures after its trace) keeps that ticket, so it goes ahead of the runs that asked later instead of
queueing behind every trace of the class.

Torch: one worker runs every forward pass, with ``DASHBOARD_TORCH_THREADS`` intra-op threads (default 1).
Forty script threads each calling torch with torch's default (one thread per core) would start forty
thread teams on two cores; one pass of a small model on one thread is a few milliseconds.

Each piece runs with the asking script run's Streamlit context attached, so a builder reading the run's
language or Session State sees what it would on the script thread. Work submitted from the worker thread
itself (a builder that needs another cached result) runs at once, in place: the worker never waits on its
own queue.
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

T = TypeVar("T")

ENV_WORKERS = "DASHBOARD_WORKERS"  # threads working the queue (default 1: strict order)
ENV_TORCH_THREADS = "DASHBOARD_TORCH_THREADS"  # torch's intra-op threads in this server (default 1)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from error
    if number < 1:
        raise ValueError(f"{name} must be at least 1, not {number}")
    return number


def _script_context():
    """The asking thread's Streamlit script-run context (None outside a script run)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True)


def _attach(ctx) -> None:
    """Give the worker thread the asking run's context while it works for that run: a builder reading the
    run's language (``dashboard.language.current_language`` reads Session State and the URL) sees what the
    script thread would. The script thread is blocked on its future meanwhile, so the context has one user."""
    from streamlit.runtime.scriptrunner_utils.script_run_context_attr import SCRIPT_RUN_CONTEXT_ATTR_NAME

    setattr(threading.current_thread(), SCRIPT_RUN_CONTEXT_ATTR_NAME, ctx)


def _run_marker() -> object | None:
    """An object that stays the same for the whole of the current Streamlit script run and is made new when the
    next run starts (the run's fragment coordinator in Streamlit 1.67); None outside a script run."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    return getattr(ctx, "parallel_coordinator", None) or ctx.cursors


class Worker:
    """A priority queue of (ticket, work) done by ``threads`` daemon threads; ``run`` blocks until done."""

    def __init__(self, threads: int = 1, torch_threads: int | None = None):
        self.threads = threads
        self.torch_threads = torch_threads
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._tickets = itertools.count()
        self._order = itertools.count()  # ties within one ticket: first submitted, first done
        self._local = threading.local()  # per script thread: (run marker, ticket)
        self._started = False
        self._start_lock = threading.Lock()
        self.done: list[int] = []  # tickets in the order their work finished (read by tests)

    def ticket(self) -> int:
        """The current script run's ticket: taken at its first piece of work, kept for the rest of the run."""
        marker = _run_marker()
        held = getattr(self._local, "held", None)
        if marker is not None and held is not None and held[0] is marker:
            return held[1]
        number = next(self._tickets)
        self._local.held = (marker, number) if marker is not None else None
        return number

    def run(self, work: Callable[..., T], *args, ticket: int | None = None, **kwargs) -> T:
        """``work(*args, **kwargs)`` done on the worker in ticket order; its value, or its exception raised here."""
        if getattr(self._local, "is_worker", False):
            return work(*args, **kwargs)
        self._start()
        future: Future = Future()
        self._queue.put((self.ticket() if ticket is None else ticket, next(self._order), work, args, kwargs,
                         _script_context(), future))
        return future.result()

    def _start(self) -> None:
        if self._started:
            return
        with self._start_lock:
            if self._started:
                return
            for index in range(self.threads):
                threading.Thread(target=self._loop, name=f"dashboard-worker-{index}", daemon=True).start()
            self._started = True

    def _loop(self) -> None:
        self._local.is_worker = True
        if self.torch_threads is not None:
            import torch

            torch.set_num_threads(self.torch_threads)  # for this thread (OpenMP's count is per thread): passes run here
        while True:
            ticket, _, work, args, kwargs, ctx, future = self._queue.get()
            if not future.set_running_or_notify_cancel():
                continue
            _attach(ctx)
            try:
                future.set_result(work(*args, **kwargs))
            except BaseException as error:  # handed to the session that asked, raised there
                future.set_exception(error)
            finally:
                _attach(None)
            self.done.append(ticket)
            del self.done[:-1000]


_server_worker: Worker | None = None
_server_lock = threading.Lock()


def server_worker() -> Worker:
    """This server process's worker (made at the first use, sized from the environment)."""
    global _server_worker
    if _server_worker is None:
        with _server_lock:
            if _server_worker is None:
                _server_worker = Worker(_env_int(ENV_WORKERS, 1), _env_int(ENV_TORCH_THREADS, 1))
    return _server_worker


def run(work: Callable[..., T], *args, **kwargs) -> T:
    """``work(*args, **kwargs)`` on this server's worker, in the order the script runs asked."""
    return server_worker().run(work, *args, **kwargs)
