import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { VENV_DIR } from "../paths.js";

const run = promisify(execFile);

export const BOKEH_VERSION = "3.9.2";

/** Creating the venv and installing bokeh (about 40 s on the reference machine) must not eat the run's budget. */
const INSTALL_TIMEOUT_MS = 150_000;

export type PythonBokeh = { available: true; bokeh: string; python: string } | { available: false; reason: string };

async function installedVersion(python: string): Promise<string | undefined> {
  if (!existsSync(python)) return undefined;
  try {
    const { stdout } = await run(python, ["-c", "import bokeh; print(bokeh.__version__)"], { timeout: 30_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * Python bokeh 3.9.2 in apps/bench/.venv, installed with pip on first use. Never throws: when it cannot be
 * installed the benchmark runs our server alone and says why.
 */
export async function ensurePythonBokeh(log: (line: string) => void): Promise<PythonBokeh> {
  const python = join(VENV_DIR, "bin", "python");
  const bokeh = join(VENV_DIR, "bin", "bokeh");
  if ((await installedVersion(python)) === BOKEH_VERSION && existsSync(bokeh))
    return { available: true, bokeh, python };
  log(`installing Python bokeh ${BOKEH_VERSION} into ${VENV_DIR} (pip, once)`);
  try {
    await run("python3", ["-m", "venv", "--clear", VENV_DIR], { timeout: 60_000 });
    await run(join(VENV_DIR, "bin", "pip"), ["install", "--retries", "0", "-q", `bokeh==${BOKEH_VERSION}`], {
      timeout: INSTALL_TIMEOUT_MS,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : String(error);
    return { available: false, reason: `pip could not install bokeh==${BOKEH_VERSION}: ${detail}` };
  }
  const version = await installedVersion(python);
  if (version !== BOKEH_VERSION || !existsSync(bokeh)) {
    return { available: false, reason: `after pip install, python reports bokeh ${version ?? "missing"}` };
  }
  return { available: true, bokeh, python };
}
