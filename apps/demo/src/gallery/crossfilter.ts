import {
  BoxZoomTool,
  ColumnDataSource,
  column,
  type Document,
  type Figure,
  figure,
  HoverTool,
  PanTool,
  ResetTool,
  row,
  Select,
} from "@fastify-bokeh/document";
import { type Car, type CarColumn, CONTINUOUS, cars, DISCRETE } from "./data/cars.js";
import { itemAt } from "./data/item-at.js";

export const description =
  "Crossfilter over synthetic cars: Select widgets choose the scatter's x, y, size and colour columns.";

const SIZES = [9, 14, 19, 24, 29, 34, 39];
// Five steps from dark blue to yellow (our own ramp, for the colour column's quintiles).
const COLORS = ["#30123b", "#2c7fb8", "#41b6c4", "#a1dab4", "#fde725"];
const NONE = "None";
const ALL_COLUMNS: readonly CarColumn[] = [...CONTINUOUS, ...DISCRETE];

const isDiscrete = (column: string): boolean => (DISCRETE as readonly string[]).includes(column);

/** The bin (0 … bins-1) of each value by rank, so that the bins hold about equally many cars (a quantile cut). */
function quantileBins(values: readonly number[], bins: number): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  order.forEach(([, i], rank) => {
    out[i] = Math.min(bins - 1, Math.floor((rank * bins) / values.length));
  });
  return out;
}

/** The values of a column as plotted: strings (factors) for the discrete columns. */
function axisValues(data: readonly Car[], column: CarColumn): number[] | string[] {
  return isDiscrete(column) ? data.map((car) => String(car[column])) : data.map((car) => car[column] as number);
}

function factors(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

interface Choice {
  x: CarColumn;
  y: CarColumn;
  size: CarColumn | typeof NONE;
  color: CarColumn | typeof NONE;
}

/** A new figure for the chosen columns (as Python's crossfilter example does, the whole plot is replaced). */
function createFigure(data: readonly Car[], { x, y, size, color }: Choice): Figure {
  const xs = axisValues(data, x);
  const ys = axisValues(data, y);
  const sizes =
    size === NONE
      ? data.map(() => 9)
      : quantileBins(
          data.map((car) => car[size] as number),
          SIZES.length,
        ).map((b) => itemAt(SIZES, b));
  const colors =
    color === NONE
      ? data.map(() => "#31AADE")
      : quantileBins(
          data.map((car) => car[color] as number),
          COLORS.length,
        ).map((b) => itemAt(COLORS, b));
  // Unnamed: BokehJS keeps replaced models for a while, and names must be unique to be looked up.
  const source = new ColumnDataSource({
    data: { x: xs, y: ys, size: sizes, color: colors, name: data.map((car) => car.name) },
  });

  const plot = figure({
    title: `${x} vs. ${y}`,
    height: 600,
    width: 800,
    x_axis_label: x,
    y_axis_label: y,
    ...(isDiscrete(x) ? { x_range: factors(xs as string[]) } : {}),
    ...(isDiscrete(y) ? { y_range: factors(ys as string[]) } : {}),
    tools: [
      new PanTool(),
      new BoxZoomTool(),
      new HoverTool({
        tooltips: [
          ["car", "@name"],
          [x, "@x"],
          [y, "@y"],
        ],
      }),
      new ResetTool(),
    ],
  });
  plot.scatter("x", "y", { source, size: "size", color: "color", line_color: "white", alpha: 0.6 });
  return plot;
}

/** Python Bokeh's "crossfilter" gallery app. */
export function crossfilter(doc: Document): void {
  const data = cars();
  const choice: Choice = { x: "mpg", y: "hp", size: NONE, color: NONE };
  const selects = {
    x: new Select({ title: "X-Axis", value: choice.x, options: [...ALL_COLUMNS], name: "x" }),
    y: new Select({ title: "Y-Axis", value: choice.y, options: [...ALL_COLUMNS], name: "y" }),
    size: new Select({ title: "Size", value: choice.size, options: [NONE, ...CONTINUOUS], name: "size" }),
    color: new Select({ title: "Color", value: choice.color, options: [NONE, ...CONTINUOUS], name: "color" }),
  };
  const controls = column(Object.values(selects), { width: 200 });
  const layout = row([controls, createFigure(data, choice)], { name: "layout" });

  for (const [key, select] of Object.entries(selects) as [keyof Choice, Select][]) {
    select.on_change("value", (_attr, _old, value) => {
      const allowed: readonly string[] = key === "x" || key === "y" ? ALL_COLUMNS : [NONE, ...CONTINUOUS];
      if (!allowed.includes(String(value))) return;
      Object.assign(choice, { [key]: String(value) });
      layout.children = [controls, createFigure(data, choice)];
    });
  }

  doc.add_root(layout);
  doc.title = "Crossfilter";
}
