// Streaming into a column as bokeh serve does (np.append with NumPy's dtype promotion, then rollover), checked
// against a table recorded from bokeh 3.9.2 and NumPy by fixtures/python/stream-promotion.py: each case starts
// from a column a client defined, streams rows as a client sends them, and compares the column a fresh pull
// writes, and the events relayed to other connections (always what the client sent).
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { isWholeFloat, parseJson, stringifyJson } from "@fastify-bokeh/protocol";
import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import { patchAsClient } from "../fixtures/client-patch.js";
import "../../src/models/index.js"; // registers ColumnDataSource

interface Case {
  readonly name: string;
  readonly old: string;
  readonly streams: ReadonlyArray<{ readonly data: string; readonly rollover: number | null }>;
  readonly result?: string;
  readonly error?: string;
}

const table = JSON.parse(readFileSync(new URL("../fixtures/stream-promotion.json", import.meta.url), "utf8")) as {
  readonly cases: readonly Case[];
};

/** A parsed wire value made comparable: floats written as floats tagged, binary buffers as hex of their bytes. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item, i) => (isWholeFloat(value, i) ? { float: item } : canonical(item)));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.type === "bytes" && typeof record.data === "string") {
    const raw = Buffer.from(record.data, "base64");
    return { bytes: (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString("hex") };
  }
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, isWholeFloat(record, k) ? { float: v } : canonical(v)]),
  );
}

const patch = (doc: Document, eventsJson: string): string[] => patchAsClient(doc, eventsJson, { binary: false });

/** Column `c` of source `c1` as a fresh pull writes it. */
function pulledColumn(doc: Document): unknown {
  const json = parseJson(stringifyJson(doc.toJSON(new Serializer({ binary: false })))) as {
    roots: Array<{ attributes: { data: { entries: Array<[string, unknown]> } } }>;
  };
  return json.roots[0]?.attributes.data.entries.find(([name]) => name === "c")?.[1];
}

const streamed = (data: string, rollover: number | null): string =>
  `[{"kind":"ColumnsStreamed","model":{"id":"c1"},"attr":"data","data":{"type":"map","entries":[["c",${data}]]},"rollover":${rollover}}]`;

t.test("the recorded table covers every case", async (t) => {
  t.ok(table.cases.length > 500, `${table.cases.length} cases`);
});

for (const c of table.cases) {
  t.test(c.name, async (t) => {
    const doc = new Document();
    patch(
      doc,
      `[{"kind":"RootAdded","model":{"type":"object","name":"ColumnDataSource","id":"c1",` +
        `"attributes":{"data":{"type":"map","entries":[["c",${c.old}]]}}}}]`,
    );
    for (const { data, rollover } of c.streams) {
      const relayed = patch(doc, streamed(data, rollover));
      t.same(
        relayed.map((text) => canonical(parseJson(text))),
        [canonical((parseJson(streamed(data, rollover)) as unknown[])[0])],
      );
    }
    t.same(canonical(pulledColumn(doc)), canonical(parseJson(c.result ?? "null")));
  });
}
