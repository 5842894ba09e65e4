import {
  ColumnDataSource,
  column,
  type Document,
  type Figure,
  figure,
  NDArray,
  row,
  Slider,
} from "@fastify-bokeh/document";
import { BIN_HZ, BINS, CHUNK, peakFrequency, SAMPLE_RATE, SignalSource, spectrum } from "./data/spectrum.js";

export const description =
  "A synthetic tone analysed on the server every 100 ms: the signal and its spectrum are replaced, a waterfall image is patched, the peak frequency is streamed; Sliders set the frequency and gain.";

/** Time steps the waterfall image keeps. */
export const COLUMNS = 100;
const PERIOD_MS = 100;

/** Eight steps from dark blue to yellow, for the waterfall. */
const PALETTE = ["#000033", "#1a1a66", "#3b2f8f", "#6a3d9a", "#b5367a", "#e8544e", "#fc9c3c", "#f9e04b"];

/** The waterfall after one more spectrum: every row moves one column left, the spectrum fills the last column. */
function shiftIn(image: Float32Array, magnitudes: Float64Array): Float32Array {
  const next = new Float32Array(image.length);
  for (let bin = 0; bin < BINS; bin++) {
    next.set(image.subarray(bin * COLUMNS + 1, (bin + 1) * COLUMNS), bin * COLUMNS);
    next[bin * COLUMNS + COLUMNS - 1] = magnitudes[bin] ?? 0;
  }
  return next;
}

/** The four plots, one per source. */
function spectrogramPlots(
  sources: Record<"signal" | "spectra" | "waterfall" | "peaks", ColumnDataSource>,
): Record<"signalPlot" | "spectrumPlot" | "waterfallPlot" | "peakPlot", Figure> {
  const { signal, spectra, waterfall, peaks } = sources;
  const signalPlot = figure({
    title: "Signal",
    width: 500,
    height: 200,
    x_axis_label: "ms",
    y_range: [-6, 6],
    tools: "",
  });
  signalPlot.line("t", "y", { source: signal, line_color: "#1f77b4" });
  const spectrumPlot = figure({
    title: "Spectrum",
    width: 500,
    height: 200,
    x_axis_label: "Hz",
    y_range: [0, 5],
    tools: "",
  });
  spectrumPlot.line("f", "y", { source: spectra, line_color: "#d62728" });
  const waterfallPlot = figure({
    title: "Waterfall",
    width: 500,
    height: 300,
    x_range: [0, COLUMNS],
    y_range: [0, BINS * BIN_HZ],
    tools: "",
  });
  waterfallPlot.image({
    image: "image",
    x: 0,
    y: 0,
    dw: COLUMNS,
    dh: BINS * BIN_HZ,
    source: waterfall,
    palette: PALETTE,
  });
  const peakPlot = figure({ title: "Peak frequency", width: 500, height: 200, y_range: [0, 2000], tools: "" });
  peakPlot.line("tick", "peak", { source: peaks, line_width: 2 });
  return { signalPlot, spectrumPlot, waterfallPlot, peakPlot };
}

/** Python Bokeh's "spectrogram" app, analysing a generated signal instead of a microphone. */
export function spectrogram(doc: Document): void {
  const freq = new Slider({ title: "Frequency (Hz)", start: 100, end: 1500, step: 50, value: 300, name: "freq" });
  const gain = new Slider({ title: "Gain", start: 0.5, end: 4, step: 0.5, value: 1, name: "gain" });
  const recording = new SignalSource();

  const time = Float64Array.from({ length: CHUNK }, (_, i) => (1000 * i) / SAMPLE_RATE);
  const signal = new ColumnDataSource({ data: { t: time, y: new Float64Array(CHUNK) }, name: "signal" });
  const frequencies = Float64Array.from({ length: BINS }, (_, k) => k * BIN_HZ);
  const spectra = new ColumnDataSource({ data: { f: frequencies, y: new Float64Array(BINS) }, name: "spectrum" });
  let image: Float32Array = new Float32Array(BINS * COLUMNS);
  const waterfall = new ColumnDataSource({ data: { image: [new NDArray(image, [BINS, COLUMNS])] }, name: "waterfall" });
  const peaks = new ColumnDataSource({ data: { tick: [], peak: [] }, name: "peaks" });

  const { signalPlot, spectrumPlot, waterfallPlot, peakPlot } = spectrogramPlots({ signal, spectra, waterfall, peaks });

  let tick = 0;
  doc.add_periodic_callback(() => {
    const chunk = recording.next(freq.value, gain.value);
    const magnitudes = spectrum(chunk);
    signal.data = { t: time, y: chunk };
    spectra.data = { f: frequencies, y: magnitudes };
    image = shiftIn(image, magnitudes);
    // Patching element 0 of the image column sends only the new image, not the whole source.
    waterfall.patch({ image: [[0, new NDArray(image, [BINS, COLUMNS])]] });
    peaks.stream({ tick: [tick++], peak: [peakFrequency(magnitudes)] }, 200);
  }, PERIOD_MS);

  doc.add_root(
    row([column([freq, gain, peakPlot]), column([signalPlot, spectrumPlot, waterfallPlot])], { name: "layout" }),
  );
  doc.title = "Spectrogram";
}
