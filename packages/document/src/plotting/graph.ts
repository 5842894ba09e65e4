import { HasProps } from "../core/has-props.js";
import {
  Circle,
  type ColumnarDataSource,
  ColumnDataSource,
  type ColumnDataSourceProps,
  type Glyph,
  GlyphRenderer,
  GraphRenderer,
  type LayoutProvider,
  MultiLine,
  Scatter,
  StaticLayoutProvider,
  type StaticLayoutProviderProps,
} from "../models/generated/index.js";
import { create } from "./assign.js";
import type { GlyphClass } from "./glyph-methods.js";
import { popVisuals } from "./visuals.js";

/** Column data of a graph's nodes (with an `index` column) or edges (with `start` and `end` columns). */
export type GraphData = Record<string, readonly unknown[]>;

/**
 * Arguments of `Figure.graph`: `node_*` and `edge_*` visuals (`node_fill_color`, `edge_line_width`, with `selection_`,
 * `hover_`, `muted_`, `nonselection_` variants), `node_marker`, `node_size`, `node_radius`, and renderer arguments.
 */
export interface GraphArgs {
  [argument: string]: unknown;
}

/** Python's `RENDERER_ARGS` of bokeh/plotting/_graph.py: what goes to the GraphRenderer itself. */
const GRAPH_RENDERER_ARGS = [
  "name",
  "level",
  "visible",
  "x_range_name",
  "y_range_name",
  "selection_policy",
  "inspection_policy",
] as const;

const toSource = (source: ColumnarDataSource | GraphData): ColumnarDataSource =>
  source instanceof HasProps ? source : new ColumnDataSource({ data: source as ColumnDataSourceProps["data"] });

/** Python's `str.lstrip(chars)`: the name without any leading characters from `chars`. */
const lstripChars = (name: string, chars: string): string => {
  let i = 0;
  while (i < name.length && chars.includes(name.charAt(i))) i++;
  return name.slice(i);
};

const hasColumn = (source: ColumnarDataSource, name: unknown): boolean =>
  typeof name === "string" && source instanceof ColumnDataSource && Object.hasOwn(source.data, name);

/** The node glyph class, with `node_marker` made a field or a value as Python decides. */
function nodeMarker(source: ColumnarDataSource, args: Record<string, unknown>): GlyphClass {
  const marker = args.node_marker;
  delete args.node_marker;
  const isField = typeof marker === "object" && marker !== null && "field" in marker;
  if (isField || hasColumn(source, marker)) {
    args.node_marker = isField ? marker : { field: marker };
    return Scatter;
  }
  const name = typeof marker === "object" && marker !== null && "value" in marker ? marker.value : marker;
  if (name === undefined || name === null || name === "circle") return "node_radius" in args ? Circle : Scatter;
  args.node_marker = name;
  return Scatter;
}

interface GlyphSet {
  glyph: Glyph;
  selection_glyph: Glyph | "auto";
  nonselection_glyph: Glyph | "auto";
  hover_glyph: Glyph | null;
  muted_glyph: Glyph | "auto";
}

interface SideVisuals {
  cls: GlyphClass;
  prefix: "node_" | "edge_";
  main: Record<string, unknown>;
  selection: Record<string, unknown> | null;
  hover: Record<string, unknown> | null;
  muted: Record<string, unknown>;
  nonselection: Record<string, unknown>;
}

/** Takes the visuals of one side (`node_` or `edge_`) of a graph, and of its selection/hover/muted variants. */
function popSideVisuals(cls: GlyphClass, prefix: "node_" | "edge_", args: Record<string, unknown>): SideVisuals {
  const properties = new cls().properties();
  const has = (p: string): boolean => Object.keys(args).some((key) => key.startsWith(prefix + p));
  const main = popVisuals(properties, args, { prefix });
  const selection = has("selection_")
    ? popVisuals(properties, args, { prefix: `${prefix}selection_`, defaults: main })
    : null;
  const hover = has("hover_") ? popVisuals(properties, args, { prefix: `${prefix}hover_`, defaults: main }) : null;
  const muted = popVisuals(properties, args, {
    prefix: `${prefix}muted_`,
    defaults: main,
    overrideDefaults: { alpha: 0.2 },
  });
  const nonselection = popVisuals(properties, args, { prefix: `${prefix}nonselection_`, defaults: main });
  return { cls, prefix, main, selection, hover, muted, nonselection };
}

/** The glyphs of one side; Python gives them every remaining argument named, after stripping, as a property. */
function sideGlyphs(side: SideVisuals, args: Readonly<Record<string, unknown>>): GlyphSet {
  const own: Record<string, unknown> = {};
  const probe = new side.cls();
  for (const [key, value] of Object.entries(args)) {
    // Python strips the prefix with str.lstrip, i.e. any leading characters of it.
    const name = lstripChars(key, side.prefix);
    if (probe.hasProperty(name)) own[name] = value;
  }
  const make = (visuals: Record<string, unknown>): Glyph => create(side.cls, { ...own, ...visuals });
  return {
    glyph: make(side.main),
    selection_glyph: side.selection === null ? "auto" : make(side.selection),
    nonselection_glyph: make(side.nonselection),
    hover_glyph: side.hover === null ? null : make(side.hover),
    muted_glyph: make(side.muted),
  };
}

/**
 * A GraphRenderer drawing `node_source` and `edge_source` at the positions of `layout_provider`, with node and edge
 * glyphs made from the `node_*`/`edge_*` arguments as Python's `figure.graph` makes them.
 */
export function graphRenderer(
  node_source: ColumnarDataSource | GraphData,
  edge_source: ColumnarDataSource | GraphData,
  layout_provider: LayoutProvider,
  input: GraphArgs = {},
): GraphRenderer {
  const args: Record<string, unknown> = { ...input };
  const nodes = toSource(node_source);
  const edges = toSource(edge_source);
  const nodeClass = nodeMarker(nodes, args);
  const nodeVisuals = popSideVisuals(nodeClass, "node_", args);
  const edgeVisuals = popSideVisuals(MultiLine, "edge_", args);
  const nodeGlyphs = sideGlyphs(nodeVisuals, args);
  const edgeGlyphs = sideGlyphs(edgeVisuals, args);
  const rendererArgs: Record<string, unknown> = {};
  for (const name of GRAPH_RENDERER_ARGS) if (name in args) rendererArgs[name] = args[name];
  return create(GraphRenderer, {
    layout_provider,
    ...rendererArgs,
    node_renderer: create(GlyphRenderer, { data_source: nodes, ...nodeGlyphs }),
    edge_renderer: create(GlyphRenderer, { data_source: edges, ...edgeGlyphs }),
  });
}

/** A node id: what the `index`, `start` and `end` columns hold. */
export type NodeId = string | number;

/** A graph as plain lists (the shape networkx gives): nodes with their attributes, edges with theirs. */
export interface NodesAndEdges {
  readonly nodes: ReadonlyArray<NodeId | readonly [NodeId, Readonly<Record<string, unknown>>?]>;
  readonly edges: ReadonlyArray<readonly [NodeId, NodeId, Readonly<Record<string, unknown>>?]>;
}

/** One column per attribute (null where an item lacks it; lists of lists when any value is a list). */
function attributeColumns(items: ReadonlyArray<Readonly<Record<string, unknown>>>): Record<string, unknown[]> {
  const keys = [...new Set(items.flatMap((attrs) => Object.keys(attrs)))];
  const columns: Record<string, unknown[]> = {};
  for (const key of keys) {
    const values = items.map((attrs) => (key in attrs ? attrs[key] : null));
    if (values.some(Array.isArray)) {
      if (!values.every((v) => v === null || Array.isArray(v)))
        throw new Error("Can't mix scalar and non-scalar values for graph attributes");
      columns[key] = values.map((v) => (v === null ? [] : [...(v as unknown[])]));
    } else {
      columns[key] = values;
    }
  }
  return columns;
}

/**
 * A GraphRenderer of plain node and edge lists with a fixed layout (node id → [x, y]), built as Python's
 * `from_networkx` builds it from a networkx graph: node attributes become columns beside `index`, edge attributes
 * columns beside `start` and `end` (attributes named so are replaced).
 */
export function from_nodes_and_edges(
  graph: NodesAndEdges,
  graph_layout: StaticLayoutProviderProps["graph_layout"],
): GraphRenderer {
  const nodes = graph.nodes.map(
    (node) => (Array.isArray(node) ? node : [node, {}]) as [NodeId, Record<string, unknown>?],
  );
  const nodeData = { ...attributeColumns(nodes.map(([, attrs]) => attrs ?? {})), index: nodes.map(([id]) => id) };
  const edgeData = {
    ...attributeColumns(graph.edges.map(([, , attrs]) => attrs ?? {})),
    start: graph.edges.map(([start]) => start),
    end: graph.edges.map(([, end]) => end),
  };
  const renderer = new GraphRenderer({
    node_renderer: new GlyphRenderer({
      glyph: new Scatter(),
      data_source: new ColumnDataSource({ data: { index: [] } }),
    }),
    edge_renderer: new GlyphRenderer({
      glyph: new MultiLine(),
      data_source: new ColumnDataSource({ data: { start: [], end: [] } }),
    }),
  });
  (renderer.node_renderer.data_source as ColumnDataSource).data = nodeData as ColumnDataSourceProps["data"];
  (renderer.edge_renderer.data_source as ColumnDataSource).data = edgeData as ColumnDataSourceProps["data"];
  renderer.layout_provider = new StaticLayoutProvider({ graph_layout });
  return renderer;
}
