import { readFileSync } from "node:fs";
import t from "tap";
import { Image, LinearColorMapper } from "../../src/models/index.js";
import * as P from "../../src/palettes/index.js";

// Golden test of bokeh.palettes: every case of fixtures/golden-python/palettes.json (what Python Bokeh 3.9.2 returns,
// written by generate.py) computed with our functions.

type Outcome = { colors: string[] } | { error: string };
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/golden-python/palettes.json", import.meta.url), "utf8"),
) as {
  functions: Record<string, Outcome>;
  names: Record<string, Outcome>;
};

const named = (name: string): P.Palette => {
  const palette: unknown = (P as Record<string, unknown>)[name];
  if (!Array.isArray(palette)) throw new Error(`no palette ${name}`);
  return palette as P.Palette;
};

const GENERATORS: Record<string, (n: number) => P.Palette> = {
  magma: P.magma,
  inferno: P.inferno,
  plasma: P.plasma,
  viridis: P.viridis,
  cividis: P.cividis,
  turbo: P.turbo,
  grey: P.grey,
  gray: P.gray,
};

const INTERP_INPUTS: Record<string, P.Palette> = {
  "red,#00ff0080": ["red", "#00ff0080"],
  Bokeh8: P.Bokeh8,
  "#000,#fff8,navy": ["#000", "#fff8", "navy"],
  Category10_3: P.Category10_3,
  "#123456": ["#123456"],
  empty: [],
};

/** Our call for a case name of the fixture (`viridis(5)`, `linear_palette(Bokeh8, 3)`, …). */
function ours(name: string): () => P.Palette {
  const [, fn = "", rest = ""] = /^(\w+)(.*)$/.exec(name) ?? [];
  if (fn in GENERATORS) return () => GENERATORS[fn]!(Number(rest.slice(1, -1)));
  const args = rest.slice(1, -1).split(", ");
  switch (fn) {
    case "linear_palette":
      return () => P.linear_palette(named(args[0]!), Number(args[1]));
    case "diverging_palette":
      return () => P.diverging_palette(named(args[0]!), named(args[1]!), Number(args[2]), Number(args[3]));
    case "interp_palette": {
      const n = Number(args.at(-1));
      const input = INTERP_INPUTS[args.slice(0, -1).join(", ")]!;
      return () => P.interp_palette(input, n);
    }
    case "varying_alpha_palette": {
      const [color, n, start, end] = JSON.parse(rest) as [string, number | null, number?, number?];
      return () => P.varying_alpha_palette(color, n ?? null, start, end);
    }
    default:
      throw new Error(`no twin for ${name}`);
  }
}

t.test("the palette functions return what Python's do", async (t) => {
  const cases = Object.entries(fixture.functions);
  t.ok(cases.length > 200, `${cases.length} cases`);
  for (const [name, expected] of cases) {
    if ("colors" in expected) t.same(ours(name)(), expected.colors, name);
    else t.throws(ours(name), name);
  }
});

t.test("every palette name gives the colors Python gives, also as a color mapper's palette", async (t) => {
  const entries = Object.entries(fixture.names);
  t.same(
    entries.map(([name]) => name),
    [...P.PALETTE_NAMES],
    "the same names",
  );
  for (const [name, expected] of entries) {
    if (!P.isPaletteName(name)) throw new Error(name);
    const colors = P.paletteByName(name);
    if ("colors" in expected) {
      t.same(colors, expected.colors, name);
      t.same(
        new LinearColorMapper({ palette: name }).palette,
        expected.colors,
        `LinearColorMapper({palette: "${name}"})`,
      );
    } else {
      // Python lists these names but has no palette of that exact name; the family and size give it.
      const [, family = "", size = ""] = /^(.*?)(\d+)$/.exec(name) ?? [];
      t.same(colors, P.all_palettes[family]?.[Number(size)], `${name}: ${family}[${size}]`);
    }
  }
});

t.test("families, groups and generated palettes agree", async (t) => {
  t.equal(P.Viridis256.length, 256);
  t.equal(P.Viridis[256], P.Viridis256, "families share the palettes");
  t.equal(P.all_palettes.Viridis?.[256], P.Viridis256);
  t.equal(P.small_palettes.Viridis?.[256], undefined, "small_palettes has no 256-color sizes");
  t.same(Object.keys(P.brewer).length, 35);
  t.throws(() => P.paletteByName("Nope3" as P.PaletteName), /no palette named 'Nope3'/);
});

t.test("an image's color_mapper takes a palette name, as in Python (a LinearColorMapper of it)", async (t) => {
  const image = new Image();
  image.setv("color_mapper", "Viridis3");
  t.ok(image.color_mapper instanceof LinearColorMapper);
  t.same(image.color_mapper.palette, P.Viridis3);
  t.throws(() => image.setv("color_mapper", "Viridis2"), /expected a value of kind/, "only palette names");
});
