"""Starting and stopping `bokeh serve` on 127.0.0.1 (one process per server, stopped by its own PID)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .websocket import HOST

STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class BokehServer:
    """`bokeh serve <app dirs>` run with this interpreter's bokeh; usable as a context manager."""

    def __init__(self, apps: list[Path], port: int | None = None, prefix: str = "", env: dict | None = None,
                 log: Path | None = None):
        self.apps = apps
        self.port = port or free_port()
        self.prefix = prefix
        self.env = env or {}
        self.log = log
        self._process: subprocess.Popen | None = None
        self._output = None

    def start(self) -> "BokehServer":
        command = [sys.executable, "-m", "bokeh", "serve", *map(str, self.apps), "--address", HOST,
                   "--port", str(self.port)]
        if self.prefix:
            command += ["--prefix", self.prefix]
        self._output = self.log.open("a") if self.log is not None else None
        self._process = subprocess.Popen(command, env={**os.environ, **self.env},
                                         stdout=self._output or subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self._wait_until_listening()
        return self

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"bokeh serve exited with {self._process.returncode}")
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"bokeh serve did not listen on port {self.port} within {STARTUP_SECONDS} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._output is not None:
            self._output.close()
            self._output = None

    def __enter__(self) -> "BokehServer":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
