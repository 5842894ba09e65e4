import { check } from "./bench-error.js";
import { mapEntries, maxAbsDifference, numericColumn, requireModel } from "./doc-json.js";
import type { OpenedSession } from "./session.js";

// What the pulled documents of the contract apps must contain (reference/apps/contract/README.md). Floating-point
// results may differ in the last bits between numpy and V8, hence the tolerance.
const TOLERANCE = 1e-9;

const SLIDERS_POINTS = 200;
const BIG_POINTS = 1_000_000;

function columns(
  session: OpenedSession,
  sourceName = "source",
): { id: string; x: ArrayLike<number>; y: ArrayLike<number> } {
  const source = requireModel(session.models, sourceName, "ColumnDataSource");
  const data = mapEntries(source.attributes.data);
  return {
    id: source.id,
    x: numericColumn(data.get("x"), session.buffers),
    y: numericColumn(data.get("y"), session.buffers),
  };
}

export interface SlidersModels {
  sourceId: string;
  freqId: string;
  /** The x column, against which the server's new y values are checked. */
  x: ArrayLike<number>;
}

/** y = amp·sin(freq·x) for every x. */
export function expectedWave(x: ArrayLike<number>, amp: number, freq: number): Float64Array {
  // A plain loop: `Float64Array.from(x, fn)` took a sixth of the load generator's CPU in the roundtrip scenario.
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = amp * Math.sin(freq * (x[i] ?? Number.NaN));
  return y;
}

/** Checks the initial /sliders document: 200 evenly spaced x on [0, 4π], y = sin(x), both sliders at 1. */
export function checkSliders(session: OpenedSession): SlidersModels {
  const freq = requireModel(session.models, "freq", "Slider");
  const amp = requireModel(session.models, "amp", "Slider");
  check(freq.attributes.value === 1 && amp.attributes.value === 1, "sliders must start at freq = amp = 1");
  requireModel(session.models, "title", "TextInput");
  requireModel(session.models, "plot", "Figure");
  const { id, x, y } = columns(session);
  check(x.length === SLIDERS_POINTS, `sliders x has ${x.length} values, expected ${SLIDERS_POINTS}`);
  const even = Float64Array.from({ length: SLIDERS_POINTS }, (_, i) => (4 * Math.PI * i) / (SLIDERS_POINTS - 1));
  check(maxAbsDifference(x, even) <= TOLERANCE, "sliders x is not 200 evenly spaced values on [0, 4π]");
  check(maxAbsDifference(y, expectedWave(x, 1, 1)) <= TOLERANCE, "sliders y is not sin(x)");
  return { sourceId: id, freqId: freq.id, x };
}

/** Checks a ColumnDataChanged that replaced the sliders data: same x, y = amp·sin(freq·x). */
export function checkWave(
  event: { data: unknown },
  buffers: ReadonlyMap<string, ArrayBufferView>,
  expectedX: ArrayLike<number>,
  amp: number,
  freq: number,
): void {
  const data = mapEntries(event.data);
  const x = numericColumn(data.get("x"), buffers);
  const y = numericColumn(data.get("y"), buffers);
  check(maxAbsDifference(x, expectedX) === 0, "the new data's x differs from the document's x");
  check(maxAbsDifference(y, expectedWave(expectedX, amp, freq)) <= TOLERANCE, `the new y is not ${amp}·sin(${freq}·x)`);
}

/** Whether (x, y) lies on the streamed wave y = sin(x / 10); a missing coordinate does not. */
const isWave = (x: number | undefined, y: number | undefined): boolean =>
  x !== undefined && y !== undefined && Math.abs(y - Math.sin(x / 10)) <= TOLERANCE;

/**
 * Checks a /stream document (any number of points streamed so far: consecutive x, y = sin(x/10)) and returns
 * the x the next streamed batch must start at.
 */
export function checkStream(session: OpenedSession): { sourceId: string; nextX: number } {
  const { id, x, y } = columns(session);
  check(x.length === y.length, "stream x and y differ in length");
  for (let i = 0; i < x.length; i++) {
    check(i === 0 || x[i] === (x[i - 1] ?? NaN) + 1, "stream x values are not consecutive");
    check(isWave(x[i], y[i]), "stream y is not sin(x / 10)");
  }
  const last = x[x.length - 1];
  return { sourceId: id, nextX: last === undefined ? 0 : last + 1 };
}

/**
 * Checks one streamed batch (`n` points continuing at `nextX`, y = sin(x/10), rollover 1000) and returns the x the
 * next batch must start at.
 */
export function checkStreamBatch(event: { data: unknown; rollover?: number | null }, nextX: number, n: number): number {
  check(event.rollover === 1000, `stream rollover ${String(event.rollover)}, expected 1000`);
  const data = mapEntries(event.data);
  const x = numericColumn(data.get("x"), new Map());
  const y = numericColumn(data.get("y"), new Map());
  check(x.length === n && y.length === n, `streamed ${x.length} points, expected ${n}`);
  for (let i = 0; i < n; i++) {
    check(x[i] === nextX + i, `streamed x ${x[i]}, expected ${nextX + i}`);
    check(isWave(x[i], y[i]), "streamed y is not sin(x / 10)");
  }
  return nextX + n;
}

/** Checks the /big document: x[i] = i and y[i] = sin(i / 1000) for all 1,000,000 points, as binary buffers. */
export function checkBig(session: OpenedSession): void {
  requireModel(session.models, "plot", "Figure");
  const { x, y } = columns(session);
  check(x instanceof Float64Array && y instanceof Float64Array, "big columns must travel as binary float64 buffers");
  check(
    x.length === BIG_POINTS && y.length === BIG_POINTS,
    `big has ${x.length}/${y.length} points, expected ${BIG_POINTS}`,
  );
  for (let i = 0; i < BIG_POINTS; i++) {
    if (x[i] !== i || !(Math.abs((y[i] ?? NaN) - Math.sin(i / 1000)) <= TOLERANCE))
      check(false, `big point ${i} is wrong`);
  }
}
