/** A palette: a list of colors (hex RGB(A) strings or CSS color names), as Python's `bokeh.palettes.Palette`. */
export type Palette = readonly string[];

/** Palettes of one family keyed by their size (`Viridis[5]`), as the dicts of `bokeh.palettes`. */
export type PaletteFamily = Readonly<Record<number, Palette>>;
