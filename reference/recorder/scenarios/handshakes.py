"""Websocket upgrades that go wrong (or right without a browser): origin, missing, expired and garbage tokens."""

from __future__ import annotations

import json
import uuid

from .. import tokens
from ..websocket import HOST
from .context import Context


async def origin_rejected(ctx: Context) -> None:
    with ctx.journal("14-handshake-origin-rejected.jsonl") as journal:
        token = ctx.token_from_page(journal)
        journal.note("Origin 127.0.0.1:<port> is not in the default allowlist (localhost:<port>)")
        await ctx.client(journal).connect(f"{ctx.app}/ws", ["bokeh", token], origin=f"http://{HOST}:{ctx.port}")


async def no_token(ctx: Context) -> None:
    with ctx.journal("15-handshake-no-token.jsonl") as journal:
        client = ctx.client(journal)
        await client.connect(f"{ctx.app}/ws", ["bokeh"], origin=ctx.origin)
        await client.wait_closed(3)


async def expired_token(ctx: Context) -> None:
    with ctx.journal("16-handshake-expired-token.jsonl") as journal:
        token = tokens.unsigned("ExpiredSession" + uuid.uuid4().hex, expires_in=-10)
        journal.note("an unsigned token that expired 10 s ago: " + json.dumps(tokens.decode(token)))
        client = ctx.client(journal)
        await client.connect(f"{ctx.app}/ws", ["bokeh", token], origin=ctx.origin)
        await client.wait_closed(3)


async def garbage_token(ctx: Context) -> None:
    with ctx.journal("17-handshake-garbage-token.jsonl") as journal:
        client = ctx.client(journal)
        await client.connect(f"{ctx.app}/ws", ["bokeh", "not-a-token"], origin=ctx.origin)
        await client.wait_closed(3)


async def no_origin_new_session(ctx: Context) -> None:
    with ctx.journal("18-handshake-no-origin-new-session.jsonl") as journal:
        token = tokens.unsigned("ReferenceRecorderSession" + uuid.uuid4().hex[:20])
        journal.note("no Origin header, and an unsigned token for a session id the server has never seen "
                     "(it creates the session on connect): " + json.dumps(tokens.decode(token)))
        client = ctx.client(journal)
        await client.connect(f"{ctx.app}/ws", ["bokeh", token])
        await client.wait_for(lambda _message: True)
        await client.request("PULL-DOC-REQ")
        await client.finish()


SCENARIOS = [origin_rejected, no_token, expired_token, garbage_token, no_origin_new_session]
