import { HasProps } from "../core/has-props.js";
import {
  type Axis,
  CategoricalAxis,
  CategoricalScale,
  ContinuousTicker,
  DataRange1d,
  FactorRange,
  Grid,
  LinearAxis,
  LinearScale,
  LogAxis,
  LogScale,
  MercatorAxis,
  MercatorTicker,
  MercatorTickFormatter,
  type Plot,
  type Range,
  Range1d,
  type Scale,
} from "../models/generated/index.js";
import { assignChanged, create } from "./assign.js";
import { datetimeAxis, timedeltaAxis } from "./time-axes.js";

/** Axis types of `figure({x_axis_type})`; `"auto"` picks categorical for factor ranges, linear otherwise. */
export type AxisType = "auto" | "linear" | "log" | "datetime" | "timedelta" | "mercator" | "categorical";
export type AxisLocation = "above" | "below" | "left" | "right";

/** A range, `[start, end]`, or a list of categorical factors. */
export type RangeLike = Range | readonly [number, number] | readonly [Date, Date] | readonly string[];

/** The range for `x_range`/`y_range`: a DataRange1d when omitted, a Range1d for two numbers, a FactorRange for strings. */
export function makeRange(value: RangeLike | null | undefined): Range {
  if (value === undefined || value === null) return new DataRange1d();
  if (value instanceof HasProps) return value;
  if (value.every((item: unknown) => typeof item === "string"))
    return new FactorRange({ factors: [...(value as readonly string[])] });
  if (value.length === 2) {
    const [start, end] = (value as readonly (number | Date)[]).map((v) => (v instanceof Date ? v.getTime() : v));
    return create(Range1d, { start, end });
  }
  throw new Error(`unrecognized range input: ${JSON.stringify(value)}`);
}

/** The scale matching a range and an axis type (log scales for log axes, categorical ones for factor ranges). */
export function makeScale(range: Range, axisType: AxisType | null): Scale {
  if (range instanceof FactorRange) return new CategoricalScale();
  if (axisType === "categorical")
    throw new Error("a categorical axis needs a FactorRange (give the range as a list of factors)");
  return axisType === "log" ? new LogScale() : new LinearScale();
}

/** Whether `x_range`/`y_range` was given as two dates: an `"auto"` axis is then a datetime axis, as in Python. */
export const isDateRange = (value: RangeLike | null | undefined): boolean =>
  Array.isArray(value) && value.length === 2 && value.every((v) => v instanceof Date);

function makeAxis(axisType: AxisType, range: Range, dim: 0 | 1, dates: boolean): Axis {
  switch (axisType) {
    case "linear":
      return new LinearAxis();
    case "log":
      return new LogAxis();
    case "datetime":
      return datetimeAxis();
    case "timedelta":
      return timedeltaAxis();
    case "mercator": {
      const dimension = dim === 0 ? "lon" : "lat";
      return new MercatorAxis({
        ticker: new MercatorTicker({ dimension }),
        formatter: new MercatorTickFormatter({ dimension }),
      });
    }
    case "categorical":
      return new CategoricalAxis();
    case "auto":
      if (range instanceof FactorRange) return new CategoricalAxis();
      return dates ? datetimeAxis() : new LinearAxis();
  }
}

export interface AxisOptions {
  readonly type: AxisType | null;
  readonly location: AxisLocation | null;
  readonly minorTicks: number | "auto" | null;
  readonly label: string | null;
  /** The range was given as dates. */
  readonly dates: boolean;
}

/** Adds the axis and grid of one dimension to a plot, as `figure()` does. */
export function addAxisAndGrid(plot: Plot, options: AxisOptions, range: Range, dim: 0 | 1): void {
  if (options.type === null) return;
  const axis = makeAxis(options.type, range, dim, options.dates);
  if (axis.ticker instanceof ContinuousTicker)
    assignChanged(axis.ticker, { num_minor_ticks: minorTicks(axis, options.minorTicks) });
  if (options.label) axis.axis_label = options.label;
  plot.center = [...plot.center, create(Grid, { dimension: dim, axis })];
  if (options.location !== null) plot[options.location] = [...plot[options.location], axis];
}

function minorTicks(axis: Axis, value: number | "auto" | null): number {
  if (typeof value === "number") {
    if (value <= 1) throw new Error("num_minor_ticks must be > 1");
    return value;
  }
  if (value === null) return 0;
  return axis instanceof LogAxis ? 10 : 5;
}
