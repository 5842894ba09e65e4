"""Several websocket connections on one session: what each of them is sent when one of them changes the document."""

from __future__ import annotations

import asyncio

from .. import http
from ..journal import Journal
from ..websocket import WebSocketClient, client_msgid
from .context import Context, model_changed, model_named


async def connect_all(ctx: Context, token: str, journals: list[Journal], pull: bool) -> list[WebSocketClient]:
    """Opens one connection per journal with the same token, one after the other (each pulls before the next)."""
    clients = []
    for journal in journals:
        client = ctx.client(journal)
        await client.connect(f"{ctx.app}/ws", ["bokeh", token], origin=ctx.origin)
        await client.wait_for(lambda _message: True)
        if pull:
            await client.request("PULL-DOC-REQ")
        clients.append(client)
    return clients


async def two_connections(ctx: Context) -> None:
    name = "19-two-connections-one-session"
    with ctx.journal(f"{name}.jsonl") as main, ctx.journal(f"{name}.A.jsonl") as a_log, \
            ctx.journal(f"{name}.B.jsonl") as b_log:
        _head, body = http.get(ctx.port, ctx.app, main)
        main.note("connections A and B use the page's token; their frames are in the .A and .B files")
        a, b = await connect_all(ctx, http.page_token(body.decode()), [a_log, b_log], pull=False)
        doc = (await a.request("PULL-DOC-REQ")).content["doc"]
        await b.request("PULL-DOC-REQ")
        div = model_named(doc, "div")["id"]
        a_log.note(f"A sets the text of Div {div} (no Python callback involved)")
        await a.request("PATCH-DOC", model_changed(div, "text", "set by A"))
        await b.wait_for(lambda message: message.msgtype == "PATCH-DOC", timeout=2)
        await asyncio.sleep(0.2)
        for client in (a, b):
            await client.finish()


async def new_model_fanout(ctx: Context) -> None:
    name = "23-new-model-fanout"
    with ctx.journal(f"{name}.jsonl") as main, ctx.journal(f"{name}.A.jsonl") as a_log, \
            ctx.journal(f"{name}.B.jsonl") as b_log, ctx.journal(f"{name}.C.jsonl") as c_log:
        _head, body = http.get(ctx.port, ctx.app, main)
        main.note("connections A, B and C share the page's session; their frames are in the .A, .B and .C files")
        clients = await connect_all(ctx, http.page_token(body.decode()), [a_log, b_log, c_log], pull=True)
        new_id = client_msgid()
        a_log.note(f"A adds a root Div with the id {new_id}, chosen by the client as BokehJS would")
        div = {"type": "object", "name": "Div", "id": new_id, "attributes": {"text": "added by A"}}
        await clients[0].request("PATCH-DOC", {"events": [{"kind": "RootAdded", "model": div}]})
        for other in clients[1:]:
            await other.wait_for(lambda message: message.msgtype == "PATCH-DOC", timeout=2)
        await asyncio.sleep(0.2)
        for client in clients:
            await client.finish()


SCENARIOS = [two_connections, new_model_fanout]
