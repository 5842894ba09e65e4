/** The documents the standalone tests output; fixtures/python/embed-reference.py builds the same in Python. */

import type { HasProps } from "../../src/core/has-props.js";
import { Document } from "../../src/document/document.js";
import { ColumnDataSource, Select, Slider } from "../../src/models/index.js";
import { figure } from "../../src/plotting/figure.js";
import { column } from "../../src/plotting/layouts.js";

function glyphs(): HasProps {
  const p = figure({ title: "glyphs", width: 400, height: 300 });
  p.line([1, 2, 3], [4, 6, 5], { line_width: 2 });
  p.scatter([1, 2, 3], [4, 6, 5], { size: 10, color: "firebrick" });
  return p;
}

function widgets(): HasProps {
  const p = figure({ title: "bars", width: 400, height: 250 });
  p.vbar({ x: [1, 2, 3], width: 0.5, top: [3, 1, 2] });
  return column([
    new Slider({ title: "n", start: 0, end: 10, value: 4, step: 2 }),
    new Select({ title: "pick", value: "a", options: ["a", "b"] }),
    p,
  ]);
}

function typed(): HasProps {
  const source = new ColumnDataSource({
    data: { x: Float64Array.of(0.5, 1.5, 2.5), y: Int32Array.of(3, 1, 2) },
  });
  const p = figure({ title: "typed arrays", width: 400, height: 300 });
  p.scatter("x", "y", { source, size: 12 });
  return p;
}

export const CASES = { glyphs, widgets, typed } as const;
export type CaseName = keyof typeof CASES;

/** A document titled `<name> & <doc>` (a title that needs escaping) holding the case's model. */
export function caseDocument(name: CaseName): Document {
  const doc = new Document();
  doc.title = `${name} & <doc>`;
  doc.add_root(CASES[name]());
  return doc;
}

/** The parts of a file_html page the tests look at. */
export interface PageParts {
  title: string;
  docs: Record<string, unknown>;
  renderItems: unknown[];
}

const unescapeHtml = (text: string): string =>
  text.replace(
    /&(amp|lt|gt|quot|#x27);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'" })[e] ?? e,
  );

/** Title, document JSON and render items of a page, found the way BokehJS and a reader would find them. */
export function pageParts(page: string): PageParts {
  const title = /<title>(.*?)<\/title>/.exec(page)?.[1];
  const data = /<script type="application\/json" id="[^"]+">\s*(.*?)\s*<\/script>/s.exec(page)?.[1];
  const items = /const render_items = (\[.*?\]);/.exec(page)?.[1];
  if (title === undefined || data === undefined || items === undefined) throw new Error("not a file_html page");
  return {
    title,
    docs: JSON.parse(unescapeHtml(data)) as Record<string, unknown>,
    renderItems: JSON.parse(items) as unknown[],
  };
}
