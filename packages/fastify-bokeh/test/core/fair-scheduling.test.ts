import { encode, type Frame, patchDoc, pullDocReq, serverInfoReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { startServer } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const BURST = 5000;

t.test("a burst of PATCH-DOCs on one connection does not hold up another connection's round trips", async (t) => {
  const started = await startServer({ keepAlive: 0 });
  t.teardown(() => started.app.close());
  const open = async (): Promise<TestClient> => {
    const token = tokenFromPage(await (await fetch(`${started.base}/counter`)).text());
    const client = await TestClient.open(`ws://127.0.0.1:${started.port}/counter/ws`, token);
    await client.until((ms) => ms.length >= 1);
    return client;
  };
  const busy = await open();
  const probe = await open();
  const pulled = await busy.request(pullDocReq());
  const rootId = (pulled.content as { doc: { roots: { id: string }[] } }).doc.roots[0]?.id;
  if (rootId === undefined) throw new Error("the pulled document has no root");

  const patches = Array.from({ length: BURST }, (_, i) =>
    patchDoc([{ kind: "ModelChanged", model: { id: rootId }, attr: "value", new: i }]),
  );
  const frames: Frame[] = patches.flatMap((message) => encode(message));
  // Counted from the header frames alone: the test client shares the server's event loop, so it must stay cheap.
  let oks = 0;
  busy.socket.removeAllListeners("message");
  const burstDone = new Promise<void>((resolve) =>
    busy.socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary && data.length < 200 && data.toString().includes('"msgtype":"OK"') && ++oks === BURST) resolve();
    }),
  );
  const burstStart = performance.now();
  busy.sendFrames(frames);

  const roundTrips: number[] = [];
  let done = false;
  void burstDone.then(() => (done = true));
  while (!done && roundTrips.length < 1000) {
    const start = performance.now();
    await probe.request(serverInfoReq());
    roundTrips.push(performance.now() - start);
  }
  await burstDone;
  const burstMs = performance.now() - burstStart;
  const sorted = [...roundTrips].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
  // Relative to the burst, so that a loaded machine slows both alike: without time slices the burst runs as a few
  // blocks, and the probe makes a few round trips each as long as a block.
  t.ok(roundTrips.length >= 20, `the probe made round trips during the burst (${roundTrips.length})`);
  t.ok(
    median * 20 < burstMs,
    `the median round trip (${median.toFixed(1)} ms) is a small part of the burst (${burstMs.toFixed(0)} ms)`,
  );
  t.equal(oks, BURST, "every patch was answered");
  busy.close();
  probe.close();
});
