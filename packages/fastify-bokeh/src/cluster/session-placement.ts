import type { RequestHead } from "./request-head.js";
import { requestSessionId } from "./route-key.js";
import { ownerSlot } from "./session-owner.js";

/**
 * Where a session lives among the workers. `pinned`: in the memory of the worker its id hashes to, so the primary
 * routes every request for it there and each worker generates only ids it owns. `shared`: in a store every worker
 * reaches, so any worker serves any request.
 */
export type SessionPlacement = "pinned" | "shared";

/** The slot that must serve this request, or undefined when any worker may. */
export function requiredSlot(placement: SessionPlacement, head: RequestHead, workers: number): number | undefined {
  if (placement === "shared") return undefined;
  const sessionId = requestSessionId(head);
  return sessionId === undefined ? undefined : ownerSlot(sessionId, workers);
}

/** What a worker in `slot` may generate as new session ids, as a bokehCore `acceptsSessionId`. */
export function ownedSessionIds(
  placement: SessionPlacement,
  slot: number,
  workers: number,
): ((sessionId: string) => boolean) | undefined {
  if (placement === "shared") return undefined;
  return (sessionId) => ownerSlot(sessionId, workers) === slot;
}
