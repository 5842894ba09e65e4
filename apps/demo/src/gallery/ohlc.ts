import {
  ColumnDataSource,
  column,
  DataRange1d,
  Div,
  type Document,
  type Figure,
  figure,
  Legend,
  LegendItem,
  type Row,
  row,
  Segment,
  Select,
  VBar,
} from "@fastify-bokeh/document";
import { movingAverage, PriceWalk } from "./data/prices.js";

export const description =
  "A live OHLC stream of a synthetic stock with 10- and 30-bar moving averages; a Select changes the update rate.";

/** The update periods offered, in ms; the Select's values are their decimal strings. */
const RATES = [50, 100, 250, 500, 1000] as const;
const DEFAULT_RATE = 250;
const ROLLOVER = 300;
const HISTORY = 60;
const FAST = 10;
const SLOW = 30;
const COLUMNS = ["time", "open", "high", "low", "close", "volume", "color", "ma_fast", "ma_slow"] as const;
const BAR_WIDTH = 0.6 * 60_000;
const UP = "#26a69a";
const DOWN = "#ef5350";

/** One row per new bar of the random walk, with its colour and the moving averages of the recent closes. */
function barRows(): () => Record<(typeof COLUMNS)[number], number | string> {
  const walk = new PriceWalk();
  const closes: number[] = [];
  return () => {
    const bar = walk.next();
    closes.push(bar.close);
    if (closes.length > SLOW) closes.shift();
    return {
      ...bar,
      color: bar.close >= bar.open ? UP : DOWN,
      ma_fast: movingAverage(closes, FAST),
      ma_slow: movingAverage(closes, SLOW),
    };
  };
}

/** The candlesticks with both moving averages and their legend. */
function pricesFigure(source: ColumnDataSource, xRange: DataRange1d): Figure {
  const prices = figure({
    title: "OHLC (synthetic)",
    height: 400,
    width: 800,
    x_axis_type: "datetime",
    x_range: xRange,
    tools: "xpan,xwheel_zoom,xbox_zoom,reset",
    y_axis_label: "price",
    name: "prices",
  });
  prices.glyph(Segment, { x0: "time", y0: "high", x1: "time", y1: "low", line_color: "color", source });
  prices.glyph(VBar, {
    x: "time",
    width: BAR_WIDTH,
    top: "open",
    bottom: "close",
    fill_color: "color",
    line_color: "color",
    source,
  });
  const fast = prices.line("time", "ma_fast", { source, color: "#ff7f0e", line_width: 2 });
  const slow = prices.line("time", "ma_slow", { source, color: "#1f77b4", line_width: 2 });
  prices.center = [
    ...prices.center,
    new Legend({
      items: [
        new LegendItem({ label: { value: `MA ${FAST}` }, renderers: [fast] }),
        new LegendItem({ label: { value: `MA ${SLOW}` }, renderers: [slow] }),
      ],
      location: "top_left",
    }),
  ];
  return prices;
}

/** The volume bars under the prices, sharing their x range. */
function volumeFigure(source: ColumnDataSource, xRange: DataRange1d): Figure {
  const volume = figure({
    height: 160,
    width: 800,
    x_axis_type: "datetime",
    x_range: xRange,
    tools: "xpan,xwheel_zoom,reset",
    y_axis_label: "volume",
    name: "volume",
  });
  volume.glyph(VBar, {
    x: "time",
    width: BAR_WIDTH,
    top: "volume",
    bottom: 0,
    fill_color: "color",
    line_color: null,
    alpha: 0.5,
    source,
  });
  return volume;
}

/** The rate Select and its status line; `tick` runs periodically at the chosen rate. */
function rateControls(doc: Document, tick: () => void): Row {
  const rate = new Select({
    title: "update every",
    value: String(DEFAULT_RATE),
    options: RATES.map((ms) => [String(ms), `${ms} ms`] as [string, string]),
    name: "rate",
  });
  const status = new Div({ text: `updating every ${DEFAULT_RATE} ms`, name: "status" });
  let callback = doc.add_periodic_callback(tick, DEFAULT_RATE);
  // A periodic callback's period is fixed: changing the rate replaces the callback.
  rate.on_change("value", (_attr, _old, value) => {
    const ms = Number.parseInt(String(value), 10);
    if (!RATES.includes(ms as (typeof RATES)[number])) return;
    doc.remove_periodic_callback(callback);
    callback = doc.add_periodic_callback(tick, ms);
    status.text = `updating every ${ms} ms`;
  });
  return row([rate, status]);
}

/** Python Bokeh's "ohlc" gallery app: a periodic callback streams one bar per tick into the plots. */
export function ohlc(doc: Document): void {
  const nextRow = barRows();
  // Each new bar becomes one row; a session starts with HISTORY bars already drawn.
  const history = Array.from({ length: HISTORY }, nextRow);
  const source = new ColumnDataSource({
    data: Object.fromEntries(COLUMNS.map((name) => [name, history.map((r) => r[name])])),
    name: "source",
  });
  // The x range follows the newest bars, showing the last 80 simulated minutes.
  const xRange = new DataRange1d({ follow: "end", follow_interval: 80 * 60_000, range_padding: 0 });
  const tick = (): void => {
    const next = nextRow();
    source.stream(Object.fromEntries(COLUMNS.map((name) => [name, [next[name]]])), ROLLOVER);
  };
  const controls = rateControls(doc, tick);
  doc.add_root(column([controls, pricesFigure(source, xRange), volumeFigure(source, xRange)], { name: "layout" }));
  doc.title = "OHLC";
}
