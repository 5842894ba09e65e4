import type { StartupFailure } from "../cli/startup-errors.js";

/** The messages between the primary and its workers over the cluster's IPC channel. */

/** Primary → worker: a connection (its socket travels as the message's handle) with the bytes already read. */
export interface ConnectionMessage {
  readonly type: "fastify-bokeh:connection";
  /** The bytes read from the socket so far, as latin1 (one character per byte). */
  readonly received: string;
}

/** Primary → worker: close the server (sessions, websockets) and exit. */
interface ShutdownMessage {
  readonly type: "fastify-bokeh:shutdown";
}

export type PrimaryMessage = ConnectionMessage | ShutdownMessage;

/** Worker → primary: the server is built and takes connections. */
interface ReadyMessage {
  readonly type: "fastify-bokeh:ready";
}

/** Worker → primary: a connection was taken over (the next one may be sent). */
interface TakenMessage {
  readonly type: "fastify-bokeh:taken";
}

/** Worker → primary: the server could not be built; the worker exits with `exitCode`. */
interface FailedMessage {
  readonly type: "fastify-bokeh:failed";
  readonly message: string;
  readonly exitCode: StartupFailure["exitCode"];
}

export type WorkerMessage = ReadyMessage | TakenMessage | FailedMessage;

const PRIMARY_TYPES = new Set<string>(["fastify-bokeh:connection", "fastify-bokeh:shutdown"]);
const WORKER_TYPES = new Set<string>(["fastify-bokeh:ready", "fastify-bokeh:taken", "fastify-bokeh:failed"]);

const typeOf = (message: unknown): unknown =>
  typeof message === "object" && message !== null && "type" in message ? message.type : undefined;

export function isPrimaryMessage(message: unknown): message is PrimaryMessage {
  const type = typeOf(message);
  return typeof type === "string" && PRIMARY_TYPES.has(type);
}

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  const type = typeOf(message);
  return typeof type === "string" && WORKER_TYPES.has(type);
}
