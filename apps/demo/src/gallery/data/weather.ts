import { Random } from "./random.js";

/** A year of daily temperatures (°C) for one place: the day's actual range, its long-term average and its records. */
export interface WeatherYear {
  date: number[];
  record_min: number[];
  average_min: number[];
  actual_min: number[];
  actual_max: number[];
  average_max: number[];
  record_max: number[];
}

export interface Climate {
  /** Mean temperature over the year. */
  mean: number;
  /** Half the difference between the warmest and the coldest season. */
  seasonal: number;
  /** Average difference between a day's maximum and minimum. */
  daily: number;
  /** Day-to-day weather variability. */
  noise: number;
}

/** Three invented places with distinct climates. */
export const CLIMATES: Readonly<Record<string, Climate>> = {
  "Port Mira": { mean: 11, seasonal: 6, daily: 6, noise: 2 },
  Highgate: { mean: 7, seasonal: 14, daily: 10, noise: 4 },
  Sunvale: { mean: 22, seasonal: 8, daily: 14, noise: 2.5 },
};

const DAY = 86_400_000;
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** 365 days of 2023 for a climate; weather anomalies persist from day to day (an AR(1) process). */
export function weatherYear(climate: Climate, seed: number): WeatherYear {
  const random = new Random(seed);
  const out: WeatherYear = {
    date: [],
    record_min: [],
    average_min: [],
    actual_min: [],
    actual_max: [],
    average_max: [],
    record_max: [],
  };
  let anomaly = 0;
  for (let day = 0; day < 365; day++) {
    const season = climate.mean - climate.seasonal * Math.cos((2 * Math.PI * (day - 15)) / 365);
    anomaly = 0.7 * anomaly + random.normal(0, climate.noise);
    const averageMin = season - climate.daily / 2;
    const averageMax = season + climate.daily / 2;
    const spread = Math.abs(random.normal(climate.daily, climate.daily / 5));
    out.date.push(Date.UTC(2023, 0, 1) + day * DAY);
    out.average_min.push(round1(averageMin));
    out.average_max.push(round1(averageMax));
    out.actual_min.push(round1(season + anomaly - spread / 2));
    out.actual_max.push(round1(season + anomaly + spread / 2));
    out.record_min.push(round1(averageMin - 2.5 * climate.noise - Math.abs(random.normal(3, 1.5))));
    out.record_max.push(round1(averageMax + 2.5 * climate.noise + Math.abs(random.normal(3, 1.5))));
  }
  return out;
}

/** A centred moving average over `window` days (narrower at the ends of the year). */
export function smooth(values: readonly number[], window = 9): number[] {
  const half = Math.floor(window / 2);
  return values.map((_, i) => {
    const part = values.slice(Math.max(0, i - half), i + half + 1);
    return round1(part.reduce((sum, v) => sum + v, 0) / part.length);
  });
}
