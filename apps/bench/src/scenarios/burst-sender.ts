// The connection that sends the burst, in a process of its own (started by burst.ts): decoding its thousands of
// answers must not slow the probes' client, whose latencies are the figure. Talks to its parent over IPC.
import { Agent } from "node:http";
import { encode, patchDoc } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import { openSliders } from "./roundtrip.js";

export interface SenderConfig {
  httpBase: string;
  origin: string;
  messages: number;
  timeoutMs: number;
}

/** From the sender to its parent. */
export type SenderReport = { kind: "ready" } | { kind: "done"; burstMs: number } | { kind: "failed"; error: string };

/** freq values the burst alternates between: each PATCH-DOC changes the value, so each runs the callback. */
const BURST_FREQS = [2, 3] as const;

const report = (message: SenderReport): void => {
  process.send?.(message);
};

async function main(config: SenderConfig): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  const target = { server: { httpBase: config.httpBase, origin: config.origin, pid: process.pid }, agent };
  const sender = await openSliders(target);
  let changes = 0;
  sender.connection.onPatch(() => {
    changes += 1;
  });
  // Encoded before the window: the client's own work must not count as the server's stall.
  const messages = Array.from({ length: config.messages }, (_, i) => {
    const message = patchDoc([
      { kind: "ModelChanged", model: { id: sender.freqId }, attr: "value", new: BURST_FREQS[i % 2] ?? 2 },
    ]);
    return { message, frames: encode(message) };
  });
  await new Promise<void>((resolve) => {
    process.once("message", () => resolve());
    report({ kind: "ready" });
  });
  const start = performance.now();
  const replies = await Promise.all(
    messages.map(({ message, frames }) => sender.connection.request(message, config.timeoutMs, frames)),
  );
  const burstMs = performance.now() - start;
  check(
    replies.every((reply) => reply.header.msgtype === "OK"),
    "every PATCH-DOC of the burst must be answered with OK",
  );
  check(changes === config.messages, `${changes} ColumnDataChanged for ${config.messages} slider changes`);
  await sender.connection.close();
  agent.destroy();
  report({ kind: "done", burstMs });
}

main(JSON.parse(process.argv[2] ?? "{}") as SenderConfig).then(
  () => process.exit(0),
  (error: unknown) => {
    report({ kind: "failed", error: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
