import { Column, Row, type ColumnProps, type LayoutDOM, type RowProps } from "../models/generated/index.js";

/** A vertical layout, as BokehJS's `column(children, props)`. */
export function column(children: readonly LayoutDOM[], props: Partial<Omit<ColumnProps, "children">> = {}): Column {
  return new Column({ ...props, children: [...children] });
}

/** A horizontal layout, as BokehJS's `row(children, props)`. */
export function row(children: readonly LayoutDOM[], props: Partial<Omit<RowProps, "children">> = {}): Row {
  return new Row({ ...props, children: [...children] });
}
