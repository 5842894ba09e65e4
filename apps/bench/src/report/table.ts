import type { Row } from "./targets.js";

function figure(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(magnitude >= 1 ? 2 : 3);
}

function ratio(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return value >= 1 ? `${figure(value)}×` : `1/${figure(1 / value)}`;
}

const HEADERS = ["metric", "fastify-bokeh", "bokeh serve", "ratio", "target", "met"] as const;

/** The results table as fixed-width text (also valid Markdown, for the README). */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [
    row.metric,
    figure(row.ours),
    figure(row.bokeh),
    ratio(row.ratio),
    row.target ?? "",
    row.met === null ? (row.target === null ? "" : "—") : row.met ? "yes" : "NO",
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const line = (values: readonly string[]): string =>
    `| ${values.map((value, i) => (i === 0 ? value.padEnd(widths[i] ?? 0) : value.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (i === 0 ? "-".repeat(width + 2) : `${"-".repeat(width + 1)}:`)).join("|")}|`;
  return [line(HEADERS), rule, ...cells.map(line)].join("\n");
}
