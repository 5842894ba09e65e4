"""A deliberately small RFC 6455 client that logs every frame exactly as it crossed the wire.

A ready-made websocket library would hide what the recordings are about (handshake headers, close codes, pings,
malformed frames sent on purpose), so the client speaks the framing itself. It also assembles Bokeh's multi-frame
messages (header, metadata, content, then a buffer header and payload per buffer) so scenarios can wait for replies.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import struct
import time
import uuid
from dataclasses import dataclass, field

from .journal import Journal

HOST = "127.0.0.1"

CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


def client_msgid() -> str:
    """A message id shaped like the ones BokehJS makes: 32 upper-case hex digits."""
    return uuid.uuid4().hex.upper()


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def encode_frame(opcode: int, payload: bytes) -> bytes:
    """One final, masked frame (clients must mask)."""
    size = len(payload)
    if size < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | size)
    elif size < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
    mask = os.urandom(4)
    masked = bytes(byte ^ mask[i & 3] for i, byte in enumerate(payload))
    return head + mask + masked


@dataclass
class BokehMessage:
    header: dict
    metadata: dict = field(default_factory=dict)
    content: object = None
    buffers: dict = field(default_factory=dict)

    @property
    def msgtype(self) -> str:
        return self.header.get("msgtype", "")

    @property
    def reqid(self):
        return self.header.get("reqid")


class MessageAssembler:
    """Turns server frames back into Bokeh messages (the recordings log frames; scenarios wait on messages)."""

    def __init__(self):
        self._message: BokehMessage | None = None
        self._buffer_id = None
        self._step = "header"

    def feed(self, frame) -> BokehMessage | None:
        if self._step == "header":
            self._message = BokehMessage(header=json.loads(frame))
            self._step = "metadata"
        elif self._step == "metadata":
            self._message.metadata = json.loads(frame)
            self._step = "content"
        elif self._step == "content":
            self._message.content = json.loads(frame)
            return self._complete_or_wait()
        elif self._step == "buffer-header":
            self._buffer_id = json.loads(frame)["id"]
            self._step = "buffer"
        else:
            self._message.buffers[self._buffer_id] = frame
            return self._complete_or_wait()
        return None

    def _complete_or_wait(self) -> BokehMessage | None:
        message = self._message
        if len(message.buffers) < message.header.get("num_buffers", 0):
            self._step = "buffer-header"
            return None
        self._step = "header"
        return message


class WebSocketClient:
    def __init__(self, journal: Journal, port: int):
        self.journal = journal
        self.port = port
        self.messages: asyncio.Queue[BokehMessage] = asyncio.Queue()
        self.closed = asyncio.Event()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task | None = None
        self._close_sent = False
        self._assembler = MessageAssembler()

    # -- handshake ----------------------------------------------------------------------------------------------

    async def connect(self, path: str, protocols: list[str] | None = None, origin: str | None = None,
                      headers: dict | None = None) -> int:
        """Sends the upgrade request; returns the HTTP status (101 starts the frame reader)."""
        self._reader, self._writer = await asyncio.open_connection(HOST, self.port)
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {HOST}:{self.port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {base64.b64encode(os.urandom(16)).decode()}",
            "Sec-WebSocket-Version: 13",
        ]
        if origin is not None:
            lines.append(f"Origin: {origin}")
        if protocols is not None:
            lines.append("Sec-WebSocket-Protocol: " + ", ".join(protocols))
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        request = "\r\n".join(lines) + "\r\n\r\n"
        self.journal.event("c2s", "http-request", text=request)
        self._writer.write(request.encode())
        await self._writer.drain()
        return await self._read_handshake_response()

    async def _read_handshake_response(self) -> int:
        head = (await self._reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status = int(head.split(" ", 2)[1])
        body = b""
        length = re.search(r"(?im)^content-length:\s*(\d+)", head)
        if status != 101 and length:
            body = await self._reader.readexactly(int(length.group(1)))
        self.journal.event("s2c", "http-response", text=head + body.decode("latin-1"))
        if status == 101:
            self._task = asyncio.create_task(self._read_frames())
        else:
            self._writer.close()
            self.closed.set()
        return status

    # -- sending ------------------------------------------------------------------------------------------------

    async def _send(self, opcode: int, payload: bytes) -> None:
        self._writer.write(encode_frame(opcode, payload))
        await self._writer.drain()

    async def send_text(self, text: str) -> None:
        self.journal.event("c2s", "text", text=text)
        await self._send(TEXT, text.encode("utf-8"))

    async def send_binary(self, data: bytes) -> None:
        self.journal.event("c2s", "binary", base64=base64.b64encode(data).decode())
        await self._send(BINARY, data)

    async def send_close(self, code: int | None = 1000, reason: str = "") -> None:
        if self._close_sent:
            return
        self._close_sent = True
        self.journal.event("c2s", "close", code=code, reason=reason)
        payload = b"" if code is None else struct.pack("!H", code) + reason.encode()
        try:
            await self._send(CLOSE, payload)
        except ConnectionError:
            pass  # the server may already have dropped the connection

    async def send_message(self, msgtype: str, content=None, buffers: list[tuple[str, bytes]] = (),
                           header: dict | None = None) -> str:
        """A Bokeh message as BokehJS sends it (compact JSON, `num_buffers` only when there are buffers)."""
        head = {"msgid": client_msgid(), "msgtype": msgtype}
        if buffers:
            head["num_buffers"] = len(buffers)
        head.update(header or {})
        await self.send_text(compact(head))
        await self.send_text("{}")
        await self.send_text(content if isinstance(content, str) else compact(content if content is not None else {}))
        for buffer_id, data in buffers:
            await self.send_text(compact({"id": buffer_id}))
            await self.send_binary(data)
        return head["msgid"]

    async def request(self, msgtype: str, content=None, **options) -> BokehMessage | None:
        """Sends a message and waits for the server's message answering it (`reqid`)."""
        msgid = await self.send_message(msgtype, content, **options)
        return await self.wait_for(lambda message: message.reqid == msgid)

    # -- receiving ----------------------------------------------------------------------------------------------

    async def _read_frame(self) -> tuple[bool, int, bytes]:
        first, second = await self._reader.readexactly(2)
        size = second & 0x7F
        if size == 126:
            (size,) = struct.unpack("!H", await self._reader.readexactly(2))
        elif size == 127:
            (size,) = struct.unpack("!Q", await self._reader.readexactly(8))
        mask = await self._reader.readexactly(4) if second & 0x80 else None
        payload = await self._reader.readexactly(size)
        if mask is not None:
            payload = bytes(byte ^ mask[i & 3] for i, byte in enumerate(payload))
        return bool(first & 0x80), first & 0x0F, payload

    async def _read_frames(self) -> None:
        opcode, parts = TEXT, []
        try:
            while True:
                final, op, payload = await self._read_frame()
                if op in (PING, PONG, CLOSE):
                    if not await self._on_control(op, payload):
                        return
                    continue
                if op != CONTINUATION:
                    opcode, parts = op, []
                parts.append(payload)
                if final:
                    self._on_data(opcode, b"".join(parts))
        except (asyncio.IncompleteReadError, ConnectionError):
            self.journal.event("s2c", "eof")
        finally:
            self.closed.set()

    async def _on_control(self, op: int, payload: bytes) -> bool:
        """Logs a control frame and answers it; False once the connection is closing."""
        encoded = base64.b64encode(payload).decode()
        if op == PING:
            self.journal.event("s2c", "ping", base64=encoded, text=payload.decode("utf-8", "replace"))
            self.journal.event("c2s", "pong", base64=encoded, text=payload.decode("utf-8", "replace"))
            await self._send(PONG, payload)
            return True
        if op == PONG:
            self.journal.event("s2c", "pong", base64=encoded)
            return True
        code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
        self.journal.event("s2c", "close", code=code, reason=payload[2:].decode("utf-8", "replace"))
        # Echo the code when it is one a client may send; the server's 10000/10001 are outside that range.
        await self.send_close(code if code is not None and 1000 <= code < 5000 else 1000)
        return False

    def _on_data(self, opcode: int, data: bytes) -> None:
        if opcode == TEXT:
            text = data.decode("utf-8")
            self.journal.event("s2c", "text", text=text)
            message = self._assembler.feed(text)
        else:
            self.journal.event("s2c", "binary", base64=base64.b64encode(data).decode())
            message = self._assembler.feed(data)
        if message is not None:
            self.messages.put_nowait(message)

    async def wait_for(self, accept, timeout: float = 5.0) -> BokehMessage | None:
        """The next received message `accept` takes (others are dropped), or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(self.messages.get(), left)
            except asyncio.TimeoutError:
                return None
            if accept(message):
                return message
        return None

    async def wait_closed(self, timeout: float = 3.0) -> None:
        try:
            await asyncio.wait_for(self.closed.wait(), timeout)
        except asyncio.TimeoutError:
            pass

    async def finish(self) -> None:
        """Closes with 1000 (unless the server already closed) and waits for the server's side."""
        if not self.closed.is_set():
            await self.send_close(1000)
            await self.wait_closed()
        if self._task is not None:
            self._task.cancel()
        self._writer.close()
