import type { PatchEvent } from "@fastify-bokeh/protocol";
import t from "tap";
import { PropertyValueError } from "../../src/core/errors.js";
import { UnknownReferenceError } from "../../src/core/serialization/errors.js";
import { applyPatch, PatchError } from "../../src/document/apply-patch.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { ColumnDataSource, TestWidget } from "../fixtures/test-models.js";

const setup = () => {
  const doc = new Document();
  const widget = new TestWidget({ name: "w" });
  const source = new ColumnDataSource({ data: { x: [0, 1], y: [0, 1] } });
  doc.add_root(widget);
  doc.add_root(source);
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((e) => events.push(e));
  return { doc, widget, source, events };
};
const conn = { name: "connection" };

t.test("ModelChanged is applied with the connection as setter; callbacks run", async (t) => {
  const { doc, widget, events } = setup();
  widget.on_change("value", (_a, _o, v) => {
    widget.label = `v=${v}`;
  });
  applyPatch(doc, [{ kind: "ModelChanged", model: { id: widget.id }, attr: "value", new: 3 }], new Map(), conn);
  t.equal(widget.value, 3);
  t.match(events, [
    { kind: "ModelChanged", attr: "value", setter: conn },
    { kind: "ModelChanged", attr: "label", setter: null },
  ]);
});

t.test("unknown attributes are ignored; invalid values and unknown ids fail", async (t) => {
  const { doc, widget } = setup();
  const out = applyPatch(
    doc,
    [{ kind: "ModelChanged", model: { id: widget.id }, attr: "nonsense", new: 1 }],
    new Map(),
    conn,
  );
  t.same(out.ignored, ["TestWidget.nonsense"]);
  t.throws(
    () =>
      applyPatch(doc, [{ kind: "ModelChanged", model: { id: widget.id }, attr: "value", new: "x" }], new Map(), conn),
    PropertyValueError,
  );
  t.throws(
    () => applyPatch(doc, [{ kind: "ModelChanged", model: { id: "p999999" }, attr: "value", new: 1 }], new Map(), conn),
    UnknownReferenceError,
  );
  // An event of no known kind (the receiver's validation refuses it first; applyPatch still fails cleanly).
  const bogus = JSON.parse('[{"kind": "Bogus"}]') as PatchEvent[];
  t.throws(() => applyPatch(doc, bogus, new Map(), conn), PatchError);
  t.throws(
    () =>
      applyPatch(
        doc,
        [
          {
            kind: "MessageSent",
            msg_type: "bokeh_event",
            msg_data: { type: "event", name: "nope", values: { type: "map" } },
          },
        ],
        new Map(),
        conn,
      ),
    /unknown event name/,
  );
});

t.test("a patch to a removed model is dropped whole", async (t) => {
  const { doc, widget, source } = setup();
  doc.remove_root(widget);
  const out = applyPatch(
    doc,
    [
      { kind: "ModelChanged", model: { id: source.id }, attr: "name", new: "changed" },
      { kind: "ModelChanged", model: { id: widget.id }, attr: "value", new: 9 },
    ],
    new Map(),
    conn,
  );
  t.equal(out.applied, false);
  t.equal(source.name, null);
});

t.test("UI events reach on_event callbacks; document events reach doc.on_event", async (t) => {
  const { doc, widget } = setup();
  const seen: string[] = [];
  widget.on_event("button_click", (e) => void seen.push(`${e.event_name}:${e.model?.id}`));
  doc.on_event("document_ready", (e) => void seen.push(e.event_name));
  applyPatch(
    doc,
    [
      {
        kind: "MessageSent",
        msg_type: "bokeh_event",
        msg_data: {
          type: "event",
          name: "button_click",
          values: { type: "map", entries: [["model", { id: widget.id }]] },
        },
      },
      {
        kind: "MessageSent",
        msg_type: "bokeh_event",
        msg_data: { type: "event", name: "document_ready", values: { type: "map" } },
      },
    ],
    new Map(),
    conn,
  );
  t.same(seen, [`button_click:${widget.id}`, "document_ready"]);
});

/** A client's stream of two rows into x and y, keeping the last three. */
const streamed = (id: string): PatchEvent => ({
  kind: "ColumnsStreamed",
  model: { id },
  attr: "data",
  data: {
    type: "map",
    entries: [
      ["x", [2, 3]],
      ["y", [4, 5]],
    ],
  },
  rollover: 3,
});

/** A client's patch of y: one index and one slice. */
const patched = (id: string): PatchEvent => ({
  kind: "ColumnsPatched",
  model: { id },
  attr: "data",
  patches: {
    type: "map",
    entries: [
      [
        "y",
        [
          [0, 100],
          [{ type: "slice", start: 1, stop: 3, step: null }, [200, 300]],
        ],
      ],
    ],
  },
});

/** A client's new data with x as a little-endian float64 array in buffer "0". */
const binaryX = (id: string): PatchEvent => ({
  kind: "ModelChanged",
  model: { id },
  attr: "data",
  new: {
    type: "map",
    entries: [
      ["x", { type: "typed_array", array: { type: "bytes", data: { id: "0" } }, order: "little", dtype: "float64" }],
    ],
  },
});

t.test("streams, patches, binary columns, roots and title from clients", async (t) => {
  const { doc, source, events } = setup();
  applyPatch(doc, [streamed(source.id)], new Map(), conn);
  t.same(source.data, { x: [1, 2, 3], y: [1, 4, 5] });
  applyPatch(doc, [patched(source.id)], new Map(), conn);
  t.same(source.data.y, [100, 200, 300]);
  const bytes = new Uint8Array(new Float64Array([1.5, 2.5]).buffer);
  applyPatch(doc, [binaryX(source.id)], new Map([["0", bytes]]), conn);
  t.same([...(source.data.x as Float64Array)], [1.5, 2.5]);
  t.equal((source.data.x as Float64Array).buffer, bytes.buffer, "aligned buffers are used in place");
  // A full model definition where a reference may stand (the wire type names only the `id` both share).
  const definition = { type: "object", name: "TestWidget", id: "NEW1", attributes: { label: "new" } };
  applyPatch(
    doc,
    [
      { kind: "RootAdded", model: definition },
      { kind: "TitleChanged", title: "t2" },
    ],
    new Map(),
    conn,
  );
  t.equal((doc.get_model_by_id("NEW1") as TestWidget).label, "new");
  t.equal(doc.title, "t2");
  t.same(
    events.map((e) => [e.kind, e.setter]),
    [
      ["ColumnsStreamed", conn],
      ["ColumnsPatched", conn],
      ["ColumnDataChanged", conn],
      ["RootAdded", conn],
      ["TitleChanged", conn],
    ],
  );
});
