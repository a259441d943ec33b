"""Start a Streamlit server for a load test on a free loopback port, and read its memory and CPU from /proc.

The server is bounded: it listens on 127.0.0.1 only, and the context manager stops it (terminate,
then kill after 10 s) whatever happens to the load test.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of one process, MB (second field of /proc/<pid>/statm, in pages)."""
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE_SIZE / 1e6


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (fields 14 and 15 of /proc/<pid>/stat, after the command name)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class ServerStats:
    """Memory and CPU of the server processes over a load phase."""

    pids: list[int]
    rss_warm: float = 0.0
    rss_end: float = 0.0
    rss_peak: float = 0.0
    cpu_start: float = 0.0
    cpu_percent: float = 0.0  # of one core, summed over the processes
    samples: list[float] = field(default_factory=list)

    def total_rss(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)

    def total_cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    def start(self) -> None:
        self.rss_warm = self.rss_peak = self.total_rss()
        self.cpu_start = self.total_cpu()

    async def sample(self, every: float = 0.5) -> None:
        """Track the peak RSS until cancelled."""
        while True:
            rss = self.total_rss()
            self.rss_peak = max(self.rss_peak, rss)
            self.samples.append(rss)
            await asyncio.sleep(every)

    def stop(self, wall: float) -> None:
        self.rss_end = self.total_rss()
        self.rss_peak = max(self.rss_peak, self.rss_end)
        self.cpu_percent = 100 * (self.total_cpu() - self.cpu_start) / wall if wall > 0 else 0.0


@dataclass
class Server:
    url: str
    pid: int
    log: Path


@contextmanager
def streamlit_server(script: Path, log: Path, env: dict[str, str] | None = None, timeout: float = 120):
    """``streamlit run script`` from the repository root (so .streamlit/config.toml applies); yields a Server."""
    port = free_port()
    environment = {**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})}
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=REPO_ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, timeout, process)
        yield Server(url, process.pid, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_healthy(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Until ``/_stcore/health`` answers ok (the server accepts sessions), or fail with the reason."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not healthy after {timeout:g} s")
        time.sleep(0.2)
