"""/button, the Python twin of apps/demo/src/apps/button.ts (contract: reference/apps/contract/README.md).

Clicks on `btn` are counted per session and shown in `out`; a choice in the Select `choice` is echoed there too.
"""

from bokeh.io import curdoc
from bokeh.layouts import column
from bokeh.models import Button, Div, Select

btn = Button(label="Click", name="btn")
out = Div(text="clicks: 0", name="out")
choice = Select(options=["a", "b", "c"], value="a", name="choice")


class Clicks:
    count = 0


def on_click(_event) -> None:
    Clicks.count += 1
    out.text = f"clicks: {Clicks.count}"


btn.on_click(on_click)
choice.on_change("value", lambda _attr, _old, new: setattr(out, "text", f"choice: {new}"))

doc = curdoc()
doc.add_root(column(btn, choice, out, name="layout"))
doc.title = "button"
