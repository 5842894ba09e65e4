import { PropertyValueError, UnknownPropertyError } from "../core/errors.js";
import { type HasProps, modelsIn } from "../core/has-props.js";
import { isEqual } from "../core/util/eq.js";
import type { Document } from "../document/document.js";
import type { DocumentChangedEvent } from "../document/events.js";
import { type BuiltInThemeName, built_in_themes } from "./built-in-themes.js";
import { Theme } from "./theme.js";
import type { ThemeJson } from "./theme-json.js";

/** A theme, its JSON (`{attrs: {Plot: {…}}}`), or the name of a built-in theme. */
export type ThemeLike = Theme | ThemeJson | BuiltInThemeName;

interface AppliedTheme {
  readonly theme: Theme;
  readonly unsubscribe: () => void;
}

const appliedThemes = new WeakMap<Document, AppliedTheme>();
/** The values a theme put on each model, to tell them from the app's own values when the theme changes. */
const themedValues = new WeakMap<HasProps, Map<string, unknown>>();

const toTheme = (theme: ThemeLike): Theme => {
  if (theme instanceof Theme) return theme;
  if (typeof theme === "string") {
    const builtIn = built_in_themes[theme];
    if (builtIn === undefined)
      throw new Error(`unknown theme '${theme}'; built-in themes: ${Object.keys(built_in_themes).join(", ")}`);
    return builtIn;
  }
  return new Theme(theme);
};

/** Checks a themed value against the property's kind, as an assignment would. */
function validated(model: HasProps, prop: string, value: unknown): unknown {
  const def = model.propertyDef(prop);
  if (def === undefined) throw new UnknownPropertyError(model.__qualified__, prop);
  const coerced = def.kind.coerce !== undefined ? def.kind.coerce(value) : value;
  if (!def.kind.valid(coerced)) throw new PropertyValueError(model.__qualified__, prop, String(def.kind), coerced);
  return coerced;
}

/**
 * Gives a model the values of `theme` (or takes the previous theme's away, for null) wherever the app has not set
 * its own. Models already shown by clients are changed through `setv`, so the change reaches them as PATCH-DOC
 * events; models just joining the document (`quiet`) get the values silently, as part of the definition the
 * joining event sends.
 */
function applyToModel(model: HasProps, theme: Theme | null, quiet: boolean): void {
  const before = themedValues.get(model);
  const values = theme?.valuesFor(model) ?? new Map<string, unknown>();
  const set = (prop: string, value: unknown): void =>
    quiet ? model.setRaw(prop, value) : void model.setv(prop, value);
  const stillThemed = (prop: string): boolean =>
    before?.has(prop) === true && isEqual(model.getv(prop), before.get(prop));
  for (const prop of before?.keys() ?? []) {
    const def = model.propertyDef(prop);
    if (def !== undefined && !values.has(prop) && stillThemed(prop)) set(prop, def.defaultValue());
  }
  const after = new Map<string, unknown>();
  for (const [prop, value] of values) {
    if (model.isSet(prop) && !stillThemed(prop)) continue;
    set(prop, validated(model, prop, value));
    after.set(prop, model.getv(prop));
  }
  if (after.size > 0) themedValues.set(model, after);
  else themedValues.delete(model);
}

/** Models that an event brings into the document (a new root, or models assigned to a property). */
function* joiningModels(event: DocumentChangedEvent): Iterable<HasProps> {
  if (event.kind === "RootAdded") yield* event.model.references();
  else if (event.kind === "ModelChanged") for (const model of modelsIn(event.value)) yield* model.references();
}

/** The theme of a document, or null. */
export function documentTheme(doc: Document): Theme | null {
  return appliedThemes.get(doc)?.theme ?? null;
}

/**
 * Sets a document's theme, as Python's `doc.theme = …`: themed values act as the defaults of every model in the
 * document, now and when models join it later, and travel in model definitions like set values; values the app
 * sets itself win. Changing the theme of a document that clients show updates them; null removes the theme.
 */
export function setDocumentTheme(doc: Document, theme: ThemeLike | null): void {
  const next = theme === null ? null : toTheme(theme);
  const current = appliedThemes.get(doc);
  if ((current?.theme ?? null) === next) return;
  current?.unsubscribe();
  appliedThemes.delete(doc);
  for (const model of doc.models.values()) applyToModel(model, next, false);
  if (next === null) return;
  const themed = new WeakSet<HasProps>(doc.models.values());
  const unsubscribe = doc.subscribe((event) => {
    for (const model of joiningModels(event)) {
      if (themed.has(model) || model.document !== doc) continue;
      themed.add(model);
      applyToModel(model, next, true);
    }
  });
  appliedThemes.set(doc, { theme: next, unsubscribe });
}
