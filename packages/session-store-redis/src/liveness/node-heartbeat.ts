import { Worker } from "node:worker_threads";
import type { FromHeartbeat, HeartbeatSetup, ToHeartbeat } from "./heartbeat-protocol.js";

/** The thread's module, plain JavaScript next to this one (the build copies it into dist). */
const WORKER_URL = new URL("./heartbeat-worker.mjs", import.meta.url);

interface Waiting {
  readonly kind: FromHeartbeat["kind"];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * A node's liveness key, renewed by a thread of its own (see `heartbeat-worker.ts`). Other nodes take the node's
 * sessions over as soon as the key has expired, instead of waiting for each session's lease.
 */
export class NodeHeartbeat {
  readonly #worker: Worker;
  #waiting: Waiting | undefined;

  private constructor(setup: HeartbeatSetup) {
    // No loaders of this process (a TypeScript one would take seconds to start).
    this.#worker = new Worker(WORKER_URL, { workerData: setup, execArgv: [] });
    // The thread must not keep a process alive whose server has closed.
    this.#worker.unref();
    this.#worker.on("message", (message: FromHeartbeat) => this.#heard(message));
    this.#worker.on("error", (error: Error) => this.#ended(error));
    this.#worker.on("exit", () => this.#ended(new Error("the heartbeat thread exited")));
  }

  /** Starts the thread; resolves once the key is written (or rejects after `timeoutMs`). */
  static async start(setup: HeartbeatSetup, timeoutMs: number): Promise<NodeHeartbeat> {
    const heartbeat = new NodeHeartbeat(setup);
    try {
      await heartbeat.#until("written", timeoutMs);
    } catch (error) {
      await heartbeat.#worker.terminate();
      throw error;
    }
    return heartbeat;
  }

  /** Publishes the node's address in its key; resolves once written (or after `timeoutMs` regardless). */
  async advertise(address: string, timeoutMs: number): Promise<void> {
    this.#send({ kind: "address", address });
    await this.#until("written", timeoutMs).catch(() => undefined);
  }

  /** Stops renewing and deletes the key (the thread is terminated if it does not finish in `timeoutMs`). */
  async stop(timeoutMs: number): Promise<void> {
    this.#send({ kind: "stop" });
    await this.#until("stopped", timeoutMs).catch(() => undefined);
    await this.#worker.terminate();
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

  /** The thread is gone: a wait for its end is over, any other fails. */
  #ended(error: Error): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting?.kind === "stopped") waiting.resolve();
    else waiting?.reject(error);
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
