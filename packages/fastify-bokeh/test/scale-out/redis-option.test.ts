import { startRedisServer } from "@fastify-bokeh/session-store-redis/testing";
import fastify from "fastify";
import t from "tap";
import { bokehCore, parseServeArgs } from "../../src/index.js";
import { fixture, run } from "../helpers/run-cli.js";

const SECRET = "redis-option-test-secret-key-0123456789abcdefghij";

t.test("--redis-url sets the redis option", async (t) => {
  t.same(parseServeArgs(["app.js", "--redis-url", "redis://cache:6379"]).options.redis, "redis://cache:6379");
});

t.test("bad redis options fail registration with one line saying why", async (t) => {
  const cases = [
    {
      redis: "redis://127.0.0.1:1",
      secretKey: SECRET,
      message: /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/?: .*ECONNREFUSED/,
    },
    {
      redis: "http://cache",
      secretKey: SECRET,
      message: /^invalid Redis URL "http:\/\/cache": unsupported scheme http:/,
    },
    { redis: "not a url", secretKey: SECRET, message: /^invalid Redis URL "not a url"/ },
    { redis: "redis://127.0.0.1:1", message: /'redis': needs a secretKey/ },
  ];
  for (const { message, ...options } of cases) {
    const app = fastify();
    const error = await (async () => {
      await app.register(bokehCore, options);
      await app.ready();
    })().then(
      () => undefined,
      (err: unknown) => err,
    );
    t.match(error, { message }, `${options.redis}${options.secretKey === undefined ? " without a secret key" : ""}`);
    t.notOk(String((error as Error).message).includes("\n"), "in one line");
    await app.close().catch(() => undefined);
  }
});

t.test(
  "fastify-bokeh serve --redis-url: unreachable Redis is one line at startup, a reachable one serves",
  async (t) => {
    const bad = run(["serve", fixture("hello.mjs"), "--port", "0", "--redis-url", "redis://127.0.0.1:1"], {
      BOKEH_SECRET_KEY: SECRET,
    });
    t.equal(await bad.exited, 2);
    const lines = bad.output().trim().split("\n");
    t.equal(lines.length, 1, "one line");
    t.match(lines[0], /^fastify-bokeh serve: cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/?: .*ECONNREFUSED/);

    const redis = await startRedisServer();
    t.teardown(() => redis.stop());
    const good = run(["serve", fixture("hello.mjs"), "--port", "0", "--redis-url", redis.url], {
      BOKEH_SECRET_KEY: SECRET,
    });
    t.teardown(() => good.child.kill("SIGKILL"));
    const deadline = Date.now() + 30_000;
    while (!good.output().includes("Bokeh app running at") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    t.match(good.output(), /Bokeh app running at/, "joined the cluster and serves");
    good.child.kill("SIGTERM");
    t.equal(await good.exited, 0, "and shuts down cleanly");
  },
);
