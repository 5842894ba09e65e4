import { type ChildProcess, fork } from "node:child_process";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Target } from "../client/session.js";
import { sleep } from "../stats/bounded-loop.js";
import type { LatencySummary } from "../stats/latency.js";
import type { SenderConfig, SenderReport } from "./burst-sender.js";
import { type ProbeOptions, Probes } from "./probes.js";

export interface BurstOptions {
  /** PATCH-DOCs sent back to back on the one connection (5,000). */
  messages: number;
  probes: ProbeOptions;
  /** Probing before the burst, for the undisturbed figure, ms. */
  calmMs: number;
  /** How long the burst's answers may take in all. */
  timeoutMs: number;
}

export interface BurstResult {
  messages: number;
  /** From the first PATCH-DOC sent to the last OK received, ms. */
  burstMs: number;
  /** The other sessions' round trips while the burst was handled. */
  probe: LatencySummary;
  /** The same before the burst. */
  probeCalm: LatencySummary;
}

/** The sender script next to this module (.js when built, .ts under the test runner, which forks with its loader). */
const SENDER = fileURLToPath(new URL(`./burst-sender${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

type Progress = Exclude<SenderReport, { kind: "failed" }>;

/** The sender's next report, or its failure; bounded by `timeoutMs`. */
function nextReport(child: ChildProcess, timeoutMs: number): Promise<Progress> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the burst sender said nothing for ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: SenderReport): void =>
      message.kind === "failed" ? finish(new Error(`burst sender: ${message.error}`)) : finish(undefined, message);
    const onExit = (code: number | null): void => finish(new Error(`the burst sender exited (${code})`));
    const finish = (error?: Error, message?: Progress): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (message !== undefined) resolve(message);
      else reject(error);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/**
 * One connection sends a burst of slider changes (PATCH-DOC ModelChanged, each answered by a ColumnDataChanged
 * and an OK) all at once, while other sliders sessions keep doing round trips: how much are they held up? The
 * burst comes from a process of its own, as from another user's machine.
 */
export async function burst(target: Target, options: BurstOptions): Promise<BurstResult> {
  const config: SenderConfig = {
    httpBase: target.server.httpBase,
    origin: target.server.origin,
    messages: options.messages,
    timeoutMs: options.timeoutMs,
  };
  const probes = await Probes.open(target, options.probes);
  const sender = fork(SENDER, [JSON.stringify(config)], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  try {
    await nextReport(sender, 60_000);
    probes.start();
    const calmStart = performance.now();
    await sleep(options.calmMs);
    const start = performance.now();
    const done = nextReport(sender, options.timeoutMs + 10_000);
    sender.send("go");
    const report = await done;
    const end = performance.now();
    if (report.kind !== "done") throw new Error(`the burst sender reported ${report.kind} instead of done`);
    await sleep(Math.min(options.calmMs, 500));
    return {
      messages: options.messages,
      burstMs: report.burstMs,
      probe: probes.during(start, end),
      probeCalm: probes.during(calmStart, start),
    };
  } finally {
    sender.kill();
    await probes.stop();
  }
}
