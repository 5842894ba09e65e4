"""Session tokens made by hand: bokeh's format is base64url JSON `{session_id, session_expiry, ...}`, plus an
HMAC-SHA256 signature of that text when sessions are signed (see bokeh/util/token.py for the facts used)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import zlib

EXTRA_PAYLOAD_KEY = "__bk__zlib_"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signature(secret: bytes, text: str) -> str:
    return b64url(hmac.new(secret, text.encode("utf-8"), hashlib.sha256).digest())


def decode(token: str) -> dict:
    """The token's payload, with the compressed extra payload (headers, cookies, arguments) also shown decoded."""
    payload = json.loads(unb64url(token.split(".")[0]))
    if EXTRA_PAYLOAD_KEY in payload:
        payload[EXTRA_PAYLOAD_KEY + " (decoded)"] = json.loads(zlib.decompress(unb64url(payload[EXTRA_PAYLOAD_KEY])))
    return payload


def unsigned(session_id: str, expires_in: int = 300) -> str:
    return b64url(json.dumps({"session_id": session_id, "session_expiry": int(time.time()) + expires_in}).encode())


def signed_session_id(secret: bytes, base: str) -> str:
    return f"{base}.{signature(secret, base)}"


def signed(secret: bytes, session_base: str, expires_in: int = 300) -> str:
    """A token as a signing server makes it (Python's default `json.dumps` separators), without extra payload."""
    payload = {"session_id": signed_session_id(secret, session_base), "session_expiry": int(time.time()) + expires_in}
    text = b64url(json.dumps(payload).encode("utf-8"))
    return f"{text}.{signature(secret, text)}"
