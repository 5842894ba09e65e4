/**
 * Which worker owns a session: a stable hash of the session id, so that the primary (routing a request) and each
 * worker (generating ids for the pages it serves) agree without talking to each other.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The slot (0 … workers − 1) of the worker that owns `sessionId`: 32-bit FNV-1a of its UTF-8 bytes, modulo. */
export function ownerSlot(sessionId: string, workers: number): number {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(sessionId, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % workers;
}
