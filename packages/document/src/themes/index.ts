export type { BuiltInThemeName } from "./built-in-themes.js";
export { built_in_themes } from "./built-in-themes.js";
export type { ThemeLike } from "./document-theme.js";
export { documentTheme, setDocumentTheme } from "./document-theme.js";
export { Theme } from "./theme.js";
export type { ThemeJson } from "./theme-json.js";
