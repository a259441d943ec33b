"""One training at a time per server: a class's fine-tuning runs, done in the order asked, shared when identical.

A live fine-tune takes up to a minute of one core. Forty students pressing *Train* at once must not start forty
trainings on two cores (each would take forty times as long, and every other page would stall behind them), and
must not run on the trace worker (``dashboard.worker``) either, whose forward passes take milliseconds and would
wait behind a minute of training. So trainings get one thread of their own and run one at a time, first asked,
first run; the others wait in line and can read their place in it.

A run is named by everything its result depends on (the key: model, task, labelled examples, seed). A second
request for a key that is queued, running or done gets the same job: it waits in the same place in line, or
reads the result at once. The last ``keep`` finished runs are kept (each holds a fine-tuned model, about 13 MB
for tiny-bert); asking again for a failed run queues it anew.

The training thread has no Streamlit context: a job reports its progress as plain data (``Job.progress``), and
the asking script thread polls it and draws the bar. Nothing here imports Streamlit.
"""

from __future__ import annotations

import collections
import itertools
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

Report = Callable[[Any], None]  # report(progress): called by the work as it trains, with any plain value
Work = Callable[[Report], Any]  # work(report) -> the run's result


@dataclass(eq=False)
class Job:
    """One training run: its key, where it stands, its last progress report and, once done, its result."""

    key: Hashable
    number: int  # the order it was asked in, over the server's life
    work: Work | None  # dropped once run, so a kept job holds its result only
    state: str = QUEUED
    progress: Any = None  # the last value the work reported
    result: Any = None
    error: BaseException | None = None
    _finished: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run is done or failed (at most ``timeout`` seconds); whether it has."""
        return self._finished.wait(timeout)


class QueueFull(Exception):
    """More runs wait than the queue takes: the asking session is told to come back later."""


class TrainingQueue:
    """Runs submitted jobs one at a time on a daemon thread, in the order asked; identical keys share one job."""

    def __init__(self, keep: int = 8, max_waiting: int = 32, torch_threads: int | None = None):
        self.keep = keep  # finished runs kept for later requests
        self.max_waiting = max_waiting  # runs allowed to wait behind the running one
        self.torch_threads = torch_threads
        self._lock = threading.Condition()
        self._waiting: collections.deque[Job] = collections.deque()
        self._running: Job | None = None
        self._finished: collections.OrderedDict[Hashable, Job] = collections.OrderedDict()  # oldest first
        self._numbers = itertools.count(1)
        self._thread: threading.Thread | None = None
        self.order: list[Hashable] = []  # keys in the order their runs started (read by tests)

    def submit(self, key: Hashable, work: Work) -> Job:
        """The job for ``key``: the one queued, running or kept for it, else a new one put at the end of the line.
        Raises QueueFull when ``max_waiting`` runs already wait."""
        with self._lock:
            job = self._find(key)
            if job is not None and job.state != FAILED:
                if job.state == DONE:
                    self._finished.move_to_end(key)  # asked again: kept the longest
                return job
            if len(self._waiting) >= self.max_waiting:
                raise QueueFull(f"{len(self._waiting)} runs are waiting already")
            self._finished.pop(key, None)  # a failed run is tried again
            job = Job(key=key, number=next(self._numbers), work=work)
            self._waiting.append(job)
            self._start()
            self._lock.notify_all()
            return job

    def job(self, key: Hashable) -> Job | None:
        """The job queued, running or kept for ``key``, or None: asks without queueing anything."""
        with self._lock:
            return self._find(key)

    def ahead(self, job: Job) -> int:
        """How many runs will train before ``job`` starts: the running one and those queued before it (0 once
        it runs or has finished)."""
        with self._lock:
            if job.state != QUEUED:
                return 0
            waiting = list(self._waiting)
            before = waiting.index(job) if job in waiting else 0
            return before + (self._running is not None)

    def snapshot(self) -> tuple[Job | None, list[Job], list[Job]]:
        """(the running job, the waiting ones in order, the kept finished ones newest first)."""
        with self._lock:
            return self._running, list(self._waiting), list(reversed(self._finished.values()))

    def _find(self, key: Hashable) -> Job | None:
        if self._running is not None and self._running.key == key:
            return self._running
        for job in self._waiting:
            if job.key == key:
                return job
        return self._finished.get(key)

    def _start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="dashboard-training", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        if self.torch_threads is not None:
            import torch

            torch.set_num_threads(self.torch_threads)  # for this thread (OpenMP keeps a count per thread)
        while True:
            with self._lock:
                while not self._waiting:
                    self._lock.wait()
                job = self._running = self._waiting.popleft()
                job.state = RUNNING
                self.order.append(job.key)
            self._run(job)

    def _run(self, job: Job) -> None:
        def report(progress: Any) -> None:
            job.progress = progress

        try:
            result, error = job.work(report), None
        except BaseException as raised:  # handed to every session waiting on the job, shown there
            result, error = None, raised
        with self._lock:
            job.result, job.error, job.work = result, error, None
            job.state = DONE if error is None else FAILED
            self._running = None
            self._finished[job.key] = job
            while len(self._finished) > self.keep:  # sessions waiting on an evicted job still hold it
                self._finished.popitem(last=False)
        job._finished.set()
