#!/usr/bin/env node
// Copies the BokehJS bundles the server serves out of the @bokeh/bokehjs devDependency into `bokehjs/`, which is
// published with the plugin: users download ~4 MB of scripts instead of the whole 100 MB BokehJS tree.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The classic (non-ESM) minified bundles: the five a page loads, and bokeh-api for users embedding by hand.
const BUNDLES = ["bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax", "bokeh-api"];

const packageJson = createRequire(import.meta.url).resolve("@bokeh/bokehjs/package.json");
const source = join(dirname(packageJson), "build", "js");
const target = new URL("../bokehjs/", import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(packageJson, "utf8"));

rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, "static", "js"), { recursive: true });
for (const bundle of BUNDLES)
  copyFileSync(join(source, `${bundle}.min.js`), join(target, "static", "js", `${bundle}.min.js`));
writeFileSync(join(target, "version.json"), `${JSON.stringify({ version })}\n`);
