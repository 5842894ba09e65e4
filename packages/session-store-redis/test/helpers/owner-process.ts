// A node in a process of its own, for the tests that kill or stall it: connects with the default timings, claims
// session `s1` of /x and logs one change, says "ready", then obeys "block MS" (busy event loop) lines on stdin.
import { createInterface } from "node:readline";
import { RedisNode } from "../../src/index.js";
import { accessAt, change, quiet } from "./session-client.js";

const [url = "", sessionId = "s1"] = process.argv.slice(2);
const node = await RedisNode.connect({ url, nodeId: "owner" }, quiet);
await node.advertise({ address: "127.0.0.1", port: 1111 });
const placed = await node.store("/x").claim(accessAt("/x", sessionId));
if (placed.kind !== "owned") throw new Error("the owner process should own a new session");
await placed.ownership.append({ kind: "patch", events: [change(1)], buffers: {} });
process.stdout.write("ready\n");

/** Keeps the event loop busy, as a huge patch would: no timer of this thread runs meanwhile. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, ms] = line.split(" ");
  if (command === "block") {
    block(Number(ms));
    process.stdout.write("unblocked\n");
  }
});
