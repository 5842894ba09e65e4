import { readFileSync } from "node:fs";
import { bokehJsVersion } from "../resources/bokehjs.js";

/** `fastify-bokeh 0.1.0 (BokehJS 3.9.2)`: this package's version and the BokehJS it serves. */
export function versionLine(): string {
  // This file sits two levels below the package root both as source (src/cli) and as built code (dist/cli).
  const parsed: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version =
    typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string"
      ? parsed.version
      : "unknown";
  return `fastify-bokeh ${version} (BokehJS ${bokehJsVersion()})`;
}
