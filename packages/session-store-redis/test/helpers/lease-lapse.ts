import type { SessionPlacement } from "@fastify-bokeh/session-store";
import type { Redis } from "ioredis";

/**
 * Lets the owner's lease lapse (deleted, as if it had expired while the owner was paused) and has another node claim
 * the session. The owner's renewal may run between the two and re-take the lapsed lease, as it should while nobody
 * claimed it: then the lease lapses again, a bounded number of times.
 */
export async function lapseAndClaim(
  raw: Redis,
  leaseKey: string,
  claim: () => Promise<SessionPlacement>,
): Promise<Extract<SessionPlacement, { kind: "owned" }>> {
  for (let tries = 0; tries < 20; tries++) {
    await raw.del(leaseKey);
    const placement = await claim();
    if (placement.kind === "owned") return placement;
  }
  throw new Error("the other node should take the session over");
}
