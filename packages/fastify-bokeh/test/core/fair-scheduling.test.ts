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
  const sorted = [...roundTrips].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Infinity;
  const longest = sorted.at(-1) ?? Infinity;
  t.ok(roundTrips.length >= 3, `the probe made round trips during the burst (${roundTrips.length})`);
  // Without time slices the whole burst ran as one block: a few round trips of ~1 s each.
  t.ok(median < 100, `the median round trip took ${median.toFixed(1)} ms`);
  // The first round trip also waits for the socket layer to read in the burst (up to ~2 MB per loop turn).
  t.ok(longest < 400, `the longest round trip took ${longest.toFixed(1)} ms`);
  t.equal(oks, BURST, "every patch was answered");
  busy.close();
  probe.close();
});
