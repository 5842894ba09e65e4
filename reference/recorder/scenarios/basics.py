"""The ordinary conversation: ACK, SERVER-INFO, PULL-DOC, client patches with Python callbacks, server streams."""

from __future__ import annotations

import asyncio
import json
import struct

from .context import Context, model_changed, model_named, typed_array


async def open_ack(ctx: Context) -> None:
    with ctx.journal("01-open-ack.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        await client.finish()


async def server_info(ctx: Context) -> None:
    with ctx.journal("02-server-info.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        await client.request("SERVER-INFO-REQ")
        await client.finish()


async def pull_doc(ctx: Context) -> None:
    with ctx.journal("03-pull-doc.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        await client.finish()
    (ctx.out / "pull-doc-reply.content.json").write_text(json.dumps({"doc": doc}, indent=1) + "\n")


async def slider_patch(ctx: Context) -> None:
    with ctx.journal("04-slider-patch.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        slider = model_named(doc, "slider")["id"]
        journal.note(f"the client sets Slider {slider} value 1 -> 3; the app's on_change replaces source.data")
        await client.request("PATCH-DOC", model_changed(slider, "value", 3))
        await asyncio.sleep(0.3)  # nothing else is expected; give a late message the chance to show up
        await client.finish()


async def button_click(ctx: Context) -> None:
    with ctx.journal("05-button-click.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        button = model_named(doc, "button")["id"]
        journal.note(f"the client sends the button_click UI event of Button {button}, in BokehJS's shape")
        values = {"type": "map", "entries": [["model", {"id": button}]]}
        event = {"kind": "MessageSent", "msg_type": "bokeh_event",
                 "msg_data": {"type": "event", "name": "button_click", "values": values}}
        await client.request("PATCH-DOC", {"events": [event]})
        await asyncio.sleep(0.3)
        await client.finish()


async def stream(ctx: Context) -> None:
    with ctx.journal("06-stream.jsonl") as journal:
        client, _ = await ctx.open_session(journal)
        journal.note("waiting for the app's periodic callback (every 3 s) to stream two points")
        await client.wait_for(lambda message: message.msgtype == "PATCH-DOC", timeout=8)
        await client.finish()


async def client_binary_patch(ctx: Context) -> None:
    with ctx.journal("13-client-binary-patch.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        source = model_named(doc, "source")["id"]
        journal.note("the client replaces source.data with two float64 arrays sent as binary buffers '0' and '1'")
        data = {"type": "map", "entries": [["x", typed_array("0")], ["y", typed_array("1")]]}
        buffers = [("0", struct.pack("<3d", 0.0, 1.0, 2.0)), ("1", struct.pack("<3d", 5.0, 6.0, 7.0))]
        await client.request("PATCH-DOC", model_changed(source, "data", data), buffers=buffers)
        journal.note("a second PULL-DOC-REQ shows the data as the server now holds it")
        await client.request("PULL-DOC-REQ")
        await client.finish()


SCENARIOS = [open_ack, server_info, pull_doc, slider_patch, button_click, stream, client_binary_patch]
