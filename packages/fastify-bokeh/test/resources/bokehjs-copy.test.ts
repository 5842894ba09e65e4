import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Fastify from "fastify";
import t from "tap";
import { BOKEHJS_BUNDLES, bokehJsVersion, bundlePath } from "../../src/resources/bokehjs.js";
import { bokehStaticPlugin } from "../../src/resources/static-plugin.js";

// The bundles are copied into the plugin at build time; the devDependency is where they come from.
const npmBuild = join(dirname(createRequire(import.meta.url).resolve("@bokeh/bokehjs/package.json")), "build");

/** Python bokeh's own static folder (what bokeh serve sends), when $BOKEH_PYTHON points at bokeh 3.9.2. */
function pythonStatic(): string | undefined {
  const python = process.env.BOKEH_PYTHON;
  if (python === undefined || python === "") return undefined;
  const script = "import bokeh, os; print(bokeh.__version__); print(os.path.dirname(bokeh.__file__))";
  const [version, dir] = execFileSync(python, ["-c", script], { encoding: "utf8" }).trim().split("\n");
  return version === "3.9.2" && dir !== undefined ? join(dir, "server", "static") : undefined;
}

t.test("the server sends BokehJS 3.9.2's bundles byte for byte", async (t) => {
  t.equal(bokehJsVersion(), "3.9.2");
  const fastify = Fastify();
  t.teardown(() => fastify.close());
  await fastify.register(bokehStaticPlugin, { prefix: "" });
  const python = pythonStatic();
  for (const bundle of [...BOKEHJS_BUNDLES, "bokeh-api"] as const) {
    const path = bundle === "bokeh-api" ? "js/bokeh-api.min.js" : bundlePath(bundle);
    const res = await fastify.inject({ method: "GET", url: `/static/${path}` });
    t.equal(res.statusCode, 200, path);
    t.ok(res.rawPayload.equals(readFileSync(join(npmBuild, path))), `${path} equals @bokeh/bokehjs 3.9.2's`);
    if (python !== undefined)
      t.ok(res.rawPayload.equals(readFileSync(join(python, path))), `${path} equals Python bokeh 3.9.2's`);
  }
  t.comment(
    python === undefined ? "BOKEH_PYTHON unset: compared with npm's copy only" : `also compared with ${python}`,
  );
});

t.test("nothing else of the BokehJS tree is published", async (t) => {
  const fastify = Fastify();
  t.teardown(() => fastify.close());
  await fastify.register(bokehStaticPlugin, { prefix: "" });
  const res = await fastify.inject({ method: "GET", url: "/static/js/bokeh.esm.min.js" });
  t.equal(res.statusCode, 404, "only the classic bundles are copied");
});
