import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

/** How much of a child's output is kept for error messages. */
const TAIL_CHARS = 4000;

export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** The last few thousand characters the child wrote to stdout and stderr. */
  output(): string;
  /** Resolves when the child has exited (immediately if it already has). */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Every process the benchmark starts, so that all of them are killed at the end, on failure and on
 * SIGINT/SIGTERM (no server may outlive the run).
 */
export class Children {
  private readonly alive = new Set<Child>();

  spawn(command: string, args: readonly string[], options: SpawnOptions = {}): Child {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    const pid = child.pid;
    let tail = "";
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString("utf8")).slice(-TAIL_CHARS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once("exit", () => resolve());
    });
    const handle: Child = {
      process: child,
      pid,
      output: () => tail,
      exited,
      stop: async (graceMs = 5000) => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          await exited;
          clearTimeout(timer);
        }
        this.alive.delete(handle);
      },
    };
    this.alive.add(handle);
    void exited.then(() => this.alive.delete(handle));
    return handle;
  }

  /** Stops every child still running. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.alive].map((child) => child.stop()));
  }

  /** Synchronous last resort (process 'exit' handlers cannot wait). */
  killAllNow(): void {
    for (const child of this.alive) child.process.kill("SIGKILL");
    this.alive.clear();
  }
}
