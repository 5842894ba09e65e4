/**
 * `--show`: opens an app's URL in a browser, as bokeh serve does through Python's webbrowser module: the browser
 * command in BOKEH_BROWSER or BROWSER (`%s` stands for the URL, else it goes last; `none` opens nothing), else the
 * system's opener.
 */
import { spawn } from "node:child_process";
import type { FastifyBaseLogger } from "fastify";

/** The program and arguments that open `url`. */
function openCommand(url: string, configured: string | undefined): readonly [string, string[]] {
  if (configured !== undefined && configured !== "") {
    // Python's webbrowser takes the first of several commands separated like PATH entries.
    const [first = ""] = configured.split(process.platform === "win32" ? ";" : ":");
    const [program = "", ...args] = first.trim().split(/\s+/);
    const hasPlaceholder = args.some((arg) => arg.includes("%s"));
    return [program, hasPlaceholder ? args.map((arg) => arg.replaceAll("%s", url)) : [...args, url]];
  }
  if (process.platform === "darwin") return ["open", [url]];
  if (process.platform === "win32") return ["cmd", ["/c", "start", "", url]];
  return ["xdg-open", [url]];
}

/** Opens `url` without waiting for the browser; a browser that cannot start is a warning, not a failure. */
export function showInBrowser(url: string, logger: FastifyBaseLogger, env: NodeJS.ProcessEnv = process.env): void {
  const configured = env.BOKEH_BROWSER || env.BROWSER;
  if (configured === "none") return;
  const [program, args] = openCommand(url, configured);
  const child = spawn(program, args, { detached: true, stdio: "ignore" });
  child.on("error", (err) => logger.warn({ err }, `--show: could not open a browser at ${url}`));
  child.unref();
}
