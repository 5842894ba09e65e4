import { Div } from "@fastify-bokeh/document";
import fastify from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t from "tap";
import { openPage, useServerAndBrowser, waitForBokeh } from "./helpers/browser.js";

// Every model BokehJS registers, built in Chromium with its defaults and added as a root: the server must store it
// so that a fresh page on the same session (a PULL-DOC) gets back exactly what BokehJS sent.

interface Added {
  readonly added: string[];
  readonly refused: string[];
}

/** In the page: one model of every registered class, each a root of the session's document. */
function addEveryModel(): Added {
  const bokeh = (window as unknown as { Bokeh: BokehGlobal }).Bokeh;
  const doc = bokeh.documents[0]!;
  const added: string[] = [];
  const refused: string[] = [];
  for (const name of [...bokeh.Models.names].sort()) {
    try {
      const model = new (bokeh.Models.get(name))({ name: `fidelity-${name}` });
      // A model with a required property unset cannot be loaded by BokehJS itself (from any server).
      const unset = [...(model as unknown as Iterable<{ is_unset: boolean; readonly: boolean; attr: string }>)]
        .filter((p) => p.is_unset && !p.readonly)
        .map((p) => p.attr);
      if (unset.length > 0) {
        refused.push(`${name}: ${unset.join(", ")} unset`);
        continue;
      }
      doc.add_root(model);
      added.push(name);
    } catch (error) {
      refused.push(`${name}: ${String(error).split("\n")[0]}`);
    }
  }
  return { added, refused };
}

/** In the page: per root named `fidelity-*`, every property value as BokehJS's own serializer writes it. */
function dumpRoots(): Record<string, string> {
  const bokeh = (window as unknown as { Bokeh: BokehGlobal }).Bokeh;
  const { Serializer } = bokeh.require("core/serialization") as {
    Serializer: new (options: { binary: boolean; include_defaults: boolean }) => { encode(value: unknown): unknown };
  };
  const out: Record<string, string> = {};
  for (const root of bokeh.documents[0]!.roots()) {
    if (!root.name?.startsWith("fidelity-")) continue;
    const values: Record<string, unknown> = {};
    for (const prop of root as unknown as Iterable<{ attr: string; internal: boolean; get_value(): unknown }>) {
      if (prop.internal) continue; // client-side state, never synchronized
      try {
        values[prop.attr] = new Serializer({ binary: false, include_defaults: true }).encode(prop.get_value());
      } catch {
        values[prop.attr] = "(not serializable)";
      }
    }
    // Nested default models BokehJS does not send are made by the server: the same values, other ids.
    out[root.name] = JSON.stringify(values).replace(/"id":"[^"]*"/g, '"id":"…"');
  }
  return out;
}

interface BokehModel {
  readonly name: string | null;
}
interface BokehGlobal {
  Models: { names: readonly string[]; get(name: string): new (attrs: object) => BokehModel };
  documents: { add_root(model: BokehModel): void; roots(): BokehModel[] }[];
  require(module: string): unknown;
}

const build = async () => {
  const app = fastify();
  await app.register(bokehCore);
  await app.register(bokehApp, {
    path: "/probe",
    app: (doc) => {
      doc.add_root(new Div({ text: "probe" }));
    },
  });
  return app;
};

const fx = useServerAndBrowser(t, build);

t.test("every BokehJS model added by a page comes back identical in a fresh page", { timeout: 300_000 }, async (t) => {
  const session = `fidelity-${Date.now()}`;
  const first = await openPage(fx.browser, `${fx.base}/probe?bokeh-session-id=${session}`);
  await waitForBokeh(first.page);
  const { added, refused } = await first.page.evaluate(addEveryModel);
  t.ok(added.length >= 250, `${added.length} models added (not constructible alone: ${refused.length})`);
  const sent = await first.page.evaluate(dumpRoots);
  // The first page's own patches are applied before the server answers the second page's PULL-DOC.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const second = await openPage(fx.browser, `${fx.base}/probe?bokeh-session-id=${session}`);
  t.teardown(() => {
    if (second.problems.length > 0) t.comment(`second page: ${second.problems.slice(0, 5).join("; ").slice(0, 2000)}`);
  });
  // Not waitForBokeh: views of some lone models never become idle; the document is what is compared.
  await second.page.waitForFunction(
    () => ((window as unknown as { Bokeh?: BokehGlobal }).Bokeh?.documents[0]?.roots().length ?? 0) > 1,
    undefined,
    { timeout: 60_000 },
  );
  const pulled = await second.page.evaluate(dumpRoots);
  // Page errors are not checked: BokehJS's views of many models fail when the model is a lone root (a glyph
  // renderer without a plot, a column without a table); what is checked is the document both pages hold.
  t.same(
    Object.keys(sent).filter((name) => !(name in pulled)),
    [],
    "every model is in the fresh page",
  );
  const differing: string[] = [];
  for (const name of Object.keys(sent).filter((n) => n in pulled)) {
    const before = JSON.parse(sent[name]!) as Record<string, unknown>;
    const after = JSON.parse(pulled[name]!) as Record<string, unknown>;
    for (const attr of Object.keys(before)) {
      const [a, b] = [JSON.stringify(before[attr]), JSON.stringify(after[attr])];
      // A callback FileInput's view registers in the page itself, and models BokehJS marks `syncable: false`
      // (RangeTool's overlay, which its view changes): client-side state, never sent by BokehJS.
      if (a === b || a === '"(not serializable)"' || a.includes('"syncable":false')) continue;
      differing.push(`${name}.${attr}: sent ${a.slice(0, 300)} pulled ${b?.slice(0, 300)}`);
    }
  }
  t.same(differing, [], "every property of every model as sent");
  await first.page.close();
  await second.page.close();
});
