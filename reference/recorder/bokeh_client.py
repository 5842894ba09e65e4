"""Unmodified Python `bokeh.client` sessions, run as a separate process by the recorder (through its logging proxy):

    python -m recorder.bokeh_client pull http://127.0.0.1:<proxy port>/app
    python -m recorder.bokeh_client push http://127.0.0.1:<proxy port>/app

A fresh process per client keeps the ids bokeh gives its models the same from one recording to the next.
"""

from __future__ import annotations

import sys

from bokeh.client import pull_session, push_session
from bokeh.document import Document
from bokeh.models import Div


def pull(url: str) -> None:
    """Pull the app's document, ask for the server info, change the slider, and wait until the server has it."""
    with pull_session(url=url) as session:
        session.request_server_info()
        session.document.select_one({"name": "slider"}).value = 7
        session.force_roundtrip()


def push(url: str) -> None:
    """Replace the session's document with a one-Div document of our own."""
    doc = Document()
    doc.title = "pushed"
    doc.add_root(Div(text="pushed by bokeh.client", name="pushed"))
    session = push_session(doc, url=url)
    session.force_roundtrip()
    session.close()


if __name__ == "__main__":
    {"pull": pull, "push": push}[sys.argv[1]](sys.argv[2])
