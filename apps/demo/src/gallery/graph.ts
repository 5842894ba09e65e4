import {
  ColumnDataSource,
  column,
  Div,
  type Document,
  figure,
  GlyphRenderer,
  GraphRenderer,
  HoverTool,
  MultiLine,
  NodesAndLinkedEdges,
  Scatter,
  StaticLayoutProvider,
  TapTool,
} from "@fastify-bokeh/document";
import { clubNetwork, describeSelection, edgeColors, springLayout } from "./data/network.js";

export const description =
  "A network drawn with a GraphRenderer (spring layout computed on the server); tapping a node makes the server highlight its edges and list its neighbours.";

const [COMMUNITY_A, COMMUNITY_B] = ["#3182bd", "#31a354"];

/** Python Bokeh's graph examples (networkx club graph with a tap callback), built from the models directly. */
export function graph(doc: Document): void {
  const network = clubNetwork();
  const layout = springLayout(network);
  const nodes = new ColumnDataSource({
    data: {
      index: network.names.map((_, i) => i),
      name: network.names,
      color: network.community.map((c) => (c === 0 ? COMMUNITY_A : COMMUNITY_B)),
    },
    name: "nodes",
  });
  const edges = new ColumnDataSource({
    data: {
      start: network.edges.map(([a]) => a),
      end: network.edges.map(([, b]) => b),
      color: edgeColors(network, []),
    },
    name: "edges",
  });
  const renderer = new GraphRenderer({
    layout_provider: new StaticLayoutProvider({ graph_layout: new Map(layout.map((xy, i) => [i, xy])) }),
    node_renderer: new GlyphRenderer({
      data_source: nodes,
      glyph: new Scatter({ size: { value: 18 }, fill_color: { field: "color" }, line_color: { value: "white" } }),
      selection_glyph: new Scatter({
        size: { value: 22 },
        fill_color: { value: "#e6550d" },
        line_color: { value: "white" },
      }),
    }),
    edge_renderer: new GlyphRenderer({
      data_source: edges,
      glyph: new MultiLine({ line_color: { field: "color" }, line_alpha: { value: 0.8 }, line_width: { value: 2 } }),
    }),
    selection_policy: new NodesAndLinkedEdges(),
  });

  const plot = figure({
    title: "Club network (synthetic): tap a node",
    width: 600,
    height: 600,
    x_range: [-1.2, 1.2],
    y_range: [-1.2, 1.2],
    tools: "pan,wheel_zoom,reset",
    name: "plot",
  });
  plot.add_tools(new TapTool(), new HoverTool({ tooltips: "@name", renderers: [renderer] }));
  plot.renderers = [...plot.renderers, renderer];
  plot.xgrid.grid_line_color = null;
  plot.ygrid.grid_line_color = null;

  const info = new Div({ text: describeSelection(network, []), width: 600, name: "info" });
  nodes.selected.on_change("indices", (_attr, _old, indices) => {
    const selected = Array.from(indices as Iterable<number | bigint>, Number);
    edges.data = { ...edges.data, color: edgeColors(network, selected) };
    info.text = describeSelection(network, selected);
  });

  doc.add_root(column([plot, info], { name: "layout" }));
  doc.title = "Graph";
}
