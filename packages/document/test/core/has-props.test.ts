import t from "tap";
import { PropertyValueError, UnknownPropertyError } from "../../src/core/errors.js";
import { HasProps } from "../../src/core/has-props.js";
import { Owner, TestWidget } from "../fixtures/test-models.js";

t.test("properties have defaults, typed accessors and validation", async (t) => {
  const w = new TestWidget({ value: 3 });
  t.equal(w.value, 3);
  t.equal(w.label, "Click");
  t.ok(w.isSet("value"));
  t.notOk(w.isSet("label"));
  w.label = "Go";
  t.equal(w.getv("label"), "Go");
  t.throws(() => (w.value = "abc" as unknown as number), PropertyValueError);
  t.throws(() => (w.value = "abc" as unknown as number), {
    message: 'TestWidget.value: expected a value of kind Float, got "abc"',
  });
  t.throws(() => w.setv("nope", 1), UnknownPropertyError);
  t.equal(w.value, 3, "a rejected value leaves the old one");
});

t.test("container and model defaults are fresh per instance", async (t) => {
  const a = new TestWidget();
  const b = new TestWidget();
  t.not(a.tags, b.tags);
  t.equal(a.tags, a.tags, "a default container is kept once read");
  const o1 = new Owner();
  const o2 = new Owner();
  t.not(o1.toolbar, o2.toolbar);
  t.not(o1.toolbar.id, o2.toolbar.id);
});

t.test("on_change runs on real changes only, with old and new values", async (t) => {
  const w = new TestWidget();
  const seen: unknown[] = [];
  w.on_change("value", (attr, old, value) => void seen.push([attr, old, value]));
  w.value = 2;
  w.value = 2;
  w.value = 5;
  t.same(seen, [
    ["value", 1, 2],
    ["value", 2, 5],
  ]);
});

t.test("on_event subscribes the model to the event", async (t) => {
  const w = new TestWidget();
  w.on_event("button_click", () => {});
  w.on_event("double_tap", () => {});
  t.same([...w.subscribed_events], ["button_click", "doubletap"]);
  t.throws(() => w.on_event("not_an_event" as "tap", () => {}), /unknown Bokeh event/);
  t.throws(() => w.on_event("document_ready" as "tap", () => {}), /document event; use doc.on_event/);
});

t.test("references walk nested values", async (t) => {
  const leaf = new TestWidget();
  const mid = new TestWidget({ children: [leaf] });
  const root = new TestWidget({ child: mid });
  t.same([...root.references()].map((m) => m.id).sort(), [root.id, mid.id, leaf.id].sort());
});

t.test("models are created by name with a given id", async (t) => {
  const m = HasProps.createWithId("TestWidget", "X1");
  t.ok(m instanceof TestWidget);
  t.equal(m.id, "X1");
  t.throws(() => HasProps.createWithId("Nope", "X2"), /unknown model type/);
});
