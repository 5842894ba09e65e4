import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";
import { PropertyValueError } from "../../src/core/errors.js";
import { HasProps, type HasPropsClass } from "../../src/core/has-props.js";
import * as models from "../../src/models/generated/index.js";
import {
  ABSTRACT_MODEL_NAMES,
  BASE_MODEL_NAMES,
  BOKEHJS_VERSION,
  INTERNAL_PROPERTIES,
  MODEL_NAMES,
  READONLY_PROPERTIES,
} from "../../src/models/generated/index.js";

type AnyClass = HasPropsClass;
const construct = (cls: AnyClass): HasProps => new (cls as unknown as new () => HasProps)();

const classes = (Object.values(models) as unknown[]).filter(
  (v): v is AnyClass => typeof v === "function" && v.prototype instanceof HasProps,
);
const byName = new Map(classes.map((cls) => [cls.__qualified__, cls]));
const abstract = new Set(ABSTRACT_MODEL_NAMES);

t.test("the catalogue has a class for every model BokehJS registers", async (t) => {
  t.equal(BOKEHJS_VERSION, "3.9.2");
  t.equal(MODEL_NAMES.length, 406, "as many as Bokeh.Models with all five bundles");
  t.equal(new Set(MODEL_NAMES).size, MODEL_NAMES.length);
  for (const name of MODEL_NAMES) {
    const cls = HasProps.lookup(name);
    if (cls === undefined || cls.__qualified__ !== name || byName.get(name) !== cls)
      t.fail(`${name} is not registered`);
  }
  t.equal(
    classes.length,
    MODEL_NAMES.length + BASE_MODEL_NAMES.length,
    "exported classes: registered models plus base classes",
  );
  for (const name of BASE_MODEL_NAMES) t.ok(byName.has(name), `base ${name}`);
  t.ok(byName.get("Model")!.prototype instanceof HasProps);
  t.equal(Object.getPrototypeOf(models.Model), HasProps, "Model is the root of the catalogue");
  for (const cls of classes) {
    if ((cls as unknown) !== models.Model && !(cls.prototype instanceof models.Model))
      t.fail(`${cls.__qualified__} does not derive from Model`);
  }
});

t.test("names BokehJS uses twice get distinct classes", async (t) => {
  t.equal(models.Div.__qualified__, "Div");
  t.equal(models.DOMDiv.__qualified__, "bokeh.models.dom.Div");
  t.equal(models.Span.__qualified__, "Span");
  t.equal(models.DOMSpan.__qualified__, "bokeh.models.dom.Span");
  t.equal(models.Text.__qualified__, "Text");
  t.equal(models.DOMText.__qualified__, "bokeh.models.dom.Text");
  t.equal(models.TextAnnotation.__qualified__, "TextAnnotation");
  t.equal(models.HTMLTextAnnotation.__qualified__, "HTMLTextAnnotation");
  t.ok(new models.HTMLLabel().isA("HTMLTextAnnotation"));
  t.notOk(new models.HTMLLabel().isA("TextAnnotation"));
  t.equal(HasProps.lookup("TextAnnotation"), models.TextAnnotation, "a base class never shadows a registered model");
});

t.test("every model constructs, and every default is valid for its kind", async (t) => {
  let checked = 0;
  for (const cls of classes) {
    const model = abstract.has(cls.__qualified__)
      ? HasProps.createWithId(cls.__qualified__, `abstract-${cls.__qualified__}`)
      : construct(cls);
    for (const name of model.properties()) {
      const def = cls.__props__.get(name)!;
      const value = model.getv(name);
      if (def.hasDefault && value !== undefined && !def.kind.valid(value)) {
        t.fail(`${cls.__qualified__}.${name}: default ${String(value)} is not a ${def.kind}`);
      }
      checked++;
    }
  }
  t.ok(checked > 9000, `${checked} property values checked`);
});

t.test("no property collides with a HasProps member", async (t) => {
  const reserved = new Set<string>();
  for (let proto = HasProps.prototype; proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) reserved.add(name);
  }
  for (const name of Object.keys(new models.Range1d())) reserved.add(name); // instance fields: id, document, …
  for (const name of ["id", "document", "getv", "setv", "on_change", "properties", "references", "isA"])
    t.ok(reserved.has(name), name);
  const collisions: string[] = [];
  for (const cls of classes) {
    for (const name of cls.__props__.keys()) if (reserved.has(name)) collisions.push(`${cls.__qualified__}.${name}`);
  }
  t.same(collisions, []);
});

t.test("assigning a value of the wrong kind names model, property and kind", async (t) => {
  const slider = new models.Slider({ start: 0, end: 10, value: 5 });
  t.throws(() => (slider.start = "zero" as unknown as number), PropertyValueError);
  t.throws(() => (slider.start = "zero" as unknown as number), {
    message: /^Slider\.start: expected a value of kind Float, got "zero"$/,
  });
  t.throws(() => new models.Plot({ x_range: new models.LinearScale() as never }), {
    message: /^Plot\.x_range: expected a value of kind Ref\(Range\)/,
  });
  t.throws(() => new models.Scatter({ marker: { value: "blob" as never } }), {
    message: /^Scatter\.marker: expected a value of kind MarkerSpec/,
  });
  t.throws(() => new models.Title({ text_color: "nocolor" }), {
    message: /^Title\.text_color: expected a value of kind Nullable\(Color\)/,
  });
  t.throws(() => new models.Line({ line_color: "nocolor" }), {
    message: /^Line\.line_color: expected a value of kind ColorScalar/,
  });
  t.throws(() => new models.Slider({ orientation: "diagonal" as never }), {
    message: /kind Enum\(vertical, horizontal\)/,
  });
  t.equal(slider.start, 0, "a rejected value leaves the old one");
  slider.value = 7;
  t.equal(slider.value, 7);
});

t.test("defaults match BokehJS", async (t) => {
  const plot = new models.Plot();
  t.ok(plot.x_range instanceof models.DataRange1d);
  t.ok(plot.x_scale instanceof models.LinearScale);
  t.ok(plot.toolbar instanceof models.Toolbar);
  t.equal(plot.width, 600);
  t.same(plot.renderers, []);
  t.equal(plot.title_location, "above");
  const scatter = new models.Scatter();
  t.same(scatter.x, { field: "x" });
  t.same(scatter.size, { value: 4 });
  t.same(scatter.marker, { value: "circle" });
  t.same(scatter.fill_color, { value: "gray" });
  t.same(scatter.hatch_pattern, { value: null });
  t.same(scatter.hatch_extra, {});
  t.equal(new models.Range1d().end, 1);
  t.ok(Number.isNaN(new models.DataRange1d().start), "NaN defaults");
  t.equal(new models.Minimum().initial, Infinity);
  t.equal(new models.Maximum().initial, -Infinity);
  t.same(HasProps.createWithId("Axis", "axis").getv("major_label_overrides"), new Map(), "Map defaults");
  const box = new models.BoxZoomTool().overlay;
  t.ok(box instanceof models.BoxAnnotation, "model defaults carry BokehJS's non-default attributes");
  t.equal(box.syncable, false);
  t.equal(box.level, "overlay");
  t.same(box.line_dash, [4, 4]);
  t.ok(new models.BoxAnnotation().top instanceof models.Node);
  t.same((new models.BoxAnnotation().top as models.Node).symbol, "top");
  t.equal(new models.Slider().format, "0[.]00");
  t.equal(new models.Button().label, "Button", "overridden defaults");
  t.equal(HasProps.createWithId("AbstractButton", "b").getv("label"), "Button");
});

t.test("container and model defaults are fresh per instance", async (t) => {
  const [a, b] = [new models.Plot(), new models.Plot()];
  t.not(a.toolbar, b.toolbar);
  t.not(a.x_range, b.x_range);
  t.not(a.renderers, b.renderers);
  t.not(a.tags, b.tags);
  t.not(a.subscribed_events, b.subscribed_events);
  t.equal(a.toolbar, a.toolbar, "a default is created once per instance");
  const [s1, s2] = [new models.Scatter(), new models.Scatter()];
  t.not(s1.size, s2.size, "spec defaults are objects, fresh per instance");
  const [d1, d2] = [new models.DatetimeTicker(), new models.DatetimeTicker()];
  t.not(d1.tickers[0], d2.tickers[0]);
  t.equal(d1.tickers.length, 12);
});

t.test("spec shorthands work through the accessors", async (t) => {
  const s = new models.Scatter({
    x: "a" as never,
    y: 2 as never,
    size: 10 as never,
    fill_color: "red" as never,
    line_color: "colors" as never,
  });
  t.same(s.x, { field: "a" });
  t.same(s.y, { value: 2 });
  t.same(s.size, { value: 10 });
  t.same(s.fill_color, { value: "red" });
  t.same(s.line_color, { field: "colors" });
  s.marker = "triangle" as never;
  t.same(s.marker, { value: "triangle" });
  const text = new models.Text({ text_font_size: "12pt" as never, text: "labels" as never });
  t.same(text.text_font_size, { value: "12pt" });
  t.same(text.text, { field: "labels" });
  const stack = new models.Stack({ fields: ["a", "b"] });
  const vbar = new models.VBar({ top: stack as never });
  t.same(vbar.top, { expr: stack });
  const wedge = new models.Wedge({ start_angle: { value: 90, units: "deg" } });
  t.same(wedge.start_angle, { value: 90, units: "deg" });
  t.throws(() => new models.Wedge({ start_angle: { value: 90, units: "data" } }));
});

t.test("internal and readonly properties are marked", async (t) => {
  t.same([...INTERNAL_PROPERTIES.get("Toolbar")!].sort(), [
    "actions",
    "auxiliaries",
    "buttons",
    "gestures",
    "help",
    "inner",
    "inspectors",
    "location",
  ]);
  t.ok(INTERNAL_PROPERTIES.get("PanTool")!.has("active"), "inherited");
  t.notOk(INTERNAL_PROPERTIES.get("CustomAction")?.has("active"), "BokehJS overrides it back to syncable");
  t.ok(READONLY_PROPERTIES.get("ColumnDataSource")!.has("selected"));
  t.ok(READONLY_PROPERTIES.get("Plot")!.has("inner_width"));
  t.notOk(INTERNAL_PROPERTIES.has("Slider"));
});

t.test("the alias toggleable forwards to visible", async (t) => {
  const tool = new models.HoverTool();
  t.equal(tool.toggleable, true);
  tool.toggleable = false;
  t.equal(tool.visible, false);
  t.notOk(tool.hasProperty("toggleable"));
});

t.test("models can be created by name, with an id, as the deserializer does", async (t) => {
  const slider = HasProps.createWithId("Slider", "s1");
  t.ok(slider instanceof models.Slider);
  t.equal(slider.id, "s1");
  t.ok(models.create<models.Toolbar>("Toolbar") instanceof models.Toolbar);
  t.throws(() => models.create("NoSuchModel"), /not registered/);
});

t.test("runtime imports between generated files (base classes) form no cycle", async (t) => {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/models/generated");
  const deps = new Map<string, string[]>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    t.ok(text.startsWith("// GENERATED by scripts/generate-models.mjs"), `${file} has the generated header`);
    const runtime = [...text.matchAll(/^import \{[^}]*\} from "\.\/([\w-]+)\.js";$/gm)].map((m) => `${m[1]}.ts`);
    deps.set(file, runtime);
  }
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") {
      cycles.push([...trail, file].join(" → "));
      return;
    }
    state.set(file, "visiting");
    for (const dep of deps.get(file) ?? []) visit(dep, [...trail, file]);
    state.set(file, "done");
  };
  for (const file of deps.keys()) visit(file, []);
  t.same(cycles, []);
});
