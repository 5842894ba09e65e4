// The heartbeat thread of a node: renews the node's liveness key on a timer of its own, so that work queued on the
// node's event loop (a huge patch, a burst of messages) cannot delay it; only the process dying, being paused or
// being cut off from Redis lets the key expire. Plain JavaScript, so that the thread starts without a TypeScript
// loader (fast, also when the tests run the sources); the messages are typed in `heartbeat-protocol.ts`.
import { parentPort, workerData } from "node:worker_threads";
import { Redis } from "ioredis";

/** @type {import("./heartbeat-protocol.js").HeartbeatSetup} */
const setup = workerData;
let address = setup.address;
let stopping = false;
/** @type {Promise<void> | undefined} */
let inFlight;

const redis = new Redis(setup.url, {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: setup.commandTimeout,
  retryStrategy: (attempt) => Math.min(50 * attempt, 500),
});
// The node's own connection reports outages; a renewal that fails is simply tried again on the next beat.
redis.on("error", () => undefined);

/** @param {import("./heartbeat-protocol.js").FromHeartbeat} message */
const tell = (message) => parentPort?.postMessage(message);

/** Writes the key; a beat already in flight is not doubled. */
function beat() {
  inFlight ??= redis
    .set(setup.key, address, "PX", setup.ttl)
    .then(() => undefined)
    .catch(() => undefined)
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

/** Writes the (new) address after any beat in flight, which may still carry the old one, and says so. */
async function publish() {
  await inFlight;
  await beat();
  tell({ kind: "written" });
}

const timer = setInterval(() => void beat(), setup.every);

/** Deletes the key (the node is leaving) and ends the thread. */
async function stop() {
  stopping = true;
  clearInterval(timer);
  await inFlight;
  await redis.del(setup.key).catch(() => undefined);
  await redis.quit().catch(() => redis.disconnect());
  tell({ kind: "stopped" });
  parentPort?.close();
}

parentPort?.on("message", (/** @type {import("./heartbeat-protocol.js").ToHeartbeat} */ message) => {
  if (stopping) return;
  if (message.kind === "stop") void stop();
  else {
    address = message.address;
    void publish();
  }
});

redis.once("ready", () => void publish());
