// Whole-number floats a client wrote (0.0) travel through the document as floats, ints (12) as ints: from the
// wire (parseJson), through models and the containers the deserializer rebuilds, back to the wire (stringifyJson).
import { type DocJson, type PatchEvent, parseJson, stringifyJson } from "@fastify-bokeh/protocol";
import t from "tap";
import { Serializer } from "../../../src/core/serialization/serializer.js";
import { applyPatch } from "../../../src/document/apply-patch.js";
import { Document } from "../../../src/document/document.js";
import type { DocumentChangedEvent } from "../../../src/document/events.js";
import { encodeEvent } from "../../../src/document/patch-encoder.js";
import { RangeSlider, Scatter, Slider } from "../../../src/models/index.js";

const conn = { name: "connection" };

/** Applies PATCH-DOC events given as the JSON text a client sends. */
function patch(doc: Document, eventsJson: string): void {
  applyPatch(doc, parseJson(eventsJson) as PatchEvent[], new Map(), conn);
}

/** The wire text of the document's models, as a PULL-DOC-REPLY carries them. */
const pulled = (doc: Document): string => stringifyJson(doc.toJSON(new Serializer({ binary: false })));

/** The wire text of the ModelChanged events the document emitted, as sent to other connections. */
function relayed(doc: Document, act: () => void): string[] {
  const events: DocumentChangedEvent[] = [];
  const unsubscribe = doc.subscribe((event) => events.push(event));
  act();
  unsubscribe();
  return events.map((event) => stringifyJson(encodeEvent(event, new Serializer({ referencesOnly: true }))));
}

const sliderJson = (attributes: string): string =>
  `[{"kind": "RootAdded", "model": {"type": "object", "name": "Slider", "id": "s1", "attributes": ${attributes}}}]`;

t.test("a model's attributes keep 0.0 and 12 apart (RootAdded, then a pull)", async (t) => {
  const doc = new Document();
  patch(doc, sliderJson('{"start": 0.0, "end": 12, "value": 1704164645000.0, "step": 0.5, "title": "1.0"}'));
  const text = pulled(doc);
  t.match(text, '"start":0.0');
  t.match(text, /"end":12[,}]/);
  t.match(text, '"value":1704164645000.0');
  t.match(text, '"step":0.5');
  t.match(text, '"title":"1.0"');
  const slider = doc.get_model_by_id("s1");
  t.ok(slider instanceof Slider && slider.start === 0 && slider.holdsWholeFloat("start"));
  t.notOk(slider?.holdsWholeFloat("end"));
});

t.test("ModelChanged keeps what the client wrote, and server code clears the mark", async (t) => {
  const doc = new Document();
  patch(doc, sliderJson('{"start": 0, "end": 100}'));
  const slider = doc.get_model_by_id("s1") as Slider;
  const change = (attr: string, value: string) =>
    `[{"kind": "ModelChanged", "model": {"id": "s1"}, "attr": "${attr}", "new": ${value}}]`;
  t.same(
    relayed(doc, () => patch(doc, change("value", "7.0"))),
    ['{"kind":"ModelChanged","model":{"id":"s1"},"attr":"value","new":7.0}'],
  );
  t.match(pulled(doc), '"value":7.0');
  t.same(
    relayed(doc, () => patch(doc, change("value", "8"))),
    ['{"kind":"ModelChanged","model":{"id":"s1"},"attr":"value","new":8}'],
  );
  t.match(pulled(doc), /"value":8[,}]/);
  patch(doc, change("start", "3.0"));
  t.same(
    relayed(doc, () => {
      slider.start = 4;
    }),
    ['{"kind":"ModelChanged","model":{"id":"s1"},"attr":"start","new":4}'],
    "an assignment by server code is sent as it was made",
  );
  t.match(pulled(doc), /"start":4[,}]/);
  t.notOk(slider.holdsWholeFloat("start"));
});

t.test("lists, tuples, maps and value wrappers keep their members' floats", async (t) => {
  const doc = new Document();
  patch(
    doc,
    '[{"kind": "RootAdded", "model": {"type": "object", "name": "RangeSlider", "id": "r1", "attributes": ' +
      '{"start": 0, "end": 10, "value": [1.0, 2], "tags": [1.0, [2.0, 3], ' +
      '{"type": "map", "entries": [["a", 4.0], ["b", 5]]}, {"type": "array", "entries": [6.0]}]}}}, ' +
      '{"kind": "RootAdded", "model": {"type": "object", "name": "Scatter", "id": "g1", "attributes": ' +
      '{"size": {"type": "value", "value": 0.0}, "angle": {"type": "value", "value": 2}}}}]',
  );
  const text = pulled(doc);
  t.match(text, '"value":[1.0,2]', "a tuple");
  t.match(text, '"tags":[1.0,[2.0,3],{"type":"map","entries":[["a",4.0],["b",5]]},[6.0]]', "nested lists and maps");
  t.match(text, '"size":{"type":"value","value":0.0}', "a value wrapper");
  t.match(text, '"angle":{"type":"value","value":2}');
  t.ok(doc.get_model_by_id("r1") instanceof RangeSlider && doc.get_model_by_id("g1") instanceof Scatter);
  t.same(
    relayed(doc, () =>
      patch(doc, '[{"kind": "ModelChanged", "model": {"id": "r1"}, "attr": "value", "new": [3, 4.0]}]'),
    ),
    ['{"kind":"ModelChanged","model":{"id":"r1"},"attr":"value","new":[3,4.0]}'],
  );
});

t.test("a pushed document keeps its floats", async (t) => {
  const json =
    '{"version": "3.9.2", "title": "t", "roots": [{"type": "object", "name": "Slider", "id": "s2", ' +
    '"attributes": {"start": 0.0, "end": 12, "value": 6.0}}]}';
  const doc = Document.from_json(parseJson(json) as DocJson);
  const text = pulled(doc);
  t.match(text, '"start":0.0');
  t.match(text, /"end":12[,}]/);
  t.match(text, '"value":6.0');
});

t.test("without marks, nothing changes: JSON.parse'd values come back as JavaScript writes them", async (t) => {
  const doc = new Document();
  applyPatch(doc, JSON.parse(sliderJson('{"start": 0.0, "end": 12}')) as PatchEvent[], new Map(), conn);
  t.match(pulled(doc), /"start":0[,}]/);
  t.equal(JSON.stringify(doc.toJSON()), stringifyJson(doc.toJSON()));
});

t.test("members of sets and of object arrays keep 1.0 and 2 apart (RootAdded, ModelChanged, a pull)", async (t) => {
  const doc = new Document();
  const set = '{"type":"set","entries":[1.0,2,"a",3.5]}';
  const objects = '{"type":"ndarray","array":[1.0,2,"a",null],"shape":[4],"dtype":"object","order":"little"}';
  patch(doc, sliderJson(`{"start": 0, "end": 10, "tags": [${set}, ${objects}]}`));
  t.match(pulled(doc), `"tags":[${set},${objects}]`);
  const changed = '{"type":"set","entries":[4,5.0]}';
  t.same(
    relayed(doc, () =>
      patch(doc, `[{"kind": "ModelChanged", "model": {"id": "s1"}, "attr": "tags", "new": [${changed}]}]`),
    ),
    [`{"kind":"ModelChanged","model":{"id":"s1"},"attr":"tags","new":[${changed}]}`],
  );
  t.match(pulled(doc), `"tags":[${changed}]`);
});
