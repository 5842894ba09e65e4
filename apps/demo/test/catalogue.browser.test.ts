// One page with one instance of every widget model and every glyph type of the catalogue, served by bokehApp and
// rendered by the real BokehJS: no console errors, and a BokehJS view for each model.

import {
  ABSTRACT_MODEL_NAMES,
  Column,
  ColumnDataSource,
  type Document,
  Glyph,
  GlyphRenderer,
  GroupingInfo,
  HasProps,
  LinearColorMapper,
  MODEL_NAMES,
  NDArray,
  Plot,
  Range1d,
  SumAggregator,
  TableColumn,
  Tooltip,
  WeightedStackColorMapper,
  Widget,
} from "@fastify-bokeh/document";
import fastify from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t from "tap";
import { openPage, useServerAndBrowser } from "./helpers/browser.js";

type ModelClass = (new (attrs?: object) => HasProps) & typeof HasProps;

const concrete = MODEL_NAMES.filter((name) => !ABSTRACT_MODEL_NAMES.includes(name)).map(
  (name) => HasProps.lookup(name) as ModelClass,
);
const WIDGETS = concrete.filter((cls) => cls.prototype instanceof Widget);
const GLYPHS = concrete.filter((cls) => cls.prototype instanceof Glyph);

const day = (month: number, date: number): number => Date.UTC(2024, month - 1, date);

/** What widgets need beyond their defaults (properties BokehJS gives no default, or data to show). */
const WIDGET_ATTRS: Readonly<Record<string, () => object>> = {
  Slider: () => ({ start: 0, end: 10, value: 5 }),
  RangeSlider: () => ({ start: 0, end: 10, value: [2, 8] }),
  DateSlider: () => ({ start: day(1, 1), end: day(12, 31), value: day(6, 1) }),
  DateRangeSlider: () => ({ start: day(1, 1), end: day(12, 31), value: [day(3, 1), day(6, 1)] }),
  DatetimeRangeSlider: () => ({
    start: day(1, 1),
    end: day(1, 2),
    value: [day(1, 1) + 3_600_000, day(1, 1) + 7_200_000],
  }),
  CategoricalSlider: () => ({ categories: ["low", "mid", "high"], value: "mid" }),
  PaletteSelect: () => ({
    items: [
      ["warm", ["#ff0000", "#ffaa00"]],
      ["cold", ["#0000ff", "#00aaff"]],
    ],
    value: "warm",
  }),
  HelpButton: () => ({ tooltip: new Tooltip({ content: "help" }) }),
  DataTable: () => ({
    source: table(),
    columns: [new TableColumn({ field: "a", title: "a" }), new TableColumn({ field: "b", title: "b" })],
  }),
  DataCube: () => ({
    source: table(),
    target: new ColumnDataSource(),
    columns: [new TableColumn({ field: "a", title: "a" })],
    grouping: [new GroupingInfo({ getter: "b", aggregators: [new SumAggregator({ field_: "a" })] })],
  }),
  TableWidget: () => ({ source: table() }),
};
const table = () => new ColumnDataSource({ data: { a: [1, 2, 3], b: ["x", "y", "z"] } });

const image = (ctor: Float64ArrayConstructor | Uint32ArrayConstructor, shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1);
  const array = new ctor(size);
  for (let i = 0; i < size; i++) array[i] = ctor === Uint32Array ? 0xff0000ff + i * 0x1000 : i;
  return new NDArray(array, shape);
};
const PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

/** A column of three rows for a glyph's data spec, by the spec's kind (and, where that is not enough, its name). */
function column(glyph: string, prop: string, kind: string): unknown[] {
  switch (kind) {
    case "XCoordinateSpec":
    case "YCoordinateSpec":
      return [2, 5, 8];
    case "DistanceSpec":
      return prop === "inner_radius" ? [0.2, 0.2, 0.2] : [0.6, 0.6, 0.6];
    case "AngleSpec":
      return prop === "start_angle" ? [0, 0, 0] : [2, 2, 2];
    case "NumberSpec":
      return glyph === "Ngon" ? [5, 6, 7] : [0, 1, 2]; // HexTile's q and r axial coordinates
    case "NDArraySpec":
      if (glyph === "ImageRGBA") return [0, 1, 2].map(() => image(Uint32Array, [2, 2]));
      if (glyph === "ImageStack") return [0, 1, 2].map(() => image(Float64Array, [2, 2, 2]));
      return [0, 1, 2].map(() => image(Float64Array, [2, 2]));
    case "StringSpec":
      return [PIXEL, PIXEL, PIXEL];
    case "NullStringSpec":
      if (glyph === "TeXGlyph") return ["x^2", "\\alpha", "\\sqrt{y}"];
      if (glyph === "MathMLGlyph")
        return [1, 2, 3].map(
          (n) =>
            `<math xmlns="http://www.w3.org/1998/Math/MathML"><mrow><mi>x</mi><mo>=</mo><mn>${n}</mn></mrow></math>`,
        );
      return ["a", "b", "c"];
    case "XCoordinateSeqSpec":
    case "YCoordinateSeqSpec":
      return [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ];
    case "XCoordinateSeqSeqSeqSpec":
    case "YCoordinateSeqSeqSeqSpec":
      return [[[[1, 2, 2]]], [[[4, 5, 5]]], [[[7, 8, 8]]]];
    default:
      throw new Error(`no test data for ${glyph}.${prop} (${kind})`);
  }
}

/** Properties glyphs have no default for. */
const GLYPH_ATTRS: Readonly<Record<string, () => object>> = {
  ImageStack: () => ({
    color_mapper: new WeightedStackColorMapper({
      palette: ["#ff0000", "#0000ff"],
      alpha_mapper: new LinearColorMapper({ palette: ["#000000", "#ffffff"] }),
    }),
  }),
};

/** A glyph bound to a source holding a column for every spec that names a field by default (or has no default). */
function glyphRenderer(cls: ModelClass): GlyphRenderer {
  const data: Record<string, unknown[]> = {};
  const attrs: Record<string, unknown> = { ...(GLYPH_ATTRS[cls.__qualified__]?.() ?? {}) };
  for (const def of cls.__props__.values()) {
    const kind = String(def.kind);
    if (!kind.endsWith("Spec") || def.internal) continue;
    const dflt = def.hasDefault ? def.defaultValue() : { field: def.name };
    if (typeof dflt !== "object" || dflt === null || !("field" in dflt)) continue;
    const name = (dflt as { field: string }).field;
    data[name] = column(cls.__qualified__, def.name, kind);
    if (!def.hasDefault) attrs[def.name] = { field: name };
  }
  const glyph = new cls(attrs);
  return new GlyphRenderer({
    name: cls.__qualified__,
    glyph: glyph as Glyph,
    data_source: new ColumnDataSource({ data }),
  });
}

function catalogueApp(doc: Document): void {
  const widgets = WIDGETS.map(
    (cls) => new cls({ name: cls.__qualified__, ...(WIDGET_ATTRS[cls.__qualified__]?.() ?? {}) }),
  );
  const plot = new Plot({
    name: "glyphs",
    width: 500,
    height: 500,
    x_range: new Range1d({ start: 0, end: 10 }),
    y_range: new Range1d({ start: 0, end: 10 }),
    renderers: GLYPHS.map(glyphRenderer),
  });
  doc.add_root(new Column({ children: [plot, ...(widgets as Widget[])] }));
  doc.title = "catalogue";
}

const fx = useServerAndBrowser(t, async () => {
  const server = fastify();
  await server.register(bokehCore);
  await server.register(bokehApp, { path: "/catalogue", app: catalogueApp });
  return server;
});

interface BokehView {
  readonly is_idle?: boolean;
}
interface BokehWindow {
  Bokeh?: {
    documents: { roots(): unknown[]; get_model_by_name(name: string): { glyph?: unknown } | null }[];
    index: { roots: BokehView[]; find_one(model: unknown): BokehView | null };
  };
}

t.test("every widget and every glyph of the catalogue renders in one page", async (t) => {
  t.ok(WIDGETS.length >= 40, `${WIDGETS.length} widget models`);
  t.ok(GLYPHS.length >= 40, `${GLYPHS.length} glyph types`);
  const { page, problems } = await openPage(fx.browser, `${fx.base}/catalogue`);
  const rendered = await page
    .waitForFunction(
      () => {
        const bokeh = (globalThis as unknown as BokehWindow).Bokeh;
        const roots = bokeh?.index.roots ?? [];
        return (
          (bokeh?.documents[0]?.roots().length ?? 0) > 0 &&
          roots.length > 0 &&
          roots.every((view) => view.is_idle === true)
        );
      },
      undefined,
      { timeout: 90_000 },
    )
    .then(
      () => true,
      (error: Error) => error.message,
    );
  t.equal(rendered, true, "the page finished rendering");
  const missing = await page.evaluate(
    ([widgets, glyphs]) => {
      const bokeh = (globalThis as unknown as BokehWindow).Bokeh!;
      const doc = bokeh.documents[0]!;
      const out: string[] = [];
      for (const name of widgets) {
        const model = doc.get_model_by_name(name);
        if (model === null || bokeh.index.find_one(model) === null) out.push(`widget ${name}`);
      }
      for (const name of glyphs) {
        const renderer = doc.get_model_by_name(name);
        if (renderer === null || bokeh.index.find_one(renderer) === null) out.push(`renderer of ${name}`);
        else if (bokeh.index.find_one(renderer.glyph) === null) out.push(`glyph ${name}`);
      }
      return out;
    },
    [WIDGETS.map((cls) => cls.__qualified__), GLYPHS.map((cls) => cls.__qualified__)] as const,
  );
  t.same(missing, [], "BokehJS made a view for every model");
  t.same(problems, [], "no console errors");
  await page.close();
});
