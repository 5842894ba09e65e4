/**
 * The `--num-procs` primary: owns the listening port, reads each request head, and hands the connection to a worker
 * (the one owning the request's session, else the next ready one); keeps one worker per slot running, replacing
 * any that dies.
 */
import cluster, { type Worker } from "node:cluster";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import type { StartupFailure } from "../cli/startup-errors.js";
import type { ListeningAddress } from "../core/origin.js";
import { isWorkerMessage, type WorkerMessage } from "./messages.js";
import { PendingConnection } from "./pending-connection.js";
import type { RequestHead } from "./request-head.js";
import { requiredSlot, type SessionPlacement } from "./session-placement.js";
import { identityEnv } from "./worker-identity.js";
import { WorkerSlot } from "./worker-slot.js";

/** Pause before replacing a worker that died before it was ready, so a crash at startup does not spin. */
const RESTART_BACKOFF_MS = 1000;
/** How long workers get to close their sessions at shutdown before they are killed. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface PrimaryOptions {
  readonly workers: number;
  readonly placement: SessionPlacement;
  readonly log: Logger;
}

/** Every worker ready, or the first one that could not start. */
export type StartupOutcome = { readonly ok: true } | { readonly ok: false; readonly failure: StartupFailure };

const exitText = (code: number | null, signal: string | null): string =>
  signal !== null ? `signal ${signal}` : `code ${code ?? "unknown"}`;

export class ClusterPrimary {
  private readonly slots: WorkerSlot[];
  private addresses: readonly ListeningAddress[] = [];
  private nextSlot = 0;
  private stopping = false;
  private starting: ((outcome: StartupOutcome) => void) | undefined;
  private exited: (() => void) | undefined;

  constructor(private readonly options: PrimaryOptions) {
    this.slots = Array.from({ length: options.workers }, (_, index) => new WorkerSlot(index));
    cluster.on("message", (worker: Worker, message: unknown) => {
      if (isWorkerMessage(message)) this.onMessage(worker, message);
    });
    cluster.on("exit", (worker: Worker, code: number | null, signal: string | null) => {
      // Node can report the exit before the worker's last messages are read (such as why it could not start):
      // handle it once the channel has closed and those messages are in.
      if (worker.isConnected()) worker.once("disconnect", () => this.onExit(worker, code, signal));
      else this.onExit(worker, code, signal);
    });
  }

  /** Forks every worker; resolves once all are ready, or at the first that cannot start. */
  start(addresses: readonly ListeningAddress[]): Promise<StartupOutcome> {
    this.addresses = addresses;
    return new Promise((resolve) => {
      this.starting = resolve;
      for (const slot of this.slots) this.fork(slot);
    });
  }

  /** A new client connection: routed once its request head has arrived. */
  onConnection(socket: Socket): void {
    if (this.stopping) socket.destroy();
    else new PendingConnection(socket, (connection, head) => this.route(connection, head));
  }

  /** Stops every worker (gracefully, then by force after the grace period); resolves when all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots) slot.dropWaiting();
    const allExited = new Promise<void>((resolve) => {
      this.exited = resolve;
    });
    this.checkAllExited();
    for (const slot of this.slots) slot.shutdown();
    const grace = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), SHUTDOWN_GRACE_MS).unref());
    if ((await Promise.race([allExited, grace])) === "late") {
      this.options.log.warn(`workers still running after ${SHUTDOWN_GRACE_MS} ms: killing them`);
      for (const slot of this.slots) slot.kill();
      await allExited;
    }
  }

  private route(connection: PendingConnection, head: RequestHead): void {
    const slot = requiredSlot(this.options.placement, head, this.slots.length);
    (slot === undefined ? this.anyReadySlot() : this.slots[slot])?.enqueue(connection);
  }

  /**
   * The ready worker with the shortest backlog, round-robin among equals, so that new sessions go where the work
   * is least (any slot when none is ready: the connection waits for it).
   */
  private anyReadySlot(): WorkerSlot | undefined {
    const count = this.slots.length;
    let best: WorkerSlot | undefined;
    for (let step = 0; step < count; step++) {
      const slot = this.slots[(this.nextSlot + step) % count];
      if (slot?.ready && (best === undefined || slot.backlog < best.backlog)) best = slot;
    }
    const chosen = best ?? this.slots[this.nextSlot];
    this.nextSlot = ((chosen?.index ?? this.nextSlot) + 1) % count;
    return chosen;
  }

  private fork(slot: WorkerSlot): void {
    const env = identityEnv({
      slot: slot.index,
      workers: this.slots.length,
      placement: this.options.placement,
      addresses: this.addresses,
    });
    slot.started(cluster.fork(env));
  }

  private slotOf(worker: Worker): WorkerSlot | undefined {
    return this.slots.find((slot) => slot.holds(worker));
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    const slot = this.slotOf(worker);
    if (slot === undefined) return;
    if (message.type === "fastify-bokeh:taken") slot.taken();
    else if (message.type === "fastify-bokeh:ready") this.onReady(slot);
    else if (this.stopping) return;
    else if (this.starting !== undefined) this.finishStartup({ ok: false, failure: message });
    else this.options.log.error(`worker ${slot.index} could not start: ${message.message}`);
  }

  private onReady(slot: WorkerSlot): void {
    slot.becameReady();
    this.options.log.info({ worker: slot.index, workerPid: slot.pid }, `worker ${slot.index} ready (pid ${slot.pid})`);
    if (this.slots.every((s) => s.ready)) this.finishStartup({ ok: true });
  }

  private finishStartup(outcome: StartupOutcome): void {
    const starting = this.starting;
    this.starting = undefined;
    // A failed start ends here: the workers that did start are stopped, none is replaced.
    if (!outcome.ok) this.stopping = true;
    starting?.(outcome);
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    const slot = this.slotOf(worker);
    if (slot === undefined) return;
    const wasReady = slot.ready;
    slot.emptied();
    if (this.stopping) {
      this.checkAllExited();
      return;
    }
    if (this.starting !== undefined && !wasReady) {
      const message = `worker ${slot.index} exited during startup (${exitText(code, signal)})`;
      this.finishStartup({ ok: false, failure: { message, exitCode: 1 } });
      return;
    }
    this.options.log.warn(
      { worker: slot.index, workerPid: worker.process.pid, code, signal },
      `worker ${slot.index} (pid ${worker.process.pid}) exited with ${exitText(code, signal)}: starting a new one`,
    );
    if (wasReady) this.fork(slot);
    else setTimeout(() => this.stopping || this.fork(slot), RESTART_BACKOFF_MS);
  }

  private checkAllExited(): void {
    if (this.slots.every((slot) => slot.pid === undefined)) this.exited?.();
  }
}
