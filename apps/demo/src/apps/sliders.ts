import {
  ColumnDataSource,
  column,
  type Document,
  figure,
  Slider,
  TextInput,
  type Title,
} from "@fastify-bokeh/document";

export const description = "Two sliders drive a sine wave computed on the server; a text input sets the plot title.";

const N = 200;

/** The /sliders contract app: y = amp·sin(freq·x) recomputed on the server at every slider change. */
export function sliders(doc: Document): void {
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = (4 * Math.PI * i) / (N - 1);
  const wave = (amp: number, freq: number): Float64Array => {
    const y = new Float64Array(N);
    for (let i = 0; i < N; i++) y[i] = amp * Math.sin(freq * (x[i] ?? 0));
    return y;
  };

  const source = new ColumnDataSource({ data: { x, y: wave(1, 1) }, name: "source" });
  const plot = figure({ title: "sliders", width: 400, height: 300, name: "plot" });
  plot.line("x", "y", { source, line_width: 2, name: "line" });

  const freq = new Slider({ title: "freq", start: 0.1, end: 5.1, value: 1, step: 0.1, name: "freq" });
  const amp = new Slider({ title: "amp", start: 0.1, end: 5, value: 1, step: 0.1, name: "amp" });
  const title = new TextInput({ title: "title", value: "sliders", name: "title" });

  const update = (): void => {
    // BokehJS types slider values loosely (Unknown); the sliders here only ever hold numbers.
    source.data = { x, y: wave(amp.value as number, freq.value as number) };
  };
  freq.on_change("value", update);
  amp.on_change("value", update);
  title.on_change("value", () => {
    (plot.title as Title).text = title.value;
  });

  doc.add_root(column([title, freq, amp, plot], { name: "layout" }));
  doc.title = "sliders";
}
