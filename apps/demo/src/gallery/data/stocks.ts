import { Random } from "./random.js";

/** Invented tickers, each with how strongly it follows the market and how much noise of its own it has. */
export const TICKERS = {
  ACME: [1.1, 0.012],
  BOLT: [0.9, 0.01],
  CRUX: [1.4, 0.02],
  DYNA: [0.3, 0.015],
  EMBR: [-0.4, 0.01],
};

export type Ticker = keyof typeof TICKERS;

const DAYS = 250;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 2);

/** Daily closes of every ticker over one year of trading days, driven by one shared market factor. */
export function stockPrices(seed = 2023): { date: number[]; close: Record<Ticker, number[]> } {
  const random = new Random(seed);
  const market = Array.from({ length: DAYS }, () => random.normal(0.0003, 0.01));
  const date = market.map((_, i) => START + i * DAY);
  const close = {} as Record<Ticker, number[]>;
  for (const [ticker, [beta, sigma]] of Object.entries(TICKERS) as [Ticker, [number, number]][]) {
    let price = 100;
    close[ticker] = market.map((m) => {
      price *= 1 + beta * m + random.normal(0, sigma);
      return price;
    });
  }
  return { date, close };
}

/** Day-over-day returns; the first day has none, so it is 0. */
function returns(close: readonly number[]): number[] {
  return close.map((c, i) => (i === 0 ? 0 : c / (close[i - 1] ?? c) - 1));
}

/** The source's columns for a pair of tickers. */
export function stockColumns(prices: ReturnType<typeof stockPrices>, t1: Ticker, t2: Ticker): Record<string, number[]> {
  return {
    date: prices.date,
    t1: prices.close[t1],
    t2: prices.close[t2],
    t1_returns: returns(prices.close[t1]),
    t2_returns: returns(prices.close[t2]),
  };
}

/** Pearson correlation of two equally long series. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const [i, va] of a.entries()) {
    const vb = b[i] ?? mb;
    sab += (va - ma) * (vb - mb);
    saa += (va - ma) ** 2;
    sbb += (vb - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** A small table (count, mean, std, min, max of both tickers' prices, and the correlation of their returns). */
export function statsText(columns: Record<string, number[]>, t1: Ticker, t2: Ticker): string {
  const row = (name: string, values: readonly number[]): string => {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
    const cells = [n, mean, std, Math.min(...values), Math.max(...values)].map((v, i) =>
      (i === 0 ? String(v) : v.toFixed(2)).padStart(9),
    );
    return `${name.padEnd(6)}${cells.join("")}`;
  };
  const header = `${"".padEnd(6)}${["count", "mean", "std", "min", "max"].map((h) => h.padStart(9)).join("")}`;
  const corr = correlation(columns.t1_returns ?? [], columns.t2_returns ?? []);
  return [
    header,
    row(t1, columns.t1 ?? []),
    row(t2, columns.t2 ?? []),
    `correlation of returns: ${corr.toFixed(3)}`,
  ].join("\n");
}
