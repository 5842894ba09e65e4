// Whole-number floats a client streams or patches into list columns (1.0) stay floats, ints (3) stay ints: in the
// stored columns (a fresh pull), and in the events relayed to other connections.
import { stringifyJson } from "@fastify-bokeh/protocol";
import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import { ColumnDataSource } from "../../src/models/index.js";
import { patchAsClient } from "../fixtures/client-patch.js";

const patch = (doc: Document, eventsJson: string): string[] => patchAsClient(doc, eventsJson);

/** The stored columns as a fresh PULL-DOC-REPLY writes them (`"data":{...}` of the source). */
function pulledData(doc: Document): string {
  const text = stringifyJson(doc.toJSON(new Serializer({ binary: false })));
  const match = /"data":(\{"type":"map","entries":\[.*?\]\]\})/.exec(text);
  if (match?.[1] === undefined) throw new Error(`no column data in ${text}`);
  return match[1];
}

const columns = (entries: string): string => `{"type":"map","entries":[${entries}]}`;

/** A document with one ColumnDataSource `c1` holding list columns, as a client's RootAdded defines it. */
function sourceDoc(data: string): Document {
  const doc = new Document();
  patch(
    doc,
    `[{"kind": "RootAdded", "model": {"type": "object", "name": "ColumnDataSource", "id": "c1", ` +
      `"attributes": {"data": ${data}}}}]`,
  );
  return doc;
}

const streamed = (data: string, rollover: number | null = null): string =>
  `[{"kind": "ColumnsStreamed", "model": {"id": "c1"}, "attr": "data", "data": ${data}, "rollover": ${rollover}}]`;

const patched = (patches: string): string =>
  `[{"kind": "ColumnsPatched", "model": {"id": "c1"}, "attr": "data", "patches": ${patches}}]`;

t.test("streamed rows keep their floats, in the stored columns and in the relayed event", async (t) => {
  const doc = sourceDoc(columns('["x", [0.5, 7.0]], ["y", [1, 2]]'));
  const data = columns('["x", [1.0, 2.0]], ["y", [3, 4]]');
  t.same(patch(doc, streamed(data)), [
    `{"kind":"ColumnsStreamed","model":{"id":"c1"},"attr":"data","data":${data.replaceAll(" ", "")},"rollover":null}`,
  ]);
  t.equal(pulledData(doc), columns('["x",[0.5,7.0,1.0,2.0]],["y",[1,2,3,4]]'));
});

t.test("a stream into a new or empty column keeps the floats too", async (t) => {
  const doc = sourceDoc(columns('["x", []], ["y", []]'));
  patch(doc, streamed(columns('["x", [1.0, 2]], ["y", [3, 4.0]]')));
  t.equal(pulledData(doc), columns('["x",[1.0,2]],["y",[3,4.0]]'));
});

t.test("rollover drops rows from the front, and the floats of the rows kept move with them", async (t) => {
  const doc = sourceDoc(columns('["x", [1.0, 2, 3.0, 4]]'));
  patch(doc, streamed(columns('["x", [5, 6.0]]'), 4));
  t.equal(pulledData(doc), columns('["x",[3.0,4,5,6.0]]'));
  patch(doc, streamed(columns('["x", [7.0, 8, 9, 10.0, 11, 12.0]]'), 3));
  t.equal(pulledData(doc), columns('["x",[10.0,11,12.0]]'), "a stream longer than the rollover");
  patch(doc, streamed(columns('["x", [13]]'), 3));
  t.equal(pulledData(doc), columns('["x",[11,12.0,13]]'));
});

t.test("a patch by index sets or clears the float of the item it writes", async (t) => {
  const doc = sourceDoc(columns('["x", [1, 2.0, 3]], ["y", [4, 5, 6]]'));
  const patches = columns('["x", [[0, 5.0], [1, 6]]], ["y", [[2, 7.0]]]');
  t.same(patch(doc, patched(patches)), [
    `{"kind":"ColumnsPatched","model":{"id":"c1"},"attr":"data","patches":${patches.replaceAll(" ", "")}}`,
  ]);
  t.equal(pulledData(doc), columns('["x",[5.0,6,3]],["y",[4,5,7.0]]'));
});

t.test("a patch by slice sets or clears the floats of the items it writes", async (t) => {
  const doc = sourceDoc(columns('["x", [1, 2.0, 3, 4.0, 5]]'));
  const slice = (start: number, stop: number, step: number) =>
    `{"type": "slice", "start": ${start}, "stop": ${stop}, "step": ${step}}`;
  const relayed = patch(doc, patched(columns(`["x", [[${slice(0, 5, 2)}, [6.0, 7, 8.0]]]]`)));
  t.equal(pulledData(doc), columns('["x",[6.0,2.0,7,4.0,8.0]]'));
  t.match(
    relayed[0],
    '"patches":{"type":"map","entries":[["x",[[{"type":"slice","start":0,"stop":5,"step":2},[6.0,7,8.0]]]]]}',
  );
  patch(doc, patched(columns(`["x", [[${slice(1, 4, 1)}, [9, 10, 11.0]]]]`)));
  t.equal(pulledData(doc), columns('["x",[6.0,9,10,11.0,8.0]]'));
});

t.test("ColumnDataChanged with cols replaces the columns with their floats", async (t) => {
  const doc = sourceDoc(columns('["x", [1.0, 2]], ["y", [3, 4.0]]'));
  const data = columns('["x", [5, 6.0, 7]]');
  const relayed = patch(
    doc,
    `[{"kind": "ColumnDataChanged", "model": {"id": "c1"}, "attr": "data", "data": ${data}, "cols": ["x"]}]`,
  );
  t.match(relayed[0], `"data":${data.replaceAll(" ", "")}`);
  t.equal(pulledData(doc), columns('["x",[5,6.0,7]],["y",[3,4.0]]'));
});

t.test(
  "server code streams and patches without marks: its numbers are written as JavaScript writes them",
  async (t) => {
    const doc = sourceDoc(columns('["x", [1.0, 2.0]]'));
    const source = doc.get_model_by_id("c1");
    if (!(source instanceof ColumnDataSource)) throw new Error("no source");
    source.stream({ x: [3, 4] }, 3);
    t.equal(pulledData(doc), columns('["x",[2.0,3,4]]'));
    source.patch({ x: [[0, 5]] });
    t.equal(pulledData(doc), columns('["x",[5,3,4]]'));
  },
);

t.test("typed-array columns are left to their dtype", async (t) => {
  const doc = new Document();
  const source = new ColumnDataSource({ data: { x: new Float64Array([1, 2]) } });
  doc.add_root(source);
  patch(doc, streamed(columns('["x", [3.0, 4]]')).replace('"c1"', `"${source.id}"`));
  t.same([...(source.data.x as Float64Array)], [1, 2, 3, 4]);
});
