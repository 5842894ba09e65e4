import type { SessionObserver } from "@fastify-bokeh/session-store";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Buckets of the callback duration histogram, in seconds: from a quick update to a long computation. */
const CALLBACK_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5];

/** How often callbacks of one app and kind ran, and for how long in all. */
export interface CallbackTotal {
  readonly app: string;
  readonly kind: string;
  count: number;
  seconds: number;
}

/**
 * The Prometheus metrics of one server, in a registry of its own (two servers in one process do not share
 * counters): Node's defaults (memory, event-loop lag, GC) and, per application path, sessions, websockets,
 * messages and callback durations.
 */
export class BokehMetrics {
  readonly registry = new Registry();
  private readonly sessionsLive: Gauge<"app">;
  private readonly sessionsCreated: Counter<"app">;
  private readonly sessionsDestroyed: Counter<"app" | "reason">;
  private readonly websocketsOpen: Gauge<"app">;
  private readonly websocketsOpened: Counter<"app">;
  private readonly messagesIn: Counter<"app" | "msgtype">;
  private readonly bytesIn: Counter<"app" | "msgtype">;
  private readonly messagesOut: Counter<"app" | "msgtype">;
  private readonly bytesOut: Counter<"app" | "msgtype">;
  private readonly callbackSeconds: Histogram<"app" | "kind" | "outcome">;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const app = ["app"] as const;
    const byType = ["app", "msgtype"] as const;
    this.sessionsLive = new Gauge({ name: "bokeh_sessions", help: "Live sessions", labelNames: app, registers });
    this.sessionsCreated = new Counter({
      name: "bokeh_sessions_created_total",
      help: "Sessions created",
      labelNames: app,
      registers,
    });
    this.sessionsDestroyed = new Counter({
      name: "bokeh_sessions_destroyed_total",
      help: "Sessions destroyed, by reason (unused, shutdown, failing)",
      labelNames: ["app", "reason"],
      registers,
    });
    this.websocketsOpen = new Gauge({
      name: "bokeh_websocket_connections",
      help: "Open websocket connections",
      labelNames: app,
      registers,
    });
    this.websocketsOpened = new Counter({
      name: "bokeh_websocket_connections_total",
      help: "Websocket connections opened",
      labelNames: app,
      registers,
    });
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames: byType, registers });
    this.messagesIn = counter("bokeh_messages_received_total", "Protocol messages received from clients");
    this.bytesIn = counter("bokeh_message_bytes_received_total", "Bytes of the protocol messages received");
    this.messagesOut = counter("bokeh_messages_sent_total", "Protocol messages sent to clients");
    this.bytesOut = counter("bokeh_message_bytes_sent_total", "Bytes of the protocol messages sent");
    this.callbackSeconds = new Histogram({
      name: "bokeh_callback_duration_seconds",
      help: "Wall time of session callbacks (periodic, timeout, next tick)",
      labelNames: ["app", "kind", "outcome"],
      buckets: CALLBACK_BUCKETS,
      registers,
    });
  }

  /** What the sessions and connections of the application at `app` report to. */
  observerFor(app: string): SessionObserver {
    return {
      sessionCreated: () => {
        this.sessionsLive.inc({ app });
        this.sessionsCreated.inc({ app });
      },
      sessionDestroyed: (_id, reason) => {
        this.sessionsLive.dec({ app });
        this.sessionsDestroyed.inc({ app, reason });
      },
      callbackFinished: (kind, seconds, failed) =>
        this.callbackSeconds.observe({ app, kind, outcome: failed ? "error" : "ok" }, seconds),
      messageReceived: (msgtype, bytes) => {
        this.messagesIn.inc({ app, msgtype });
        this.bytesIn.inc({ app, msgtype }, bytes);
      },
      messageSent: (msgtype, bytes) => {
        this.messagesOut.inc({ app, msgtype });
        this.bytesOut.inc({ app, msgtype }, bytes);
      },
    };
  }

  /** Runs and total wall time of the session callbacks so far, per app and kind (failed runs included). */
  async callbackTotals(): Promise<CallbackTotal[]> {
    const totals = new Map<string, CallbackTotal>();
    for (const { labels, metricName = "", value } of (await this.callbackSeconds.get()).values) {
      const { app, kind } = labels;
      if (app === undefined || kind === undefined) continue;
      const key = `${app} ${kind}`;
      const total = totals.get(key) ?? { app: String(app), kind: String(kind), count: 0, seconds: 0 };
      if (metricName.endsWith("_count")) total.count += value;
      else if (metricName.endsWith("_sum")) total.seconds += value;
      totals.set(key, total);
    }
    return [...totals.values()];
  }

  websocketOpened(app: string): void {
    this.websocketsOpen.inc({ app });
    this.websocketsOpened.inc({ app });
  }

  websocketClosed(app: string): void {
    this.websocketsOpen.dec({ app });
  }
}
