import { HasProps } from "../core/has-props.js";
import { isEqual } from "../core/util/eq.js";
import {
  Column,
  type ColumnProps,
  CopyTool,
  ExamineTool,
  FullscreenTool,
  GridPlot,
  type GridPlotProps,
  LayoutDOM,
  Plot,
  Row,
  type RowProps,
  SaveTool,
  type Tool,
  Toolbar,
  type ToolbarProps,
  ToolProxy,
  type UIElement,
} from "../models/generated/index.js";
import { create } from "./assign.js";

type SizingMode = LayoutDOM["sizing_mode"];

/** An item that sets none of its own sizing takes the sizing mode given to `layout()` or `gridplot()`, as in Python. */
function applySizingMode(children: readonly UIElement[], sizingMode: SizingMode | undefined): void {
  if (sizingMode === undefined || sizingMode === null) return;
  for (const child of children) {
    if (
      child instanceof LayoutDOM &&
      child.sizing_mode === null &&
      child.width_policy === "auto" &&
      child.height_policy === "auto"
    ) {
      child.sizing_mode = sizingMode;
    }
  }
}

// row() and column() leave their children's sizing alone: Python's versions mean to pass `sizing_mode` on, but skip
// every child (all are UIElements), and we send what they send.

/** A vertical layout, as Python's `column(children, sizing_mode=…, **kwargs)`. */
export function column(children: readonly UIElement[], props: Partial<Omit<ColumnProps, "children">> = {}): Column {
  return create(Column, { ...props, children: [...children] });
}

/** A horizontal layout, as Python's `row(children, sizing_mode=…, **kwargs)`. */
export function row(children: readonly UIElement[], props: Partial<Omit<RowProps, "children">> = {}): Row {
  return create(Row, { ...props, children: [...children] });
}

/** Nested lists of items: the outer list is a column, the lists in it rows, the lists in those columns, … */
export type LayoutChildren = ReadonlyArray<UIElement | LayoutChildren>;

/** A grid of items from nested lists, as Python's `layout([[p1, p2], [p3]])`; `props` go to the outer column. */
export function layout(children: LayoutChildren, props: Partial<Omit<ColumnProps, "children">> = {}): Column {
  const sizingMode = props.sizing_mode;
  const build = (items: LayoutChildren, depth: number): Row | Column => {
    const built = items.map((item) =>
      Array.isArray(item) ? build(item as LayoutChildren, depth + 1) : (item as UIElement),
    );
    applySizingMode(built, sizingMode);
    const attrs = { sizing_mode: sizingMode, children: built, ...(depth === 0 ? props : {}) };
    return depth % 2 === 0 ? create(Column, attrs) : create(Row, attrs);
  };
  return build(children, 0) as Column;
}

export interface GridPlotOptions {
  /** Where the merged toolbar goes (`"above"` unless given); `null` hides it. */
  readonly toolbar_location?: GridPlotProps["toolbar_location"];
  /** Lay a flat list out in rows of this many items. */
  readonly ncols?: number;
  readonly sizing_mode?: SizingMode;
  /** Width and height given to every item. */
  readonly width?: number;
  readonly height?: number;
  /** Toolbar properties that override those gathered from the plots (`logo`, `autohide`, `active_drag`, …). */
  readonly toolbar_options?: Partial<
    Pick<
      ToolbarProps,
      "logo" | "autohide" | "active_drag" | "active_inspect" | "active_scroll" | "active_tap" | "active_multi"
    >
  >;
  /** Merge the plots' tools into one toolbar (the default), grouping equal tools behind proxies. */
  readonly merge_tools?: boolean;
}

type GridItem = UIElement | null;

/** Tools that make no sense per plot in a grid: one fresh instance replaces all of them. */
const MERGED_INTO_ONE = [SaveTool, CopyTool, ExamineTool, FullscreenTool];

/** What makes two tools of one class the same tool for a grid's toolbar: every property except overlay and renderers. */
const toolSignature = (tool: Tool): unknown[] =>
  tool
    .properties()
    .filter((name) => name !== "overlay" && name !== "renderers")
    .map((name) => tool.getv(name));

/** Groups the tools of several plots: equal tools share one ToolProxy, and save/copy/examine/fullscreen become one. */
function groupTools(tools: readonly (Tool | ToolProxy)[]): (Tool | ToolProxy)[] {
  const byClass = new Map<object, Tool[]>();
  const out: (Tool | ToolProxy)[] = [];
  for (const tool of tools) {
    if (tool instanceof ToolProxy) out.push(tool);
    else byClass.set(tool.constructor, [...(byClass.get(tool.constructor) ?? []), tool]);
  }
  for (const [cls, group] of byClass) {
    const single = MERGED_INTO_ONE.find((merged) => merged === cls);
    if (single !== undefined) {
      out.push(new single());
      continue;
    }
    const rest = [...group];
    for (let head = rest.shift(); head !== undefined; head = rest.shift()) {
      const signature = toolSignature(head);
      const same = rest.filter((tool) => isEqual(toolSignature(tool), signature));
      for (const tool of same) rest.splice(rest.indexOf(tool), 1);
      out.push(new ToolProxy({ tools: [head, ...same] }));
    }
  }
  return out;
}

/**
 * Plots in a grid with one shared toolbar, as Python's and BokehJS's `gridplot`: a list of rows (`null` leaves a cell
 * empty), or a flat list with `ncols`.
 */
export function gridplot(
  children: readonly GridItem[] | readonly (readonly GridItem[])[],
  options: GridPlotOptions = {},
): GridPlot {
  const {
    toolbar_location = "above",
    ncols,
    sizing_mode,
    width,
    height,
    toolbar_options = {},
    merge_tools = true,
  } = options;
  let rows: (readonly GridItem[])[];
  if (ncols !== undefined) {
    if (children.some((child) => Array.isArray(child))) throw new Error("cannot give nested lists together with ncols");
    const flat = children as readonly GridItem[];
    rows = [];
    for (let i = 0; i < flat.length; i += ncols) rows.push(flat.slice(i, i + ncols));
  } else {
    rows = (children as readonly (readonly GridItem[] | GridItem)[]).map((child) =>
      Array.isArray(child) ? child : [child as GridItem],
    );
  }

  const toolbars: Toolbar[] = [];
  const items: [UIElement, number, number][] = [];
  rows.forEach((cells, y) => {
    cells.forEach((item, x) => {
      if (item === null || !(item instanceof LayoutDOM)) return;
      if (merge_tools) {
        for (const plot of item.references()) {
          if (plot instanceof Plot) {
            toolbars.push(plot.toolbar);
            plot.toolbar_location = null;
          }
        }
      }
      if (width !== undefined) item.width = width;
      if (height !== undefined) item.height = height;
      applySizingMode([item], sizing_mode);
      items.push([item, y, x]);
    });
  });

  const gathered = toolbars.flatMap((toolbar) => toolbar.tools);
  const tools = merge_tools ? groupTools(gathered) : gathered;
  const toProxy = (active: unknown): unknown =>
    active instanceof HasProps
      ? (tools.find((tool) => tool instanceof ToolProxy && tool.tools.includes(active as Tool)) ?? active)
      : active;
  const last = <K extends keyof NonNullable<GridPlotOptions["toolbar_options"]>>(
    name: K,
    map: (value: unknown) => unknown = (v) => v,
  ): unknown => {
    if (name in toolbar_options) return toolbar_options[name];
    const lastToolbar = toolbars.at(-1);
    return lastToolbar === undefined ? undefined : map(lastToolbar.getv(name));
  };
  const toolbar = create(Toolbar, {
    tools,
    logo: last("logo"),
    autohide: last("autohide"),
    active_drag: last("active_drag", toProxy),
    active_inspect: last("active_inspect", toProxy),
    active_scroll: last("active_scroll", toProxy),
    active_tap: last("active_tap", toProxy),
    active_multi: last("active_multi", toProxy),
  });
  return create(GridPlot, { children: items, toolbar, toolbar_location, sizing_mode });
}
