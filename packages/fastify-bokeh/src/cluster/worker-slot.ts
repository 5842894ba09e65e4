/**
 * One worker position of the primary: the current process in it (a replacement takes the slot of one that died, and
 * with it the slot's share of session ids) and the connections waiting for it. A connection's socket is handed over
 * only when the previous one was taken, so that Node never queues a handle while the primary still reads its socket.
 */
import type { Worker } from "node:cluster";
import type { ConnectionMessage } from "./messages.js";
import type { PendingConnection } from "./pending-connection.js";

/** Connections a slot holds while its worker starts or is busy taking one; beyond, new ones get a 503. */
const MAX_WAITING = 1024;

export class WorkerSlot {
  private worker: Worker | undefined;
  private isReady = false;
  private handing = false;
  private readonly waiting: PendingConnection[] = [];

  constructor(readonly index: number) {}

  get ready(): boolean {
    return this.isReady;
  }

  /** Connections handed over but not yet taken, or waiting: how far behind the worker is. */
  get backlog(): number {
    return this.waiting.length + (this.handing ? 1 : 0);
  }

  get pid(): number | undefined {
    return this.worker?.process.pid;
  }

  /** Whether `worker` is this slot's current process. */
  holds(worker: Worker): boolean {
    return this.worker === worker;
  }

  started(worker: Worker): void {
    this.worker = worker;
    this.isReady = false;
    this.handing = false;
  }

  becameReady(): void {
    this.isReady = true;
    this.pump();
  }

  /** The worker took the last connection handed over. */
  taken(): void {
    this.handing = false;
    this.pump();
  }

  /** The slot's process is gone; waiting connections stay for its replacement. */
  emptied(): void {
    this.worker = undefined;
    this.isReady = false;
    this.handing = false;
  }

  enqueue(connection: PendingConnection): void {
    if (this.waiting.length >= MAX_WAITING) {
      connection.refuse("503 Service Unavailable");
      return;
    }
    this.waiting.push(connection);
    this.pump();
  }

  /** Closes the connections still waiting (at shutdown). */
  dropWaiting(): void {
    for (const connection of this.waiting.splice(0)) connection.socket.destroy();
  }

  /** Asks the worker to close its server and exit. */
  shutdown(): void {
    // A worker that has just died can still look connected: the failed send is then no error, its exit follows.
    if (this.worker?.isConnected()) this.worker.send({ type: "fastify-bokeh:shutdown" }, () => undefined);
  }

  kill(): void {
    this.worker?.process.kill("SIGKILL");
  }

  /** Hands the next waiting connection over when the worker is ready and took the previous one. */
  private pump(): void {
    const worker = this.worker;
    if (worker === undefined || !this.isReady || this.handing) return;
    let connection = this.waiting.shift();
    while (connection?.socket.destroyed) connection = this.waiting.shift();
    if (connection === undefined) return;
    this.handing = true;
    const message: ConnectionMessage = {
      type: "fastify-bokeh:connection",
      received: connection.release().toString("latin1"),
    };
    const { socket } = connection;
    worker.send(message, socket, (error: Error | null) => {
      if (error === null) return;
      socket.destroy();
      if (this.holds(worker)) this.taken();
    });
  }
}
