"""Render deploy/haproxy.cfg.template for N local replicas and any replicas on other machines.

    python deploy/haproxy_config.py --replicas 2                         # 127.0.0.1:8501, 127.0.0.1:8502
    python deploy/haproxy_config.py --replicas 0 --servers 10.0.0.2:8501 10.0.0.3:8501 --bind 0.0.0.0

Each replica is one ``server`` line with its own cookie value (r1, r2, ...) and a health check; the
same file spans several machines because a replica is only an address.
"""

from __future__ import annotations

import argparse
import string
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")


def server_lines(addresses: list[str]) -> str:
    return "\n".join(f"    server r{i} {address} check cookie r{i}" for i, address in enumerate(addresses, 1))


def render(replicas: int, servers: list[str], port: int = 8500, bind: str = "127.0.0.1", first_port: int = 8501,
           cookie: str = "DASHBOARD_REPLICA") -> str:
    addresses = [f"127.0.0.1:{first_port + i}" for i in range(replicas)] + servers
    if not addresses:
        raise ValueError("no replica: give --replicas N or --servers host:port ...")
    for address in addresses:
        host, _, number = address.rpartition(":")
        if not host or not number.isdigit():
            raise ValueError(f"{address!r} is not host:port")
    return string.Template(TEMPLATE.read_text()).substitute(
        bind=bind, port=port, cookie=cookie, servers=server_lines(addresses))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="local replicas on ports first-port, first-port+1...")
    parser.add_argument("--first-port", type=int, default=8501)
    parser.add_argument("--servers", nargs="*", default=[], help="replicas elsewhere, host:port")
    parser.add_argument("--port", type=int, default=8500, help="the port students open")
    parser.add_argument("--bind", default="127.0.0.1", help="0.0.0.0 to serve other machines")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.replicas, args.servers, args.port, args.bind, args.first_port))
    except ValueError as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
