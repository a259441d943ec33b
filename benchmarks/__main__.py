"""Run every benchmarks/bench_*.py in turn, or only those named: ``python -m benchmarks bert beam``.

``python -m benchmarks loadtest [options]`` runs the load test instead (``make loadtest``; not part of
the bench_* set, it takes minutes).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> int:
    if argv[:1] == ["loadtest"]:
        from benchmarks import loadtest

        return loadtest.main(argv[1:])
    names = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))
    if argv:
        names = [n for n in names if n.removeprefix("bench_") in argv or n in argv]
    for name in names:
        print(f"=== {name} ===", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
