/**
 * A `--num-procs` worker: builds the server without listening, then serves the connections its primary hands over
 * (each with the bytes the primary already read) until the primary tells it to shut down or goes away.
 */
import { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import type { StartupFailure } from "../cli/startup-errors.js";
import { defaultAllowlist } from "../core/origin.js";
import type { BokehCoreOptions } from "../options/core-options.js";
import { isPrimaryMessage, type WorkerMessage } from "./messages.js";
import { ownedSessionIds } from "./session-placement.js";
import { readIdentity, type WorkerIdentity } from "./worker-identity.js";

/** The core options a worker's server needs on top of the caller's (which win where both are given). */
export type WorkerCoreOptions = Pick<BokehCoreOptions, "acceptsSessionId" | "allowWebsocketOrigin">;

export interface WorkerOptions {
  /** Builds this worker's server, not listening; `core` goes into bokehCore's options. */
  readonly build: (core: WorkerCoreOptions) => Promise<FastifyInstance>;
  /** The one-line description of a known startup failure (undefined: report the stack). */
  readonly describeFailure: (error: unknown) => StartupFailure | undefined;
}

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/**
 * The worker's share of sessions, and the websocket Origins the primary's address allows: a worker listens nowhere
 * itself, so it cannot derive its own. BOKEH_ALLOW_WS_ORIGIN, when set, still applies (options win over it).
 */
function workerCoreOptions(identity: WorkerIdentity, env: NodeJS.ProcessEnv): WorkerCoreOptions {
  const accepts = ownedSessionIds(identity.placement, identity.slot, identity.workers);
  return {
    ...(accepts !== undefined ? { acceptsSessionId: accepts } : {}),
    ...(env.BOKEH_ALLOW_WS_ORIGIN ? {} : { allowWebsocketOrigin: defaultAllowlist(identity.addresses) }),
  };
}

/** Serves the handed-over connections of one built server. */
class WorkerConnections {
  private closing: Promise<number> | undefined;

  constructor(private readonly server: FastifyInstance) {
    // One request per connection: the primary routes each request, so a connection must not carry the next one.
    server.server.prependListener("request", (_request, response) => response.setHeader("connection", "close"));
  }

  /** Takes over a socket: the HTTP server parses the bytes the primary read first, then reads on by itself. */
  onConnection(socket: Socket, received: string): void {
    send({ type: "fastify-bokeh:taken" });
    if (this.closing !== undefined) {
      socket.destroy();
      return;
    }
    this.server.server.emit("connection", socket);
    socket.emit("data", Buffer.from(received, "latin1"));
    socket.resume();
  }

  /** Closes the server once (sessions destroyed, websockets closed with 1001); resolves the exit code. */
  shutdown(): Promise<number> {
    this.closing ??= this.server.close().then(
      () => 0,
      (error: unknown) => {
        this.server.log.error({ err: error }, "worker shutdown failed");
        return 1;
      },
    );
    return this.closing;
  }
}

/** Builds the server, or reports the failure to the primary; undefined then, with the failure's exit code. */
async function buildServer(options: WorkerOptions, core: WorkerCoreOptions): Promise<FastifyInstance | number> {
  let server: FastifyInstance | undefined;
  try {
    server = await options.build(core);
    await server.ready();
    return server;
  } catch (error) {
    await server?.close();
    const failure = options.describeFailure(error) ?? {
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      exitCode: 1,
    };
    send({ type: "fastify-bokeh:failed", message: failure.message, exitCode: failure.exitCode });
    return failure.exitCode;
  }
}

/** Runs this process as a worker until shutdown; resolves its exit code. */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const built = await buildServer(options, workerCoreOptions(readIdentity(), process.env));
  if (typeof built === "number") {
    // The IPC channel would keep this process alive (disconnect sends what is queued first).
    if (process.connected) process.disconnect();
    return built;
  }
  const connections = new WorkerConnections(built);
  // Ctrl-C reaches the whole process group: the primary decides when workers stop.
  process.on("SIGINT", () => undefined);
  return new Promise<number>((resolve) => {
    const stop = (): void =>
      void connections.shutdown().then((exitCode) => {
        // The IPC channel would keep this process alive.
        if (process.connected) process.disconnect();
        resolve(exitCode);
      });
    process.on("SIGTERM", stop);
    process.on("disconnect", stop);
    process.on("message", (message: unknown, handle: unknown) => {
      if (!isPrimaryMessage(message)) return;
      if (message.type === "fastify-bokeh:shutdown") stop();
      else if (handle instanceof Socket) connections.onConnection(handle, message.received);
    });
    send({ type: "fastify-bokeh:ready" });
  });
}
