import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import t from "tap";
import { DuplicateDocumentError } from "../src/index.js";

t.test("a second copy of the package refuses to load, with a coded error naming both copies", async (t) => {
  // A minimal second copy: the guard module with a package.json of another version, in a folder of its own.
  const other = mkdtempSync(join(tmpdir(), "bokeh-document-copy-"));
  t.teardown(() => rmSync(other, { recursive: true, force: true }));
  mkdirSync(join(other, "src", "core"), { recursive: true });
  writeFileSync(
    join(other, "package.json"),
    JSON.stringify({ name: "@fastify-bokeh/document", version: "9.9.9", type: "module" }),
  );
  copyFileSync(new URL("../src/core/single-copy.ts", import.meta.url), join(other, "src", "core", "single-copy.ts"));
  const copy = (await import(pathToFileURL(join(other, "src", "core", "single-copy.ts")).href)) as {
    claimSingleCopy: () => unknown;
  };
  const error = t.throws(() => copy.claimSingleCopy()) as { code?: unknown; message?: unknown; name?: unknown };
  t.equal(error.code, "FST_BOKEH_DUPLICATE_DOCUMENT");
  t.equal(error.name, "DuplicateDocumentError");
  t.match(String(error.message), /9\.9\.9/, "names the second copy's version");
  t.match(String(error.message), other, "names where the second copy is");
  t.match(String(error.message), /npm ls @fastify-bokeh\/document/, "says how to find the copies");
  t.ok(DuplicateDocumentError, "the error class is public");
});

t.test("loading the same copy again is fine", async (t) => {
  // The same file under another URL: a second module instance of the same copy (same package root).
  const sameCopy = new URL("../src/core/single-copy.js?again", import.meta.url).href;
  const again = (await import(sameCopy)) as { claimSingleCopy: () => { root: string } };
  t.doesNotThrow(() => again.claimSingleCopy());
});
