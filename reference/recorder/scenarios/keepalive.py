"""An idle connection: bokeh serve pings every connection every 37 s by default."""

from __future__ import annotations

import asyncio

from .context import Context

IDLE_SECONDS = 40


async def keepalive(ctx: Context) -> None:
    with ctx.journal("21-keepalive-ping.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        journal.note(f"idle for {IDLE_SECONDS} s (the app's stream patches still arrive)")
        await asyncio.sleep(IDLE_SECONDS)
        await client.finish()


SCENARIOS = [keepalive]
