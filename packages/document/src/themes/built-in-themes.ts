import { CALIBER } from "./built-in/caliber.js";
import { CARBON } from "./built-in/carbon.js";
import { CONTRAST } from "./built-in/contrast.js";
import { DARK_MINIMAL } from "./built-in/dark-minimal.js";
import { LIGHT_MINIMAL } from "./built-in/light-minimal.js";
import { NIGHT_SKY } from "./built-in/night-sky.js";
import { Theme } from "./theme.js";

export type BuiltInThemeName = "caliber" | "carbon" | "contrast" | "dark_minimal" | "light_minimal" | "night_sky";

/** Bokeh's built-in themes by name, as Python's `bokeh.themes.built_in_themes`. */
export const built_in_themes: Readonly<Record<BuiltInThemeName, Theme>> = {
  caliber: new Theme(CALIBER),
  carbon: new Theme(CARBON),
  contrast: new Theme(CONTRAST),
  dark_minimal: new Theme(DARK_MINIMAL),
  light_minimal: new Theme(LIGHT_MINIMAL),
  night_sky: new Theme(NIGHT_SKY),
};
