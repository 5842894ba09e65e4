/**
 * `--log-format '%(asctime)s %(levelname)s %(message)s'`: bokeh serve takes a Python logging format string; we lay
 * out each pino record with the same string, so the lines an operator greps for look the same.
 */
import { ServeArgsError } from "./serve-args-error.js";

/** A pino record as written to its destination (one JSON object per line). */
export interface PinoRecord {
  readonly level?: number;
  readonly time?: number;
  readonly pid?: number;
  readonly hostname?: string;
  readonly name?: string;
  readonly msg?: string;
  readonly err?: { readonly message?: string; readonly stack?: string };
}

/** `%(name)flags-width.precision type`, or `%%`. */
const FIELD = /%\((\w+)\)([-#0 +]*)(\d*)(?:\.(\d+))?([sdifr])|%%/g;

/** pino levels → Python's level names and numbers (bokeh's TRACE is 9). */
const PYTHON_LEVELS: ReadonlyArray<readonly [number, string, number]> = [
  [60, "CRITICAL", 50],
  [50, "ERROR", 40],
  [40, "WARNING", 30],
  [30, "INFO", 20],
  [20, "DEBUG", 10],
  [10, "TRACE", 9],
];

const two = (n: number): string => String(n).padStart(2, "0");

/** Python's default `asctime`: local time as `2024-05-01 12:34:56,789`. */
function asctime(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${date} ${time},${String(d.getMilliseconds()).padStart(3, "0")}`;
}

function level(record: PinoRecord): readonly [string, number] {
  const found = PYTHON_LEVELS.find(([pino]) => (record.level ?? 30) >= pino);
  return found === undefined ? ["NOTSET", 0] : [found[1], found[2]];
}

function message(record: PinoRecord): string {
  const msg = record.msg ?? "";
  if (record.err?.stack === undefined) return msg;
  return msg === "" || msg === record.err.message ? record.err.stack : `${msg}\n${record.err.stack}`;
}

/** The LogRecord attributes Python's format strings name, as far as a Node process has them. */
const ATTRIBUTES: Readonly<Record<string, (record: PinoRecord) => string | number>> = {
  asctime: (r) => asctime(r.time ?? Date.now()),
  created: (r) => (r.time ?? Date.now()) / 1000,
  msecs: (r) => (r.time ?? Date.now()) % 1000,
  message,
  levelname: (r) => level(r)[0],
  levelno: (r) => level(r)[1],
  name: (r) => r.name ?? "fastify-bokeh",
  process: (r) => r.pid ?? process.pid,
  processName: () => "MainProcess",
  thread: () => 0,
  threadName: () => "MainThread",
  module: () => "",
  filename: () => "",
  pathname: () => "",
  funcName: () => "",
  lineno: () => 0,
};

/** One field with Python's `%` conversion flags: `-` left-aligns, a width pads, a precision cuts or rounds. */
function convert(value: string | number, flags: string, width: string, precision: string | undefined, type: string) {
  let text: string;
  if (type === "d" || type === "i") text = String(Math.trunc(Number(value)));
  else if (type === "f") text = Number(value).toFixed(precision === undefined ? 6 : Number(precision));
  else text = precision === undefined ? String(value) : String(value).slice(0, Number(precision));
  const size = width === "" ? 0 : Number(width);
  return flags.includes("-") ? text.padEnd(size) : text.padStart(size, flags.includes("0") ? "0" : " ");
}

/** Rejects a format naming an attribute we do not have (Python would fail on every line). */
export function checkPythonLogFormat(format: string): void {
  for (const match of format.matchAll(FIELD)) {
    const name = match[1];
    if (name !== undefined && ATTRIBUTES[name] === undefined)
      throw new ServeArgsError(`--log-format: unknown attribute %(${name}) (try asctime, levelname, name, message)`);
  }
}

/** The record laid out by `format`. */
export function pythonLogLine(format: string, record: PinoRecord): string {
  return format.replace(FIELD, (whole, name?: string, flags = "", width = "", precision?: string, type = "s") => {
    if (whole === "%%") return "%";
    const attribute = name === undefined ? undefined : ATTRIBUTES[name];
    return attribute === undefined ? whole : convert(attribute(record), flags, width, precision, type);
  });
}
