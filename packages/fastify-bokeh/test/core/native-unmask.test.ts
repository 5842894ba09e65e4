import { createRequire } from "node:module";
import t from "tap";

// ws loads bufferutil from where ws itself is installed; without it, incoming frames are unmasked in JavaScript
// (a 7.9 MiB PATCH-DOC took ~30 ms in one go).
t.test("ws, as this package installs it, finds bufferutil for native unmasking", async (t) => {
  const ours = createRequire(import.meta.url);
  const fromWs = createRequire(ours.resolve("ws"));
  const bufferUtil = fromWs("bufferutil") as { unmask?: unknown; mask?: unknown };
  t.type(bufferUtil.unmask, "function");
  t.type(bufferUtil.mask, "function");
});
