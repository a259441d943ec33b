"""A class pressing Enter at once (``python -m benchmarks.loadtest --burst 40``).

The classroom moment: every student has the page open, the teacher says "now type your own sentence", and
forty students press Enter within a second. Each simulated student first opens the page on the teacher's
link (not measured), then all of them change the sidebar's sentence to a new one of their own at the same
moment (the rerun the browser sends on Enter), then each moves one control on their own sentence, then
fetches one download (the first click). ``--rounds R`` repeats the Enter-and-move with new sentences, so
``--rounds 20`` sends 800 new sentences through one server (its memory after a class's worth of work).

Reported per page: the answer's p50 / p95 / max (Enter -> script_finished), how close the median student
is to the last one (p50 / p95: 1 when everybody waits for everybody), the server's CPU per new sentence
(process CPU time over the Enter phases / sentences: other load on the machine makes the wait longer
but does not add CPU time to the server's process), the control moves' p50 / p95, errors, exceptions,
sentences shown to the wrong student, downloads that came back at the first click, server RSS.
"""

from __future__ import annotations

import asyncio
import functools
import os
import random
import re
import time
from dataclasses import dataclass

from benchmarks.loadtest_report import Tally, percentile
from benchmarks.loadtest_server import ServerStats
from benchmarks.streamlit_client import Browser, ClientError, Tab

MAX_TOP_K = 20  # the Masked LM page's largest top k


def long_bert_sentence(index: int) -> str:
    """A distinct in-vocabulary sentence of 24 tiny-bert tokens per index (60,000 of them): about 13 words,
    as students type them, with a pronoun for the coreference page."""
    from benchmarks.loadtest import _pick

    adjectives = ["small", "old", "big", "little", "happy", "wet"]
    animals = ["dog", "cat", "hamster", "rabbit", "puppy", "kitten", "horse", "bird", "fox", "mouse"]
    sizes = ["long", "busy", "wide", "quiet", "dark"]
    places = ["street", "road", "river", "bridge", "park", "garden", "field", "hill"]
    states = ["tired", "hungry", "sleepy", "scared", "cold"]
    return _pick(index, "the {} {} didn't want to cross the {} {} after school today because it was too {} "
                 "and too {}.", adjectives, animals, sizes, places, states, states)


@dataclass
class Burst:
    page: str
    sessions: int
    tokens: int = 24  # 24: a sentence as students type it; 15: the sentences of the other loads
    rounds: int = 1  # Enter + one control move per student, each round with new sentences
    downloads: bool = True
    moves: bool = True
    run_timeout: float = 180.0

    @property
    def name(self) -> str:
        rounds = f", {self.rounds} rounds ({self.sessions * self.rounds} sentences)" if self.rounds > 1 else ""
        return f"{self.page}: {self.sessions} new sentences at once, {self.tokens} tokens{rounds}"

    def sentence(self, student: int, round_: int) -> str:
        from benchmarks.loadtest import bert_sentence

        index = round_ * self.sessions + student
        return long_bert_sentence(index) if self.tokens == 24 else bert_sentence(index)


@dataclass
class BurstFigures:
    """What the Enter phases cost the server, beside the Tally's latencies."""

    sentences: int = 0
    cpu_seconds: float = 0.0  # server process CPU over the Enter phases only
    enter_wall: float = 0.0
    order: float = 0.0  # share of pairs of students answered in the order they pressed Enter

    @property
    def cpu_ms_per_sentence(self) -> float:
        return 1000 * self.cpu_seconds / self.sentences if self.sentences else 0.0


def in_order_share(sent: list[float], done: list[float]) -> float:
    """The share of pairs (i, j) with i sent before j that were also answered before j (1: strict FIFO;
    about 0.5 when the order is random)."""
    pairs = ordered = 0
    for i in range(len(sent)):
        for j in range(len(sent)):
            if sent[i] < sent[j]:
                pairs += 1
                ordered += done[i] <= done[j]
    return ordered / pairs if pairs else 1.0


async def _open(index: int, url: str, spec, tabs: list, tally: Tally, timeout: float) -> None:
    tab = Browser(url, timeout=timeout).tab()
    try:
        await tab.open(spec.path, dict(spec.query) | {spec.text_key: spec.shared})
        if spec.text_label not in tab.widgets:
            raise ClientError(f"no text box {spec.text_label!r} on {spec.path or 'the page'}")
        tabs[index] = tab
    except (ClientError, OSError, ValueError) as error:
        tally.failed(error)
        await tab.close()


async def _enter(index: int, tab: Tab, spec, text: str, varying: set[str], barrier: asyncio.Event, tally: Tally,
                 sent: list[float], done: list[float]) -> None:
    await barrier.wait()
    sent[index] = time.perf_counter()
    try:
        result = await tab.set_widget(spec.text_label, string_value=text)
        done[index] = time.perf_counter()
        tally.opened(index, text, result)  # a sentence shown whole as text (the minimal page)
        if text not in result.strings:
            own_drawn, foreign = chart_tokens(text, result, varying, model_words(spec.path, text))
            tally.own_missing -= own_drawn
            if foreign:
                owners = sorted({tally.issued[t] for t in tally.issued if words(t) & foreign} - {index})
                tally.leaks.append(f"student {index} was shown {sorted(foreign)}, words of students {owners[:3]}")
    except (ClientError, OSError, ValueError) as error:
        done[index] = float("inf")
        tally.failed(error)


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


@functools.lru_cache(maxsize=4096)
def model_words(path: str, text: str) -> frozenset[str]:
    """Words a page draws that come from the model, not from a sentence: on Masked LM, tiny-bert's top
    predictions at the page's default mask (*it*, else the first token). Another student's word found there (the
    model guessing *kitten* for a cat sentence) is the model's answer, not a leak."""
    if path != "masked_lm":
        return frozenset()
    from core.bert.pipeline import fill_mask

    masked = re.sub(r"\bit\b", "[MASK]", text, count=1)  # the burst's sentences all hold "it"
    result = fill_mask(_tiny_bert(), masked, top_k=MAX_TOP_K)
    return frozenset(word for mask in result.masks for word in mask.tokens)


@functools.lru_cache(maxsize=1)
def _tiny_bert():
    from core.bert.pipeline import load_pipeline

    return load_pipeline("tiny-bert")


def chart_tokens(text: str, result, varying: set[str], allowed: frozenset[str] = frozenset()) -> tuple[bool, set[str]]:
    """The pages draw the sentence as token labels in their charts: (every word of the student's own sentence
    that tells it from the others is drawn, the words drawn that only other students' sentences have).
    Tokens are matched as whole JSON strings (``"dog"``), as tick labels are written, or as the pieces of a
    token list shown as text (``the · small · dog``)."""
    charts = "".join(result.chart_specs)
    pieces = {piece for text in result.strings for piece in text.split(" · ")}  # st.code of the tokens
    drawn = {word for word in varying if f'"{word}"' in charts or word in pieces}
    own = words(text) & varying
    return own <= drawn, drawn - own - allowed


async def _move(index: int, tab: Tab, spec, tally: Tally) -> None:
    from benchmarks.loadtest import widget_move

    rng = random.Random(index)
    labels = [label for label in spec.widgets if label in tab.widgets]
    if not labels:
        return
    label = rng.choice(labels)
    try:
        tally.moved(await tab.set_widget(label, **widget_move(tab, label, rng)))
    except (ClientError, OSError, ValueError) as error:
        tally.failed(error)


async def _download(tab: Tab, tally: Tally) -> None:
    if not tab.downloads:
        return
    item = next(iter(tab.downloads.values()))
    try:
        status, body = await tab.download(item)
        retry = None
        if status != 200:
            retry, _ = await tab.download(item)
        tally.downloaded(status == 200 and len(body) > 0, f"{item.label}: HTTP {status}, {len(body)} bytes",
                         retry == 200)
    except (ClientError, OSError, ValueError) as error:
        tally.failed(error)


async def run_burst(url: str, burst: Burst, spec, stats: ServerStats | None) -> tuple[Tally, BurstFigures]:
    """Open every student's page, then per round: everybody presses Enter on a new sentence at once, then
    everybody moves one control at once; finally one download each."""
    tally, figures = Tally(burst.name, "own"), BurstFigures()
    tabs: list[Tab | None] = [None] * burst.sessions
    await asyncio.gather(*[_open(i, url, spec, tabs, tally, burst.run_timeout) for i in range(burst.sessions)])
    live = [(i, tab) for i, tab in enumerate(tabs) if tab is not None]
    if stats is not None:
        stats.start()
        sampler = asyncio.create_task(stats.sample())
    start = time.perf_counter()
    try:
        for round_ in range(burst.rounds):
            sent, done = [0.0] * burst.sessions, [0.0] * burst.sessions
            barrier = asyncio.Event()
            texts = {i: burst.sentence(i, round_) for i, _ in live}
            for i, text in texts.items():
                tally.issued[text] = i
            every = [words(text) for text in texts.values()]
            varying = set.union(*every) - set.intersection(*every)  # the words that tell the sentences apart
            for text in texts.values():  # before the clock starts: the client's own model pass blocks its loop
                model_words(spec.path, text)
            entering = [asyncio.create_task(_enter(i, tab, spec, texts[i], varying, barrier, tally, sent, done))
                        for i, tab in live]
            cpu_before, wall_before = (stats.total_cpu() if stats else 0.0), time.perf_counter()
            await asyncio.sleep(0)  # every task waits at the barrier
            barrier.set()
            await asyncio.gather(*entering)
            figures.enter_wall += time.perf_counter() - wall_before
            if stats is not None:
                figures.cpu_seconds += stats.total_cpu() - cpu_before
            figures.sentences += len(live)
            indices = [i for i, _ in live]
            figures.order = in_order_share([sent[i] for i in indices], [done[i] for i in indices])
            if burst.moves:
                await asyncio.gather(*[_move(i, tab, spec, tally) for i, tab in live])
        if burst.downloads:
            await asyncio.gather(*[_download(tab, tally) for _, tab in live])
    finally:
        tally.wall = time.perf_counter() - start
        tally.machine_load = os.getloadavg()[0]
        for _, tab in live:
            await tab.close()
        if stats is not None:
            sampler.cancel()
            stats.stop(tally.wall)
            tally.server = stats
    return tally, figures


def burst_row(tally: Tally, figures: BurstFigures) -> dict:
    d = tally.as_dict()
    p50, p95 = percentile(tally.opens, 50), percentile(tally.opens, 95)
    return d | {"sentences": figures.sentences, "cpu_ms_per_sentence": round(figures.cpu_ms_per_sentence, 1),
                "p50_over_p95": round(p50 / p95, 2) if p95 else None, "answered_in_order": round(figures.order, 2),
                "enter_wall_s": round(figures.enter_wall, 2)}


def print_burst_table(rows: list[dict]) -> None:
    print("| page, new sentences at once | p50 | p95 | max | p50 / p95 | in order | server CPU per new sentence "
          "| control move p50 / p95 | errors | exceptions | leaks | downloads (1st click) | server RSS warm → end "
          "(peak) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for d in rows:
        ratio = f"{d['p50_over_p95']:.2f}" if d["p50_over_p95"] is not None else "—"
        print(f"| {d['load']} | {d['open_p50_s']:.2f} s | {d['open_p95_s']:.2f} s | {d['open_max_s']:.2f} s | "
              f"{ratio} | {d['answered_in_order']:.2f} | {d['cpu_ms_per_sentence']:.0f} ms | "
              f"{d['move_p50_s']:.2f} / {d['move_p95_s']:.2f} s | {d['errors']} | {d['exceptions']} | "
              f"{d['leaks']} | {d['downloads_ok']}/{d['downloads']} | "
              f"{d['server_rss_warm_mb']} → {d['server_rss_end_mb']} ({d['server_rss_peak_mb']}) MB |")
    for d in rows:
        notes = [f"machine load {d['machine_load_1min']:.1f}"]
        if d["own_sentence_missing"]:
            notes.append(f"{d['own_sentence_missing']} answers did not show their own sentence")
        notes += [f"{n}× {k}" for k, n in list(d["error_kinds"].items()) + list(d["exception_kinds"].items())]
        notes += d["leak_examples"] + d["download_failures"]
        print(f"- {d['load']}: " + "; ".join(notes))
