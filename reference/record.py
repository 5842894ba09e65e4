#!/usr/bin/env python3
"""Records the reference the repository's tests compare against: what `bokeh serve` 3.9.2 (Python) sends and
receives, with our own clients and our own app (apps/app), all on 127.0.0.1. See README.md in this folder.

    python3 reference/record.py                 # everything, into reference/recordings (about two minutes)
    python3 reference/record.py --only browser  # one group: pages protocol clients keepalive signed serializer browser

Runs itself with the Python that has bokeh 3.9.2: $BOKEH_PYTHON, else ~/.cache/fastify-bokeh/venv-bokeh-3.9.2.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BOKEH_VERSION = "3.9.2"
HERE = Path(__file__).resolve().parent
DEFAULT_PYTHON = Path.home() / ".cache/fastify-bokeh/venv-bokeh-3.9.2/bin/python"


def ensure_bokeh_python() -> None:
    """Re-executes this script with the interpreter that has the pinned bokeh, unless this is it."""
    try:
        import bokeh

        if bokeh.__version__ == BOKEH_VERSION:
            return
    except ImportError:
        pass
    python = os.environ.get("BOKEH_PYTHON", str(DEFAULT_PYTHON))
    if os.environ.get("REFERENCE_REEXEC") == python:
        sys.exit(f"{python} does not have bokeh {BOKEH_VERSION}")
    os.execve(python, [python, __file__, *sys.argv[1:]], {**os.environ, "REFERENCE_REEXEC": python})


ensure_bokeh_python()
sys.path.insert(0, str(HERE))

from recorder import provenance  # noqa: E402
from recorder.scenarios import (  # noqa: E402
    basics, browser, clients, errors, handshakes, keepalive, pages, sharing, signed,
)
from recorder.scenarios.context import Context  # noqa: E402
from recorder.server import BokehServer  # noqa: E402

APP = HERE / "apps" / "app"
GROUPS = ["pages", "protocol", "clients", "keepalive", "signed", "serializer", "browser"]


async def run_on_app_server(out: Path, logs: Path, scenarios) -> None:
    with BokehServer([APP], log=logs / "bokeh-serve.log") as server:
        ctx = Context(server.port, out)
        for scenario in scenarios:
            print(f"  {scenario.__name__}", file=sys.stderr)
            await scenario(ctx)


async def run_signed(out: Path, logs: Path) -> None:
    with BokehServer([APP], prefix=signed.PREFIX, env=signed.ENV, log=logs / "bokeh-serve-signed.log") as server:
        await signed.signed_sessions(Context(server.port, out, app=f"{signed.PREFIX}/app"))


async def run_browser(out: Path, logs: Path) -> None:
    for scenario in (browser.interact, browser.reconnect_after_restart):
        print(f"  {scenario.__name__}", file=sys.stderr)
        with BokehServer([APP], log=logs / "bokeh-serve-browser.log") as server:
            await scenario(server, out)


def run_serializer(out: Path) -> None:
    # A process of its own: the ids bokeh gives the models then do not depend on what ran before.
    subprocess.run([sys.executable, "-m", "recorder.serializer_examples", str(out)], cwd=HERE, check=True)


async def record(groups: list[str], out: Path, logs: Path) -> None:
    protocol = basics.SCENARIOS + errors.SCENARIOS + handshakes.SCENARIOS + sharing.SCENARIOS
    steps = {
        "pages": lambda: run_on_app_server(out, logs, pages.SCENARIOS),
        "protocol": lambda: run_on_app_server(out, logs, protocol),
        "clients": lambda: run_on_app_server(out, logs, clients.SCENARIOS),
        "keepalive": lambda: run_on_app_server(out, logs, keepalive.SCENARIOS),
        "signed": lambda: run_signed(out, logs),
        "browser": lambda: run_browser(out, logs),
    }
    for group in groups:
        print(f"recording {group}", file=sys.stderr)
        if group == "serializer":
            run_serializer(out)
        else:
            await steps[group]()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / "recordings")
    parser.add_argument("--only", action="append", choices=GROUPS, help="record only this group (repeatable)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    groups = args.only or GROUPS
    with tempfile.TemporaryDirectory(prefix="bokeh-reference-") as logs:
        try:
            asyncio.run(record(groups, args.out.resolve(), Path(logs)))
        except Exception:
            for log in sorted(Path(logs).glob("*.log")):
                print(f"--- {log.name}\n{log.read_text()[-4000:]}", file=sys.stderr)
            raise
    provenance.write(args.out, groups)


if __name__ == "__main__":
    main()
