import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";

/** An app module of test/fixtures/apps. */
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/apps/${name}`, import.meta.url));

// The bin as published (dist/cli/serve.js) when it is up to date, else the source through this test's TypeScript
// loader (correct, but each start then takes seconds).
const bin = fileURLToPath(new URL("../../dist/cli/serve.js", import.meta.url));
const sourceDir = fileURLToPath(new URL("../../src", import.meta.url));
const newest = (dir: string): number =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
const builtIsCurrent = existsSync(bin) && statSync(bin).mtimeMs >= newest(sourceDir);
const command = builtIsCurrent ? [bin] : [...process.execArgv, join(sourceDir, "cli/serve.ts")];
t.comment(builtIsCurrent ? "running the built bin" : "dist is older than src: running the CLI from source");

export interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the CLI (built or from source); killed after 240 s at the latest. */
export function run(args: string[], env: Record<string, string> = {}, cwd?: string): Run {
  return runProcess(process.execPath, [...command, ...args], env, cwd);
}

/**
 * Runs the CLI with a terminal as its standard output, as from an operator's shell: util-linux's `script` gives it
 * a pseudo-terminal and copies what it writes there to its own output.
 */
export function runInTerminal(args: string[]): Run {
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
  const line = [process.execPath, ...command, ...args].map(quote).join(" ");
  return runProcess("script", ["--quiet", "--flush", "--return", "--command", line, "/dev/null"], {});
}

function runProcess(file: string, args: string[], env: Record<string, string>, cwd?: string): Run {
  const child = spawn(file, args, {
    ...(cwd !== undefined ? { cwd } : {}),
    env: { ...process.env, BOKEH_SECRET_KEY: "", BOKEH_SIGN_SESSIONS: "", BOKEH_ALLOW_WS_ORIGIN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    // A bound on the child's whole life (a test with Chromium on a loaded machine can take a minute before it asks
    // the server to stop), so that a hung server cannot outlive its test.
    const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { child, output: () => output, exited };
}
