// --use-config: a YAML file of bokeh settings (and serve flags by name) between the environment and the command line.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSessionIdSignature } from "@fastify-bokeh/session-store";
import t from "tap";
import { loggedAppUrl, stop } from "../helpers/cli-output.js";
import { fixture, run } from "../helpers/run-cli.js";
import { tokenFromPage } from "../helpers/ws-client.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-config-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const configSecret = "the config file's secret key, long enough";
const config = join(dir, "bokeh.yaml");
writeFileSync(
  config,
  `# bokeh settings
secret_key: "${configSecret}"
sign_sessions: yes
ico_path: none
minified: false
# serve flags, by name
port: 0
address: 127.0.0.1
prefix: from-config
disable_index: true
`,
);

t.test("settings from the file win over BOKEH_* variables and lose to the command line", async (t) => {
  const running = run(["serve", fixture("hello.mjs"), "--use-config", config, "--prefix", "cli"], {
    BOKEH_SECRET_KEY: "the environment's key, which the file overrides",
    BOKEH_SIGN_SESSIONS: "no",
  });
  t.teardown(() => running.child.kill("SIGKILL"));
  const url = await loggedAppUrl(running, "hello");
  t.match(
    url,
    /^http:\/\/127\.0\.0\.1:\d+\/cli\/hello$/,
    "address and port from the file, --prefix from the command line",
  );
  t.match(running.output(), new RegExp(`Using override config file: ${config}`));
  t.match(running.output(), /these settings do nothing here: minified/);

  const token = tokenFromPage(await fetch(url).then((res) => res.text()));
  const sessionId = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()).session_id as string;
  t.ok(checkSessionIdSignature(sessionId, configSecret), "sign_sessions and secret_key from the file");
  const root = url.replace(/hello$/, "");
  const [index, icon] = await Promise.all([fetch(root), fetch(`${root}favicon.ico`)]);
  await Promise.all([index.arrayBuffer(), icon.arrayBuffer()]);
  t.equal(index.status, 404, "disable_index");
  t.equal(icon.status, 404, "ico_path: none");
  t.equal(await stop(running), 0);
});

t.test("a file that is not YAML settings stops the start with one line", async (t) => {
  const broken = join(dir, "broken.yaml");
  writeFileSync(broken, "port: [unclosed\n");
  const running = run(["serve", fixture("hello.mjs"), "--use-config", broken]);
  t.equal(await running.exited, 2);
  t.match(running.output(), /fastify-bokeh serve: --use-config: could not load .*broken\.yaml/);
});
