import { PROTOCOL_BENCH_SCRIPT } from "./paths.js";
import type { Children } from "./process/children.js";

const TIMEOUT_MS = 120_000;

/**
 * The protocol package's own benchmark (what `pnpm --filter @fastify-bokeh/protocol bench` runs), as a child
 * process after the scenarios, so it does not compete with the servers. Resolves with its output lines.
 */
export async function runProtocolBench(children: Children): Promise<string[]> {
  const child = children.spawn(process.execPath, [PROTOCOL_BENCH_SCRIPT]);
  let out = "";
  child.process.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const timer = setTimeout(() => void child.stop(), TIMEOUT_MS);
  await child.exited;
  clearTimeout(timer);
  const { exitCode } = child.process;
  if (exitCode !== 0) throw new Error(`protocol benchmark failed (exit ${String(exitCode)}):\n${child.output()}`);
  return out.trimEnd().split("\n");
}
