// Test helpers: a throwaway redis-server.
export { freePort, type RedisServer, startRedisServer, waitForPort } from "./redis-server.js";
