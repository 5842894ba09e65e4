// Integer literals beyond 2**53 - 1 (as a JSON client may write them; BokehJS writes the double 2**60 so) are
// written back as floats wherever they land, as bokeh serve writes them (Python's serializer sends float(n) for
// every int outside -(2**53 - 1) < n <= 2**53 - 1): in object ndarray columns, Any/Int/Float property values,
// nested lists and maps, streams and patches; in the events relayed and in a fresh pull.
import { stringifyJson } from "@fastify-bokeh/protocol";
import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import "../../src/models/index.js";
import { patchAsClient } from "../fixtures/client-patch.js";

/** A fresh PULL-DOC-REPLY's document, as written to the wire. */
const pulled = (doc: Document): string => stringifyJson(doc.toJSON(new Serializer({ binary: false })));

const ndarray = (items: string, dtype = "object"): string =>
  `{"type":"ndarray","array":[${items}],"shape":[${items.split(",").length}],"dtype":"${dtype}","order":"little"}`;

const WIDE = "1152921504606846977,-9223372036854775808,18446744073709551615";
/** The same numbers as Python writes float(2**60 + 1), float(-(2**63)), float(2**64 - 1) back (value for value). */
const WIDE_AS_FLOATS = "1152921504606847000.0,-9223372036854776000.0,18446744073709552000.0";

function rootAdded(doc: Document, name: string, id: string, attributes: string): string[] {
  return patchAsClient(
    doc,
    `[{"kind":"RootAdded","model":{"type":"object","name":"${name}","id":"${id}","attributes":${attributes}}}]`,
  );
}

const changed = (id: string, attr: string, value: string): string =>
  `[{"kind":"ModelChanged","model":{"id":"${id}"},"attr":"${attr}","new":${value}}]`;

t.test("an object ndarray column of wide ints comes back as floats, small ints and strings as they were", async (t) => {
  const doc = new Document();
  const data = `{"type":"map","entries":[["o",${ndarray(`${WIDE},7,"x"`)}],["i",${ndarray(`${WIDE},-5`)}]]}`;
  rootAdded(doc, "ColumnDataSource", "c1", `{"data":${data}}`);
  const text = pulled(doc);
  t.match(text, `["o",${ndarray(`${WIDE_AS_FLOATS},7,"x"`)}]`);
  t.match(text, `["i",${ndarray(`${WIDE_AS_FLOATS},-5`)}]`);
});

t.test("Int, Float and Any-like property values, nested lists and maps", async (t) => {
  const doc = new Document();
  rootAdded(doc, "IntEditor", "e1", `{"step":1152921504606846977,"tags":[${WIDE}]}`);
  rootAdded(doc, "Range1d", "r1", `{"start":-9223372036854775808}`);
  const nested = `[{"type":"map","entries":[["k",[${WIDE}]],["n",9007199254740991]]},9007199254740992]`;
  const relayed = [
    ...patchAsClient(doc, changed("r1", "end", "18446744073709551615")),
    ...patchAsClient(doc, changed("r1", "tags", nested)),
  ];
  t.same(relayed, [
    changed("r1", "end", "18446744073709552000.0").slice(1, -1),
    changed(
      "r1",
      "tags",
      `[{"type":"map","entries":[["k",[${WIDE_AS_FLOATS}]],["n",9007199254740991]]},9007199254740992.0]`,
    ).slice(1, -1),
  ]);
  const text = pulled(doc);
  t.match(text, `"step":1152921504606847000.0`);
  t.match(text, `"tags":[${WIDE_AS_FLOATS}]`);
  t.match(text, `"start":-9223372036854776000.0`);
  t.match(text, `"end":18446744073709552000.0`);
});

t.test("wide ints streamed or patched into an object column", async (t) => {
  const doc = new Document();
  rootAdded(doc, "ColumnDataSource", "c1", `{"data":{"type":"map","entries":[["o",${ndarray("1,2")}]]}}`);
  const stream = `{"type":"map","entries":[["o",${ndarray(WIDE)}]]}`;
  const relayed = patchAsClient(
    doc,
    `[{"kind":"ColumnsStreamed","model":{"id":"c1"},"attr":"data","data":${stream},"rollover":null}]`,
  );
  t.match(relayed[0], `"data":{"type":"map","entries":[["o",${ndarray(WIDE_AS_FLOATS)}]]}`);
  t.match(pulled(doc), `["o",${ndarray(`1,2,${WIDE_AS_FLOATS}`)}]`);
  const patches = `{"type":"map","entries":[["o",[[0,9223372036854775807],[4,3]]]]}`;
  patchAsClient(doc, `[{"kind":"ColumnsPatched","model":{"id":"c1"},"attr":"data","patches":${patches}}]`);
  t.match(pulled(doc), `["o",${ndarray(`9223372036854776000.0,2,1152921504606847000.0,-9223372036854776000.0,3`)}]`);
});
