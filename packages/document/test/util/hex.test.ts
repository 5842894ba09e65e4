import t from "tap";
import { axial_to_cartesian, cartesian_to_axial, type HexOrientation, hexbin } from "../../src/util/hex.js";
import { differences, type Json, plain, hexPoints as points, readFixture } from "../fixtures/golden-python/compare.js";

// Golden test of bokeh.util.hex: the cases of fixtures/golden-python/numbers.json (Python Bokeh 3.9.2's results for
// the same points, written by generate.py), within 1e-9.

const fixture = readFixture<{ hex: Record<string, Record<string, Json>> }>("numbers.json");

const cases = Object.entries(fixture.hex);
t.ok(cases.length >= 15, `${cases.length} cases`);
for (const [name, expected] of cases) {
  t.test(name, async (t) => {
    const [, fn = "", args = ""] = /^(\w+)\((.*)\)$/.exec(name) ?? [];
    const [n, scale, size, orientation, aspect] = args.split(", ");
    const [xs, ys] = points(Number(n), Number(scale));
    const o = orientation as HexOrientation;
    let ours: Record<string, number[]>;
    if (fn === "hexbin") {
      const bins = hexbin(xs, ys, Number(size), o, Number(aspect));
      ours = { q: bins.q, r: bins.r, counts: bins.counts };
    } else {
      const [q, r] = cartesian_to_axial(xs, ys, Number(size), o, Number(aspect));
      if (fn === "cartesian_to_axial") ours = { q, r };
      else {
        const [x, y] = axial_to_cartesian(q, r, Number(size), o, Number(aspect));
        ours = { x, y };
      }
    }
    const json = Object.fromEntries(Object.entries(ours).map(([key, values]) => [key, values.map(plain)]));
    t.same(differences(json, expected, 1e-9), [], "as Python computes it");
  });
}
