import { NDArray } from "../../core/util/ndarray.js";
import { ContourTracer } from "./tracer.js";

/** A 2D grid of numbers, as rows (`z[j][i]`) or a 2D NDArray. */
export type GridValues = ReadonlyArray<ReadonlyArray<number>> | NDArray;
/** GridValues coordinates: one value per column (x) or row (y), or a value per grid point. */
export type GridCoordinates = readonly number[] | GridValues;

/** The filled polygons between each pair of adjacent levels: per band, per polygon, per ring, the coordinates. */
export interface FillData {
  readonly xs: Float64Array[][][];
  readonly ys: Float64Array[][][];
  readonly lower_levels: Float64Array | Int32Array;
  readonly upper_levels: Float64Array | Int32Array;
}

/** The contour lines of each level: its lines' coordinates, lines separated by NaN. */
export interface LineData {
  readonly xs: Float64Array[];
  readonly ys: Float64Array[];
  readonly levels: Float64Array | Int32Array;
}

/** Python's `ContourData`: fill and line data, each null when not wanted. */
export interface ContourData {
  readonly fill_data: FillData | null;
  readonly line_data: LineData | null;
}

const isNDArray = (value: unknown): value is NDArray => value instanceof NDArray;

function gridValues(grid: GridValues, name: string): { values: Float64Array; shape: [number, number] } {
  if (isNDArray(grid)) {
    if (grid.shape.length !== 2) throw new Error(`${name} must be a 2D array`);
    return {
      values: Float64Array.from(grid.array as ArrayLike<number>),
      shape: [grid.shape[0] ?? 0, grid.shape[1] ?? 0],
    };
  }
  const ny = grid.length;
  const nx = grid[0]?.length ?? 0;
  if (grid.some((row) => row.length !== nx)) throw new Error(`${name} rows must all have the same length`);
  return { values: Float64Array.from(grid.flat()), shape: [ny, nx] };
}

/** x or y at every grid point: given so, or spread from one value per column (x) or row (y), or indices. */
function coordinates(given: GridCoordinates | null, axis: "x" | "y", [ny, nx]: [number, number]): Float64Array {
  if (given === null)
    return Float64Array.from({ length: nx * ny }, (_, k) => (axis === "x" ? k % nx : Math.floor(k / nx)));
  const isFlat = !isNDArray(given) && given.every((v) => typeof v === "number");
  if (!isFlat) {
    const { values, shape } = gridValues(given as GridValues, axis);
    if (shape[0] !== ny || shape[1] !== nx) throw new Error("x, y and z arrays must have the same shape");
    return values;
  }
  const flat = given as readonly number[];
  if (flat.length !== (axis === "x" ? nx : ny))
    throw new Error(`Length of ${axis} must match the ${axis === "x" ? "number of columns" : "number of rows"} in z`);
  return Float64Array.from(
    { length: nx * ny },
    (_, k) => flat[axis === "x" ? k % nx : Math.floor(k / nx)] ?? Number.NaN,
  );
}

/** Levels as numpy would hold them: integers as int32 (how Bokeh sends int64), otherwise float64. */
const levelArray = (levels: readonly number[]): Float64Array | Int32Array =>
  levels.every(Number.isInteger) ? Int32Array.from(levels) : Float64Array.from(levels);

function validateLevels(levels: readonly number[]): void {
  if (levels.length === 0) throw new Error("No contour levels specified");
  for (let i = 1; i < levels.length; i++) {
    if ((levels[i] ?? 0) - (levels[i - 1] ?? 0) <= 0) throw new Error("Contour levels must be increasing");
  }
}

export interface ContourDataOptions {
  want_fill?: boolean;
  want_line?: boolean;
}

/**
 * Contour lines and filled polygons of `z` at `levels`, as Python's `bokeh.plotting.contour.contour_data` computes
 * them with contourpy (serial algorithm): the same points in the same order.
 */
export function contour_data(
  x: GridCoordinates | null,
  y: GridCoordinates | null,
  z: GridValues,
  levels: readonly number[],
  { want_fill = true, want_line = true }: ContourDataOptions = {},
): ContourData {
  validateLevels(levels);
  const wantFill = want_fill && levels.length >= 2;
  if (!wantFill && !want_line) throw new Error("Neither fill nor line requested in contour_data");
  const { values, shape } = gridValues(z, "z");
  const tracer = new ContourTracer(coordinates(x, "x", shape), coordinates(y, "y", shape), values, shape);
  let fill_data: FillData | null = null;
  if (wantFill) {
    const xs: Float64Array[][][] = [];
    const ys: Float64Array[][][] = [];
    for (let i = 0; i + 1 < levels.length; i++) {
      const { points, offsets } = tracer.filledPolygons(levels[i] ?? 0, levels[i + 1] ?? 0);
      const rings = (axis: 0 | 1): Float64Array[][] =>
        points.map((polygon, p) =>
          (offsets[p] ?? [])
            .slice(0, -1)
            .map((start, r) => Float64Array.from(polygon.slice(start, offsets[p]?.[r + 1]), (point) => point[axis])),
        );
      xs.push(rings(0));
      ys.push(rings(1));
    }
    const all = levelArray(levels);
    fill_data = { xs, ys, lower_levels: all.slice(0, -1), upper_levels: all.slice(1) };
  }
  let line_data: LineData | null = null;
  if (want_line) {
    const lines = levels.map((level) => tracer.lines(level));
    line_data = {
      xs: lines.map((points) => Float64Array.from(points, (p) => p[0])),
      ys: lines.map((points) => Float64Array.from(points, (p) => p[1])),
      levels: levelArray(levels),
    };
  }
  return { fill_data, line_data };
}
