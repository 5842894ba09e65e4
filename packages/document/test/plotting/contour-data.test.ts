import t from "tap";
import { contour_data } from "../../src/plotting/contour/contour-data.js";
import { differences, type Json, plain, readFixture } from "../fixtures/golden-python/compare.js";

// Golden test of contour_data against Python Bokeh 3.9.2 with contourpy (fixtures/golden-python/numbers.json): the
// same polygons, rings, lines and points in the same order, coordinates within 1e-9.

const fixture = readFixture<{ contour: Record<string, Json> }>("numbers.json");

/** The grid generate.py contours (dyadic values, so both languages compute exactly the same z). */
export function grid(nx: number, ny: number): [number[], number[], number[][]] {
  const xs = Array.from({ length: nx }, (_, i) => i / 4);
  const ys = Array.from({ length: ny }, (_, j) => j / 8 - 1);
  const z = ys.map((y, j) => xs.map((x, i) => (x - 1.5) ** 2 * 0.5 - y * y + ((i + j) % 5 === 0 ? 1 : 0) * 0.25));
  return [xs, ys, z];
}

/** generate.py's rough grid: saddles, peaks and pits everywhere. */
const rough = (nx: number, ny: number): number[][] =>
  Array.from({ length: ny }, (_, j) => Array.from({ length: nx }, (_, i) => ((i * 7 + j * 13) % 11) / 4 - 1));

const list = (values: ArrayLike<number>): Json => Array.from(values, plain);

const cases = Object.entries(fixture.contour);
t.ok(cases.length >= 6, `${cases.length} cases`);
for (const [name, expected] of cases) {
  t.test(name, async (t) => {
    const [, kind, nx = "", ny = "", levels = ""] = /^(rough_)?contour_data\((\d+)x(\d+), (.*)\)$/.exec(name) ?? [];
    const [xs, ys, z] = grid(Number(nx), Number(ny));
    const data =
      kind === undefined
        ? contour_data(xs, ys, z, JSON.parse(levels) as number[])
        : contour_data(null, null, rough(Number(nx), Number(ny)), JSON.parse(levels) as number[]);
    const fill = data.fill_data;
    const line = data.line_data;
    if (fill === null || line === null) return t.fail("fill and line data");
    const ours: Json = {
      fill: {
        xs: fill.xs.map((band) => band.map((polygon) => polygon.map(list))),
        ys: fill.ys.map((band) => band.map((polygon) => polygon.map(list))),
        lower_levels: list(fill.lower_levels),
        upper_levels: list(fill.upper_levels),
      },
      line: { xs: line.xs.map(list), ys: line.ys.map(list), levels: list(line.levels) },
    };
    t.same(differences(ours, expected, 1e-9), [], "as contourpy traces it");
  });
}
