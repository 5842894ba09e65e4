// How document changes reach the connections of one session: definitions per connection, echo suppression,
// reachability, PUSH-DOC and request order.

import { Button, type Column, type Div, type Document, type Slider } from "@fastify-bokeh/document";
import { patchDoc } from "@fastify-bokeh/protocol";
import t from "tap";
import { FakeClient, json, makeSession, sliderApp, tick, transcriptContent } from "./helpers.js";

const byName = (doc: Document, name: string) => doc.get_model_by_name(name)!;

t.test("transcript 23: a root added by A reaches B and C with its full definition", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const [a, b, c] = [new FakeClient(session), new FakeClient(session), new FakeClient(session)];
  for (const client of [a, b, c]) await client.pull();
  const patch = transcriptContent("23-new-model-fanout.A.jsonl", "c2s", "PATCH-DOC") as {
    events: [{ model: { id: string } }];
  };
  const added = patch.events[0].model.id;
  t.match(added, /^[0-9A-F]{32}$/, "an id chosen by the client, as BokehJS makes them");
  await a.patch(patch.events);
  t.same(
    a.take().map((m) => m.header.msgtype),
    ["OK"],
    "A gets only the OK",
  );
  const definition = {
    kind: "RootAdded",
    model: { type: "object", name: "Div", id: added, attributes: { text: "added by A" } },
  };
  t.same(b.patches(), [[definition]], "B gets the definition");
  t.same(c.patches(), [[definition]], "C gets the definition too (bokeh serve sent C a bare reference)");
  t.equal(document.roots.length, 2);
  (document.roots[1] as Div).text = "changed on the server";
  await tick();
  const change = [
    {
      kind: "ModelChanged",
      model: { id: added },
      attr: "text",
      new: "changed on the server",
    },
  ];
  for (const client of [a, b, c]) t.same(client.patches(), [change], "then everyone refers to it");
});

t.test("a client's change is not echoed to it but reaches the others; its callback's changes reach all", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const [a, b] = [new FakeClient(session), new FakeClient(session)];
  await a.pull();
  await b.pull();
  const slider = byName(document, "slider");
  const div = byName(document, "div");
  await a.patch([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 3 }]);
  const textChange = { kind: "ModelChanged", model: { id: div.id }, attr: "text", new: "value 3" };
  const sent = a.take();
  t.same(
    sent.map((m) => m.header.msgtype),
    ["PATCH-DOC", "OK"],
    "the callback's PATCH-DOC comes before the OK (transcript 04)",
  );
  t.same(json((sent[0]!.content as { events: unknown[] }).events), [textChange]);
  t.same(b.patches(), [[{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 3 }, textChange]]);
});

t.test("setting a property to its current value sends nothing", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const a = new FakeClient(session);
  await a.pull();
  (byName(document, "div") as Div).text = "hi";
  (byName(document, "slider") as Slider).value = 1;
  await tick();
  t.same(a.take(), []);
  const b = new FakeClient(session);
  await b.pull();
  await b.patch([{ kind: "ModelChanged", model: { id: byName(document, "slider").id }, attr: "value", new: 1 }]);
  t.same(a.take(), [], "nor does a client's patch that changes nothing");
});

t.test("a model first referenced by a change travels inside it, once per connection", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const [a, b] = [new FakeClient(session), new FakeClient(session)];
  await a.pull();
  await b.pull();
  const layout = byName(document, "layout") as Column;
  const button = new Button({ label: "new" });
  layout.children = [...layout.children, button];
  button.label = "renamed";
  await tick();
  const [pa, pb] = [a.patches(), b.patches()];
  t.same(pa, pb, "both connections get the same events");
  t.match(pa, [
    [
      {
        kind: "ModelChanged",
        attr: "children",
        new: [{ id: String }, { id: String }, { type: "object", name: "Button", id: button.id }],
      },
      { kind: "ModelChanged", model: { id: button.id }, attr: "label" },
    ],
  ]);
});

t.test("models no longer reachable leave the document and are sent in full when they come back", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const a = new FakeClient(session);
  await a.pull();
  const layout = byName(document, "layout") as Column;
  const div = byName(document, "div") as Div;
  layout.children = layout.children.filter((m) => m !== div);
  await tick();
  t.equal(document.get_model_by_id(div.id), undefined, "the div left the document");
  t.equal(div.document, null);
  a.take();
  layout.children = [...layout.children, div];
  await tick();
  t.match(
    a.patches(),
    [
      [
        {
          kind: "ModelChanged",
          attr: "children",
          new: [{ id: String }, { type: "object", name: "Div", id: div.id, attributes: { text: "hi" } }],
        },
      ],
    ],
    "the client dropped it, so it travels in full again",
  );
  await a.patch([{ kind: "ModelChanged", model: { id: div.id }, attr: "text", new: "back" }]);
  t.equal(div.text, "back");
});

t.test("a patch to a model removed meanwhile is dropped, and the session keeps working", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const a = new FakeClient(session);
  await a.pull();
  const slider = byName(document, "slider");
  await a.patch([{ kind: "RootRemoved", model: { id: byName(document, "layout").id } }]);
  await a.patch([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 5 }]);
  t.same(
    a.take().map((m) => m.header.msgtype),
    ["OK", "OK"],
  );
  await a.patch([{ kind: "ModelChanged", model: { id: "p999999999" }, attr: "value", new: 5 }]);
  t.same(
    a.take().map((m) => m.header.msgtype),
    ["ERROR"],
  );
});

t.test("PUSH-DOC (transcript 24): roots and title replaced; the pusher and the others are told", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const other = new FakeClient(session);
  await other.pull();
  const pusher = new FakeClient(session);
  const oldRoot = document.roots[0]!;
  const pushed = transcriptContent("24-python-bokeh-client-push.jsonl", "c2s", "PUSH-DOC") as {
    doc: { roots: [{ id: string }] };
  };
  const div = pushed.doc.roots[0].id; // the id Python's bokeh gave the pushed Div
  await pusher.push(pushed.doc);
  const expected = [
    { kind: "RootRemoved", model: { id: oldRoot.id } },
    {
      kind: "RootAdded",
      model: {
        type: "object",
        name: "Div",
        id: div,
        attributes: { name: "pushed", text: "pushed by bokeh.client" },
      },
    },
    { kind: "TitleChanged", title: "pushed" },
  ];
  const sent = pusher.take();
  t.same(
    sent.map((m) => m.header.msgtype),
    ["PATCH-DOC", "OK"],
    "the OK comes last, as in the transcript",
  );
  t.same(
    json((sent[0]!.content as { events: unknown[] }).events),
    expected,
    "bokeh serve's three events, in its order",
  );
  t.same(other.patches(), [expected]);
  t.equal(document.title, "pushed");
  t.equal(document.get_model_by_id(oldRoot.id), undefined);
  await pusher.patch([{ kind: "ModelChanged", model: { id: div }, attr: "text", new: "edited" }]);
  t.same(other.patches(), [[{ kind: "ModelChanged", model: { id: div }, attr: "text", new: "edited" }]]);
});

t.test("patches are handled strictly in arrival order, also while a callback holds the lock", async (t) => {
  const { session, document, clock } = makeSession(sliderApp);
  const a = new FakeClient(session);
  await a.pull();
  const slider = byName(document, "slider") as Slider;
  const applied: number[] = [];
  slider.on_change("value", (_a, _o, value) => void applied.push(value));
  let release!: () => void;
  document.add_timeout_callback(() => new Promise<void>((resolve) => (release = resolve)), 10);
  clock.advance(10);
  await tick();
  const messages = [2, 3, 4].map((value) =>
    patchDoc([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: value }]),
  );
  const requests = messages.map((message) => session.handle(a.connection, message));
  await tick();
  t.same(applied, [], "nothing is applied while the callback runs");
  t.ok(session.busy);
  release();
  await Promise.all(requests);
  t.same(applied, [2, 3, 4]);
  t.same(
    a
      .take()
      .filter((m) => m.header.msgtype === "OK")
      .map((m) => m.header.reqid),
    messages.map((m) => m.header.msgid),
    "answered in order",
  );
});

t.test("connections that know the same models share one encoding and one message", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const clients = [new FakeClient(session), new FakeClient(session), new FakeClient(session)];
  for (const client of clients) await client.pull();
  const div = byName(document, "div") as Div;
  div.text = "to all";
  await tick();
  const messages = clients.map((client) => client.take());
  t.equal(messages[0]!.length, 1);
  // Every message built gets a fresh msgid: equal ids mean one message object was sent to all three.
  const ids = messages.map((received) => received.map((m) => m.header.msgid));
  t.same(ids[1], ids[0], "the same message");
  t.same(ids[2], ids[0]);
  const late = new FakeClient(session);
  await late.pull();
  const button = new Button();
  document.add_root(button);
  await tick();
  const defined = [{ kind: "RootAdded", model: { type: "object", name: "Button", id: button.id } }];
  for (const client of [...clients, late])
    t.match(client.patches(), [defined], "a new model is defined for each connection");
});
