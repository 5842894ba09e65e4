"""/stream, the Python twin of apps/demo/src/apps/stream.ts (contract: reference/apps/contract/README.md).

Every `period` ms the server streams `n` points (x continues a per-session count, y = sin(x / 10)) as plain JSON
lists, keeping at most `rollover` points. The three numbers come from the page's query arguments.
"""

import math

from bokeh.io import curdoc
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure

DEFAULTS = {"period": 50, "n": 10, "rollover": 1000}

doc = curdoc()


def query_argument(name: str) -> int:
    arguments = doc.session_context.request.arguments if doc.session_context else {}
    values = arguments.get(name)
    return int(values[0].decode()) if values else DEFAULTS[name]


period, batch, rollover = (query_argument(name) for name in ("period", "n", "rollover"))

source = ColumnDataSource(data={"x": [], "y": []}, name="source")
plot = figure(title="stream", width=400, height=300, name="plot")
plot.line("x", "y", source=source, name="line")


class Counter:
    next_x = 0


def stream_batch() -> None:
    xs = [float(Counter.next_x + i) for i in range(batch)]
    Counter.next_x += batch
    source.stream({"x": xs, "y": [math.sin(x / 10) for x in xs]}, rollover=rollover)


doc.add_root(plot)
doc.add_periodic_callback(stream_batch, period)
doc.title = "stream"
