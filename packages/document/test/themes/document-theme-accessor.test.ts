import t from "tap";
import { Document, figure, Theme } from "../../src/index.js";

t.test("doc.theme reads and sets the document's theme, as Python's doc.theme", async (t) => {
  const doc = new Document();
  t.equal(doc.theme, null);
  const plot = figure({ title: "t" });
  doc.add_root(plot);
  doc.theme = "dark_minimal";
  t.ok(doc.theme instanceof Theme);
  t.equal(plot.background_fill_color, "#20262B", "the built-in theme's value applies to models of the document");
  doc.theme = null;
  t.equal(doc.theme, null);
  t.not(plot.background_fill_color, "#20262B");
});
