"""PATCH-DOC messages exactly as bokeh's server code serializes them, for changes the live recordings do not make.

No server is involved: a Document gets a change receiver (the hook bokeh's ServerSession uses), and each change is
turned into a PATCH-DOC by bokeh's own protocol classes. The document and the list of changes are mirrored by
packages/document/test/document/serializer-examples.test.ts (same labels, same order): keep them in step.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
from bokeh.document import Document
from bokeh.models import ColumnDataSource, Div, FileInput
from bokeh.plotting import figure
from bokeh.protocol import Protocol


class PatchRecorder:
    """Receives the document's patch events and keeps one serialized PATCH-DOC per event, under the current label."""

    def __init__(self):
        self.protocol = Protocol()
        self.label = ""
        self.examples: list[dict] = []

    def _document_patched(self, event) -> None:
        message = self.protocol.create("PATCH-DOC", [event])
        self.examples.append({
            "example": self.label,
            "header": json.loads(message.header_json),
            "content": json.loads(message.content_json),
            "buffers": [
                {"id": buffer.id, "nbytes": len(buffer.to_bytes()), "hex": buffer.to_bytes().hex()}
                for buffer in message.buffers
            ],
        })


def build_document():
    doc = Document()
    source = ColumnDataSource(data={"x": [1, 2, 3], "y": [4.0, 5.0, 6.0]}, name="src")
    plot = figure(name="plot")
    plot.scatter("x", "y", source=source)
    div = Div(text="hi", name="div")
    file_input = FileInput(name="inp")
    images = ColumnDataSource(data={"image": []}, name="images")
    for root in (plot, div, file_input, images):
        doc.add_root(root)
    return doc, source, plot, div, file_input, images


def changes(doc, source, plot, div, file_input, images):
    """(label, change) pairs, applied in this order to the same document."""
    datetimes = np.array(["2024-01-01T00:00:00", "2024-01-02T00:00:00"], dtype="datetime64[ns]")
    one_more_day = np.array([np.datetime64("2024-01-04", "ns")])
    return [
        ("TitleChanged", lambda: setattr(doc, "title", "New title")),
        ("ModelChanged: plain string", lambda: setattr(div, "text", "<b>bold</b>")),
        ("ModelChanged: NaN / +inf / -inf inside a list (Plot.tags)",
         lambda: setattr(plot, "tags", [float("nan"), float("inf"), float("-inf"), 1.5])),
        ("ModelChanged: dict value -> map (Plot.tags entry)", lambda: setattr(plot, "tags", [{"a": 1, "b": [1, 2]}])),
        ("ModelChanged: datetime and date values (Plot.tags)",
         lambda: setattr(plot, "tags", [dt.datetime(2024, 1, 2, 3, 4, 5), dt.date(2024, 1, 2)])),
        ("ModelChanged: set value (Model.subscribed_events is a set; here via tags)",
         lambda: setattr(plot, "tags", [{1, 2}])),
        ("ColumnDataChanged: whole data replaced with lists",
         lambda: setattr(source, "data", {"x": [7, 8], "y": [9.0, 10.0]})),
        ("ColumnDataChanged: one column replaced (cols=['y'])", lambda: source.data.update(y=[1.0, 2.0])),
        ("ColumnDataChanged: numpy int64 column -> int32 ndarray + buffer",
         lambda: setattr(source, "data", {"x": np.arange(3), "y": np.array([0.5, np.nan, 2.5])})),
        ("ColumnDataChanged: numpy datetime64 column -> float64 ms",
         lambda: setattr(source, "data", {"x": datetimes, "y": np.array([1.0, 2.0])})),
        ("ColumnsStreamed: plain lists, rollover None",
         lambda: source.stream({"x": [np.datetime64("2024-01-03")], "y": [3.0]})),
        ("ColumnsStreamed: numpy arrays, rollover 10",
         lambda: source.stream({"x": one_more_day, "y": np.array([4.0])}, rollover=10)),
        ("ColumnsPatched: integer index and slice index",
         lambda: source.patch({"y": [(0, 100.0), (slice(1, 3), [200.0, 300.0])]})),
        ("ColumnDataChanged: column holding a list of 2-D float32 ndarrays",
         lambda: setattr(images, "data", {"image": [np.arange(6, dtype="float32").reshape(2, 3)]})),
        ("RootAdded: new model graph (full object definitions)",
         lambda: doc.add_root(Div(text="new root", name="newdiv"))),
        ("ModelChanged: value contains new models (full definitions) and known ones (refs)",
         lambda: plot.line(x=[0, 1], y=[0, 1])),
        ("RootRemoved", lambda: doc.remove_root(div)),
        ("MessageSent: server-to-browser event (FileInput.clear() -> clear_input)", lambda: file_input.clear()),
    ]


def record(out: Path) -> None:
    models = build_document()
    recorder = PatchRecorder()
    models[0].callbacks.on_change_dispatch_to(recorder)  # after the roots are in: their RootAdded is not wanted
    for label, change in changes(*models):
        recorder.label = label
        change()
    (out / "serializer-examples.json").write_text(json.dumps(recorder.examples, indent=1) + "\n")


if __name__ == "__main__":
    import sys

    record(Path(sys.argv[1]))
