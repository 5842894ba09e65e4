// A small request, or a periodic callback's run, on an idle session is handled within the call: no promise per
// step, so no allocation and hook call per promise per AsyncLocalStorage (the round-trip and stream benchmarks'
// hot paths).

import { createHook } from "node:async_hooks";
import { patchDoc } from "@fastify-bokeh/protocol";
import t from "tap";
import { FakeClient, makeSession, sliderApp } from "./helpers.js";

/** How many promises `work` creates while it runs synchronously. */
function promisesCreatedBy(work: () => void): number {
  let created = 0;
  const hook = createHook({
    init: (_id, type) => {
      if (type === "PROMISE") created++;
    },
  });
  hook.enable();
  try {
    work();
  } finally {
    hook.disable();
  }
  return created;
}

t.test("a small PATCH-DOC is applied, its changes sent and answered before handle() returns", async (t) => {
  const { session, document } = makeSession(sliderApp);
  const client = new FakeClient(session);
  await client.pull();
  const slider = document.get_model_by_name("slider")!;
  const request = patchDoc([{ kind: "ModelChanged", model: { id: slider.id }, attr: "value", new: 3 }]);
  let handled: Promise<void> | undefined;
  const promises = promisesCreatedBy(() => {
    handled = session.handle(client.connection, request);
  });
  t.same(
    client.take().map((m) => m.header.msgtype),
    ["PATCH-DOC", "OK"],
    "the callback's change, then the OK, already sent",
  );
  t.equal(promises, 0, "no promise was created (there were ~25 per request when every step was awaited)");
  await handled;
  t.notOk(session.busy, "the lock is free again");
});

t.test("a synchronous periodic callback runs, sends its changes and is re-armed within its timer", async (t) => {
  const { session, document, clock } = makeSession(sliderApp);
  const client = new FakeClient(session);
  await client.pull();
  const div = document.get_model_by_name("div")!;
  let runs = 0;
  document.add_periodic_callback(() => {
    runs += 1;
    div.setv("text", `run ${runs}`);
  }, 100);
  const promises = promisesCreatedBy(() => clock.advance(300));
  t.equal(runs, 3, "each period's run happened, each re-armed at once");
  t.same(
    client.patches().map((events) => events.map((event) => (event as { new: unknown }).new)),
    [["run 1"], ["run 2"], ["run 3"]],
    "one PATCH-DOC per run, already sent",
  );
  t.equal(promises, 0, "no promise was created");
  t.notOk(session.busy);
});
