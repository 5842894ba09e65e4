import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import t from "tap";
import { file_html, json_item } from "../../src/embed/standalone.js";
import { wireDiff } from "../fixtures/wire-compare.js";
import { CASES, type CaseName, caseDocument, pageParts } from "./fixtures.js";

const PYTHON = process.env.BOKEH_PYTHON ?? "/tmp/bokeh-venv/bin/python";
const SCRIPT = fileURLToPath(new URL("../fixtures/python/embed-reference.py", import.meta.url));

interface PythonCase {
  file_html: { title: string; doc: unknown; render_items: unknown[] };
  json_item: { target_id: unknown; root_id: unknown; doc: unknown; version: unknown };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Inline bytes as the hex of their content: both sides gzip them, but with different header timestamps. */
function plainBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainBytes);
  if (!isObject(value)) return value;
  if (value.type === "bytes" && typeof value.data === "string")
    return { type: "bytes", data: gunzipSync(Buffer.from(value.data, "base64")).toString("hex") };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainBytes(item)]));
}

const isModelRep = (v: Json): boolean =>
  typeof v.id === "string" && (v.type === "object" || Object.keys(v).length === 1);

/**
 * The value with each model defined at its first use in a traversal with sorted keys, a reference elsewhere: a
 * serializer may define a shared model (an axis, which both a grid and the plot's `below` refer to) at either use.
 */
function canonical(value: unknown): unknown {
  const defs = new Map<string, Json>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) {
      if (isModelRep(v) && v.type === "object") defs.set(v.id as string, v);
      Object.values(v).forEach(collect);
    }
  };
  collect(value);
  const seen = new Set<string>();
  const rebuild = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rebuild);
    if (!isObject(v)) return v;
    if (isModelRep(v)) {
      const id = v.id as string;
      const def = defs.get(id);
      if (seen.has(id) || def === undefined) return { id };
      seen.add(id);
      return { ...def, attributes: rebuild(def.attributes ?? {}) };
    }
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((key) => [key, rebuild(v[key])]),
    );
  };
  return rebuild(value);
}

const diff = (ours: unknown, theirs: unknown): string[] =>
  wireDiff(
    { value: canonical(plainBytes(ours)), buffers: new Map() },
    { value: canonical(plainBytes(theirs)), buffers: new Map() },
  );

/** Render items with their (random) ids replaced by the roots' positions, which is what they must agree on. */
function itemShape(items: unknown[], docid: string, rootIds: readonly string[]): unknown {
  return items.map((item) => {
    if (!isObject(item) || !isObject(item.roots)) return item;
    return {
      ...item,
      docid: item.docid === docid,
      roots: Object.keys(item.roots).map((id) => rootIds.indexOf(id)),
      root_ids: (item.root_ids as string[]).map((id) => rootIds.indexOf(id)),
    };
  });
}

t.test(
  "standalone output carries what Python Bokeh 3.9.2's does",
  { skip: existsSync(PYTHON) ? false : `no Python Bokeh at ${PYTHON} (set BOKEH_PYTHON)` },
  async (t) => {
    const python = JSON.parse(execFileSync(PYTHON, [SCRIPT], { encoding: "utf8", timeout: 120_000 })) as Record<
      CaseName,
      PythonCase
    >;
    for (const name of Object.keys(CASES) as CaseName[]) {
      const theirs = python[name];
      const doc = caseDocument(name);
      const page = pageParts(file_html(doc, "cdn"));
      t.equal(page.title, theirs.file_html.title, `${name}: file_html title`);
      const [docid, ourDoc] = Object.entries(page.docs)[0] ?? [];
      t.same(diff(ourDoc, theirs.file_html.doc), [], `${name}: the document JSON in file_html`);
      const theirDocid = (theirs.file_html.render_items[0] as Json).docid as string;
      const theirRoots = ((theirs.file_html.doc as Json).roots as Json[]).map((root) => root.id as string);
      t.same(
        itemShape(
          page.renderItems,
          docid ?? "",
          doc.roots.map((root) => root.id),
        ),
        itemShape(theirs.file_html.render_items, theirDocid, theirRoots),
        `${name}: render items`,
      );

      const model = CASES[name]();
      const item = json_item(model, "target");
      t.same(diff(item.doc, theirs.json_item.doc), [], `${name}: json_item's document`);
      t.same(
        { target_id: item.target_id, version: item.version, root: item.root_id === model.id },
        { target_id: theirs.json_item.target_id, version: theirs.json_item.version, root: true },
        `${name}: json_item's fields`,
      );
      t.equal(
        ((theirs.json_item.doc as Json).roots as Json[])[0]?.id,
        theirs.json_item.root_id,
        `${name}: Python's root_id is its first root, as ours is`,
      );
    }
  },
);
