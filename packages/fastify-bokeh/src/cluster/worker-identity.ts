/** What the primary tells each worker it forks, through one environment variable. */

import type { ListeningAddress } from "../core/origin.js";
import type { SessionPlacement } from "./session-placement.js";

const VARIABLE = "FASTIFY_BOKEH_WORKER";

export interface WorkerIdentity {
  /** This worker's slot, 0 … workers − 1; a replacement for a crashed worker takes its slot. */
  readonly slot: number;
  readonly workers: number;
  readonly placement: SessionPlacement;
  /** Where the primary listens: the default websocket Origin allowlist is built from these. */
  readonly addresses: readonly ListeningAddress[];
}

export function identityEnv(identity: WorkerIdentity): Record<string, string> {
  return { [VARIABLE]: JSON.stringify(identity) };
}

function isIdentity(value: unknown): value is WorkerIdentity {
  if (typeof value !== "object" || value === null) return false;
  const field = (name: string): unknown => Reflect.get(value, name);
  return (
    Number.isInteger(field("slot")) &&
    Number.isInteger(field("workers")) &&
    (field("placement") === "pinned" || field("placement") === "shared") &&
    Array.isArray(field("addresses"))
  );
}

/** This worker's identity, as its primary set it. */
export function readIdentity(env: NodeJS.ProcessEnv = process.env): WorkerIdentity {
  const value: unknown = JSON.parse(env[VARIABLE] ?? "null");
  if (!isIdentity(value)) throw new Error(`${VARIABLE} is missing or malformed in a --num-procs worker`);
  return value;
}
