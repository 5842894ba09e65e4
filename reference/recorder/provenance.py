"""PROVENANCE.json: what produced the recordings (versions, date, command)."""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from pathlib import Path

import bokeh
import numpy
import tornado


def _version_of(command: list[str]) -> str | None:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip() or None
    except OSError:
        return None


def write(out: Path, groups: list[str]) -> None:
    """Records the versions and date of this run; groups recorded by an earlier run keep their entry."""
    path = out / "PROVENANCE.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    recorded = {**previous.get("groups", {}), **{group: now for group in groups}}
    provenance = {
        "bokeh": bokeh.__version__,
        "tornado": tornado.version,
        "numpy": numpy.__version__,
        "python": platform.python_version(),
        "node": _version_of(["node", "--version"]),
        "chromium": _version_of(["/usr/bin/chromium", "--version"]),
        "command": "python3 reference/record.py",
        "groups": dict(sorted(recorded.items())),
    }
    path.write_text(json.dumps(provenance, indent=1) + "\n")
