import { Worker } from "node:worker_threads";
import type { FromHeartbeat, HeartbeatSetup, ToHeartbeat } from "./heartbeat-protocol.js";

/** The thread's module, plain JavaScript next to this one (the build copies it into dist). */
const WORKER_URL = new URL("./heartbeat-worker.mjs", import.meta.url);

/** Milliseconds before a thread that died is started again. */
const RESTART_MS = 100;

interface Waiting {
  readonly kind: FromHeartbeat["kind"];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * A node's liveness key, renewed by a thread of its own (see `heartbeat-worker.mjs`). Other nodes take the node's
 * sessions over as soon as the key has expired, instead of waiting for each session's lease; so a thread that dies
 * while the node lives is started again at once (`onRestart` is told why).
 */
export class NodeHeartbeat {
  #setup: HeartbeatSetup;
  #worker: Worker;
  #waiting: Waiting | undefined;
  #started = false;
  #stopping = false;
  readonly #onRestart: (error: Error) => void;

  private constructor(setup: HeartbeatSetup, onRestart: (error: Error) => void) {
    this.#setup = setup;
    this.#onRestart = onRestart;
    this.#worker = this.#spawn();
  }

  /** Starts the thread; resolves once the key is written (or rejects after `timeoutMs`). */
  static async start(
    setup: HeartbeatSetup,
    timeoutMs: number,
    onRestart: (error: Error) => void,
  ): Promise<NodeHeartbeat> {
    const heartbeat = new NodeHeartbeat(setup, onRestart);
    try {
      await heartbeat.#until("written", timeoutMs);
    } catch (error) {
      heartbeat.#stopping = true;
      await heartbeat.#worker.terminate();
      throw error;
    }
    heartbeat.#started = true;
    return heartbeat;
  }

  /** Publishes the node's address in its key; resolves once written (or after `timeoutMs` regardless). */
  async advertise(address: string, timeoutMs: number): Promise<void> {
    this.#setup = { ...this.#setup, address };
    this.#send({ kind: "address", address });
    await this.#until("written", timeoutMs).catch(() => undefined);
  }

  /** Stops renewing and deletes the key (the thread is terminated if it does not finish in `timeoutMs`). */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopping = true;
    this.#send({ kind: "stop" });
    await this.#until("stopped", timeoutMs).catch(() => undefined);
    await this.#worker.terminate();
  }

  #spawn(): Worker {
    // No loaders of this process (a TypeScript one would take seconds to start).
    const worker = new Worker(WORKER_URL, { workerData: this.#setup, execArgv: [] });
    // The thread must not keep a process alive whose server has closed.
    worker.unref();
    // Only the current thread counts: one that died ("error", then "exit") has been replaced already.
    const current = () => worker === this.#worker;
    worker.on("message", (message: FromHeartbeat) => current() && this.#heard(message));
    worker.on("error", (error: Error) => current() && this.#ended(error));
    worker.on("exit", (code: number) => current() && this.#ended(new Error(`the heartbeat thread exited (${code})`)));
    return worker;
  }

  #send(message: ToHeartbeat): void {
    this.#worker.postMessage(message);
  }

  #heard(message: FromHeartbeat): void {
    const waiting = this.#waiting;
    if (waiting?.kind !== message.kind) return;
    this.#waiting = undefined;
    waiting.resolve();
  }

  /** The thread is gone: a wait for its end is over, any other fails; a running node starts a new one. */
  #ended(error: Error): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting?.kind === "stopped") waiting.resolve();
    else waiting?.reject(error);
    if (!this.#started || this.#stopping) return;
    this.#started = false;
    this.#onRestart(error);
    setTimeout(() => {
      if (this.#stopping) return;
      this.#worker = this.#spawn();
      this.#started = true;
    }, RESTART_MS).unref();
  }

  #until(kind: FromHeartbeat["kind"], timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined;
        reject(new Error("no answer from the heartbeat thread"));
      }, timeoutMs);
      this.#waiting = {
        kind,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }
}
