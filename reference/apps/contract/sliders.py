"""/sliders, the Python twin of apps/demo/src/apps/sliders.ts (contract: reference/apps/contract/README.md).

A sine wave over 200 points of [0, 4π]; moving `freq` or `amp` makes the server replace `source.data` with
y = amp·sin(freq·x). The TextInput `title` sets the plot's title.
"""

import numpy as np
from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, Slider, TextInput
from bokeh.plotting import figure

POINTS = 200
X = np.linspace(0, 4 * np.pi, POINTS)


def wave(amp: float, freq: float) -> dict:
    return {"x": X, "y": amp * np.sin(freq * X)}


source = ColumnDataSource(data=wave(1, 1), name="source")
plot = figure(title="sliders", width=400, height=300, name="plot")
plot.line("x", "y", source=source, line_width=2, name="line")

freq = Slider(title="freq", start=0.1, end=5.1, value=1, step=0.1, name="freq")
amp = Slider(title="amp", start=0.1, end=5, value=1, step=0.1, name="amp")
title = TextInput(title="title", value="sliders", name="title")

for slider in (freq, amp):
    slider.on_change("value", lambda _attr, _old, _new: setattr(source, "data", wave(amp.value, freq.value)))
title.on_change("value", lambda _attr, _old, new: setattr(plot.title, "text", new))

doc = curdoc()
doc.add_root(column(title, freq, amp, plot, name="layout"))
doc.title = "sliders"
