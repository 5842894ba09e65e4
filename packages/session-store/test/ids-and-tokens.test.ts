// One process for every in-memory id and token suite: each test process pays
// for loading TypeScript, so fewer processes keep the run fast.
import "./suites/session-id.js";
import "./suites/token.js";
import "./suites/worked-example.js";
