// Callbacks under a live session: async ones (changes go out at each await), errors (logged with the session
// id; the session keeps working), and removable periodic / timeout / next-tick callbacks.

import { Button, Div, type Document, Slider } from "@fastify-bokeh/document";
import t from "tap";
import { FakeClient, makeSession, tick } from "./helpers.js";

const app = (doc: Document) => {
  doc.add_root(new Slider({ start: 0, end: 10, value: 1, name: "slider" }));
  doc.add_root(new Div({ text: "hi", name: "div" }));
  doc.add_root(new Button({ name: "button" }));
};
const div = (doc: Document) => doc.get_model_by_name("div") as Div;
const texts = (patches: unknown[][]) => patches.map((events) => events.map((e) => (e as { new: unknown }).new));

t.test("an async callback's changes go out at each await: two PATCH-DOCs", async (t) => {
  const { session, document, clock } = makeSession(app);
  const client = new FakeClient(session);
  await client.pull();
  let release!: () => void;
  document.add_timeout_callback(async () => {
    div(document).text = "working";
    await new Promise<void>((resolve) => (release = resolve));
    div(document).text = "done";
  }, 50);
  await clock.advanceAsync(50);
  t.same(texts(client.patches()), [["working"]], "the first change is out while the callback waits");
  t.ok(session.busy, "the callback still holds the lock");
  release();
  await tick();
  t.same(texts(client.patches()), [["done"]]);
  t.notOk(session.busy);

  document.add_next_tick_callback(async () => {
    div(document).text = "one";
    await Promise.resolve();
    div(document).text = "two";
  });
  await clock.advanceAsync(1); // timers of 0 ms wait 1 ms, as Node's do
  await tick();
  t.same(texts(client.patches()), [["one"], ["two"]], "even an await of a resolved promise lets the first change out");
});

t.test("an async on_change callback holds the request: its updates go out, then the OK", async (t) => {
  const { session, document } = makeSession(app);
  const [a, b] = [new FakeClient(session), new FakeClient(session)];
  await a.pull();
  await b.pull();
  const slider = document.get_model_by_name("slider") as Slider;
  slider.on_change("value", async (_attr, _old, value) => {
    div(document).text = `computing ${value}`;
    await tick();
    div(document).text = `result ${value * 2}`;
  });
  await a.patch([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 4 }]);
  const sent = a.take();
  t.same(
    sent.map((m) => m.header.msgtype),
    ["PATCH-DOC", "PATCH-DOC", "OK"],
  );
  t.same(texts(b.patches()), [[4, "computing 4"], ["result 8"]]);
});

t.test("a throwing callback is logged with the session id and the session keeps working", async (t) => {
  const { session, document, clock, logger } = makeSession(app);
  const client = new FakeClient(session);
  await client.pull();
  const slider = document.get_model_by_name("slider") as Slider;
  const button = document.get_model_by_name("button") as Button;
  slider.on_change("value", () => {
    throw new Error("sync boom");
  });
  button.on_event("button_click", async () => {
    await tick();
    throw new Error("async boom");
  });
  await tick();
  t.same(
    client.patches(),
    [
      [
        {
          kind: "ModelChanged",
          model: { id: button.id },
          attr: "subscribed_events",
          new: { type: "set", entries: ["button_click"] },
        },
      ],
    ],
    "on_event subscribed the button",
  );
  let runs = 0;
  document.add_periodic_callback(() => {
    runs++;
    throw new Error("periodic boom");
  }, 100);

  await client.patch([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 2 }]);
  await client.patch([
    {
      kind: "MessageSent",
      msg_type: "bokeh_event",
      msg_data: {
        type: "event",
        name: "button_click",
        values: { type: "map", entries: [["model", { id: button.id }]] },
      },
    },
  ]);
  await clock.advanceAsync(100);
  await clock.advanceAsync(100);
  const errors = logger.entries.filter((e) => e.level === "error");
  t.same(
    errors.map((e) => [e.details.sessionId, (e.details.err as Error).message]),
    [
      ["session-1", "sync boom"],
      ["session-1", "async boom"],
      ["session-1", "periodic boom"],
      ["session-1", "periodic boom"],
    ],
  );
  t.match(errors[0]!.message, /on_change\('value'\) of Slider/);
  t.equal(runs, 2, "the periodic callback keeps its schedule");
  t.same(
    client.take().map((m) => m.header.msgtype),
    ["OK", "OK"],
    "each request is still answered OK",
  );
  await client.patch([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 3 }]);
  t.equal(slider.value, 3);
  div(document).text = "still alive";
  await tick();
  t.same(texts(client.patches()), [["still alive"]]);
});

t.test("periodic, timeout and next-tick callbacks run on the session's clock and each can be removed", async (t) => {
  const { session, document, clock } = makeSession(app);
  const client = new FakeClient(session);
  await client.pull();
  const log: string[] = [];
  const periodic = document.add_periodic_callback(() => void log.push(`periodic@${clock.now() % 1000}`), 100);
  const timeout = document.add_timeout_callback(() => void log.push("timeout"), 150);
  document.add_next_tick_callback(() => void log.push("tick"));
  const removedTick = document.add_next_tick_callback(() => void log.push("removed tick"));
  document.remove_next_tick_callback(removedTick);
  await clock.advanceAsync(250);
  t.same(log, ["tick", "periodic@100", "timeout", "periodic@200"]);
  document.remove_periodic_callback(periodic);
  document.remove_timeout_callback(timeout); // already ran: a no-op
  const removedTimeout = document.add_timeout_callback(() => void log.push("removed timeout"), 10);
  document.remove_timeout_callback(removedTimeout);
  await clock.advanceAsync(500);
  t.same(log, ["tick", "periodic@100", "timeout", "periodic@200"], "nothing more runs");
  t.equal(clock.pendingTimers, 0);
});
