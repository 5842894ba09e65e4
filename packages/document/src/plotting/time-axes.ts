import {
  AdaptiveTicker,
  DatetimeAxis,
  DatetimeTicker,
  DatetimeTickFormatter,
  DaysTicker,
  MonthsTicker,
  TimedeltaAxis,
  TimedeltaTicker,
  TimedeltaTickFormatter,
  YearsTicker,
} from "../models/generated/index.js";

// Python Bokeh gives datetime and timedelta axes their own tickers and formatters (its defaults differ from
// BokehJS's: context labels under the ticks, "%H:%M" hours, …). figure() builds the same ones, so that an axis
// looks as it does under bokeh serve.

const HOUR = 3_600_000;

/** Sub-day tickers shared by datetime and timedelta axes: milliseconds, seconds/minutes, hours. */
const subDayTickers = (): AdaptiveTicker[] => [
  new AdaptiveTicker({ num_minor_ticks: 0, mantissas: [1, 2, 5], max_interval: 500 }),
  new AdaptiveTicker({
    num_minor_ticks: 0,
    base: 60,
    mantissas: [1, 2, 5, 10, 15, 20, 30],
    min_interval: 1000,
    max_interval: HOUR / 2,
  }),
  new AdaptiveTicker({
    num_minor_ticks: 0,
    base: 24,
    mantissas: [1, 2, 4, 6, 8, 12],
    min_interval: HOUR,
    max_interval: 12 * HOUR,
  }),
];

const range = (start: number, stop: number, step: number): number[] =>
  Array.from({ length: Math.ceil((stop - start) / step) }, (_, i) => start + i * step);

export function datetimeAxis(): DatetimeAxis {
  const ticker = new DatetimeTicker({
    num_minor_ticks: 5,
    tickers: [
      ...subDayTickers(),
      new DaysTicker({ days: range(1, 32, 1) }),
      new DaysTicker({ days: range(1, 29, 3) }),
      new DaysTicker({ days: [1, 8, 15, 22] }),
      new DaysTicker({ days: [1, 15] }),
      new MonthsTicker({ months: range(0, 12, 1) }),
      new MonthsTicker({ months: range(0, 12, 2) }),
      new MonthsTicker({ months: range(0, 12, 4) }),
      new MonthsTicker({ months: [0, 6] }),
      new YearsTicker(),
    ],
  });
  const date = "%b %d, %Y";
  const outer = new DatetimeTickFormatter({
    microseconds: date,
    milliseconds: date,
    seconds: "",
    minsec: "",
    minutes: "",
    hourmin: "",
    hours: "",
    days: "",
    months: "",
    years: "",
    boundary_scaling: false,
    hide_repeats: true,
  });
  const middle = new DatetimeTickFormatter({
    microseconds: "%T",
    milliseconds: "%T",
    seconds: date,
    minsec: date,
    minutes: date,
    hourmin: date,
    hours: date,
    days: "%Y",
    months: "",
    years: "",
    boundary_scaling: false,
    hide_repeats: true,
    context: outer,
    context_which: "all",
  });
  const formatter = new DatetimeTickFormatter({
    seconds: "%T",
    minsec: "%T",
    minutes: "%H:%M",
    hours: "%H:%M",
    days: "%b %d",
    months: "%b %Y",
    strip_leading_zeros: ["microseconds", "milliseconds", "seconds"],
    boundary_scaling: false,
    context: middle,
    context_which: "all",
  });
  return new DatetimeAxis({ ticker, formatter });
}

export function timedeltaAxis(): TimedeltaAxis {
  const ticker = new TimedeltaTicker({
    num_minor_ticks: 5,
    tickers: [
      ...subDayTickers(),
      new AdaptiveTicker({ num_minor_ticks: 0, mantissas: [1, 2, 5], min_interval: 24 * HOUR }),
    ],
  });
  const days = "%d days";
  const outer = new TimedeltaTickFormatter({
    nanoseconds: days,
    microseconds: days,
    milliseconds: days,
    seconds: "",
    minsec: "",
    minutes: "",
    hourmin: "",
    hours: "",
    days: "",
    hide_repeats: true,
  });
  const middle = new TimedeltaTickFormatter({
    nanoseconds: "%H:%M:%S.%MS%US",
    microseconds: "%H:%M:%S.%MS",
    milliseconds: "%H:%M:%S",
    seconds: days,
    minsec: days,
    minutes: days,
    hourmin: days,
    hours: days,
    days: "",
    hide_repeats: true,
    context: outer,
    context_which: "all",
  });
  const formatter = new TimedeltaTickFormatter({
    strip_leading_zeros: ["nanoseconds", "microseconds", "milliseconds"],
    context: middle,
    context_which: "all",
  });
  return new TimedeltaAxis({ ticker, formatter });
}
