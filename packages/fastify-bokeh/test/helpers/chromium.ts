// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import type { Test } from "tap";
import type { Run } from "./run-cli.js";

/**
 * Headless Debian Chromium (never a downloaded browser) with a throw-away profile, closed and removed when `t`
 * ends.
 */
export async function chromiumFor(t: Test): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), "fastify-bokeh-cli-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  t.teardown(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

/** The first match of `pattern` in the CLI's output, waiting up to `timeoutMs` for it. */
export async function outputMatch(running: Run, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const match = pattern.exec(running.output());
    if (match !== null) return match;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in the output:\n${running.output()}`);
}

/** Waits until BokehJS shows a document whose model `name` has rendered. */
export async function waitForModel(page: Page, name: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (modelName) => {
      type Bokeh = { documents: { get_model_by_name(n: string): { id: string } | null }[]; index: object };
      const bokeh = (window as unknown as { Bokeh?: Bokeh }).Bokeh;
      const model = bokeh?.documents[0]?.get_model_by_name(modelName);
      return model != null && Object.keys(bokeh?.index ?? {}).length > 0;
    },
    name,
    { timeout },
  );
}

/** Property values of the model `name` as BokehJS holds them (`property` may be `title.text`-style dotted). */
export function modelValues(page: Page, name: string, properties: readonly string[]): Promise<unknown[]> {
  return page.evaluate(
    ({ modelName, props }) => {
      type Bokeh = { documents: { get_model_by_name(n: string): unknown }[] };
      const model = (window as unknown as { Bokeh: Bokeh }).Bokeh.documents[0]?.get_model_by_name(modelName);
      return props.map((path) =>
        path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], model),
      );
    },
    { modelName: name, props: properties },
  );
}
