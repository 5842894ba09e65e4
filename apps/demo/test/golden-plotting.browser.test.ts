import type { AddressInfo } from "node:net";
import {
  type Document,
  EqHistColorMapper,
  type Figure,
  figure,
  GLYPH_METHODS,
  type GlyphMethodName,
  type GlyphRenderer,
  gridplot,
  layout,
  NDArray,
  setDocumentTheme,
  TabPanel,
  Tabs,
  WeightedStackColorMapper,
} from "@fastify-bokeh/document";
import fastify from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t from "tap";
import { openPage, useServerAndBrowser, waitForBokeh } from "./helpers/browser.js";

// BokehJS itself is the judge here: one page with a renderer for every glyph method, every marker, each axis type,
// a legend, tooltips, a grid of plots and tabs, under a built-in theme, must render with no console errors, and the
// browser's document must hold every glyph type we made.

const xs = [1, 2, 3];
const ys = [3, 1, 2];

/** Arguments for each glyph method, small and valid. */
const CALLS: Record<GlyphMethodName, unknown[]> = {
  annular_wedge: [xs, ys, 0.2, 0.4, 0, 2],
  annulus: [xs, ys, 0.2, 0.4],
  arc: [xs, ys, 0.4, 0, 2],
  bezier: [xs, ys, ys, xs, xs, xs, ys, ys],
  block: [xs, ys, 0.5, 0.5],
  circle: [xs, ys, 0.3],
  ellipse: [xs, ys, 0.6, 0.3],
  harea: [xs, ys, xs],
  harea_step: [xs, ys, xs, "after"],
  hbar: [xs, 0.5, ys, 0],
  hspan: [xs],
  hstrip: [xs, ys],
  hex_tile: [xs, ys],
  image: [[new NDArray(new Float64Array([1, 2, 3, 4]), [2, 2])], 0, 0, 3, 3],
  image_rgba: [[new NDArray(new Uint32Array([0xff0000ff, 0xff00ff00, 0xffff0000, 0xff000000]), [2, 2])], 0, 0, 3, 3],
  image_stack: [
    [new NDArray(new Float64Array([1, 0, 0, 1, 1, 1, 0, 2]), [2, 2, 2])],
    0,
    0,
    3,
    3,
    {
      color_mapper: new WeightedStackColorMapper({
        palette: ["#ff0000", "#0000ff"],
        alpha_mapper: new EqHistColorMapper({ palette: ["#000000", "#ffffff"] }),
      }),
    },
  ],
  image_url: [["data:image/gif;base64,R0lGODlhAQABAAAAACw="], 1, 1, 1, 1],
  line: [xs, ys],
  mathml: [
    xs,
    ys,
    ["<mi>x</mi>", "<mn>2</mn>", "<mn>3</mn>"].map(
      (m) => `<math xmlns="http://www.w3.org/1998/Math/MathML">${m}</math>`,
    ),
  ],
  multi_line: [
    [
      [1, 2],
      [2, 3],
    ],
    [
      [1, 2],
      [3, 1],
    ],
  ],
  multi_polygons: [[[[[1, 2, 2]]]], [[[[1, 1, 2]]]]],
  ngon: [xs, ys, 0.3, { n: 5 }],
  patch: [xs, ys],
  patches: [
    [
      [1, 2, 2],
      [2, 3, 3],
    ],
    [
      [1, 1, 2],
      [2, 2, 3],
    ],
  ],
  quad: [xs, [2, 3, 4], [0, 0, 0], ys],
  quadratic: [xs, ys, ys, xs, xs, ys],
  ray: [xs, ys, 1, { angle: 0.5 }],
  rect: [xs, ys, 0.5, 0.5],
  scatter: [xs, ys, { size: 12 }],
  segment: [xs, ys, ys, xs],
  spline: [xs, ys],
  step: [xs, ys, "center"],
  tex: [xs, ys, ["x^2", "y", "z"]],
  text: [xs, ys, ["a", "b", "c"]],
  varea: [xs, ys, [0, 0, 0]],
  varea_step: [xs, ys, [0, 0, 0], "before"],
  vbar: [xs, 0.5, ys, 0],
  vspan: [xs],
  vstrip: [xs, ys],
  wedge: [xs, ys, 0.4, 0, 2],
};

function gallery(doc: Document): void {
  setDocumentTheme(doc, "dark_minimal");
  const plots: Figure[] = [];
  for (const method of Object.keys(GLYPH_METHODS) as GlyphMethodName[]) {
    const p = figure({ title: method, width: 160, height: 160, tools: "pan,hover", tooltips: "$x, $y" });
    (p[method] as unknown as (...args: unknown[]) => GlyphRenderer)(...CALLS[method]);
    plots.push(p);
  }
  const markers = figure({ title: "markers", width: 300, height: 200, x_axis_type: "log", y_axis_type: "datetime" });
  for (const [i, marker] of ["asterisk", "circle", "diamond", "hex", "square_pin", "star", "triangle", "x"].entries()) {
    markers.scatter([i + 1], [Date.UTC(2025, 0, i + 1)], { marker: marker as never, size: 14, legend_label: marker });
  }
  const map = figure({ title: "mercator", width: 300, height: 200, x_axis_type: "mercator", y_axis_type: "mercator" });
  map.scatter([-13_600_000, -8_200_000], [4_500_000, 4_970_000], { size: 10 });
  const bars = figure({ title: "factors", width: 300, height: 200, x_range: ["a", "b"] });
  bars.vbar({ source: { x: ["a", "b"], top: [1, 2] }, x: "x", top: "top", width: 0.5, legend_field: "x" });
  doc.add_root(
    new Tabs({
      tabs: [
        new TabPanel({ title: "glyphs", child: gridplot(plots, { ncols: 6 }) }),
        new TabPanel({ title: "axes", child: layout([[markers, map], [bars]]) }),
      ],
    }),
  );
}

const fx = useServerAndBrowser(t, async () => {
  const server = fastify();
  await server.register(bokehCore);
  await server.register(bokehApp, { path: "/plotting", app: gallery });
  return server;
});

t.test("BokehJS renders every glyph method, axis type, legend and layout the plotting API makes", async (t) => {
  const { port } = fx.server.server.address() as AddressInfo;
  const { page, problems } = await openPage(fx.browser, `http://127.0.0.1:${port}/plotting`);
  await waitForBokeh(page, 60_000);
  const glyphTypes = await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        Bokeh: { documents: { all_models: Set<{ type: string; glyph?: { type: string } }> }[] };
      }
    ).Bokeh.documents[0]!;
    return [...doc.all_models].filter((m) => m.type === "GlyphRenderer").map((m) => m.glyph!.type);
  });
  const expected = Object.values(GLYPH_METHODS).map(
    ([cls]) => (cls as unknown as { __qualified__: string }).__qualified__,
  );
  t.same([...new Set(glyphTypes)].sort(), [...new Set(expected)].sort(), "every glyph type reached the browser");
  // The "axes" tab renders when shown.
  await page.getByText("axes", { exact: true }).click();
  await waitForBokeh(page, 30_000);
  t.same(problems, [], "no console errors");
});
