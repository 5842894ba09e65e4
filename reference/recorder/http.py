"""Plain HTTP/1.1 GETs over a raw socket, so the recordings show exactly what was sent and received."""

from __future__ import annotations

import re
import socket

from .journal import Journal
from .websocket import HOST


def get(port: int, target: str, journal: Journal | None = None, headers: dict | None = None) -> tuple[str, bytes]:
    """Returns the response head (status line and headers) and body; logs both heads when given a journal."""
    lines = [f"GET {target} HTTP/1.1", f"Host: {HOST}:{port}", "User-Agent: fastify-bokeh-reference", "Accept: */*",
             "Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    request = "\r\n".join(lines) + "\r\n\r\n"
    with socket.create_connection((HOST, port), timeout=10) as sock:
        sock.sendall(request.encode())
        chunks = []
        while chunk := sock.recv(1 << 16):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    if journal is not None:
        journal.event("c2s", "http-request", text=request)
        journal.event("s2c", "http-response", text=head.decode("latin-1") + "\r\n\r\n")
    return head.decode("latin-1"), body


def page_token(html: str) -> str:
    """The session token of the render item in an app page (or autoload.js)."""
    found = re.search(r'"token":"([^"]+)"', html)
    if found is None:
        raise ValueError("no session token in the page")
    return found.group(1)
