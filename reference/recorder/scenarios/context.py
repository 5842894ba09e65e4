"""What every scenario gets: the server's port, the output folder, and helpers to open a session."""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import http, tokens
from ..journal import Journal
from ..websocket import WebSocketClient


@dataclass
class Context:
    port: int
    out: Path
    app: str = "/app"

    @property
    def origin(self) -> str:
        # bokeh serve's default websocket allowlist is localhost:<port>, so this Origin is accepted.
        return f"http://localhost:{self.port}"

    @contextmanager
    def journal(self, name: str):
        with Journal(self.out / name) as journal:
            yield journal

    def client(self, journal: Journal) -> WebSocketClient:
        return WebSocketClient(journal, self.port)

    def token_from_page(self, journal: Journal) -> str:
        """GETs the app page (which creates a session) and returns the page's session token."""
        _head, body = http.get(self.port, self.app, journal)
        token = http.page_token(body.decode())
        journal.note("token from the app page's render item; payload: " + json.dumps(tokens.decode(token)))
        return token

    async def open_session(self, journal: Journal, pull: bool = True) -> tuple[WebSocketClient, dict | None]:
        """Page GET, websocket upgrade with the page's token, ACK, and (unless told not to) PULL-DOC."""
        token = self.token_from_page(journal)
        client = self.client(journal)
        status = await client.connect(f"{self.app}/ws", ["bokeh", token], origin=self.origin)
        if status != 101:
            raise RuntimeError(f"upgrade refused with {status}")
        ack = await client.wait_for(lambda _message: True)
        if ack is None or ack.msgtype != "ACK":
            raise RuntimeError("no ACK")
        if not pull:
            return client, None
        reply = await client.request("PULL-DOC-REQ")
        return client, reply.content["doc"]


def model_named(doc: dict, name: str) -> dict:
    """The full definition (`{"type": "object", ...}`) of the model with that `name` in a pulled document."""
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("type") == "object" and value.get("attributes", {}).get("name") == name:
                return value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    raise KeyError(f"no model named {name!r}")


def typed_array(buffer_id: str) -> dict:
    """A float64 typed array whose bytes travel as the binary buffer `buffer_id`, as BokehJS encodes one."""
    return {"type": "typed_array", "array": {"type": "bytes", "data": {"id": buffer_id}}, "order": "little",
            "dtype": "float64"}


def model_changed(model_id: str, attr: str, new) -> dict:
    return {"events": [{"kind": "ModelChanged", "model": {"id": model_id}, "attr": attr, "new": new}]}
