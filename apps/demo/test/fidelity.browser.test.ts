import { ABSTRACT_MODEL_NAMES, Div } from "@fastify-bokeh/document";
import fastify from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t from "tap";
import { openPage, useServerAndBrowser, waitForBokeh } from "./helpers/browser.js";
import { dumpRoots, fidelityScript, loadFromJson, type PageBokeh, type PageFidelity } from "./helpers/every-model.js";

// Every model BokehJS registers, built in Chromium with its defaults and added as a root: the server must store it
// so that a fresh page on the same session (a PULL-DOC) gets back exactly what BokehJS sent.

/**
 * Registered models BokehJS cannot make at all, whatever the values: a document holding one fails to load in BokehJS
 * from any server, bokeh serve included (checked below by loading it from document JSON).
 */
const UNBUILDABLE: Readonly<Record<string, { readonly attributes: object; readonly why: string }>> = {
  // Abstract (also in Python, `@abstract`): its initialize calls setup(), which only Ajax/ServerSentDataSource define.
  WebDataSource: { attributes: { data_url: "http://127.0.0.1/data" }, why: "TypeError: this.setup is not a function" },
};

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
  // One script with both, so that what is sent is read in the task that adds the models: before views change them
  // (a GraphRenderer's view makes its node glyph's x and y internal, client-side expressions, never sent).
  await first.page.addScriptTag({ content: fidelityScript() });
  const { added, refused, sent } = await first.page.evaluate((abstract) => {
    const { fidelity } = window as unknown as { fidelity: PageFidelity };
    return { ...fidelity.addEveryModel(abstract), sent: fidelity.dumpRoots() };
  }, ABSTRACT_MODEL_NAMES);
  t.comment(`${added.length} models added`);
  t.same(Object.keys(sent).sort(), added.map((name) => `fidelity-${name}`).sort(), "every model added is sent");
  t.same(
    refused,
    Object.fromEntries(Object.entries(UNBUILDABLE).map(([name, { why }]) => [name, why])),
    "every registered model is built, but those BokehJS cannot make",
  );
  for (const [name, { attributes, why }] of Object.entries(UNBUILDABLE)) {
    t.equal(await first.page.evaluate(loadFromJson, { name, attributes }), why, `${name}: no document can hold one`);
  }
  // The first page's own patches are applied before the server answers the second page's PULL-DOC.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const second = await openPage(fx.browser, `${fx.base}/probe?bokeh-session-id=${session}`);
  t.teardown(() => {
    if (second.problems.length > 0) t.comment(`second page: ${second.problems.slice(0, 5).join("; ").slice(0, 2000)}`);
  });
  // Not waitForBokeh: views of some lone models never become idle; the document is what is compared.
  await second.page.waitForFunction(
    () => ((window as unknown as { Bokeh?: PageBokeh }).Bokeh?.documents[0]?.roots().length ?? 0) > 1,
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
      // Unset readonly properties and models BokehJS marks `syncable: false` (RangeTool's overlay, which its view
      // changes): client-side state, never sent by BokehJS.
      if (a === b || a === '"(unset)"' || a.includes('"syncable":false')) continue;
      differing.push(`${name}.${attr}: sent ${a.slice(0, 300)} pulled ${b?.slice(0, 300)}`);
    }
  }
  t.same(differing, [], "every property of every model as sent");
  await first.page.close();
  await second.page.close();
});
