// Bit flags of the per-point cache of the marching squares tracer (one entry per grid point; a quad is named after
// its north-east point). The layout follows contourpy's serial algorithm, whose output order we reproduce.

export const Z_LEVEL = 0b11; // 0: z ≤ lower level, 1: between, 2: z > upper level (filled only).
export const MIDDLE_Z_LEVEL = 0b11 << 2;
export const BOUNDARY_E = 1 << 4;
export const BOUNDARY_N = 1 << 5;
export const EXISTS_QUAD = 1 << 6;
export const START_E = 1 << 11;
export const START_N = 1 << 12;
export const START_BOUNDARY_E = 1 << 13;
export const START_BOUNDARY_N = 1 << 14;
export const START_BOUNDARY_S = 1 << 15;
export const START_BOUNDARY_W = 1 << 16;
export const ANY_START = START_E | START_N | START_BOUNDARY_E | START_BOUNDARY_N | START_BOUNDARY_S | START_BOUNDARY_W;
export const LOOK_N = 1 << 19;
export const LOOK_S = 1 << 20;
export const NO_STARTS_IN_ROW = 1 << 21;
export const NO_MORE_STARTS = 1 << 22;
/** What survives from one level to the next: the grid's shape. */
export const KEEP = EXISTS_QUAD | BOUNDARY_E | BOUNDARY_N;

/**
 * Filled contours: the starts a quad gets from the z-levels of its corners, keyed by the corner configuration
 * `nw ne sw se` (base 3 digits written as in contourpy's tables). `S`/`W` are boundary starts (only where that side
 * is a boundary), `N`/`E` interior starts, `m…` starts that depend on the level of the quad's middle.
 */
export type FilledStart = "S" | "W" | "N" | "E" | "mN0" | "mE<2" | "mE>0" | "mN2";

const filled = (configs: string, starts: FilledStart[]): Array<[string, FilledStart[]]> =>
  configs.split(" ").map((config) => [config, starts]);

/** The starts of each filled configuration (configurations not listed have none). */
export const FILLED_STARTS: ReadonlyMap<string, readonly FilledStart[]> = new Map([
  ...filled("0001 0002 0101 0102 0202 1010 1212 2020 2120 2121 2220 2221", ["S"]),
  ...filled("0010 0011 0012 0020 0021 0111 0112 0121 0212 1020 1202 2010 2101 2110 2111 2201 2202 2210 2211 2212", [
    "S",
    "W",
  ]),
  ...filled("0022 0122 0222 1000 1222 2000 2100 2200", ["W"]),
  ...filled("0100 2122", ["N"]),
  ...filled("0110 0120", ["S", "W", "mN0"]),
  ...filled("0200 2022", ["E", "N"]),
  ...filled("0201 1011 1012 1210 1211 2021", ["S", "E"]),
  ...filled("0210", ["S", "W", "mN0", "E"]),
  ...filled("0211 1021 1201 2011", ["S", "W", "E"]),
  ...filled("0220", ["S", "W", "mE<2", "mN0"]),
  ...filled("0221 1220 1221", ["S", "W", "mE<2"]),
  ...filled("1001 1002 2001", ["S", "W", "mE>0"]),
  ...filled("1022 1200", ["W", "E"]),
  ...filled("1100 1122", ["W"]),
  ...filled("1101 1102 1120 1121", ["S", "W"]),
  ...filled("1110 1111 1112", ["S"]),
  ...filled("2002", ["S", "W", "mE>0", "mN2"]),
  ...filled("2012", ["S", "W", "mN2", "E"]),
  ...filled("2102 2112", ["S", "W", "mN2"]),
]);

/** Configurations whose starts need the level of the quad's middle (saddles). */
export const FILLED_NEEDS_MIDDLE = new Set(
  "0110 0120 0210 0220 0221 1220 1221 1001 1002 2001 2002 2012 2102 2112".split(" "),
);
