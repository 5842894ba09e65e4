import { Document, TextInput, applyPatch, applyPatchInSlices } from "@fastify-bokeh/document";
import { encode, patchDoc, Receiver } from "@fastify-bokeh/protocol";
const N = 100_000;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
function make(tag) {
  const doc = new Document(); const ti = new TextInput({ value: "x" }); doc.add_root(ti);
  const models = Array.from({ length: N }, (_, i) => ({ type: "object", name: "Range1d", id: `h${tag}${i}`, attributes: { start: i, end: i + 1 } }));
  const frames = encode(patchDoc([{ kind: "ModelChanged", model: { id: ti.id }, attr: "tags", new: models }]));
  return { doc, frames };
}
for (const mode of (process.argv[2] ?? "one,sliced,one,sliced").split(",")) {
  const { doc, frames } = make(mode + Math.random());
  global.gc?.();
  const r = new Receiver(); r.push(frames[0]); r.push(frames[1]);
  const c0 = cpu(), w0 = performance.now();
  let m;
  if (mode === "one") { m = r.push(frames[2]); } else { m = r.push(frames[2], await r.parseInSlices(frames[2])); }
  const c1 = cpu(), w1 = performance.now();
  if (mode === "one") applyPatch(doc, m.content.events, new Map(), {}); else await applyPatchInSlices(doc, m.content.events, new Map(), {});
  const c2 = cpu(), w2 = performance.now();
  console.log(mode, "parse cpu", (c1 - c0).toFixed(0), "wall", (w1 - w0).toFixed(0), "| apply cpu", (c2 - c1).toFixed(0), "wall", (w2 - w1).toFixed(0));
}
