import t from "tap";
import { PropertyValueError, UnknownPropertyError } from "../../src/core/errors.js";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { Circle, Grid, Legend, Line, type LinearAxis, Plot, Text, Title } from "../../src/models/index.js";
import { figure } from "../../src/plotting/figure.js";
import { built_in_themes } from "../../src/themes/built-in-themes.js";
import { documentTheme, setDocumentTheme } from "../../src/themes/document-theme.js";
import { Theme } from "../../src/themes/theme.js";

const record = (doc: Document): DocumentChangedEvent[] => {
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((event) => events.push(event));
  return events;
};

t.test("a theme's values for a model come from every class it derives from, the most specific winning", async (t) => {
  const theme = new Theme({
    attrs: {
      Model: { name: "model" },
      Plot: { background_fill_color: "#111111", width: 10 },
      figure: { width: 20 },
      Title: { text_color: "red" },
    },
  });
  const p = figure();
  const values = theme.valuesFor(p);
  t.same(
    Object.fromEntries(values),
    { name: "model", background_fill_color: "#111111", width: 20 },
    "Python's `figure` entries apply to figures",
  );
  t.same(Object.fromEntries(theme.valuesFor(new Plot())), {
    name: "model",
    background_fill_color: "#111111",
    width: 10,
  });
  t.same(Object.fromEntries(theme.valuesFor(new Title())), { name: "model", text_color: "red" });
  t.throws(() => new Theme({ attrs: { Plot: 3 as never } }), /attrs.Plot should be an object/);
});

t.test("line, fill and text defaults reach the glyphs that have those properties", async (t) => {
  const theme = new Theme({
    line_defaults: { line_width: 4 },
    fill_defaults: { fill_alpha: 0.3 },
    text_defaults: { text_font: "Helvetica" },
    attrs: { Circle: { line_width: 2 } },
  });
  t.same(Object.fromEntries(theme.valuesFor(new Line())), { line_width: 4 });
  t.same(
    Object.fromEntries(theme.valuesFor(new Circle())),
    { line_width: 2, fill_alpha: 0.3 },
    "a class entry beats the glyph defaults",
  );
  t.same(Object.fromEntries(theme.valuesFor(new Text())), { text_font: "Helvetica" });
  t.same(Object.fromEntries(theme.valuesFor(new Grid())), {}, "not other models");
});

t.test("the built-in themes are Bokeh's", async (t) => {
  t.same(Object.keys(built_in_themes).sort(), [
    "caliber",
    "carbon",
    "contrast",
    "dark_minimal",
    "light_minimal",
    "night_sky",
  ]);
  t.equal(built_in_themes.dark_minimal.valuesFor(new Plot()).get("background_fill_color"), "#20262B");
  t.equal(built_in_themes.night_sky.valuesFor(new Plot()).get("background_fill_color"), "#2C001E");
  t.equal(built_in_themes.carbon.valuesFor(figure()).get("background_fill_color"), "#1b1e23");
  t.equal(built_in_themes.caliber.valuesFor(new Title()).get("text_font"), "Calibri Light");
  t.equal(built_in_themes.contrast.valuesFor(new Legend()).get("label_text_color"), "#FFFFFF");
  t.equal(built_in_themes.light_minimal.valuesFor(new Grid()).size, 0);
});

t.test("a document theme gives every model its values, unless the app set its own; they are serialized", async (t) => {
  const doc = new Document();
  const p = figure({ title: "t", border_fill_color: "#abcdef" });
  doc.add_root(p);
  setDocumentTheme(doc, "dark_minimal");
  t.equal(documentTheme(doc), built_in_themes.dark_minimal);
  t.equal(p.background_fill_color, "#20262B", "themed value read back");
  t.equal(p.border_fill_color, "#abcdef", "the app's own value wins");
  t.equal((p.title as Title).text_color, "#E0E0E0");
  t.equal((p.below[0] as LinearAxis).axis_label_standoff, 10);
  const json = JSON.stringify(doc.toJSON(new Serializer()));
  t.match(json, /"background_fill_color":"#20262B"/);
  t.match(json, /"text_font_size":"1.15em"/);
});

t.test(
  "models joining a themed document get the theme in the definition that brings them, without extra events",
  async (t) => {
    const doc = new Document();
    setDocumentTheme(doc, { attrs: { Plot: { background_fill_color: "#fafafa" }, Line: { line_width: 3 } } });
    const events = record(doc);
    const p = figure();
    const r = p.line([1, 2], [3, 4]);
    doc.add_root(p);
    t.same(
      events.map((event) => event.kind),
      ["RootAdded"],
    );
    t.equal(p.background_fill_color, "#fafafa");
    t.equal(r.glyph.getv("line_width"), 3);
    const later = figure();
    p.below = [...p.below, later.below[0]!];
    t.equal((later.below[0] as LinearAxis).document, doc);
    const extra = new Line();
    r.nonselection_glyph = extra;
    t.equal(extra.getv("line_width"), 3, "a model assigned to a property is themed too");
    t.same(
      events.map((event) => event.kind),
      ["RootAdded", "ModelChanged", "ModelChanged"],
      "only the app's own changes",
    );
  },
);

t.test("changing the theme updates clients; values the theme set give way, the app's stay", async (t) => {
  const doc = new Document();
  const p = figure();
  doc.add_root(p);
  setDocumentTheme(doc, "dark_minimal");
  p.outline_line_alpha = 0.9;
  const events = record(doc);
  setDocumentTheme(doc, "caliber");
  const changed = events.filter(
    (e): e is Extract<DocumentChangedEvent, { kind: "ModelChanged" }> => e.kind === "ModelChanged",
  );
  t.ok(
    changed.some((e) => e.model === p && e.attr === "background_fill_color" && e.value === "#ffffff"),
    "dark_minimal's background gives way to the default",
  );
  t.ok(
    changed.some((e) => e.model === p.title && e.attr === "text_font" && e.value === "Calibri Light"),
    "caliber's values arrive",
  );
  t.equal(p.outline_line_alpha, 0.9, "the app's value stays");
  t.notOk(changed.some((e) => e.attr === "outline_line_alpha"));
  setDocumentTheme(doc, null);
  t.equal(documentTheme(doc), null);
  t.equal((p.title as Title).text_font, "helvetica", "removing the theme restores the defaults");
  const before = events.length;
  doc.add_root(figure());
  t.equal(events.length, before + 1, "and later models are left alone");
});

t.test("a theme with a wrong value or property is refused, naming the model and property", async (t) => {
  const doc = new Document();
  doc.add_root(figure());
  t.throws(() => setDocumentTheme(doc, { attrs: { Plot: { width: "wide" } } }), PropertyValueError);
  const other = new Document();
  other.add_root(figure());
  t.throws(() => setDocumentTheme(other, { attrs: { Title: { no_such_property: 1 } } }), UnknownPropertyError);
  t.throws(() => setDocumentTheme(new Document(), "neon" as never), /unknown theme 'neon'; built-in themes: caliber/);
});
