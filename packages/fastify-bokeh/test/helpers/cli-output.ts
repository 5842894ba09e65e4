import type { Run } from "./run-cli.js";

/** Waits (at most 60 s) for the CLI's output to match `pattern`; fails with the output so far if it exits first. */
export async function waitForOutput(running: Run, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 600; i++) {
    const match = pattern.exec(running.output());
    if (match !== null) return match;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${pattern} in the output:\n${running.output()}`);
}

/** The URL the CLI logged for the app `name` ("Bokeh app running at: …"). */
export async function loggedAppUrl(running: Run, name: string): Promise<string> {
  const match = await waitForOutput(running, new RegExp(`Bokeh app running at: (https?://\\S+/${name})\\b`));
  return match[1] ?? "";
}

/** Stops the CLI with SIGTERM and waits for it to exit. */
export async function stop(running: Run): Promise<number | null> {
  running.child.kill("SIGTERM");
  return running.exited;
}
