"""Python's own `bokeh.client`, unmodified, recorded through a logging proxy."""

from __future__ import annotations

import asyncio
import sys

from ..journal import REFERENCE_DIR
from ..proxy import LoggingProxy
from ..websocket import HOST
from .context import Context

CLIENT_SECONDS = 60


async def run_client(ctx: Context, name: str, action: str, description: str) -> None:
    with ctx.journal(name) as journal:
        journal.note(description + " (recorded by a byte-forwarding proxy on 127.0.0.1)")
        async with LoggingProxy(journal, ctx.port) as proxy_port:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "recorder.bokeh_client", action, f"http://{HOST}:{proxy_port}{ctx.app}",
                cwd=REFERENCE_DIR, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
            output, _ = await asyncio.wait_for(process.communicate(), CLIENT_SECONDS)
            await asyncio.sleep(0.5)  # let the proxy log the last frames
        if process.returncode != 0:
            raise RuntimeError(f"bokeh.client {action} failed:\n{output.decode()}")


async def pull_session(ctx: Context) -> None:
    await run_client(ctx, "20-python-bokeh-client.jsonl", "pull",
                     "bokeh.client.pull_session(), request_server_info(), slider.value = 7, force_roundtrip(), close")


async def push_session(ctx: Context) -> None:
    await run_client(ctx, "24-python-bokeh-client-push.jsonl", "push",
                     "bokeh.client.push_session() of a one-Div document titled 'pushed', force_roundtrip(), close()")


SCENARIOS = [pull_session, push_session]
