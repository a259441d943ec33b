"""``python -m core <command>``: the science of the dashboard from a terminal.

Each command lives in the module that owns it; this file only wires them together.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import core

# Every core/cli_*.py module registers its commands: each defines register(subparsers, train_subparsers).
COMMAND_MODULES = sorted(f"core.{m.name}" for m in pkgutil.iter_modules(core.__path__) if m.name.startswith("cli_"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True)
    train = subparsers.add_parser("train", help="train one of the shipped models")
    train_subparsers = train.add_subparsers(dest="what", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers, train_subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except BrokenPipeError:  # `python -m core translate ... | head`: the reader left, which is no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
