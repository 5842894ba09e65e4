import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import t from "tap";
import { bokehApp, bokehCore } from "../../src/index.js";
import { builtinFavicon } from "../../src/resources/favicon.js";

const hello = { path: "/hello", app: () => {} };

t.test("the built-in favicon.ico is a real 32x32 icon", async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(bokehApp, hello);
  const res = await app.inject("/favicon.ico");
  t.equal(res.statusCode, 200);
  t.equal(res.headers["content-type"], "image/x-icon");
  const ico = res.rawPayload;
  t.same([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)], [0, 1, 1], "ICONDIR: an icon with one image");
  t.same([ico[6], ico[7], ico.readUInt16LE(12)], [32, 32, 32], "32x32 pixels, 32 bits per pixel");
  t.equal(ico.readUInt32LE(18) + ico.readUInt32LE(14), ico.length, "the image fills the file");
  t.ok(ico.equals(builtinFavicon()));
  // The pixel at the centre of the first (blue) circle only: #1f77b4 at 80% opacity, stored BGRA, rows bottom-up.
  const at = 62 + ((31 - 8) * 32 + 6) * 4;
  t.same([...ico.subarray(at, at + 4)], [0xb4, 0x77, 0x1f, 204]);
  t.equal((await app.inject({ method: "HEAD", url: "/favicon.ico" })).statusCode, 200);
});

t.test("a favicon route of the application's own wins, registered before or after the plugin", async (t) => {
  for (const order of ["before", "after"] as const) {
    const app = Fastify();
    t.teardown(() => app.close());
    const own = async () => "mine";
    if (order === "before") app.get("/favicon.ico", own);
    await app.register(bokehApp, hello);
    if (order === "after") app.get("/favicon.ico", own);
    await app.ready();
    const res = await app.inject("/favicon.ico");
    t.equal(res.body, "mine", `own route registered ${order}`);
    t.equal((await app.inject("/hello/metadata")).statusCode, 200, "other routes unaffected");
  }
});

t.test("favicon: a file of one's own, or false for none", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "bokeh-ico-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "mine.ico");
  writeFileSync(file, Buffer.from([0, 0, 1, 0, 9, 9]));
  const withFile = Fastify();
  t.teardown(() => withFile.close());
  await withFile.register(bokehCore, { favicon: file });
  t.same([...(await withFile.inject("/favicon.ico")).rawPayload], [0, 0, 1, 0, 9, 9]);

  const none = Fastify();
  t.teardown(() => none.close());
  await none.register(bokehCore, { favicon: false });
  t.equal((await none.inject("/favicon.ico")).statusCode, 404);

  const missing = Fastify();
  t.teardown(() => missing.close());
  missing.register(bokehCore, { favicon: join(dir, "nope.ico") });
  await t.rejects(
    async () => {
      await missing.ready();
    },
    {
      code: "FST_BOKEH_INVALID_OPTION",
      message: /favicon.*nope\.ico \(ENOENT\)/,
    },
  );
});
