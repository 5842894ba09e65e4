"""Real BokehJS in headless Chromium (recorder/browser.mjs), against bokeh serve started here."""

from __future__ import annotations

import asyncio
import os
import shutil

from ..journal import REFERENCE_DIR
from ..server import BokehServer

BROWSER_SCRIPT = REFERENCE_DIR / "recorder" / "browser.mjs"
BROWSER_SECONDS = 120
RESTART_PAUSE_SECONDS = 5


async def run_browser(server: BokehServer, out_name: str, mode: str, out) -> None:
    node = os.environ.get("NODE", shutil.which("node") or "node")
    process = await asyncio.create_subprocess_exec(
        node, str(BROWSER_SCRIPT), str(server.port), str(out / out_name), mode,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    if mode == "reconnect":
        line = await asyncio.wait_for(process.stdout.readline(), BROWSER_SECONDS)
        if line.strip() != b"restart-server":
            raise RuntimeError(f"unexpected output from the browser recorder: {line!r}")
        server.stop()
        # Down long enough for BokehJS to fail a few reconnection attempts first.
        await asyncio.sleep(RESTART_PAUSE_SECONDS)
        server.start()
        process.stdin.write(b"restarted\n")
        await process.stdin.drain()
    await asyncio.wait_for(process.wait(), BROWSER_SECONDS)
    if process.returncode != 0:
        raise RuntimeError(f"the browser recorder ({mode}) exited with {process.returncode}")


async def interact(server: BokehServer, out) -> None:
    await run_browser(server, "30-browser-bokehjs.jsonl", "interact", out)


async def reconnect_after_restart(server: BokehServer, out) -> None:
    await run_browser(server, "31-browser-reconnect-after-server-restart.jsonl", "reconnect", out)
