import {
  type BokehEvent,
  BoxSelectTool,
  Button,
  ColumnDataSource,
  column,
  Div,
  type Document,
  figure,
  PanTool,
  ResetTool,
  row,
  TapTool,
  TextInput,
  WheelZoomTool,
} from "@fastify-bokeh/document";
import { Random } from "./data/random.js";

export const description =
  "Taps, pans, wheel zooms, selections and key presses in a text input, as the server receives them, listed in a Div.";

const KEEP = 20;
/** The plot's UI events the log subscribes to (BokehJS only sends the ones a model subscribes to). */
const PLOT_EVENTS = [
  "tap",
  "doubletap",
  "press",
  "pressup",
  "panstart",
  "panend",
  "wheel",
  "selectiongeometry",
  "rangesupdate",
  "reset",
] as const;

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

const num = (value: unknown): string => (typeof value === "number" ? value.toFixed(2) : String(value));

/** One line per event, with the fields that matter for it. */
function describe(event: BokehEvent, pans: number): string {
  const at = `x=${num(event.x)}, y=${num(event.y)}`;
  switch (event.event_name) {
    case "wheel":
      return `wheel: delta=${num(event.delta)} at ${at}`;
    case "panend":
      return `panend: ${pans} pan events at ${at}`;
    case "selectiongeometry": {
      const geometry = event.geometry as { type?: string } | undefined;
      return `selectiongeometry: ${geometry?.type ?? "?"} (final: ${String(event.final)})`;
    }
    case "rangesupdate":
      return `rangesupdate: x=[${num(event.x0)}, ${num(event.x1)}], y=[${num(event.y0)}, ${num(event.y1)}]`;
    case "reset":
      return "reset";
    default:
      return `${event.event_name}: ${at}`;
  }
}

/** Python Bokeh's "events" example, server side: every event arrives over the websocket and the log is sent back. */
export function eventLog(doc: Document): void {
  const random = new Random(9);
  const source = new ColumnDataSource({
    data: {
      x: Array.from({ length: 200 }, () => random.uniform(0, 100)),
      y: Array.from({ length: 200 }, () => random.uniform(0, 100)),
    },
    name: "source",
  });
  const pan = new PanTool();
  const plot = figure({
    width: 600,
    height: 400,
    title: "Tap, pan, zoom with the wheel, or select",
    tools: [pan, new WheelZoomTool(), new TapTool(), new BoxSelectTool(), new ResetTool()],
    name: "plot",
  });
  plot.toolbar.active_drag = pan;
  plot.scatter("x", "y", { source, size: 8, alpha: 0.6 });

  const input = new TextInput({
    title: "Type here (every key press is sent), Enter submits",
    value: "",
    width: 300,
    name: "input",
  });
  const clear = new Button({ label: "Clear log", name: "clear" });
  const log = new Div({ text: "No events yet.", width: 600, disable_math: true, name: "log" });

  const entries: string[] = [];
  let total = 0;
  const record = (line: string): void => {
    total += 1;
    entries.unshift(`${total}. ${escapeHtml(line)}`);
    entries.length = Math.min(entries.length, KEEP);
    log.text = entries.join("<br>");
  };

  // Pan events come at every mouse move of a drag: count them and log the gesture's start and end.
  let pans = 0;
  plot.on_event("pan", () => {
    pans += 1;
  });
  for (const name of PLOT_EVENTS) {
    plot.on_event(name, (event) => {
      if (name === "panstart") pans = 0;
      record(describe(event, pans));
    });
  }
  source.selected.on_change("indices", (_attr, _old, indices) => {
    const list = Array.from(indices as Iterable<number | bigint>, Number);
    record(
      `selection: ${list.length} indices${list.length > 0 ? ` [${list.slice(0, 8).join(", ")}${list.length > 8 ? ", …" : ""}]` : ""}`,
    );
  });
  input.on_change("value_input", (_attr, _old, value) => record(`key press: value_input = ${JSON.stringify(value)}`));
  input.on_event("value_submit", (event) => record(`value_submit: ${JSON.stringify(event.value)}`));
  clear.on_event("button_click", () => {
    entries.length = 0;
    total = 0;
    log.text = "No events yet.";
  });

  doc.add_root(column([row([plot, column([input, clear])]), log], { name: "layout" }));
  doc.title = "Event Log";
}
