import { Random } from "./random.js";

export interface Bar {
  /** Milliseconds since the epoch (one bar per simulated minute). */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const MINUTE = 60_000;

/** A stock-like random walk: each call to `next` is the following one-minute OHLC bar. */
export class PriceWalk {
  private readonly random: Random;
  private price: number;
  private time: number;

  constructor(seed = 7, start = Date.UTC(2024, 0, 2, 14, 30), price = 100) {
    this.random = new Random(seed);
    this.price = price;
    this.time = start;
  }

  next(): Bar {
    const open = this.price;
    // Four sub-steps per bar give a high and low that differ from the open and close.
    let high = open;
    let low = open;
    let price = open;
    for (let i = 0; i < 4; i++) {
      price = Math.max(1, price * (1 + this.random.normal(0, 0.003)));
      high = Math.max(high, price);
      low = Math.min(low, price);
    }
    const bar = { time: this.time, open, high, low, close: price, volume: Math.round(this.random.uniform(500, 5000)) };
    this.price = price;
    this.time += MINUTE;
    return bar;
  }
}

/** The mean of the last `window` values (of all of them while there are fewer). */
export function movingAverage(values: readonly number[], window: number): number {
  const tail = values.slice(-window);
  return tail.reduce((sum, v) => sum + v, 0) / tail.length;
}
