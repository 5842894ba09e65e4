import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// `pnpm demo` runs dist/main.js; when that is older than the source, run the source through this test's loader.
const built = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const sourceDir = fileURLToPath(new URL("../../src", import.meta.url));
/** The latest modification time of the files under `dir`. */
function latestChange(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return latest;
}
const upToDate = existsSync(built) && statSync(built).mtimeMs >= latestChange(sourceDir);
const command = upToDate ? [built] : [...process.execArgv, join(sourceDir, "main.ts")];

/** Runs `pnpm demo` with these flags and variables (BOKEH_* cleared unless given); killed after 60 s at the latest. */
export function demo(args: string[], env: Record<string, string>, limitMs = 60_000) {
  const child = spawn(process.execPath, [...command, ...args], {
    env: { ...process.env, BOKEH_SECRET_KEY: "", BOKEH_SIGN_SESSIONS: "", BOKEH_ALLOW_WS_ORIGIN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { child, exited, output: () => output };
}
