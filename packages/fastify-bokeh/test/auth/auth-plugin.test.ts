// bokehAuth on its own (no CLI): bokeh's rules for the hooks, and where anonymous requests are sent.
import fastify from "fastify";
import t from "tap";
import { type AuthHooks, bokehAuth } from "../../src/index.js";

async function serverWith(hooks: AuthHooks, prefix = "") {
  const app = fastify();
  await app.register(bokehAuth, { hooks, prefix });
  app.get(`${prefix}/page`, async () => "the page");
  app.get(`${prefix}/static/js/bokeh.min.js`, async () => "bokehjs");
  await app.ready();
  return app;
}

t.test("bokeh's AuthProvider rules are checked at registration", async (t) => {
  const LoginHandler = class {
    get() {
      return "form";
    }
  };
  const bad: Array<[AuthHooks, RegExp]> = [
    [{ getUser: () => "u" }, /getUser.*needs loginUrl or getLoginUrl/],
    [{ getUser: () => "u", loginUrl: "/a", getLoginUrl: () => "/b" }, /loginUrl.*cannot go with getLoginUrl/],
    [{ getUser: () => "u", getLoginUrl: () => "/b", LoginHandler }, /LoginHandler.*needs loginUrl/],
    [{ getUser: () => "u", loginUrl: "https://sso.example/login", LoginHandler }, /needs a relative loginUrl/],
    [{ logoutUrl: "//elsewhere/out", LogoutHandler: LoginHandler }, /needs a relative logoutUrl/],
  ];
  for (const [hooks, message] of bad)
    await t.rejects(serverWith(hooks), { code: "FST_BOKEH_INVALID_OPTION", message }, String(message));
});

t.test("an anonymous GET goes to the login URL below the prefix, with next", async (t) => {
  const app = await serverWith({ getUser: async (request) => request.headers["x-user"], loginUrl: "login" }, "/pfx");
  t.teardown(() => app.close());
  const anonymous = await app.inject("/pfx/page?x=1");
  t.equal(anonymous.statusCode, 302);
  t.equal(anonymous.headers.location, "/pfx/login?next=%2Fpfx%2Fpage%3Fx%3D1");
  t.equal((await app.inject({ method: "HEAD", url: "/pfx/page" })).statusCode, 302, "HEAD like GET");
  t.equal((await app.inject({ url: "/pfx/page", headers: { "x-user": "ann" } })).body, "the page", "async getUser");
  t.equal((await app.inject("/pfx/static/js/bokeh.min.js")).statusCode, 200, "static files are public");
  t.equal((await app.inject("/nowhere")).statusCode, 404, "unknown routes stay 404");
});

t.test("getLoginUrl: an absolute login URL gets the full URL as next; one with a query is left alone", async (t) => {
  const app = await serverWith({
    getUser: () => undefined,
    getLoginUrl: (request) =>
      request.headers["x-sso"] === "query" ? "https://sso.example/login?app=bokeh" : "https://sso.example/login",
  });
  t.teardown(() => app.close());
  const full = await app.inject({ url: "/page", headers: { host: "dash.example" } });
  t.equal(full.headers.location, "https://sso.example/login?next=http%3A%2F%2Fdash.example%2Fpage");
  const kept = await app.inject({ url: "/page", headers: { "x-sso": "query" } });
  t.equal(kept.headers.location, "https://sso.example/login?app=bokeh");
});

t.test("without getUser everyone is let in, and the handlers are still served", async (t) => {
  const app = await serverWith({
    logoutUrl: "/bye",
    LogoutHandler: class {
      get() {
        return "logged out";
      }
    },
  });
  t.teardown(() => app.close());
  t.equal((await app.inject("/page")).body, "the page");
  t.equal((await app.inject("/bye")).body, "logged out");
  t.equal((await app.inject({ method: "POST", url: "/bye" })).statusCode, 404, "only the verbs the class has");
});
