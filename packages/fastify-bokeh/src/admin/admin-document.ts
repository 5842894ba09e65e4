import { ColumnDataSource, column, DataTable, Div, type Document, TableColumn } from "@fastify-bokeh/document";
import type { BokehServer } from "../core/bokeh-server.js";
import { type AdminSnapshot, adminSnapshot } from "./admin-snapshot.js";

const MIB = 1024 * 1024;

const table = (source: ColumnDataSource, fields: ReadonlyArray<[string, string]>, name: string): DataTable =>
  new DataTable({
    source,
    name,
    width: 800,
    height: 240,
    index_position: null,
    columns: fields.map(([field, title]) => new TableColumn({ field, title })),
  });

function summary(snapshot: AdminSnapshot): string {
  const { rss, heapUsed, heapTotal } = snapshot.memory;
  const mib = (bytes: number) => (bytes / MIB).toFixed(1);
  const timings =
    snapshot.callbacks === undefined ? " Callback timings need the <code>metrics</code> option of bokehCore." : "";
  return `<b>${snapshot.sessions.length}</b> live sessions. Memory: RSS ${mib(rss)} MiB, heap ${mib(heapUsed)} / ${mib(heapTotal)} MiB.${timings}`;
}

/**
 * The admin page as a Bokeh application: the server's live sessions (app, id, age, idle time, connections), its
 * memory and the callback timings per app, refreshed every `refreshMs`.
 */
export function adminDocument(server: BokehServer, adminPath: string, refreshMs: number) {
  return async (doc: Document): Promise<void> => {
    const sessions = new ColumnDataSource({ data: {}, name: "sessions" });
    const callbacks = new ColumnDataSource({ data: {}, name: "callbacks" });
    const header = new Div({ text: "", name: "summary" });
    const refresh = async (): Promise<void> => {
      const snapshot = await adminSnapshot(server, adminPath);
      header.text = summary(snapshot);
      const rows = snapshot.sessions;
      sessions.data = {
        app: rows.map((r) => r.app),
        id: rows.map((r) => r.id),
        age: rows.map((r) => r.age),
        idle: rows.map((r) => r.idle),
        connections: rows.map((r) => r.connections),
      };
      const timings = snapshot.callbacks ?? [];
      callbacks.data = {
        app: timings.map((r) => r.app),
        kind: timings.map((r) => r.kind),
        count: timings.map((r) => r.count),
        mean_ms: timings.map((r) => r.meanMs),
      };
    };
    await refresh();
    doc.add_periodic_callback(refresh, refreshMs);
    const sessionFields: Array<[string, string]> = [
      ["app", "App"],
      ["id", "Session"],
      ["age", "Age (s)"],
      ["idle", "Idle (s)"],
      ["connections", "Connections"],
    ];
    const callbackFields: Array<[string, string]> = [
      ["app", "App"],
      ["kind", "Callback"],
      ["count", "Runs"],
      ["mean_ms", "Mean (ms)"],
    ];
    doc.add_root(
      column([
        new Div({ text: "<h2>fastify-bokeh admin</h2>" }),
        header,
        table(sessions, sessionFields, "session_table"),
        table(callbacks, callbackFields, "callback_table"),
      ]),
    );
    doc.title = "fastify-bokeh admin";
  };
}
