// --ssl-certfile / --ssl-keyfile (and BOKEH_SSL_PASSWORD): bokeh serve terminates TLS itself.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { loggedAppUrl, stop } from "../helpers/cli-output.js";
import { fixture, run } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-tls-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate for 127.0.0.1, and its key encrypted with `password`; undefined without openssl. */
function selfSigned(password: string): { cert: string; key: string } | undefined {
  const cert = join(dir, "cert.pem");
  const plainKey = join(dir, "plain-key.pem");
  const key = join(dir, "key.pem");
  try {
    const subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"];
    const options = { stdio: "ignore" } as const;
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", plainKey, "-out", cert, "-days", "1", ...subject],
      options,
    );
    execFileSync("openssl", ["pkey", "-in", plainKey, "-aes256", "-passout", `pass:${password}`, "-out", key], options);
  } catch {
    return undefined;
  }
  return { cert, key };
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

const files = selfSigned("hunter2");
t.test(
  "serves the apps over HTTPS with the certificate, the key's password from BOKEH_SSL_PASSWORD",
  { skip: files === undefined ? "openssl is not installed to make a certificate" : false },
  async (t) => {
    if (files === undefined) return;
    const running = run(
      [
        "serve",
        fixture("hello.mjs"),
        "--port",
        "0",
        "--address",
        "127.0.0.1",
        "--ssl-certfile",
        files.cert,
        "--ssl-keyfile",
        files.key,
      ],
      { BOKEH_SSL_PASSWORD: "hunter2" },
    );
    t.teardown(() => running.child.kill("SIGKILL"));
    const url = await loggedAppUrl(running, "hello");
    t.match(url, /^https:\/\/127\.0\.0\.1:\d+\/hello$/, "bokeh serve logs https URLs");
    const page = await httpsGet(url, readFileSync(files.cert));
    t.equal(page.status, 200);
    t.match(page.body, /<title>Hello page<\/title>/);
    const plain = await fetch(url.replace(/^https/, "http")).then(
      () => "answered",
      () => "refused",
    );
    t.equal(plain, "refused", "no plain HTTP on the TLS port");
    t.equal(await stop(running), 0);
  },
);

t.test("a wrong key password stops the start with a message", { skip: files === undefined }, async (t) => {
  if (files === undefined) return;
  const running = run(
    ["serve", fixture("hello.mjs"), "--port", "0", "--ssl-certfile", files.cert, "--ssl-keyfile", files.key],
    { BOKEH_SSL_PASSWORD: "wrong" },
  );
  t.equal(await running.exited, 2);
  t.match(running.output(), /^fastify-bokeh serve: cannot start TLS: .*BOKEH_SSL_PASSWORD\)$/m, "one line, no stack");
});
