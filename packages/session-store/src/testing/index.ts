// Test helpers for code built on @fastify-bokeh/session-store: a clock that moves only when told to, and a
// transport that keeps what a connection sends.
export { FakeClock } from "./fake-clock.js";
export { MemoryTransport, type TransportClose } from "./memory-transport.js";
