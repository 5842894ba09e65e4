import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const BOKEH_VERSION = "3.9.2";

/** Where Python bokeh 3.9.2 was found, or why it was not (interoperability tests then skip with that reason). */
export type PythonLookup = { readonly python: string } | { readonly skip: string };

/** The first of `$BOKEH_PYTHON`, /tmp/bokeh-venv/bin/python and python3 that imports bokeh 3.9.2, or why none does. */
export function findBokehPython(
  candidates: readonly string[] = [process.env.BOKEH_PYTHON ?? "", "/tmp/bokeh-venv/bin/python", "python3"],
): PythonLookup {
  const tried: string[] = [];
  for (const python of candidates.filter((candidate) => candidate !== "")) {
    if (python.includes("/") && !existsSync(python)) {
      tried.push(`${python}: not found`);
      continue;
    }
    // Generous: the first import of bokeh on a loaded machine compiles its bytecode.
    const probe = spawnSync(python, ["-c", "import bokeh; print(bokeh.__version__)"], {
      encoding: "utf8",
      timeout: 30_000,
    });
    const version = probe.stdout?.trim();
    if (probe.status === 0 && version === BOKEH_VERSION) return { python };
    tried.push(`${python}: ${probe.error ? "cannot run" : probe.status === 0 ? `bokeh ${version}` : "no bokeh"}`);
  }
  return { skip: `no Python with bokeh ${BOKEH_VERSION} (set BOKEH_PYTHON); tried ${tried.join(", ")}` };
}
