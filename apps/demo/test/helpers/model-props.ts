import type { Page } from "playwright-core";

/** How long the gallery tests wait for something the server sends. */
export const WAIT = { timeout: 15_000 };

/**
 * Reads a property (a dotted path; numbers index lists) of the model named `name` in the browser's document
 * (`Bokeh.documents[0]`), which only holds what the server sent. Typed arrays come back as plain arrays.
 */
export async function prop<T>(page: Page, name: string, path: string): Promise<T> {
  return page.evaluate(
    ([model, keys]) => {
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): unknown }[] } }).Bokeh
        .documents[0]!;
      let value: unknown = doc.get_model_by_name(model);
      if (value === null) throw new Error(`no model named '${model}'`);
      for (const key of keys.split(".")) value = (value as Record<string, unknown>)[key];
      return (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value) as never;
    },
    [name, path] as const,
  );
}

/** Polls `prop` until `accept` holds for its value; returns that value. */
export async function propWhen<T>(
  page: Page,
  name: string,
  path: string,
  accept: (value: T) => boolean,
  timeout = WAIT.timeout,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await prop<T>(page, name, path);
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${name}.${path} never became as expected; last value: ${JSON.stringify(value).slice(0, 300)}`);
    await page.waitForTimeout(50);
  }
}
