import { ColumnDataSource, type Document, figure } from "@fastify-bokeh/document";

export const description = "A periodic server callback streams points into a line plot, with rollover.";

function intArgument(doc: Document, name: string, fallback: number): number {
  const raw = doc.session_context?.request.arguments[name]?.[0];
  const value = raw === undefined ? NaN : Number.parseInt(raw, 10);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The /stream contract app: `n` points every `period` ms, rollover `rollover` (query arguments; 10, 50, 1000). */
export function stream(doc: Document): void {
  const period = intArgument(doc, "period", 50);
  const n = intArgument(doc, "n", 10);
  const rollover = intArgument(doc, "rollover", 1000);

  const source = new ColumnDataSource({ data: { x: [], y: [] }, name: "source" });
  const plot = figure({ title: "stream", width: 400, height: 300, name: "plot" });
  plot.line("x", "y", { source, name: "line" });

  let k = 0;
  doc.add_periodic_callback(() => {
    const xs = Array.from({ length: n }, (_, i) => k + i);
    source.stream({ x: xs, y: xs.map((v) => Math.sin(v / 10)) }, rollover);
    k += n;
  }, period);

  doc.add_root(plot);
  doc.title = "stream";
}
