import { execFileSync } from "node:child_process";

export function runPython(python: string, script: string, input: unknown): unknown {
  const output = execFileSync(python, [script], { input: JSON.stringify(input), encoding: "utf8", timeout: 30_000 });
  return JSON.parse(output);
}
