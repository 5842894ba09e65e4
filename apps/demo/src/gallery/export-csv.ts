import {
  Button,
  ColumnDataSource,
  CustomJS,
  column,
  DataTable,
  type Document,
  NumberFormatter,
  RangeSlider,
  row,
  TableColumn,
} from "@fastify-bokeh/document";
import { type Employee, employees } from "./data/employees.js";

export const description =
  "A salary slider filters a DataTable on the server; a Button's CustomJS downloads the shown rows as CSV.";

export const CSV_COLUMNS = ["name", "salary", "years_experience"] as const;

/** The employees whose salary is inside the range, in their original order. */
export function salaryFilter(all: readonly Employee[], [low, high]: readonly [number, number]): Employee[] {
  return all.filter((e) => e.salary >= low && e.salary <= high);
}

// Runs in the browser with `source` and `filename` bound from `args`: RFC 4180 quoting, then a download link.
const DOWNLOAD_CSV = `
const columns = ${JSON.stringify(CSV_COLUMNS)};
const quote = (value) => {
  const text = String(value);
  return /[",\\r\\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
};
const rows = source.get_length() ?? 0;
const lines = [columns.join(",")];
for (let i = 0; i < rows; i++) lines.push(columns.map((name) => quote(source.data[name][i])).join(","));
const blob = new Blob([lines.join("\\n") + "\\n"], { type: "text/csv;charset=utf-8" });
const link = document.createElement("a");
link.href = URL.createObjectURL(blob);
link.download = filename;
link.style.display = "none";
document.body.appendChild(link);
link.click();
link.remove();
setTimeout(() => URL.revokeObjectURL(link.href), 10000);
`;

/** Python Bokeh's "export_csv" gallery app: filtering on the server, CSV building in the browser. */
export function exportCsv(doc: Document): void {
  const all = employees();
  const initial: [number, number] = [10_000, 150_000];
  const source = new ColumnDataSource({ data: {}, name: "source" });
  const salary = new RangeSlider({
    title: "Salary",
    start: 10_000,
    end: 250_000,
    value: initial,
    step: 1_000,
    format: "0,0",
    name: "salary",
  });

  const update = (): void => {
    const shown = salaryFilter(all, salary.value as [number, number]);
    source.data = Object.fromEntries(CSV_COLUMNS.map((name) => [name, shown.map((e) => e[name])]));
  };
  salary.on_change("value", update);
  update();

  const download = new CustomJS({ args: { source, filename: "salaries.csv" }, code: DOWNLOAD_CSV });
  const button = new Button({
    label: "Download CSV",
    button_type: "success",
    name: "download",
    js_event_callbacks: { button_click: [download] },
  });

  const table = new DataTable({
    // Reordering columns needs jquery-ui, which BokehJS does not bundle.
    reorderable: false,
    source,
    width: 800,
    name: "table",
    columns: [
      new TableColumn({ field: "name", title: "Employee Name" }),
      new TableColumn({ field: "salary", title: "Income", formatter: new NumberFormatter({ format: "$0,0.00" }) }),
      new TableColumn({ field: "years_experience", title: "Experience (years)" }),
    ],
  });

  doc.add_root(row([column([salary, button], { width: 300 }), table], { name: "layout" }));
  doc.title = "Export CSV";
}
