"""A transcript file: one JSON object per line, one line per thing that crossed the wire (or a note)."""

from __future__ import annotations

import json
import re
import sysconfig
import time
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent


def _placeholders() -> list[tuple[str, str]]:
    """Machine-specific directory prefixes and what replaces them, so recordings do not depend on the host."""
    pairs = []
    for key in ("purelib", "platlib", "stdlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            pairs.append((path.rstrip("/") + "/", f"<{key}>/"))
    pairs.append((str(REFERENCE_DIR) + "/", "<reference>/"))
    return pairs


PLACEHOLDERS = _placeholders()
# Any other absolute path under the usual roots (server tracebacks mention a few).
OTHER_PATHS = re.compile(r"(?<![\w.])/(?:tmp|work|home|root|usr|opt)/[^\s\"'<>]*")


def scrub(text: str) -> str:
    for prefix, placeholder in PLACEHOLDERS:
        text = text.replace(prefix, placeholder)
    return OTHER_PATHS.sub("<path>", text)


class Journal:
    """Appends events with a running `seq` and `t_ms` (milliseconds since the journal was opened)."""

    def __init__(self, path: Path):
        self.path = path
        self._start = time.monotonic()
        self._seq = 0
        self._file = path.open("w", encoding="utf-8")

    def event(self, direction: str, kind: str, **fields) -> None:
        self._seq += 1
        elapsed_ms = round((time.monotonic() - self._start) * 1000, 1)
        line = {"seq": self._seq, "t_ms": elapsed_ms, "dir": direction, "kind": kind}
        for key, value in fields.items():
            line[key] = scrub(value) if key in ("text", "reason") and isinstance(value, str) else value
        self._file.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._file.flush()

    def note(self, text: str) -> None:
        self.event("note", "note", text=text)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
