import {
  ColumnDataSource,
  column,
  type Document,
  figure,
  row,
  Slider,
  TextInput,
  type Title,
} from "@fastify-bokeh/document";

export const description =
  "Four sliders (amplitude, frequency, phase, offset) reshape a sine wave on the server; a text input sets the title.";

const N = 200;

/** The parameters of y = offset + amplitude·sin(frequency·x + phase), as the sliders hold them. */
export interface WaveParameters {
  amplitude: number;
  frequency: number;
  phase: number;
  offset: number;
}

const WAVE_X: Float64Array = Float64Array.from({ length: N }, (_, i) => (4 * Math.PI * i) / (N - 1));

export function wave({ amplitude, frequency, phase, offset }: WaveParameters): Float64Array {
  return WAVE_X.map((x) => offset + amplitude * Math.sin(frequency * x + phase));
}

/** Python Bokeh's "sliders" gallery app: every slider change recomputes the curve on the server. */
export function waveSliders(doc: Document): void {
  const initial: WaveParameters = { amplitude: 1, frequency: 1, phase: 0, offset: 0 };
  const source = new ColumnDataSource({ data: { x: WAVE_X, y: wave(initial) }, name: "source" });

  const plot = figure({
    title: "my sine wave",
    width: 500,
    height: 400,
    x_range: [0, 4 * Math.PI],
    y_range: [-2.5, 2.5],
    tools: "crosshair,pan,reset,save,wheel_zoom",
    name: "plot",
  });
  plot.line("x", "y", { source, line_width: 3, line_alpha: 0.6, name: "line" });

  const title = new TextInput({ title: "title", value: "my sine wave", width: 280, name: "title" });
  const sliders = {
    offset: new Slider({
      title: "offset",
      value: initial.offset,
      start: -5,
      end: 5,
      step: 0.1,
      width: 280,
      name: "offset",
    }),
    amplitude: new Slider({
      title: "amplitude",
      value: initial.amplitude,
      start: -5,
      end: 5,
      step: 0.1,
      width: 280,
      name: "amplitude",
    }),
    phase: new Slider({
      title: "phase",
      value: initial.phase,
      start: 0,
      end: 2 * Math.PI,
      step: 0.1,
      width: 280,
      name: "phase",
    }),
    frequency: new Slider({
      title: "frequency",
      value: initial.frequency,
      start: 0.1,
      end: 5.1,
      step: 0.1,
      width: 280,
      name: "frequency",
    }),
  };

  const update = (): void => {
    // Slider values are typed loosely (BokehJS's Unknown); these sliders only ever hold numbers.
    source.data = {
      x: WAVE_X,
      y: wave({
        amplitude: sliders.amplitude.value as number,
        frequency: sliders.frequency.value as number,
        phase: sliders.phase.value as number,
        offset: sliders.offset.value as number,
      }),
    };
  };
  for (const slider of Object.values(sliders)) slider.on_change("value", update);
  title.on_change("value", (_attr, _old, value) => {
    (plot.title as Title).text = value;
  });

  doc.add_root(row([column([title, ...Object.values(sliders)]), plot], { name: "layout" }));
  doc.title = "Sliders";
}
