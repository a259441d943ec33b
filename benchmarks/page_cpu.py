"""A page's CPU per new sentence, in-process: ``python -m benchmarks.page_cpu embeddings --sentences 10``.

The page runs in Streamlit's AppTest (tiny-bert, the burst's 24-token sentences, ``long_bert_sentence``): two
warm-up sentences, a wait until no thread of the process is working, then each new sentence's rerun timed with
``time.process_time()``, which counts every thread of the process (the worker's forward passes and figures
included) and not the time spent waiting for a core another job holds. AppTest does work a served page does not
(it compiles the script on every run and reads the element tree back), so the figures sit above the burst's
server CPU per sentence; compare two trees measured this way in the same run (run it from each tree's root).
``--profile FILE`` writes one cProfile of every thread over the timed reruns.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import threading
import time


def settle(quiet_s: float = 1.0) -> None:
    """Return once the process used under 5 ms of CPU in ``quiet_s`` (a warm-up's work would count otherwise)."""
    while True:
        start = time.process_time()
        time.sleep(quiet_s)
        if time.process_time() - start < 0.005:
            return


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a page's file name under pages/, e.g. embeddings or coreference")
    parser.add_argument("--sentences", type=int, default=10)
    parser.add_argument("--first", type=int, default=100, help="index of the first long_bert_sentence")
    parser.add_argument("--profile", help="write a cProfile of every thread to this file")
    args = parser.parse_args(argv)
    os.environ.setdefault("DASHBOARD_MODELS", "models/tiny-bert")
    from benchmarks.loadtest_burst import long_bert_sentence
    from dashboard import worker
    from tests.support.apptest import run_page

    at = run_page(args.page, {"text": long_bert_sentence(args.first)}, timeout=300)
    for index in (1, 2):  # imports, first figures, per-model tables
        at.sidebar.text_input(key="text").set_value(long_bert_sentence(args.first + index))
        at.run()
    settle()
    profiles: list[cProfile.Profile] = []

    def profile_this_thread(*_) -> None:
        sys.setprofile(None)
        profiles.append(cProfile.Profile())
        profiles[-1].enable()

    if args.profile:
        worker.server_worker().run(profile_this_thread)  # the worker, already running: profiles[0]
        threading.setprofile(profile_this_thread)  # each script thread AppTest starts
    times = []
    for index in range(3, 3 + args.sentences):
        at.sidebar.text_input(key="text").set_value(long_bert_sentence(args.first + index))
        start = time.process_time()
        at.run()
        times.append(time.process_time() - start)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    if args.profile:
        threading.setprofile(None)
        worker.server_worker().run(profiles[0].disable)
        stats = pstats.Stats(profiles[0])
        for profile in profiles[1:]:
            stats.add(profile)
        stats.dump_stats(args.profile)
    ms = sorted(1e3 * t for t in times)
    print(f"{args.page}: CPU per new sentence mean {sum(ms) / len(ms):.1f} ms, median {ms[len(ms) // 2]:.1f} ms, "
          f"min {ms[0]:.1f} ms over {len(ms)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
