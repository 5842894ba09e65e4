import type { AddressInfo } from "node:net";
import { type Document, HasProps, kinds as k } from "@fastify-bokeh/document";
import fastify, { type FastifyInstance } from "fastify";
import { type BokehCoreOptions, bokehApp, bokehCore } from "../../src/index.js";

export interface CounterProps {
  name: string | null;
  value: number;
  text: string;
  subscribed_events: Set<string>;
  data: Record<string, unknown> | Map<string, unknown>;
}

/** A tiny model so the plugin can be tested without the generated catalogue. */
export class Counter extends HasProps {
  static {
    this.define<CounterProps>("PluginTestCounter", {
      name: [k.Nullable(k.Str), null],
      value: [k.Float, 0],
      text: [k.Str, ""],
      subscribed_events: [k.Set(k.Str), () => new Set<string>()],
      data: [k.Dict(k.Unknown), () => ({})],
    });
  }
  constructor(attrs: Partial<CounterProps> = {}) {
    super(attrs);
  }
}
export interface Counter extends CounterProps {}

/** An app: `value` changes set `text` (a server-side callback), and the `data` column is binary. */
export function counterApp(doc: Document): void {
  const counter = new Counter({ name: "counter", data: { x: new Float64Array([1, 2, 3]) } });
  counter.on_change("value", (_a, _o, v) => {
    counter.text = `value is ${v}`;
  });
  doc.add_root(counter);
  doc.title = "counter";
}

export interface Started {
  app: FastifyInstance;
  base: string;
  port: number;
}

export async function startServer(core: BokehCoreOptions = {}, path = "/counter"): Promise<Started> {
  const app = fastify();
  await app.register(bokehCore, core);
  await app.register(bokehApp, { path, app: counterApp });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  return { app, base: `http://127.0.0.1:${port}`, port };
}
