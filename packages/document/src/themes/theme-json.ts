/**
 * A theme as data, in Bokeh's format: `attrs` maps model names (`Plot`, `Axis`, `Title`, Python's `figure`, …) to
 * property values that replace those models' defaults; `line_defaults`, `fill_defaults` and `text_defaults` apply to
 * every glyph with line, fill or text properties.
 */
export interface ThemeJson {
  readonly attrs?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly line_defaults?: Readonly<Record<string, unknown>>;
  readonly fill_defaults?: Readonly<Record<string, unknown>>;
  readonly text_defaults?: Readonly<Record<string, unknown>>;
}
