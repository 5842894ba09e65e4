/**
 * `--stats-log-frequency` and `--mem-log-frequency`: bokeh serve's periodic log lines, connection and session counts
 * at debug level, memory use at info level.
 */
import type { FastifyInstance } from "fastify";
import type { BokehServer } from "../core/bokeh-server.js";
import { bokehServerOf } from "../core/core-plugin.js";

const MB = 2 ** 20;
const DEBUG_LEVELS = new Set(["trace", "debug"]);

/** "[pid N] 2 clients connected", then per app "[pid N]   /app has 3 sessions with 1 unused". */
async function logStats(server: BokehServer): Promise<void> {
  if (!DEBUG_LEVELS.has(server.logger.level)) return;
  server.logger.debug(`[pid ${process.pid}] ${server.clientCount} clients connected`);
  for (const [path, app] of server.apps) {
    const live = new Set(app.sessionIds);
    const records = (await app.store.list()).filter((record) => live.has(record.id));
    const unused = records.filter((record) => record.connectionCount === 0).length;
    server.logger.debug(`[pid ${process.pid}]   ${path || "/"} has ${records.length} sessions with ${unused} unused`);
  }
}

function logMemory(server: BokehServer): void {
  const { rss, heapUsed } = process.memoryUsage();
  server.logger.info(
    `[pid ${process.pid}] Memory usage: ${(rss / MB).toFixed(2)} MB (RSS), ${(heapUsed / MB).toFixed(2)} MB (heap used)`,
  );
}

/** Starts both timers when the server is ready (memory only when `memLogFrequency` > 0), stops them on close. */
export function startStatsLogs(fastify: FastifyInstance, statsLogFrequency: number, memLogFrequency: number): void {
  const timers: NodeJS.Timeout[] = [];
  fastify.addHook("onReady", async () => {
    const server = bokehServerOf(fastify);
    if (server === undefined) return;
    if (statsLogFrequency !== 15_000) server.logger.info(`Log statistics every ${statsLogFrequency} milliseconds`);
    timers.push(
      setInterval(() => {
        logStats(server).catch((err: unknown) => server.logger.error({ err }, "stats log failed"));
      }, statsLogFrequency),
    );
    if (memLogFrequency > 0) {
      server.logger.info(`Log memory usage every ${memLogFrequency} milliseconds`);
      timers.push(setInterval(() => logMemory(server), memLogFrequency));
    }
    for (const timer of timers) timer.unref();
  });
  fastify.addHook("onClose", async () => {
    for (const timer of timers) clearInterval(timer);
  });
}
