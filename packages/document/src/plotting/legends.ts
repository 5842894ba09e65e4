import { isEqual } from "../core/util/eq.js";
import { isTypedArray } from "../core/util/ndarray.js";
import {
  ColumnDataSource,
  type GlyphRenderer,
  Legend,
  LegendItem,
  type LegendItemProps,
  type Plot,
} from "../models/generated/index.js";

/** The legend arguments of a glyph method; at most one may be given. */
export interface LegendArg {
  readonly kind: "legend_label" | "legend_field" | "legend_group";
  readonly value: string;
}

const LEGEND_KINDS = ["legend_label", "legend_field", "legend_group"] as const;

/** Removes the legend arguments from `args`; throws when more than one is given, as Bokeh does. */
export function popLegendArg(args: Record<string, unknown>): { legend: LegendArg | null; legendName: string | null } {
  const given = LEGEND_KINDS.filter((kind) => args[kind] !== undefined && args[kind] !== null);
  if (given.length > 1)
    throw new Error(`only one of ${LEGEND_KINDS.join(", ")} may be provided, got: ${given.join(", ")}`);
  const legendName = typeof args.legend_name === "string" ? args.legend_name : null;
  const kind = given[0];
  const value = kind === undefined ? undefined : args[kind];
  for (const key of [...LEGEND_KINDS, "legend_name"]) delete args[key];
  if (kind === undefined) return { legend: null, legendName };
  if (typeof value !== "string") throw new Error(`${kind} value must be a string`);
  return { legend: { kind, value }, legendName };
}

/** The plot's legend: the one named `legendName`, or its only unnamed legend, created in the center if there is none. */
function legendOf(plot: Plot, legendName: string | null): Legend {
  const panels = [...plot.above, ...plot.below, ...plot.left, ...plot.right, ...plot.center];
  const legends = panels.filter((panel): panel is Legend => panel instanceof Legend);
  if (legendName !== null) {
    const named = legends.filter((legend) => legend.name === legendName);
    const [only, other] = named;
    if (only !== undefined && other === undefined) return only;
    throw new Error(
      named.length === 0
        ? `can't find Legend instance with '${legendName}' name`
        : `found multiple Legend instances with '${legendName}' name`,
    );
  }
  const unnamed = legends.filter((legend) => legend.name === null);
  const [only, other] = unnamed;
  if (only !== undefined && other === undefined) return only;
  if (unnamed.length > 1) {
    throw new Error("the plot has more than one legend: give them names and choose one with 'legend_name'");
  }
  const legend = new Legend();
  plot.center = [...plot.center, legend];
  return legend;
}

function addToItem(legend: Legend, label: LegendItemProps["label"], renderer: GlyphRenderer): void {
  const item = legend.items.find((candidate) => isEqual(candidate.label, label));
  if (item !== undefined) item.renderers = [...item.renderers, renderer];
  else legend.items = [...legend.items, new LegendItem({ label, renderers: [renderer] })];
}

/** Distinct values of a column, sorted, each with the index of its first row (numpy's `unique(…, return_index)`). */
function uniqueWithIndex(column: ArrayLike<unknown>): [unknown, number][] {
  const first = new Map<unknown, number>();
  for (let i = 0; i < column.length; i++) if (!first.has(column[i])) first.set(column[i], i);
  const compare = (a: unknown, b: unknown): number =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return [...first].sort(([a], [b]) => compare(a, b));
}

/** Adds a renderer to the plot's legend as Python's `legend_label`, `legend_field` and `legend_group` do. */
export function updateLegend(
  plot: Plot,
  { kind, value }: LegendArg,
  legendName: string | null,
  renderer: GlyphRenderer,
): void {
  const legend = legendOf(plot, legendName);
  switch (kind) {
    case "legend_label":
      addToItem(legend, { value }, renderer);
      break;
    case "legend_field":
      addToItem(legend, { field: value }, renderer);
      break;
    case "legend_group": {
      const source = renderer.data_source;
      const column = source instanceof ColumnDataSource ? (source.data as Record<string, unknown>)[value] : undefined;
      if (!Array.isArray(column) && !isTypedArray(column))
        throw new Error(`column to be grouped does not exist in glyph data source: ${value}`);
      const items = uniqueWithIndex(column as ArrayLike<unknown>).map(
        ([label, index]) => new LegendItem({ label: { value: String(label) }, renderers: [renderer], index }),
      );
      legend.items = [...legend.items, ...items];
      break;
    }
  }
}
