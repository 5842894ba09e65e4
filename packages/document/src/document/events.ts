import type { HasProps, Setter } from "../core/has-props.js";
import type { Slice } from "../core/slice.js";

export { Slice } from "../core/slice.js";

/** Column name → new values, as streamed or assigned. */
export type ColumnData = Record<string, unknown>;

/** A patch target: an index, a slice, or `[row, dim0, dim1]` for 2-D image columns (as in Bokeh). */
export type PatchIndex = number | Slice | [number, number | Slice, number | Slice];

interface Base {
  /** The connection whose patch caused this change (not echoed back to it), or null for server-side changes. */
  readonly setter: Setter;
}

interface DocumentModelChanged extends Base {
  readonly kind: "ModelChanged";
  readonly model: HasProps;
  readonly attr: string;
  readonly value: unknown;
}
interface DocumentColumnDataChanged extends Base {
  readonly kind: "ColumnDataChanged";
  readonly model: HasProps;
  readonly attr: string;
  readonly data: ColumnData;
  readonly cols: string[] | null;
}
interface DocumentColumnsStreamed extends Base {
  readonly kind: "ColumnsStreamed";
  readonly model: HasProps;
  readonly attr: string;
  readonly data: ColumnData;
  readonly rollover: number | null;
}
interface DocumentColumnsPatched extends Base {
  readonly kind: "ColumnsPatched";
  readonly model: HasProps;
  readonly attr: string;
  readonly patches: Record<string, Array<[PatchIndex, unknown]>>;
}
interface DocumentRootAdded extends Base {
  readonly kind: "RootAdded";
  readonly model: HasProps;
}
interface DocumentRootRemoved extends Base {
  readonly kind: "RootRemoved";
  readonly model: HasProps;
}
interface DocumentTitleChanged extends Base {
  readonly kind: "TitleChanged";
  readonly title: string;
}
interface DocumentMessageSent extends Base {
  readonly kind: "MessageSent";
  readonly msg_type: string;
  readonly msg_data: unknown;
}

export type DocumentChangedEvent =
  | DocumentModelChanged
  | DocumentColumnDataChanged
  | DocumentColumnsStreamed
  | DocumentColumnsPatched
  | DocumentRootAdded
  | DocumentRootRemoved
  | DocumentTitleChanged
  | DocumentMessageSent;
