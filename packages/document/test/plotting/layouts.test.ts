import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import {
  Column,
  type Figure,
  GridPlot,
  PanTool,
  Row,
  SaveTool,
  TabPanel,
  Tabs,
  type ToolProxy,
} from "../../src/models/index.js";
import { figure } from "../../src/plotting/figure.js";
import { column, gridplot, layout, row } from "../../src/plotting/layouts.js";

const small = (title: string, tools = "pan,save,reset"): Figure => figure({ title, width: 100, height: 100, tools });

t.test("row and column keep their children and pass properties on", async (t) => {
  const [a, b] = [small("a"), small("b")];
  const r = row([a, b], { sizing_mode: "stretch_width", name: "r" });
  t.ok(r instanceof Row);
  t.same(r.children, [a, b]);
  t.same([r.sizing_mode, r.name], ["stretch_width", "r"]);
  t.equal(a.sizing_mode, null, "children keep their own sizing, as Python's row leaves them");
  const c = column([r, small("c")], { spacing: 4 });
  t.ok(c instanceof Column);
  t.equal(c.spacing, 4);
});

t.test("layout nests columns and rows, and gives auto-sized items its sizing mode", async (t) => {
  const [a, b, c] = [small("a"), small("b"), small("c")];
  const fixed = small("d");
  fixed.width_policy = "fixed";
  const grid = layout([[a], [b, [c, fixed]]], { sizing_mode: "stretch_both", name: "grid" });
  t.ok(grid instanceof Column);
  t.equal(grid.name, "grid");
  const [first, second] = grid.children as Row[];
  t.ok(first instanceof Row && second instanceof Row, "lists in the outer column are rows");
  t.same(first!.children, [a]);
  const inner = second!.children[1] as Column;
  t.ok(inner instanceof Column, "lists in rows are columns");
  t.same(inner.children, [c, fixed]);
  t.same([a.sizing_mode, c.sizing_mode, fixed.sizing_mode], ["stretch_both", "stretch_both", null]);
});

t.test("gridplot places items by row and column and merges their toolbars", async (t) => {
  const [a, b, c] = [small("a"), small("b"), small("c", "pan,xpan")];
  const grid = gridplot([
    [a, b],
    [null, c],
  ]);
  t.ok(grid instanceof GridPlot);
  t.same(grid.children, [
    [a, 0, 0],
    [b, 0, 1],
    [c, 1, 1],
  ]);
  t.equal(grid.toolbar_location, "above");
  t.same(
    [a, b, c].map((p) => p.toolbar_location),
    [null, null, null],
    "the plots' own toolbars are hidden",
  );
  const tools = grid.toolbar.tools;
  t.same(
    tools.map((tool) => tool.__qualified__),
    ["ToolProxy", "ToolProxy", "SaveTool", "ToolProxy"],
  );
  const [pans, xpan, save, resets] = tools as [ToolProxy, ToolProxy, SaveTool, ToolProxy];
  t.same(pans.tools, [a.toolbar.tools[0], b.toolbar.tools[0], c.toolbar.tools[0]], "equal tools share a proxy");
  t.same(xpan.tools, [c.toolbar.tools[1]], "a tool with other settings gets its own");
  t.ok(save instanceof SaveTool && !a.toolbar.tools.includes(save), "one new save tool for the whole grid");
  t.equal(resets.tools.length, 2);
  t.ok(pans.tools.every((tool) => tool instanceof PanTool));
});

t.test("gridplot with ncols, sizes, toolbar options and without merging", async (t) => {
  const plots = [small("a"), small("b"), small("c")];
  const grid = gridplot(plots, {
    ncols: 2,
    width: 150,
    height: 120,
    toolbar_location: null,
    toolbar_options: { logo: null },
  });
  t.same(
    grid.children.map(([, y, x]) => [y, x]),
    [
      [0, 0],
      [0, 1],
      [1, 0],
    ],
  );
  t.same(
    plots.map((p) => [p.width, p.height]),
    [
      [150, 120],
      [150, 120],
      [150, 120],
    ],
  );
  t.equal(grid.toolbar_location, null);
  t.equal(grid.toolbar.logo, null);
  t.throws(() => gridplot([[small("x")]], { ncols: 2 }), /cannot give nested lists together with ncols/);
  const own = [small("d"), small("e")];
  const unmerged = gridplot([own], { merge_tools: false });
  t.same(unmerged.toolbar.tools, [], "without merging, the grid's toolbar is empty (as in Python)");
  t.same(
    own.map((p) => p.toolbar_location),
    ["right", "right"],
    "and each plot keeps its own toolbar",
  );
});

t.test("Tabs and TabPanel hold plots and serialize in a document", async (t) => {
  const tabs = new Tabs({
    tabs: [
      new TabPanel({ child: small("a"), title: "one" }),
      new TabPanel({ child: gridplot([[small("b")]]), title: "two" }),
    ],
  });
  const doc = new Document();
  doc.add_root(tabs);
  const json = doc.toJSON(new Serializer()) as { roots: { name: string; attributes: { tabs: { name: string }[] } }[] };
  t.equal(json.roots[0]!.name, "Tabs");
  t.same(
    json.roots[0]!.attributes.tabs.map((tab) => tab.name),
    ["TabPanel", "TabPanel"],
  );
});
