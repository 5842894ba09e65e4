import fastify, { type FastifyInstance } from "fastify";
import { bokehApp, bokehCore, type BokehCoreOptions } from "fastify-bokeh";
import * as bigApp from "./apps/big.js";
import * as buttonApp from "./apps/button.js";
import * as slidersApp from "./apps/sliders.js";
import * as streamApp from "./apps/stream.js";

/** Every app the demo serves, by path. */
export const DEMO_APPS = [
  { path: "/sliders", app: slidersApp.sliders, description: slidersApp.description },
  { path: "/button", app: buttonApp.button, description: buttonApp.description },
  { path: "/stream", app: streamApp.stream, description: streamApp.description },
  { path: "/big", app: bigApp.big, description: bigApp.description },
] as const;

export interface DemoServerOptions extends BokehCoreOptions {
  /** Fastify's logger (off by default). */
  logger?: boolean;
  /** Mount everything under this prefix (bokeh serve's --prefix). */
  prefix?: string;
}

/** The demo server: the contract apps and the index, ready to `listen`. */
export async function buildDemoServer(options: DemoServerOptions = {}): Promise<FastifyInstance> {
  const { logger = false, prefix = "", ...core } = options;
  const app = fastify({ logger });
  await app.register(async (scope) => {
    await scope.register(bokehCore, core);
    for (const demo of DEMO_APPS) await scope.register(bokehApp, demo);
  }, { prefix });
  return app;
}
