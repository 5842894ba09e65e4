/** Wire representations of the Bokeh 3 serialization format (`{"type": …}` objects). */
export type Ref = { id: string };
export type NumberRep = { type: "number"; value: "nan" | "+inf" | "-inf" | number };
export type MapRep = { type: "map"; entries?: [unknown, unknown][] };
export type SetRep = { type: "set"; entries?: unknown[] };
export type BytesRep = { type: "bytes"; data: Ref | string };
export type NDArrayRep = {
  type: "ndarray";
  array: BytesRep | unknown[];
  shape: number[];
  dtype: string;
  order: "little" | "big";
};
export type TypedArrayRep = { type: "typed_array"; array: BytesRep; order: "little" | "big"; dtype: string };
export type SliceRep = { type: "slice"; start: number | null; stop: number | null; step: number | null };
export type ObjectRep = { type: "object"; name: string; id: string; attributes?: Record<string, unknown> };
export type EventRep = { type: "event"; name: string; values: MapRep };

export const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
