import { Agent } from "node:http";
import { isMessageOf, pullDocReq } from "@fastify-bokeh/protocol";
import { check } from "../client/bench-error.js";
import { BokehConnection } from "../client/connection.js";
import { checkSliders } from "../client/contract-apps.js";
import { modelsByName } from "../client/doc-json.js";
import { openSession } from "../client/session.js";
import type { ServerUnderTest } from "../servers/server-under-test.js";
import { sleep } from "../stats/bounded-loop.js";
import { type LatencySummary, summarize } from "../stats/latency.js";
import { round } from "./roundtrip.js";

export interface FailoverOptions {
  /** Node losses measured (each kills the owner of a fresh session). */
  rounds: number;
  /** The nodes' session lease, ms; unset: the store's default timings, as a user gets them. */
  leaseTtlMs?: number;
  /** Give up on one round after this long. */
  timeoutMs: number;
}

export interface FailoverResult {
  rounds: number;
  /** The lease the nodes ran with; unset: the default. */
  leaseTtlMs?: number;
  /** SIGKILL of the owner → the session's changed value pulled from the other node, ms. */
  latency: LatencySummary;
}

/** Starts a cluster node on a port of its own. */
export type StartNode = () => Promise<ServerUnderTest>;

const RETRY_MS = 50;

/** Pulls session `token`'s document from `node` until it shows freq = `freq` (the state made on the dead node). */
async function pulledAgain(node: ServerUnderTest, token: string, freq: number, deadline: number): Promise<void> {
  const wsUrl = `${node.httpBase.replace(/^http/, "ws")}/sliders/ws`;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const connection = await BokehConnection.open(wsUrl, token, node.origin);
      try {
        const reply = await connection.request(pullDocReq(), deadline - performance.now());
        check(isMessageOf(reply, "PULL-DOC-REPLY"), `PULL-DOC-REQ answered with ${reply.header.msgtype}`);
        const value = modelsByName(reply.content.doc.roots).get("freq")?.attributes.value;
        check(value === freq, `freq is ${String(value)} after failover, expected ${freq}`);
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      last = error;
      await sleep(RETRY_MS);
    }
  }
  throw new Error(`the session did not come back within the round's time: ${String(last)}`);
}

/** One node loss: a session on `owner` with a changed slider, SIGKILL of `owner`, the session pulled from `other`. */
async function oneFailover(owner: ServerUnderTest, other: ServerUnderTest, timeoutMs: number): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  try {
    const opened = await openSession({ server: owner, agent }, "sliders");
    const { sourceId, freqId, x } = checkSliders(opened);
    await round({ connection: opened.connection, sourceId, freqId, x: Float64Array.from(x), round: 0 });
    // The first round sets freq to 1.1 (see FREQS in roundtrip.ts): the value the other node must show.
    const freq = 1.1;
    const { token } = opened.page;
    const killed = performance.now();
    owner.child.process.kill("SIGKILL");
    await owner.child.exited;
    await pulledAgain(other, token, freq, killed + timeoutMs);
    return performance.now() - killed;
  } finally {
    agent.destroy();
  }
}

/**
 * Failover time over `rounds` node losses: two nodes of one Redis; each round kills the owner of a fresh session
 * and starts a replacement node afterwards (its start-up is not measured), so the roles alternate.
 */
export async function failover(startNode: StartNode, options: FailoverOptions): Promise<FailoverResult> {
  let nodes = [await startNode(), await startNode()] as const;
  const samples: number[] = [];
  try {
    for (let i = 0; i < options.rounds; i++) {
      const [owner, other] = nodes;
      samples.push(await oneFailover(owner, other, options.timeoutMs));
      nodes = [other, await startNode()];
    }
  } finally {
    await Promise.all(nodes.map((node) => node.child.stop()));
  }
  return { rounds: samples.length, leaseTtlMs: options.leaseTtlMs, latency: summarize(samples) };
}
