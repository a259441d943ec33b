"""What a load test counts (Tally) and how it prints: a table with the minimal page as the floor."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from benchmarks.loadtest_server import ServerStats
from benchmarks.streamlit_client import RunResult


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Tally:
    name: str
    mode: str
    opens: list[float] = field(default_factory=list)  # seconds, link requested -> script_finished
    connects: list[float] = field(default_factory=list)  # of which HTTP + WebSocket handshake
    moves: list[float] = field(default_factory=list)  # widget change -> script_finished
    errors: Counter = field(default_factory=Counter)
    exceptions: Counter = field(default_factory=Counter)  # st.exception elements on the page
    leaks: list[str] = field(default_factory=list)
    own_missing: int = 0  # visits whose page did not show the session's own sentence (leak check blind)
    downloads_ok: int = 0
    downloads: int = 0
    downloads_ok_second: int = 0  # failed at the first click, 200 at the second
    download_failures: list[str] = field(default_factory=list)
    issued: dict[str, int] = field(default_factory=dict)  # sentence -> the student who sent it
    replicas: Counter = field(default_factory=Counter)  # students per replica, from the balancer's sticky cookie
    bytes: int = 0
    cache_refs: int = 0
    unfinished: int = 0
    wall: float = 0.0
    client_cpu: float = 0.0
    machine_load: float = 0.0  # 1-minute load average at the end: other work on the machine skews everything
    server: ServerStats | None = None

    def opened(self, student: int, text: str, result: RunResult) -> None:
        self.opens.append(result.latency)
        self.connects.append(result.connect)
        self._count(result)
        if text not in result.strings:
            self.own_missing += 1
        if self.mode != "own":  # one sentence for everybody: nothing to tell sessions apart by
            return
        for shown in result.strings:
            owner = self.issued.get(shown)
            if owner is not None and owner != student:
                self.leaks.append(f"student {student} was shown {shown!r} sent by student {owner}")

    def moved(self, result: RunResult) -> None:
        self.moves.append(result.latency)
        self._count(result)

    def _count(self, result: RunResult) -> None:
        self.bytes += result.bytes
        self.cache_refs += result.cache_refs
        for text in result.exceptions:
            self.exceptions[text[:200]] += 1

    def downloaded(self, ok: bool, detail: str, retry_ok: bool = False) -> None:
        self.downloads += 1
        self.downloads_ok += ok
        if not ok:
            self.download_failures.append(detail + (", 200 at the 2nd click" if retry_ok else ", failed again"))
            self.downloads_ok_second += retry_ok

    def failed(self, error: BaseException) -> None:
        self.errors[f"{type(error).__name__}: {error}"[:200]] += 1

    @property
    def runs(self) -> int:
        return len(self.opens) + len(self.moves)

    @property
    def throughput(self) -> float:
        return self.runs / self.wall if self.wall else 0.0

    @property
    def clean(self) -> bool:
        return not (self.errors or self.exceptions or self.leaks or self.unfinished
                    or self.downloads_ok < self.downloads)

    def as_dict(self) -> dict:
        server = self.server
        return {
            "load": self.name, "runs": self.runs, "wall_s": round(self.wall, 2),
            "runs_per_s": round(self.throughput, 3),
            "open_p50_s": round(percentile(self.opens, 50), 3), "open_p95_s": round(percentile(self.opens, 95), 3),
            "open_max_s": round(max(self.opens, default=0), 3),
            "connect_p50_s": round(percentile(self.connects, 50), 3),
            "move_p50_s": round(percentile(self.moves, 50), 3), "move_p95_s": round(percentile(self.moves, 95), 3),
            "errors": sum(self.errors.values()), "error_kinds": dict(self.errors.most_common(5)),
            "exceptions": sum(self.exceptions.values()), "exception_kinds": dict(self.exceptions.most_common(5)),
            "leaks": len(self.leaks) if self.mode == "own" else None, "leak_examples": self.leaks[:3],
            "own_sentence_missing": self.own_missing, "unfinished_sessions": self.unfinished,
            "downloads_ok": self.downloads_ok, "downloads": self.downloads,
            "downloads_ok_at_second_click": self.downloads_ok_second,
            "download_failures": self.download_failures[:3],
            "mb_received": round(self.bytes / 1e6, 1), "cache_refs": self.cache_refs,
            "students_per_replica": dict(sorted(self.replicas.items())),
            "client_cpu_percent": round(self.client_cpu),
            "server_rss_warm_mb": round(server.rss_warm) if server else None,
            "server_rss_end_mb": round(server.rss_end) if server else None,
            "server_rss_peak_mb": round(server.rss_peak) if server else None,
            "server_cpu_percent": round(server.cpu_percent) if server else None,
            # CPU seconds the server spent per run: the page's cost, less sensitive to the pauses than runs/s
            "server_cpu_ms_per_run": round(10 * server.cpu_percent * self.wall / self.runs, 1)
            if server and self.runs else None,
            "machine_load_1min": self.machine_load,
        }


def downloads(d: dict) -> str:
    second = f" ({d['downloads_ok'] + d['downloads_ok_at_second_click']} at the 2nd click)" \
        if d["downloads_ok"] < d["downloads"] else ""
    return f"{d['downloads_ok']}/{d['downloads']}{second}"


def print_table(tallies: list[Tally]) -> None:
    floor = next((t for t in tallies if t.name.startswith("minimal")), None)
    print("| load | runs/s | p50 | p95 | max | errors | exceptions | leaks | downloads | "
          "server RSS warm → end (peak) | server CPU (per run) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for t in tallies:
        d = t.as_dict()
        leaks = "—" if d["leaks"] is None else str(d["leaks"])
        rss = (f"{d['server_rss_warm_mb']} → {d['server_rss_end_mb']} ({d['server_rss_peak_mb']}) MB"
               if t.server else "—")
        cpu = f"{d['server_cpu_percent']} % ({d['server_cpu_ms_per_run']:.0f} ms)" if t.server else "—"
        print(f"| {t.name} | {d['runs_per_s']:.2f} | {d['open_p50_s']:.2f} s | {d['open_p95_s']:.2f} s | "
              f"{d['open_max_s']:.2f} s | {d['errors']} | {d['exceptions']} | {leaks} | "
              f"{downloads(d)} | {rss} | {cpu} |")
    for t in tallies:
        d = t.as_dict()
        notes = []
        if t.moves:
            notes.append(f"widget moves p50 {d['move_p50_s']:.2f} s, p95 {d['move_p95_s']:.2f} s")
        if floor is not None and t is not floor and floor.throughput and floor.opens:
            # widget moves are runs too, but the floor has none: compare visits then
            ratio = (len(t.opens) / t.wall) / (len(floor.opens) / floor.wall) if t.moves else \
                t.throughput / floor.throughput
            notes.append(f"{ratio:.2f}× the minimal page's {'visits' if t.moves else 'runs'}/s, "
                         f"p95 {percentile(t.opens, 95) / percentile(floor.opens, 95):.2f}× its p95")
        notes.append(f"handshake p50 {d['connect_p50_s']:.2f} s, {d['mb_received']} MB received, "
                     f"{d['cache_refs']} cached elements, client CPU {d['client_cpu_percent']} %, "
                     f"machine load {d['machine_load_1min']:.1f}")
        if t.replicas:
            notes.append("students per replica: " + ", ".join(f"{k} {v}" for k, v in sorted(t.replicas.items())))
        for kind, count in list(t.errors.items())[:3] + list(t.exceptions.items())[:3]:
            notes.append(f"{count}× {kind}")
        notes += t.leaks[:3] + t.download_failures[:3]
        if t.own_missing:
            notes.append(f"{t.own_missing} visits did not show their own sentence (the leak check saw nothing)")
        if t.unfinished:
            notes.append(f"{t.unfinished} sessions were still running at the time limit")
        print(f"- {t.name}: " + "; ".join(notes))
    if tallies and statistics.fmean([t.wall for t in tallies]) > 0:
        print(f"({sum(t.runs for t in tallies)} runs in {sum(t.wall for t in tallies):.0f} s of load)")
