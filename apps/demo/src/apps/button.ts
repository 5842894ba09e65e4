import { Button, column, Div, type Document, Select } from "@fastify-bokeh/document";

export const description = "A button whose clicks are counted on the server, and a select whose choice is echoed.";

/** The /button contract app: a per-session click counter and a Select echo. */
export function button(doc: Document): void {
  let clicks = 0;
  const btn = new Button({ label: "Click", name: "btn" });
  const out = new Div({ text: "clicks: 0", name: "out" });
  const choice = new Select({ options: ["a", "b", "c"], value: "a", name: "choice" });

  btn.on_event("button_click", () => {
    clicks += 1;
    out.text = `clicks: ${clicks}`;
  });
  choice.on_change("value", (_attr, _old, value) => {
    out.text = `choice: ${value}`;
  });

  doc.add_root(column([btn, choice, out], { name: "layout" }));
  doc.title = "button";
}
