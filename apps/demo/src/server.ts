import fastify, { type FastifyInstance } from "fastify";
import { type BokehCoreOptions, bokehApp, bokehCore } from "fastify-bokeh";
import * as bigApp from "./apps/big.js";
import * as buttonApp from "./apps/button.js";
import * as slidersApp from "./apps/sliders.js";
import * as streamApp from "./apps/stream.js";
import * as clusteringApp from "./gallery/clustering.js";
import * as crossfilterApp from "./gallery/crossfilter.js";
import * as eventLogApp from "./gallery/event-log.js";
import * as exportCsvApp from "./gallery/export-csv.js";
import * as gapminderApp from "./gallery/gapminder.js";
import * as graphApp from "./gallery/graph.js";
import * as moviesApp from "./gallery/movies.js";
import * as ohlcApp from "./gallery/ohlc.js";
import * as selectionHistogramApp from "./gallery/selection-histogram.js";
import * as waveSlidersApp from "./gallery/sliders.js";
import * as spectrogramApp from "./gallery/spectrogram.js";
import * as stocksApp from "./gallery/stocks.js";
import * as weatherApp from "./gallery/weather.js";

/** Every app the demo serves, by path: the four contract apps, then the gallery. */
export const DEMO_APPS = [
  { path: "/sliders", app: slidersApp.sliders, description: slidersApp.description },
  { path: "/button", app: buttonApp.button, description: buttonApp.description },
  { path: "/stream", app: streamApp.stream, description: streamApp.description },
  { path: "/big", app: bigApp.big, description: bigApp.description },
  { path: "/gallery/sliders", app: waveSlidersApp.waveSliders, description: waveSlidersApp.description },
  { path: "/gallery/ohlc", app: ohlcApp.ohlc, description: ohlcApp.description },
  { path: "/gallery/crossfilter", app: crossfilterApp.crossfilter, description: crossfilterApp.description },
  { path: "/gallery/movies", app: moviesApp.moviesApp, description: moviesApp.description },
  {
    path: "/gallery/selection-histogram",
    app: selectionHistogramApp.selectionHistogram,
    description: selectionHistogramApp.description,
  },
  { path: "/gallery/weather", app: weatherApp.weather, description: weatherApp.description },
  { path: "/gallery/export-csv", app: exportCsvApp.exportCsv, description: exportCsvApp.description },
  { path: "/gallery/event-log", app: eventLogApp.eventLog, description: eventLogApp.description },
  { path: "/gallery/gapminder", app: gapminderApp.gapminder, description: gapminderApp.description },
  { path: "/gallery/stocks", app: stocksApp.stocks, description: stocksApp.description },
  { path: "/gallery/clustering", app: clusteringApp.clustering, description: clusteringApp.description },
  { path: "/gallery/spectrogram", app: spectrogramApp.spectrogram, description: spectrogramApp.description },
  { path: "/gallery/graph", app: graphApp.graph, description: graphApp.description },
] as const;

export interface DemoServerOptions extends BokehCoreOptions {
  /** Fastify's logger (off by default). */
  logger?: boolean;
  /** Mount everything under this prefix (bokeh serve's --prefix). */
  prefix?: string;
}

/** The demo server: the contract apps, the gallery and the index, ready to `listen`. */
export async function buildDemoServer(options: DemoServerOptions = {}): Promise<FastifyInstance> {
  const { logger = false, prefix = "", ...core } = options;
  const app = fastify({ logger });
  await app.register(
    async (scope) => {
      await scope.register(bokehCore, core);
      for (const demo of DEMO_APPS) await scope.register(bokehApp, demo);
    },
    { prefix },
  );
  return app;
}
