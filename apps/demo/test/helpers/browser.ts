import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium; tests never download a browser. */
export const CHROMIUM = process.env["CHROMIUM"] ?? "/usr/bin/chromium";

export interface BrowserHandle {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with the flags that work on this machine (no background networking), and a fresh profile. */
export async function launchBrowser(): Promise<BrowserHandle> {
  const profile = mkdtempSync(join(tmpdir(), "fastify-bokeh-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageWatch {
  page: Page;
  /** Console errors, page errors and BokehJS warnings seen so far. */
  problems: string[];
}

/** Opens a page that records console errors, uncaught errors and BokehJS's version-mismatch warning. */
export async function openPage(handle: BrowserHandle, url: string): Promise<PageWatch> {
  const page = await handle.context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" || /version mismatch/i.test(text)) problems.push(`${msg.type()}: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, problems };
}

/** Waits until BokehJS has a document with roots and every root view has rendered. */
export async function waitForBokeh(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { Bokeh?: { documents?: { roots(): unknown[] }[]; index?: Record<string, { is_idle?: boolean }> } };
      const doc = w.Bokeh?.documents?.[0];
      if (doc === undefined || doc.roots().length === 0) return false;
      const views = Object.values(w.Bokeh?.index ?? {});
      return views.length > 0 && views.every((v) => v.is_idle !== false);
    },
    undefined,
    { timeout },
  );
}
