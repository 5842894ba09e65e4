import { checkBig } from "../client/contract-apps.js";
import { openSession, type Target } from "../client/session.js";
import { boundedLoop } from "../stats/bounded-loop.js";
import { median } from "../stats/latency.js";

export interface BigOptions {
  repetitions: number;
  /** Stop starting new repetitions after this long. */
  durationMs: number;
}

export interface BigResult {
  repetitions: number;
  /** Median GET start → PULL-DOC-REPLY complete, ms. */
  openAndPullMs: number;
  /** Median PULL-DOC-REQ sent → reply complete, ms. */
  pullMs: number;
  /** Page body plus every byte read from the websocket's TCP socket (upgrade, framing, ACK, reply), median. */
  bytesReceived: number;
}

/** Open the /big session and pull its 1M-point document, one session at a time; every value is checked. */
export async function big(target: Target, options: BigOptions): Promise<BigResult> {
  const openAndPull: number[] = [];
  const pull: number[] = [];
  const bytes: number[] = [];
  const once = async (measure: boolean): Promise<void> => {
    const session = await openSession(target, "big");
    try {
      const { timings, page, connection } = session;
      if (measure) {
        openAndPull.push(timings.pull);
        pull.push(timings.pull - timings.ack);
        bytes.push(page.bytes + connection.bytesRead);
      }
      checkBig(session);
    } finally {
      await session.connection.close();
    }
  };
  await once(false);
  const outcome = await boundedLoop(1, { durationMs: options.durationMs, maxIterations: options.repetitions }, () =>
    once(true),
  );
  return {
    repetitions: outcome.iterations,
    openAndPullMs: median(openAndPull),
    pullMs: median(pull),
    bytesReceived: median(bytes),
  };
}
