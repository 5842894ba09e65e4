import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { demo } from "./helpers/run-demo.js";

t.test(
  "pnpm demo takes bokeh serve's flags and signs sessions from BOKEH_SECRET_KEY / BOKEH_SIGN_SESSIONS",
  async (t) => {
    const secret = "demo cli secret";
    const run = demo(
      [
        "--port",
        "0",
        "--address",
        "127.0.0.1",
        "--prefix",
        "/bk",
        "--disable-index",
        "--session-token-expiration",
        "30",
      ],
      {
        BOKEH_SECRET_KEY: secret,
        BOKEH_SIGN_SESSIONS: "true",
      },
    );
    t.teardown(() => run.child.kill("SIGKILL"));
    let url: string | undefined;
    for (let i = 0; i < 600 && url === undefined && run.child.exitCode === null; i++) {
      url = /Bokeh app running at: (http:\/\/\S+\/bk\/sliders)\b/.exec(run.output())?.[1];
      if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    t.ok(url, `the demo started under --prefix${url === undefined ? `:\n${run.output()}` : ""}`);
    const html = await (await fetch(url!)).text();
    const payload = JSON.parse(Buffer.from(/"token":\s*"([^".]+)/.exec(html)![1]!, "base64url").toString()) as {
      session_id: string;
      session_expiry: number;
    };
    const [base, signature] = payload.session_id.split(".");
    t.equal(
      signature,
      createHmac("sha256", secret).update(base!).digest("base64url"),
      "the session id is signed with BOKEH_SECRET_KEY",
    );
    t.ok(Math.abs(payload.session_expiry - (Date.now() / 1000 + 30)) < 10, "--session-token-expiration 30");
    const index = await fetch(url!.replace(/sliders$/, ""));
    await index.text();
    t.equal(index.status, 404, "--disable-index");
    run.child.kill("SIGTERM");
    t.equal(await run.exited, 0, "SIGTERM stops it cleanly");
  },
);

t.test("pnpm demo refuses bad flags with exit code 2", async (t) => {
  for (const [args, message] of [
    [["--keep-alive", "soon"], /--keep-alive: 'soon' is not an integer/],
    [["app.js"], /serves its own apps/],
  ] as const) {
    const run = demo([...args], {});
    t.equal(await run.exited, 2, args.join(" "));
    t.match(run.output(), message);
  }
});

t.test("pnpm demo takes the rest of bokeh serve's flags too: --unix-socket, --log-file, --log-format", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-demo-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const socketPath = join(dir, "demo.sock");
  const logFile = join(dir, "demo.log");
  const run = demo(
    ["--unix-socket", socketPath, "--log-file", logFile, "--log-format", "%(levelname)s %(message)s"],
    {},
  );
  t.teardown(() => run.child.kill("SIGKILL"));
  for (let i = 0; i < 600 && !existsSync(socketPath) && run.child.exitCode === null; i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const status = await new Promise<number>((resolve, reject) => {
    request({ socketPath, path: "/sliders" }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    })
      .on("error", reject)
      .end();
  });
  t.equal(status, 200, "the sliders page over the unix socket");
  run.child.kill("SIGTERM");
  t.equal(await run.exited, 0);
  t.match(
    readFileSync(logFile, "utf8"),
    /^INFO Listening on unix socket .*demo\.sock$/m,
    "the log file, in that format",
  );
});
