import t from "tap";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { ColumnDataSource, TestWidget } from "../fixtures/test-models.js";

const record = (doc: Document): DocumentChangedEvent[] => {
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((e) => events.push(e));
  return events;
};

t.test("roots, models and change events", async (t) => {
  const doc = new Document();
  const events = record(doc);
  const child = new TestWidget();
  const root = new TestWidget({ child });
  doc.add_root(root);
  t.equal(doc.get_model_by_id(child.id), child);
  t.equal(child.document, doc);
  root.value = 7;
  root.value = 7;
  doc.title = "hello";
  t.same(
    events.map((e) => e.kind),
    ["RootAdded", "ModelChanged", "TitleChanged"],
    "setting the same value sends nothing",
  );
  t.match(events[1], { kind: "ModelChanged", attr: "value", value: 7, setter: null });
});

t.test("models no longer reachable leave the document", async (t) => {
  const doc = new Document();
  const child = new TestWidget();
  const root = new TestWidget({ child });
  doc.add_root(root);
  root.child = null;
  t.equal(doc.get_model_by_id(child.id), undefined);
  t.equal(child.document, null);
  t.ok(doc.wasRemoved(child.id));
  const other = new TestWidget();
  root.children = [other];
  t.equal(doc.get_model_by_id(other.id), other, "newly referenced models join");
  doc.remove_root(root);
  t.equal(doc.models.size, doc.config === null ? 0 : doc.config.references().size);
});

t.test("assigning ColumnDataSource.data sends ColumnDataChanged", async (t) => {
  const doc = new Document();
  const source = new ColumnDataSource({ data: { x: [1] } });
  doc.add_root(source);
  const events = record(doc);
  source.data = { x: [2] };
  t.match(events, [{ kind: "ColumnDataChanged", attr: "data", cols: null, data: { x: [2] } }]);
});

t.test("the document JSON has version, title, roots", async (t) => {
  const doc = new Document();
  doc.title = "T";
  const root = new TestWidget({ value: 3 });
  doc.add_root(root);
  const s = new Serializer();
  const json = doc.toJSON(s);
  t.equal(json.version, "3.9.2");
  t.equal(json.title, "T");
  t.same(json.roots, [{ type: "object", name: "TestWidget", id: root.id, attributes: { value: 3 } }]);
  t.ok(s.known.has(root), "the serializer learns what it sent");
});

t.test("callback errors are reported, not thrown", async (t) => {
  const doc = new Document();
  const errors: string[] = [];
  doc.onCallbackError = (error, where) => errors.push(`${where}: ${(error as Error).message}`);
  const w = new TestWidget();
  doc.add_root(w);
  w.on_change("value", () => {
    throw new Error("boom");
  });
  w.on_change("value", async () => {
    throw new Error("async boom");
  });
  w.value = 4;
  await new Promise((r) => setImmediate(r));
  t.equal(w.value, 4);
  t.same(errors, [
    `on_change('value') of TestWidget(${w.id}): boom`,
    `on_change('value') of TestWidget(${w.id}): async boom`,
  ]);
});

t.test("session callbacks are handed to the scheduler", async (t) => {
  const doc = new Document();
  const periodic = doc.add_periodic_callback(() => {}, 100);
  const scheduled: string[] = [];
  doc.callbacks.attach({
    schedule: (cb) => scheduled.push(`+${cb.kind}`),
    cancel: (cb) => scheduled.push(`-${cb.kind}`),
  });
  doc.add_timeout_callback(() => {}, 10);
  doc.remove_periodic_callback(periodic);
  t.same(scheduled, ["+periodic", "+timeout", "-periodic"]);
  t.throws(() => doc.add_periodic_callback(() => {}, 0), RangeError);
});
