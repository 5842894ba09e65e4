import {
  ColumnDataSource,
  column,
  type Document,
  type Figure,
  figure,
  PreText,
  row,
  Select,
  type Title,
} from "@fastify-bokeh/document";
import { statsText, stockColumns, stockPrices, TICKERS, type Ticker } from "./data/stocks.js";

export const description =
  "Two invented tickers chosen with Selects: linked price plots, a correlation scatter of their returns, and statistics of the selected days.";

const ALL = Object.keys(TICKERS) as Ticker[];

/** The tickers a Select may offer: every one but the other Select's. */
export const nix = (other: string): string[] => ALL.filter((ticker) => ticker !== other);

const isTicker = (value: unknown): value is Ticker => typeof value === "string" && value in TICKERS;

/** The rows of some columns at some indices (all rows when none are selected). */
function rowsAt(columns: Record<string, number[]>, indices: readonly number[]): Record<string, number[]> {
  if (indices.length === 0) return columns;
  const sorted = [...indices].sort((a, b) => a - b);
  return Object.fromEntries(
    Object.entries(columns).map(([key, values]) => [key, sorted.flatMap((i) => values[i] ?? [])]),
  );
}

/** The correlation scatter of the returns and the two price plots, which share their x range. */
function stockPlots(source: ColumnDataSource): { corr: Figure; ts1: Figure; ts2: Figure } {
  const tools = "pan,wheel_zoom,xbox_select,reset";
  const corr = figure({
    width: 350,
    height: 350,
    tools: "pan,wheel_zoom,box_select,reset",
    active_drag: "box_select",
    name: "corr",
  });
  corr.scatter("t1_returns", "t2_returns", { source, size: 4, selection_color: "orange", alpha: 0.6 });
  const ts1 = figure({
    width: 900,
    height: 200,
    tools,
    x_axis_type: "datetime",
    active_drag: "xbox_select",
    name: "ts1",
  });
  ts1.line("date", "t1", { source });
  ts1.scatter("date", "t1", { source, size: 2, color: null, selection_color: "orange" });
  const ts2 = figure({
    width: 900,
    height: 200,
    tools,
    x_axis_type: "datetime",
    active_drag: "xbox_select",
    name: "ts2",
  });
  ts2.x_range = ts1.x_range;
  ts2.line("date", "t2", { source });
  ts2.scatter("date", "t2", { source, size: 2, color: null, selection_color: "orange" });
  return { corr, ts1, ts2 };
}

/** Python Bokeh's "stocks" app, over invented tickers. */
export function stocks(doc: Document): void {
  const prices = stockPrices();
  let [t1, t2]: [Ticker, Ticker] = ["ACME", "BOLT"];
  let columns = stockColumns(prices, t1, t2);
  const source = new ColumnDataSource({ data: columns, name: "source" });
  const ticker1 = new Select({ title: "Ticker 1", value: t1, options: nix(t2), name: "ticker1" });
  const ticker2 = new Select({ title: "Ticker 2", value: t2, options: nix(t1), name: "ticker2" });
  const stats = new PreText({ text: statsText(columns, t1, t2), width: 500, name: "stats" });

  const { corr, ts1, ts2 } = stockPlots(source);

  const retitle = (): void => {
    (corr.title as Title).text = `${t1} returns vs. ${t2} returns`;
    (ts1.title as Title).text = t1;
    (ts2.title as Title).text = t2;
  };
  const showStats = (): void => {
    stats.text = statsText(
      rowsAt(columns, Array.from(source.selected.indices as Iterable<number | bigint>, Number)),
      t1,
      t2,
    );
  };
  const update = (): void => {
    columns = stockColumns(prices, t1, t2);
    source.data = columns;
    retitle();
    showStats();
  };
  ticker1.on_change("value", (_attr, _old, value) => {
    if (!isTicker(value)) return;
    t1 = value;
    ticker2.options = nix(value);
    update();
  });
  ticker2.on_change("value", (_attr, _old, value) => {
    if (!isTicker(value)) return;
    t2 = value;
    ticker1.options = nix(value);
    update();
  });
  source.selected.on_change("indices", showStats);
  retitle();

  const widgets = column([ticker1, ticker2, stats]);
  doc.add_root(column([row([widgets, corr]), ts1, ts2], { name: "layout" }));
  doc.title = "Stocks";
}
