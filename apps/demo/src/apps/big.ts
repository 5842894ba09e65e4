import { ColumnDataSource, type Document, figure } from "@fastify-bokeh/document";

export const description = "One million points in binary columns, drawn with WebGL.";

const N = 1_000_000;

// Built once per process: sessions share the arrays (they are never modified in place).
let columns: { x: Float64Array; y: Float64Array } | undefined;
function data(): { x: Float64Array; y: Float64Array } {
  if (columns === undefined) {
    const x = new Float64Array(N);
    const y = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      x[i] = i;
      y[i] = Math.sin(i / 1000);
    }
    columns = { x, y };
  }
  return columns;
}

/** The /big contract app: a scatter over 1,000,000 float64 points, sent as binary buffers. */
export function big(doc: Document): void {
  const source = new ColumnDataSource({ data: data(), name: "source" });
  const plot = figure({ title: "big", width: 400, height: 300, output_backend: "webgl", name: "plot" });
  plot.scatter("x", "y", { source, size: 2, name: "scatter" });
  doc.add_root(plot);
  doc.title = "big";
}
