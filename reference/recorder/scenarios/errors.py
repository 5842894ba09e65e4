"""Broken frames and refused requests: what closes the connection (and with which code), what gets an ERROR."""

from __future__ import annotations

from .context import Context, model_changed, model_named, typed_array
from ..websocket import client_msgid, compact


async def invalid_json(ctx: Context) -> None:
    with ctx.journal("07a-error-invalid-json-content.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        journal.note("a valid header and metadata, then a content frame that is not JSON")
        for frame in (compact({"msgid": client_msgid(), "msgtype": "PATCH-DOC"}), "{}", "{this is not json"):
            await client.send_text(frame)
        await client.wait_closed(5)

    with ctx.journal("07b-error-invalid-json-header.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        journal.note("a header frame that is not JSON (the server parses it once the third frame is in)")
        for frame in ("{not json", "{}", "{}"):
            await client.send_text(frame)
        await client.wait_closed(5)


async def unexpected_msgtypes(ctx: Context) -> None:
    with ctx.journal("08-error-unknown-msgtype.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        await client.send_message("NOT-A-TYPE")
        await client.wait_closed(5)

    with ctx.journal("08b-error-msgtype-not-expected-on-server.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        journal.note("OK is a known message type, but one only servers send")
        await client.send_message("OK")
        await client.wait_closed(5)


async def unknown_model(ctx: Context) -> None:
    with ctx.journal("09-error-unknown-model-id.jsonl") as journal:
        client, _ = await ctx.open_session(journal)
        await client.request("PATCH-DOC", model_changed("p999999", "value", 3))
        journal.note("after the ERROR the connection is still usable: SERVER-INFO-REQ")
        await client.request("SERVER-INFO-REQ")
        await client.finish()


async def broken_framing(ctx: Context) -> None:
    with ctx.journal("10-error-binary-instead-of-text.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        await client.send_binary(compact({"msgid": "x", "msgtype": "PULL-DOC-REQ"}).encode())
        await client.wait_closed(5)

    with ctx.journal("11-error-missing-buffer.jsonl") as journal:
        client, _ = await ctx.open_session(journal, pull=False)
        journal.note("the header announces one buffer, but the client starts another message instead")
        await client.send_message("PULL-DOC-REQ", header={"num_buffers": 1})
        await client.send_message("SERVER-INFO-REQ")
        await client.wait_closed(5)

    with ctx.journal("12-error-unresolved-buffer-ref.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        source = model_named(doc, "source")["id"]
        journal.note("the content refers to buffer '0', which is never sent (no num_buffers)")
        data = {"type": "map", "entries": [["x", typed_array("0")]]}
        await client.request("PATCH-DOC", model_changed(source, "data", data))
        await client.finish()


async def request_level(ctx: Context) -> None:
    with ctx.journal("25-error-request-level.jsonl") as journal:
        client, doc = await ctx.open_session(journal)
        slider = model_named(doc, "slider")["id"]
        layout = model_named(doc, "layout")["id"]
        no_such_event = {"type": "event", "name": "no_such_event", "values": {"type": "map"}}
        no_such_model = {"type": "object", "name": "NoSuchModel", "id": client_msgid()}
        cases = [
            ("an attribute the model does not have", model_changed(slider, "nope", 1)),
            ("a value of the wrong type", model_changed(slider, "value", "abc")),
            ("an event kind that does not exist", {"events": [{"kind": "Frobnicated", "model": {"id": slider}}]}),
            ("a bokeh_event with an unknown name",
             {"events": [{"kind": "MessageSent", "msg_type": "bokeh_event", "msg_data": no_such_event}]}),
            ("a definition of an unknown model type",
             {"events": [{"kind": "RootAdded", "model": no_such_model}]}),
            ("RootRemoved of the layout", {"events": [{"kind": "RootRemoved", "model": {"id": layout}}]}),
            ("a change to the slider, now no longer in the document", model_changed(slider, "value", 5)),
        ]
        for label, content in cases:
            journal.note(label)
            await client.request("PATCH-DOC", content)
        await client.finish()


SCENARIOS = [invalid_json, unexpected_msgtypes, unknown_model, broken_framing, request_level]
