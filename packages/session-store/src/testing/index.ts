// Test helpers for code built on @fastify-bokeh/session-store: a clock that moves only when told to, a transport
// that keeps what a connection sends, and the lookup of a Python bokeh for interoperability tests.
export { findBokehPython, type PythonLookup } from "./bokeh-python.js";
export { FakeClock } from "./fake-clock.js";
export { MemoryTransport, type TransportClose } from "./memory-transport.js";
