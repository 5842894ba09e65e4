"""A server that signs sessions (BOKEH_SIGN_SESSIONS=yes, a secret key, under --prefix /pfx): which tokens and
session ids it accepts, checked against signatures computed here."""

from __future__ import annotations

import json
import uuid

from .. import http, tokens
from .context import Context

SECRET = "test-secret-do-not-use"
PREFIX = "/pfx"
ENV = {"BOKEH_SIGN_SESSIONS": "yes", "BOKEH_SECRET_KEY": SECRET}


async def connect_once(ctx: Context, journal, token: str, expect_ack: bool) -> None:
    client = ctx.client(journal)
    await client.connect(f"{ctx.app}/ws", ["bokeh", token], origin=ctx.origin)
    if expect_ack:
        await client.wait_for(lambda _message: True)
        await client.finish()
    else:
        await client.wait_closed(3)


def check_page_token(journal, token: str) -> None:
    """Notes whether the page's token and its session id carry the signatures computed here."""
    key = SECRET.encode()
    text, token_signature = token.split(".", 1)
    payload = tokens.decode(token)
    base, id_signature = payload["session_id"].split(".", 1)
    journal.note("page token: " + token)
    journal.note("payload: " + json.dumps(payload))
    journal.note("HMAC-SHA256 (base64url, unpadded) of the text before the first '.' matches: "
                 f"token {tokens.signature(key, text) == token_signature}, "
                 f"session id {tokens.signature(key, base) == id_signature}")


async def signed_sessions(ctx: Context) -> None:
    key = SECRET.encode()
    with ctx.journal("22-signed-sessions.jsonl") as journal:
        _head, body = http.get(ctx.port, ctx.app, journal)
        page_token = http.page_token(body.decode())
        check_page_token(journal, page_token)
        await connect_once(ctx, journal, page_token, expect_ack=True)

        ours = tokens.signed(key, "ReferenceSigned" + uuid.uuid4().hex[:29])
        journal.note("a token signed here (no extra payload): " + ours)
        await connect_once(ctx, journal, ours, expect_ack=True)

        journal.note("the same token with its last two signature characters changed")
        await connect_once(ctx, journal, ours[:-2] + ("BB" if ours.endswith("AA") else "AA"), expect_ack=False)

        journal.note("an unsigned token")
        await connect_once(ctx, journal, tokens.unsigned("Unsigned" + uuid.uuid4().hex[:36]), expect_ack=False)

        journal.note("GET with an unsigned bokeh-session-id argument")
        http.get(ctx.port, f"{ctx.app}?bokeh-session-id=NotSigned1234", journal)
        session_id = tokens.signed_session_id(key, "ReferenceChosen" + uuid.uuid4().hex[:29])
        journal.note("GET with a correctly signed bokeh-session-id argument: " + session_id)
        http.get(ctx.port, f"{ctx.app}?bokeh-session-id={session_id}", journal)
        journal.note("GET with that id both as argument and as Bokeh-Session-Id header")
        http.get(ctx.port, f"{ctx.app}?bokeh-session-id={session_id}", journal, {"Bokeh-Session-Id": session_id})


SCENARIOS = [signed_sessions]
