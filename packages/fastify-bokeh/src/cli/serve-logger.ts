/**
 * The server's pino logger from `--log-level`, `--log-format` and `--log-file`: JSON lines for machines, pino-pretty
 * for a terminal, or bokeh's Python logging format strings for operators who grep bokeh serve's lines.
 */
import { type DestinationStream, destination, type Logger, pino } from "pino";
import type PinoPretty from "pino-pretty";
import { hasPackage, optionalPackage } from "../resources/optional-package.js";
import { type PinoRecord, pythonLogLine } from "./python-log-format.js";
import type { LogFormat, ServeArgs } from "./serve-args.js";

/** Writes each record as one line laid out by a Python logging format string. */
class PythonFormatStream implements DestinationStream {
  constructor(
    private readonly format: string,
    private readonly out: DestinationStream,
  ) {}

  write(line: string): void {
    this.out.write(`${pythonLogLine(this.format, JSON.parse(line) as PinoRecord)}\n`);
  }
}

/** Where the log goes: `--log-file` (appended, as Python's FileHandler does) or standard output. */
function sink(logFile: string | undefined): DestinationStream {
  return logFile === undefined ? destination({ dest: 1, sync: true }) : destination({ dest: logFile, sync: true });
}

function stream(format: LogFormat, logFile: string | undefined): DestinationStream {
  const out = sink(logFile);
  const terminal = logFile === undefined && process.stdout.isTTY === true;
  // Pretty by default on a terminal when pino-pretty is installed (an optional peer dependency).
  const kind = format.kind === "auto" ? (terminal && hasPackage("pino-pretty") ? "pretty" : "json") : format.kind;
  if (kind === "pretty")
    return optionalPackage<typeof PinoPretty>(
      "pino-pretty",
      "--log-format pretty",
    )({ destination: out, colorize: terminal, sync: true, translateTime: "SYS:standard" });
  if (format.kind === "python") return new PythonFormatStream(format.format, out);
  return out;
}

/** The logger `fastify-bokeh serve` hands Fastify. */
export function serveLogger(args: Pick<ServeArgs, "logLevel" | "logFormat" | "logFile">): Logger {
  return pino({ level: args.logLevel }, stream(args.logFormat, args.logFile));
}
