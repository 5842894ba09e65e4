import { currentAppScope, type FaultOrigin } from "@fastify-bokeh/session-store";
import type { FastifyBaseLogger } from "fastify";

/** One per server that asked for fault isolation (servers may share a logger); handlers stay while there is one. */
const holders = new Set<{ readonly logger: FastifyBaseLogger }>();

const onUncaughtException = (error: unknown): void => handleFault(error, "uncaughtException");
const onUnhandledRejection = (reason: unknown): void => handleFault(reason, "unhandledRejection");

/**
 * An error nobody caught. Raised by application code (a stray timer, a promise it dropped), it goes to that
 * application's context, which logs it and may discard the failing session; the process keeps serving. Raised
 * anywhere else, the process's state is unknown: unless some other handler takes it, it is logged as fatal and
 * the process exits, as Node would have.
 */
function handleFault(error: unknown, origin: FaultOrigin): void {
  const scope = currentAppScope();
  if (scope !== undefined) {
    scope.fault(error, origin);
    return;
  }
  const [holder] = holders;
  holder?.logger.fatal({ err: error, origin }, `${origin} outside any application`);
  if (process.listenerCount(origin) > 1) return;
  process.exit(1);
}

/**
 * Installs the process-wide `uncaughtException`/`unhandledRejection` handlers for a server (once per process,
 * whatever the number of servers); the returned function releases them, removing them with the last server.
 */
export function acquireFaultHandlers(logger: FastifyBaseLogger): () => void {
  if (holders.size === 0) {
    process.on("uncaughtException", onUncaughtException);
    process.on("unhandledRejection", onUnhandledRejection);
  }
  const holder = { logger };
  holders.add(holder);
  return () => {
    if (!holders.delete(holder) || holders.size > 0) return;
    process.off("uncaughtException", onUncaughtException);
    process.off("unhandledRejection", onUnhandledRejection);
  };
}
