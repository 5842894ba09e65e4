"""The app the protocol recordings talk to, served by `bokeh serve` as /app.

Every model a recording client needs has a `name`, so clients find its id in the pulled document. Each model
exercises one part of the protocol: numpy columns (binary buffers), a Python `on_change` callback, a UI event
callback, and a periodic callback that streams plain lists.
"""

import numpy as np
from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import Button, ColumnDataSource, Div, Slider
from bokeh.plotting import figure

POINTS = 5
STREAM_PERIOD_MS = 3000


def ramp(scale: float) -> dict:
    """x = 0..POINTS-1 and y = scale * x, as float64 arrays (they travel as binary buffers)."""
    x = np.arange(POINTS, dtype="float64")
    return {"x": x, "y": x * float(scale)}


class TranscriptApp:
    """One session's models and callbacks."""

    def __init__(self, doc):
        self.clicks = 0
        self.streamed = 0
        self.source = ColumnDataSource(data=ramp(1), name="source")
        self.plot = figure(title="line", width=400, height=250, name="plot")
        self.plot.line(x="x", y="y", source=self.source)
        self.slider = Slider(title="Amplitude", start=0, end=10, step=1, value=1, name="slider")
        self.button = Button(label="Click me", name="button")
        self.div = Div(text="not clicked", name="div")

        self.slider.on_change("value", self.on_slider)
        self.button.on_click(self.on_click)
        doc.add_periodic_callback(self.on_tick, STREAM_PERIOD_MS)

        doc.title = "Transcript app"
        doc.add_root(column(self.plot, self.slider, self.button, self.div, name="layout"))

    def on_slider(self, _attr, _old, new):
        # A whole new data dict: a ColumnDataChanged with ndarray buffers.
        self.source.data = ramp(new)

    def on_click(self, _event):
        self.clicks += 1
        self.div.text = f"clicked {self.clicks} time(s)"

    def on_tick(self):
        # Python lists, not arrays: the ColumnsStreamed event carries plain JSON.
        start = float(POINTS + 2 * self.streamed)
        self.streamed += 1
        self.source.stream({"x": [start, start + 1], "y": [0.5, 1.5]}, rollover=50)


TranscriptApp(curdoc())
