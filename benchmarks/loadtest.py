"""Load test: a classroom of concurrent Streamlit sessions, as browsers open them (``make loadtest``).

Each simulated student opens a page of the dashboard from a link (``/attention?model=tiny-bert&text=...``):
the teacher's shared link (``--mode shared``) or a sentence of their own (``--mode own``), waits for the
run to finish, optionally moves widgets in the same session (``--widgets K``), fetches one download on
their first visit, pauses briefly and opens the link again, ``--runs`` times. The client speaks
Streamlit's WebSocket protocol (benchmarks/streamlit_client.py), so forty sessions fit on a machine that
could not run forty browsers. The same load on benchmarks/minimal_page.py, started in the same run,
is the floor: what any Streamlit page costs on this machine.

Reported per load: runs/s, open latency p50/p95/max (link requested -> script_finished), widget-change
latency, errors, exceptions shown on the page, cross-session leaks (a session showing a sentence another
session sent), downloads that came back 200, server RSS (warm -> end, peak) and CPU.

    python -m benchmarks.loadtest --table                      # the classroom table (make loadtest)
    python -m benchmarks.loadtest --page beam_search --sessions 10 --runs 5 --mode own
    python -m benchmarks.loadtest --url http://127.0.0.1:8500 --pids 123,456   # a running server/balancer
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.loadtest_burst import Burst, burst_row, print_burst_table, run_burst
from benchmarks.loadtest_report import Tally, print_table
from benchmarks.loadtest_server import REPO_ROOT, ServerStats, streamlit_server
from benchmarks.streamlit_client import Browser, ClientError, Tab

SHARED_TEXT = "The animal didn't cross the street because it was too tired."
SHARED_SOURCE = "I am a student"
STICKY_COOKIE = "DASHBOARD_REPLICA"  # set by HAProxy (deploy/haproxy.cfg.template): which replica a student is on


def bert_sentence(index: int) -> str:
    """A distinct in-vocabulary sentence per index (2,400 of them), with a pronoun for the coreference page."""
    adjectives = ["small", "old", "big", "little", "happy", "wet"]
    animals = ["dog", "cat", "hamster", "rabbit", "puppy", "kitten", "horse", "bird", "fox", "mouse"]
    places = ["street", "road", "river", "bridge", "park", "garden", "field", "hill"]
    states = ["tired", "hungry", "sleepy", "scared", "cold"]
    return _pick(index, "the {} {} didn't cross the {} because it was too {}.", adjectives, animals, places, states)


def translator_sentence(index: int) -> str:
    """A distinct sentence of tiny-translator's source grammar per index (6,912 of them)."""
    adjectives = ["black", "white", "red", "green", "brown", "grey", "blue", "yellow"]
    nouns = ["cat", "dog", "horse", "bird", "cow", "pig", "goat", "lion", "tiger", "fox", "duck", "frog"]
    verbs = ["sees", "likes", "follows", "hears", "finds", "wants"]
    return _pick(index, "the {} {} {} the {}", adjectives, nouns, verbs, nouns)


def _pick(index: int, template: str, *choices: list[str]) -> str:
    words, rest = [], index
    for options in choices:  # mixed radix: every index below the product gives another sentence
        rest, digit = divmod(rest, len(options))
        words.append(options[digit])
    if rest:
        raise ValueError(f"only {math.prod(len(c) for c in choices)} distinct sentences: lower --sessions × --runs")
    return template.format(*words)


@dataclass(frozen=True)
class PageSpec:
    """How a student opens one page: its path, the query parameter holding the sentence, what to move."""

    path: str
    text_key: str
    shared: str
    own: object  # index -> sentence
    query: tuple[tuple[str, str], ...] = ()
    widgets: tuple[str, ...] = ()  # labels of sliders / toggles a student may move
    script: Path = REPO_ROOT / "dashboard" / "app.py"
    text_label: str = "Sentence A"  # the box a student types a new sentence into (the sidebar's)


PAGES = {
    "attention": PageSpec("attention", "text", SHARED_TEXT, bert_sentence, (("model", "tiny-bert"),),
                          ("Layer", "Head", "Hide [CLS] / [SEP]")),
    "coreference": PageSpec("coreference", "text", SHARED_TEXT, bert_sentence, (("model", "tiny-bert"),),
                            ("Head",)),
    "embeddings": PageSpec("embeddings", "text", SHARED_TEXT, bert_sentence, (("model", "tiny-bert"),),
                           ("Layer for the second map",)),
    "masked_lm": PageSpec("masked_lm", "text", SHARED_TEXT, bert_sentence, (("model", "tiny-bert"),), ("Top k",)),
    "beam_search": PageSpec("beam_search", "source", SHARED_SOURCE, translator_sentence,
                            (("translator", "tiny-translator"),), ("Beam width K", "Show pruned hypotheses")),
    "minimal": PageSpec("", "text", SHARED_TEXT, bert_sentence, (), (),
                        REPO_ROOT / "benchmarks" / "minimal_page.py", "Sentence"),
}


@dataclass
class Load:
    page: str
    mode: str  # shared | own
    sessions: int
    runs: int
    widgets: int = 0
    pause: float = 0.5
    downloads: bool = True
    run_timeout: float = 60.0
    time_limit: float = 300.0

    @property
    def name(self) -> str:
        what = "the shared link" if self.mode == "shared" else "own sentences"
        widgets = f", {self.widgets} widget moves" if self.widgets else ""
        return f"{self.page}: {self.sessions} sessions, {what}, {self.sessions} × {self.runs}{widgets}"


def widget_move(tab: Tab, label: str, rng: random.Random) -> dict:
    """A new value for a slider (any other step in its range), a toggle (flipped) or a select box (another
    option)."""
    widget = tab.widgets[label]
    if widget.kind == "slider":
        low, high = int(widget.proto.min), int(widget.proto.max)
        current = tab.widget_states.get(widget.id)
        now = current.double_array_value.data[0] if current is not None else widget.proto.default[0]
        choices = [v for v in range(low, high + 1) if v != now] or [low]
        return {"value": rng.choice(choices)}
    if widget.kind == "checkbox":
        current = tab.widget_states.get(widget.id)
        return {"bool_value": not (current.bool_value if current is not None else widget.proto.default)}
    if widget.kind == "selectbox":  # its state is the chosen option's text
        current = tab.widget_states.get(widget.id)
        now = current.string_value if current is not None else widget.proto.raw_value
        choices = [option for option in widget.proto.options if option != now] or list(widget.proto.options)
        return {"string_value": rng.choice(choices)}
    raise ValueError(f"{label}: moving a {widget.kind} is not supported")


async def student(index: int, url: str, load: Load, spec: PageSpec, tally: Tally) -> None:
    rng = random.Random(index)
    browser = Browser(url, timeout=load.run_timeout)  # one cookie jar per student, kept across visits
    for run in range(load.runs):
        text = spec.shared if load.mode == "shared" else spec.own(index * load.runs + run)
        tally.issued[text] = index
        tab = browser.tab()
        try:
            result = await tab.open(spec.path, dict(spec.query) | {spec.text_key: text})
            tally.opened(index, text, result)
            labels = [label for label in spec.widgets if label in tab.widgets]
            for _ in range(load.widgets if labels else 0):
                label = rng.choice(labels)
                tally.moved(await tab.set_widget(label, **widget_move(tab, label, rng)))
            if load.downloads and run == 0 and tab.downloads:
                item = next(iter(tab.downloads.values()))
                status, body = await tab.download(item)
                retry = None
                if status != 200:  # click again, as a student would: tells a lost file from a wrong replica
                    retry, _ = await tab.download(item)
                tally.downloaded(status == 200 and len(body) > 0, f"{item.label}: HTTP {status}, {len(body)} bytes",
                                 retry == 200)
        except (ClientError, OSError, ValueError) as error:
            tally.failed(error)
        finally:
            await tab.close()
        await asyncio.sleep(load.pause * rng.uniform(0.5, 1.5))
    replica = browser.cookie(STICKY_COOKIE)
    if replica:
        tally.replicas[replica] += 1


async def run_load(url: str, load: Load, stats: ServerStats | None) -> Tally:
    """All students at once, bounded by ``load.time_limit``; server figures sampled throughout."""
    spec = PAGES[load.page]
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=max(8, load.sessions)))
    tally = Tally(load.name, load.mode)
    sampler = None
    if stats is not None:
        stats.start()
        sampler = asyncio.create_task(stats.sample())
    client_cpu, start = time.process_time(), time.perf_counter()
    tasks = [asyncio.create_task(student(i, url, load, spec, tally)) for i in range(load.sessions)]
    done, pending = await asyncio.wait(tasks, timeout=load.time_limit)
    for task in pending:
        task.cancel()
    tally.unfinished = len(pending)
    for task in done:
        if task.exception() is not None:
            tally.failed(task.exception())
    tally.wall = time.perf_counter() - start
    tally.client_cpu = 100 * (time.process_time() - client_cpu) / tally.wall
    tally.machine_load = os.getloadavg()[0]
    if sampler is not None:
        sampler.cancel()
        stats.stop(tally.wall)
        tally.server = stats
    return tally


async def warm_up(url: str, spec: PageSpec, visits: int = 1) -> None:
    """Visits before measuring, so model loading and imports stay out of the figures. Each visit is a new
    browser (no sticky cookie), so behind a round-robin balancer ``visits`` = replicas warms every one."""
    for _ in range(visits):
        tab = Browser(url, timeout=180).tab()
        try:
            await tab.open(spec.path, dict(spec.query) | {spec.text_key: spec.shared})
        finally:
            await tab.close()


def measure(load: Load, url: str | None = None, pids: list[int] | None = None) -> Tally:
    """Run ``load`` against ``url``, or against a fresh server of the page's script started for it."""
    spec = PAGES[load.page]
    if url is not None:
        asyncio.run(warm_up(url, spec, visits=max(1, len(pids or []))))
        return asyncio.run(run_load(url, load, ServerStats(pids) if pids else None))
    log = Path(tempfile.gettempdir()) / f"loadtest-{load.page}-{load.mode}.log"
    with streamlit_server(spec.script, log, env={"DASHBOARD_MODELS": ""}) as server:
        asyncio.run(warm_up(server.url, spec))
        return asyncio.run(run_load(server.url, load, ServerStats([server.pid])))


def measure_burst(burst: Burst, url: str | None = None, pids: list[int] | None = None) -> dict:
    """One burst against ``url``, or against a fresh server of the page's script started for it."""
    spec = PAGES[burst.page]
    if url is not None:
        asyncio.run(warm_up(url, spec, visits=max(1, len(pids or []))))
        return burst_row(*asyncio.run(run_burst(url, burst, spec, ServerStats(pids) if pids else None)))
    log = Path(tempfile.gettempdir()) / f"loadtest-burst-{burst.page}.log"
    with streamlit_server(spec.script, log, env={"DASHBOARD_MODELS": ""}) as server:
        asyncio.run(warm_up(server.url, spec))
        return burst_row(*asyncio.run(run_burst(server.url, burst, spec, ServerStats([server.pid]))))


BURST_PAGES = ["attention", "embeddings", "masked_lm", "coreference", "minimal"]

TABLE = [Load("attention", "shared", 40, 5), Load("attention", "own", 40, 10), Load("minimal", "own", 40, 5)]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--table", action="store_true", help="the classroom table: shared 40×5, own 40×10, "
                        "minimal page 40×5 (the other options are ignored)")
    parser.add_argument("--burst", type=int, metavar="N", help="N students press Enter on a new sentence at once, "
                        "then each moves one control, on each of --pages beside the minimal page (the other "
                        "options but --tokens, --rounds, --url, --pids, --json are ignored)")
    parser.add_argument("--pages", default=",".join(BURST_PAGES), help="with --burst: comma-separated pages")
    parser.add_argument("--tokens", default="24", help="with --burst: sentence length in tiny-bert tokens, 24 "
                        "(as students type) and/or 15 (the other loads' sentences), comma-separated")
    parser.add_argument("--rounds", type=int, default=1, help="with --burst: Enter + control move rounds, each "
                        "with new sentences (--rounds 20: 800 sentences for 40 students)")
    parser.add_argument("--no-moves", action="store_true", help="with --burst: no control move after Enter")
    parser.add_argument("--page", choices=sorted(PAGES), default="attention")
    parser.add_argument("--mode", choices=["shared", "own"], default="shared")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="visits per session")
    parser.add_argument("--widgets", type=int, default=0, help="widget moves after each visit")
    parser.add_argument("--pause", type=float, default=0.5, help="mean pause between visits, seconds")
    parser.add_argument("--no-downloads", action="store_true", help="skip the one download per session")
    parser.add_argument("--no-floor", action="store_true", help="skip the minimal page run")
    parser.add_argument("--url", help="an already running server or load balancer (no server is started)")
    parser.add_argument("--pids", help="comma-separated server pids to read RSS/CPU from with --url (one warm-up "
                        "visit per pid, so each replica behind a balancer loads its model before the load)")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds per load before giving up")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    pids = [int(p) for p in args.pids.split(",")] if args.pids else None
    if args.burst:
        return burst_main(args, pids)
    if args.table:
        loads = TABLE
    else:
        loads = [Load(args.page, args.mode, args.sessions, args.runs, args.widgets, args.pause,
                      not args.no_downloads, time_limit=args.time_limit)]
        if not args.no_floor and args.url is None and args.page != "minimal":
            loads.append(Load("minimal", "own", args.sessions, args.runs, pause=args.pause,
                              time_limit=args.time_limit))
    tallies = []
    for load in loads:
        if not args.json:
            print(f"... {load.name}", file=sys.stderr, flush=True)
        tallies.append(measure(load, args.url, pids))
    if args.json:
        print(json.dumps([t.as_dict() for t in tallies], indent=1))
    else:
        print_table(tallies)
    return 0 if all(t.clean for t in tallies) else 1


def burst_main(args: argparse.Namespace, pids: list[int] | None) -> int:
    pages = [page.strip() for page in args.pages.split(",") if page.strip()]
    unknown = sorted(set(pages) - set(PAGES))
    if unknown:
        raise SystemExit(f"--pages: unknown {unknown}; choose from {sorted(PAGES)}")
    if args.url is not None:
        pages = [p for p in pages if p != "minimal"]  # the floor needs a server of its own
    rows = []
    for tokens in [int(n) for n in args.tokens.split(",")]:
        if tokens not in (15, 24):
            raise SystemExit("--tokens: 15 or 24")
        for page in pages:
            burst = Burst(page, args.burst, tokens, args.rounds, not args.no_downloads, not args.no_moves)
            if not args.json:
                print(f"... {burst.name}", file=sys.stderr, flush=True)
            rows.append(measure_burst(burst, args.url, pids))
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print_burst_table(rows)
    return 0 if all(not (r["errors"] or r["exceptions"] or r["leaks"] or r["downloads_ok"] < r["downloads"])
                    for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
