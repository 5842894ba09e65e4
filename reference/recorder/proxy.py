"""A byte-forwarding TCP proxy that logs the websocket frames passing through, so that a client we do not control
(Python's `bokeh.client`) can be recorded unmodified."""

from __future__ import annotations

import asyncio
import base64
import struct

from .journal import Journal
from .websocket import BINARY, CLOSE, HOST, PING, PONG, TEXT


class FrameSniffer:
    """Parses one direction of a connection: first the HTTP head, then websocket frames (masked or not)."""

    def __init__(self, journal: Journal, direction: str):
        self.journal = journal
        self.direction = direction
        self._pending = b""
        self._upgraded = False

    def feed(self, data: bytes) -> None:
        self._pending += data
        if not self._upgraded and not self._take_head():
            return
        while (frame := self._take_frame()) is not None:
            self._log(*frame)

    def _take_head(self) -> bool:
        head, found, rest = self._pending.partition(b"\r\n\r\n")
        if not found:
            return False
        kind = "http-request" if self.direction == "c2s" else "http-response"
        self.journal.event(self.direction, kind, text=head.decode("latin-1") + "\r\n\r\n")
        self._pending, self._upgraded = rest, True
        return True

    def _take_frame(self) -> tuple[int, bytes] | None:
        data = self._pending
        if len(data) < 2:
            return None
        opcode, masked, size, at = data[0] & 0x0F, data[1] & 0x80, data[1] & 0x7F, 2
        if size >= 126:
            width = 2 if size == 126 else 8
            if len(data) < 2 + width:
                return None
            size = int.from_bytes(data[2:2 + width], "big")
            at += width
        end = at + (4 if masked else 0) + size
        if len(data) < end:
            return None
        payload = data[end - size:end]
        if masked:
            mask = data[at:at + 4]
            payload = bytes(byte ^ mask[i & 3] for i, byte in enumerate(payload))
        self._pending = data[end:]
        return opcode, payload

    def _log(self, opcode: int, payload: bytes) -> None:
        if opcode == TEXT:
            self.journal.event(self.direction, "text", text=payload.decode("utf-8"))
        elif opcode == BINARY:
            self.journal.event(self.direction, "binary", base64=base64.b64encode(payload).decode())
        elif opcode == CLOSE:
            code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
            self.journal.event(self.direction, "close", code=code, reason=payload[2:].decode("utf-8", "replace"))
        elif opcode in (PING, PONG):
            kind = "ping" if opcode == PING else "pong"
            self.journal.event(self.direction, kind, base64=base64.b64encode(payload).decode())


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, sniffer: FrameSniffer) -> None:
    try:
        while data := await reader.read(1 << 16):
            sniffer.feed(data)
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


class LoggingProxy:
    """Listens on a free 127.0.0.1 port and forwards each connection to the server's port."""

    def __init__(self, journal: Journal, server_port: int):
        self.journal = journal
        self.server_port = server_port
        self._server: asyncio.base_events.Server | None = None

    async def _forward(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection(HOST, self.server_port)
        await asyncio.gather(
            _pump(client_reader, server_writer, FrameSniffer(self.journal, "c2s")),
            _pump(server_reader, client_writer, FrameSniffer(self.journal, "s2c")),
        )

    async def __aenter__(self) -> int:
        self._server = await asyncio.start_server(self._forward, HOST, 0)
        return self._server.sockets[0].getsockname()[1]

    async def __aexit__(self, *_exc) -> None:
        self._server.close()
        await self._server.wait_closed()
