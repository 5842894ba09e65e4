import { createConnection, createServer } from "node:net";
import type { Child } from "../process/children.js";
import { SERVER_SETTINGS } from "./settings.js";

type ServerKind = "ours" | "bokeh";

/** What the load generator needs to know about a server. */
export interface Endpoint {
  /** e.g. http://127.0.0.1:5006 */
  readonly httpBase: string;
  /** What a browser on the server's own address sends as Origin (allowed by the server's allowlist). */
  readonly origin: string;
  /** The process whose CPU and memory are measured. */
  readonly pid: number;
}

/** A running server process the scenarios drive. */
export interface ServerUnderTest extends Endpoint {
  readonly kind: ServerKind;
  /** Human-readable name for the table. */
  readonly label: string;
  readonly port: number;
  readonly child: Child;
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, SERVER_SETTINGS.host, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no port"))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: SERVER_SETTINGS.host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Polls until the port accepts connections; fails if the child exits first or `timeoutMs` passes. */
export async function waitForListening(child: Child, port: number, timeoutMs: number, what: string): Promise<void> {
  let exited = false;
  void child.exited.then(() => (exited = true));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exited) throw new Error(`${what} exited before listening:\n${child.output()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms:\n${child.output()}`);
}
