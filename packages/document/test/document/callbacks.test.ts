import t from "tap";
import { MODEL_EVENTS, type PanEvent, ServerEvent, type TapEvent } from "../../src/core/bokeh-events.js";
import { Serializer } from "../../src/core/serialization/serializer.js";
import { applyPatch } from "../../src/document/apply-patch.js";
import { Document } from "../../src/document/document.js";
import type { DocumentChangedEvent } from "../../src/document/events.js";
import { encodeEvent } from "../../src/document/patch-encoder.js";
import { Button, CustomJS, Div, FileInput, OpenURL, Plot, Slider, TextInput } from "../../src/models/index.js";

const record = (doc: Document): DocumentChangedEvent[] => {
  const events: DocumentChangedEvent[] = [];
  doc.subscribe((e) => events.push(e));
  return events;
};
const client = { name: "client connection" };

/** A `bokeh_event` PATCH-DOC event as BokehJS sends it. */
const uiEvent = (name: string, values: Record<string, unknown>) => ({
  kind: "MessageSent" as const,
  msg_type: "bokeh_event",
  msg_data: { type: "event", name, values: { type: "map", entries: Object.entries(values) } },
});

t.test("js_on_change fills js_property_callbacks as Python does, and the change is sent", async (t) => {
  const doc = new Document();
  const slider = new Slider({ start: 0, end: 10, value: 1 });
  doc.add_root(slider);
  const events = record(doc);
  const cb = new CustomJS({ code: "console.log(cb_obj.value)" });
  const other = new CustomJS({ code: "1" });
  slider.js_on_change("value", cb);
  slider.js_on_change("value", cb, other);
  slider.js_on_change("change:start", other);
  slider.js_on_change("patching", other);
  t.same(Object.keys(slider.js_property_callbacks), ["change:value", "change:start", "patching"]);
  t.same(slider.js_property_callbacks["change:value"], [cb, other], "each callback once, in order");
  t.equal(doc.get_model_by_id(cb.id), cb, "the callback joins the document");
  t.equal(events.length, 4);
  const wire = encodeEvent(events[0]!, new Serializer({ known: new Set([slider]) }));
  t.same(
    wire,
    {
      kind: "ModelChanged",
      model: { id: slider.id },
      attr: "js_property_callbacks",
      new: {
        type: "map",
        entries: [
          [
            "change:value",
            [{ type: "object", name: "CustomJS", id: cb.id, attributes: { code: "console.log(cb_obj.value)" } }],
          ],
        ],
      },
    },
    "the callback travels in full inside the change",
  );
  t.throws(() => slider.js_on_change("value"), /one or more callbacks/);
  t.throws(() => slider.js_on_change("value", new Div() as unknown as CustomJS), /Callback models/);
});

t.test(
  "js_on_event fills js_event_callbacks under the wire name; doc.js_on_event goes in the document JSON",
  async (t) => {
    const plot = new Plot();
    const cb = new CustomJS({ code: "alert(cb_obj.x)" });
    const url = new OpenURL({ url: "https://example.org/@x" });
    plot.js_on_event("double_tap", cb, url);
    plot.js_on_event("doubletap", cb);
    t.same(plot.js_event_callbacks, { doubletap: [cb, url] });
    t.throws(() => plot.js_on_event("nope" as "tap", cb), /unknown Bokeh event/);

    const doc = new Document();
    const ready = new CustomJS({ code: "console.log('ready')" });
    doc.js_on_event("document_ready", ready);
    const json = doc.toJSON(new Serializer());
    t.match(json.callbacks, {
      type: "map",
      entries: [["document_ready", [{ type: "object", name: "CustomJS", id: ready.id }]]],
    });
    t.equal(new Document().toJSON().callbacks, undefined, "absent when there are none");
  },
);

t.test("on_event works for every UI event BokehJS sends, with its fields", async (t) => {
  const doc = new Document();
  const plot = new Plot();
  doc.add_root(plot);
  const seen: string[] = [];
  for (const name of MODEL_EVENTS) plot.on_event(name as "tap", (e) => void seen.push(e.event_name));
  t.same([...plot.subscribed_events].sort(), [...MODEL_EVENTS].sort(), "the plot is subscribed to each");
  for (const name of MODEL_EVENTS) applyPatch(doc, [uiEvent(name, { model: { id: plot.id } })], new Map(), client);
  t.same(seen, [...MODEL_EVENTS]);

  let tap: TapEvent | undefined;
  let pan: PanEvent | undefined;
  plot.on_event("tap", (e: TapEvent) => {
    tap = e;
  });
  plot.on_event("pan", (e) => {
    pan = e;
  });
  const point = {
    model: { id: plot.id },
    sx: 10,
    sy: 20,
    x: 1.5,
    y: -2,
    modifiers: {
      type: "map",
      entries: [
        ["shift", true],
        ["ctrl", false],
        ["alt", false],
      ],
    },
  };
  applyPatch(doc, [uiEvent("tap", point), uiEvent("pan", { ...point, delta_x: 3, delta_y: -4 })], new Map(), client);
  t.match(tap, {
    event_name: "tap",
    model: plot,
    sx: 10,
    sy: 20,
    x: 1.5,
    y: -2,
    modifiers: { shift: true, ctrl: false, alt: false },
  });
  t.match(pan, { event_name: "pan", delta_x: 3, delta_y: -4 });
});

t.test("widget events: button_click, value_submit; readable aliases", async (t) => {
  const doc = new Document();
  const button = new Button();
  const input = new TextInput();
  doc.add_root(button);
  doc.add_root(input);
  const seen: unknown[] = [];
  button.on_event("button_click", (e) => void seen.push([e.event_name, e.model.id]));
  input.on_event("value_submit", (e) => void seen.push([e.event_name, e.value]));
  applyPatch(
    doc,
    [
      uiEvent("button_click", { model: { id: button.id } }),
      uiEvent("value_submit", { model: { id: input.id }, value: "typed" }),
    ],
    new Map(),
    client,
  );
  t.same(seen, [
    ["button_click", button.id],
    ["value_submit", "typed"],
  ]);
  t.same([...button.subscribed_events], ["button_click"]);
});

t.test("FileInput.clear() sends clear_input as bokeh serve does", async (t) => {
  const doc = new Document();
  const input = new FileInput({ name: "inp" });
  doc.add_root(input);
  const events = record(doc);
  input.clear();
  t.equal(events.length, 1);
  const event = events[0]!;
  t.ok(event.kind === "MessageSent" && event.msg_data instanceof ServerEvent);
  t.same(encodeEvent(event, new Serializer({ known: new Set([input]) })), {
    kind: "MessageSent",
    msg_type: "bokeh_event",
    msg_data: { type: "event", name: "clear_input", values: { type: "map", entries: [["model", { id: input.id }]] } },
  });
});

t.test("async callbacks: settling until settled() resolves; errors say where they happened", async (t) => {
  const doc = new Document();
  const errors: string[] = [];
  doc.onCallbackError = (error, where) => errors.push(`${where}: ${(error as Error).message}`);
  const slider = new Slider({ start: 0, end: 10, value: 1 });
  const div = new Div();
  doc.add_root(slider);
  doc.add_root(div);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  slider.on_change("value", async (_a, _o, value) => {
    div.text = `start ${value}`;
    await gate;
    div.text = `done ${value}`;
    throw new Error("late failure");
  });
  t.notOk(doc.settling, "nothing runs yet");
  slider.value = 4;
  t.ok(doc.settling, "settling while the async callback runs");
  let settled = false;
  const waiting = doc.settled().then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  t.equal(div.text, "start 4");
  t.notOk(settled, "still running");
  release();
  await waiting;
  t.notOk(doc.settling, "settled");
  t.equal(div.text, "done 4");
  t.same(errors, [`on_change('value') of Slider(${slider.id}): late failure`]);
});

t.test("session callbacks: each kind can be removed before it runs", async (t) => {
  const doc = new Document();
  const scheduled = new Set<number>();
  doc.callbacks.attach({ schedule: (cb) => void scheduled.add(cb.id), cancel: (cb) => void scheduled.delete(cb.id) });
  const ids = [
    doc.add_periodic_callback(() => {}, 100),
    doc.add_timeout_callback(() => {}, 10),
    doc.add_next_tick_callback(() => {}),
  ];
  t.same([...scheduled], ids);
  doc.remove_periodic_callback(ids[0]!);
  doc.remove_timeout_callback(ids[1]!);
  doc.remove_next_tick_callback(ids[2]!);
  t.same([...scheduled], []);
  t.same(doc.callbacks.all, []);
});

t.test("slider values are checked (BokehJS only says Unknown)", async (t) => {
  const slider = new Slider({ start: 0, end: 10, value: 1 });
  t.throws(() => slider.setv("value", "abc"), /Slider.value: expected a value of kind Float/);
  const doc = new Document();
  doc.add_root(slider);
  t.throws(
    () =>
      applyPatch(
        doc,
        [{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: "abc" }],
        new Map(),
        client,
      ),
    /expected a value of kind Float/,
  );
  const value: number = slider.value;
  t.equal(value, 1);
});
