"""/big, the Python twin of apps/demo/src/apps/big.ts (contract: reference/apps/contract/README.md).

One million float64 points, x[i] = i and y[i] = sin(i / 1000), as numpy arrays (they travel as binary buffers),
drawn by a WebGL scatter glyph. For timing the pull of a large document.
"""

import numpy as np
from bokeh.io import curdoc
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure

POINTS = 1_000_000

x = np.arange(POINTS, dtype=np.float64)
source = ColumnDataSource(data={"x": x, "y": np.sin(x / 1000)}, name="source")
plot = figure(title="big", width=400, height=300, output_backend="webgl", name="plot")
plot.scatter("x", "y", source=source, size=2, name="scatter")

doc = curdoc()
doc.add_root(plot)
doc.title = "big"
