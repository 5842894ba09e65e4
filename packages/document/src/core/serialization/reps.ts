/** Wire representations of the Bokeh 3 serialization format (`{"type": …}` objects). */
export type Ref = { id: string };
export type BytesRep = { type: "bytes"; data: Ref | string };
export type NDArrayRep = {
  type: "ndarray";
  array: BytesRep | unknown[];
  shape: number[];
  dtype: string;
  order: "little" | "big";
};
export type ObjectRep = { type: "object"; name: string; id: string; attributes?: Record<string, unknown> };

export const isPlainRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
