// One process for the clock, store and reaper suites (see ids-and-tokens.test.ts).
import "./suites/clock.js";
import "./suites/memory-store.js";
import "./suites/unused-session-reaper.js";
