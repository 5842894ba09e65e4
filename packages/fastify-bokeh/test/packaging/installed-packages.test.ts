/**
 * The packages as users get them: packs the four workspace packages, installs the tarballs into a blank npm project
 * outside the workspace, and runs a strict TypeScript app and a CommonJS app there, pulled by Python's bokeh.client.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import t, { type Test } from "tap";

t.setTimeout(600_000);

const packagesDir = fileURLToPath(new URL("../../../", import.meta.url));
const fixtures = fileURLToPath(new URL("fixtures/", import.meta.url));
const PACKAGES = ["protocol", "document", "session-store", "fastify-bokeh"] as const;
const python = process.env.BOKEH_PYTHON || undefined;
const noPython =
  python === undefined ? "pulling with bokeh.client needs BOKEH_PYTHON (a Python with bokeh 3.9.2)" : false;

const project = mkdtempSync(join(tmpdir(), "fastify-bokeh-installed-"));
t.teardown(() => rmSync(project, { recursive: true, force: true }));

const sh = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });

// The pnpm running this test (`npx pnpm test` need not put pnpm on PATH), else the one on PATH.
const execPath = process.env.npm_execpath;
const [pnpmCommand, ...pnpmArgs] =
  execPath !== undefined && /pnpm\.c?js$/.test(execPath) ? [process.execPath, execPath] : ["pnpm"];

/** `pnpm pack` of each package (pnpm turns workspace ranges into versions); the tarball paths by package folder. */
function packAll(into: string): Map<string, string> {
  const tarballs = new Map<string, string>();
  for (const name of PACKAGES) {
    const out = sh(pnpmCommand ?? "pnpm", [...pnpmArgs, "pack", "--pack-destination", into], join(packagesDir, name));
    const tarball = out.trim().split("\n").at(-1) ?? "";
    if (!tarball.endsWith(".tgz")) throw new Error(`pnpm pack ${name} printed no tarball:\n${out}`);
    tarballs.set(name, tarball.startsWith("/") ? tarball : join(into, tarball));
  }
  return tarballs;
}

/** A blank npm project with the tarballs (and fastify and TypeScript from the registry) installed. */
function installProject(tarballs: Map<string, string>): void {
  const dependencies: Record<string, string> = { fastify: "^5.6.0" };
  for (const [name, tarball] of tarballs)
    dependencies[name === "fastify-bokeh" ? name : `@fastify-bokeh/${name}`] = `file:${tarball}`;
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({
      name: "blank",
      private: true,
      type: "module",
      dependencies,
      devDependencies: { typescript: "~5.9.3", "@types/node": "^20.19.0" },
    }),
  );
  for (const file of ["typescript-app.ts", "commonjs-app.cjs", "tsconfig.json"])
    copyFileSync(join(fixtures, file), join(project, file));
  sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], project);
}

interface Server {
  readonly port: number;
  readonly child: ChildProcess;
}

/** Starts `node <file>` in the project and waits for its "listening <port>" line (30 s at most). */
async function start(t: Test, file: string): Promise<Server> {
  const child = spawn(process.execPath, [file], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  t.teardown(() => child.kill("SIGKILL"));
  let output = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.on("exit", () => reject(new Error(`${file} exited:\n${output}`)));
  });
  return { port, child };
}

/** Runs `node <file>` expecting it to fail at startup; its stderr. */
function failingStart(file: string): { status: number | null; stderr: string } {
  try {
    sh(process.execPath, [file], project);
    return { status: 0, stderr: "" };
  } catch (error) {
    const failed = error as { status: number | null; stderr: string };
    return { status: failed.status, stderr: String(failed.stderr) };
  }
}

/** What Python's bokeh.client pulls from each URL: one "<title> <root types>" line per URL. */
function pull(urls: string[]): string[] {
  if (python === undefined) throw new Error("BOKEH_PYTHON is not set");
  return sh(python, [join(fixtures, "pull.py"), ...urls], project)
    .trim()
    .split("\n");
}

/** Disk use of a package folder, without its nested node_modules (those are counted as packages of their own). */
function folderBytes(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return bytes;
}

/** The folder a package resolves to from `from` (Node's node_modules lookup), if it is installed. */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every file under `dir` (recursively). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Installed files of our packages that name a source map (none should: the maps and sources are not published). */
function sourceMapReferences(): string[] {
  const roots = ["fastify-bokeh", ...["protocol", "document", "session-store"].map((name) => `@fastify-bokeh/${name}`)];
  return roots.flatMap((root) =>
    filesUnder(join(project, "node_modules", root, "dist")).filter((file) =>
      /\/\/# sourceMappingURL=\S+\s*$/.test(readFileSync(file, "utf8")),
    ),
  );
}

/** Bytes of fastify-bokeh, its peer @fastify-bokeh/document and everything they depend on, fastify excluded. */
function installedSize(): { bytes: number; packages: number } {
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const found = resolvePackage(name, dir);
      if (found === undefined) throw new Error(`${name}, a dependency of ${dir}, is not installed`);
      if (name !== "fastify") visit(found);
    }
    // Peers count when installed (npm installs required ones; optional ones such as ws' bufferutil may be absent).
    for (const name of Object.keys(manifest.peerDependencies ?? {})) {
      const found = resolvePackage(name, dir);
      if (found !== undefined && name !== "fastify") visit(found);
    }
  };
  visit(join(project, "node_modules", "fastify-bokeh"));
  return { bytes: [...seen].reduce((sum, dir) => sum + folderBytes(dir), 0), packages: seen.size };
}

const README = fileURLToPath(new URL("../../../../README.md", import.meta.url));
const README_LISTEN = "await app.listen({ port: 5006 });";

/**
 * The root README's install command and first app (the first sh and ts blocks after its "Install" heading), the app
 * listening on a free port and saying which, as the tests' apps do.
 */
function readmeQuickStart(): { install: string; app: string } {
  const section = readFileSync(README, "utf8").split(/^## Install.*$/m)[1] ?? "";
  const install = /```sh\n(npm install [^\n]+)\n```/.exec(section)?.[1];
  const app = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (install === undefined || app === undefined || !app.includes(README_LISTEN))
    throw new Error(`the README's Install section has no npm install line or no app ending in ${README_LISTEN}`);
  const listen = [
    'await app.listen({ port: 0, host: "127.0.0.1" });',
    'process.stdout.write("listening " + app.server.address().port + "\\n");',
    'for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void app.close());',
  ].join("\n");
  return { install, app: app.replace(README_LISTEN, listen) };
}

/** The blank project's dependencies (fastify and our packages). */
const installedDependencies = (): Record<string, string> =>
  (JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { dependencies: Record<string, string> })
    .dependencies;

/** Every entry of the installed packages' export maps, loaded with require() (Node >= 20.19), has exports. */
async function requireEveryExport(t: Test): Promise<void> {
  for (const name of ["protocol", "document", "session-store", "fastify-bokeh"]) {
    const pkg = name === "fastify-bokeh" ? name : `@fastify-bokeh/${name}`;
    const manifest = JSON.parse(readFileSync(join(project, "node_modules", pkg, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    for (const entry of Object.keys(manifest.exports).filter((key) => key !== "./package.json")) {
      const specifier = entry === "." ? pkg : `${pkg}/${entry.slice(2)}`;
      const script = `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) process.exit(3);`;
      t.doesNotThrow(() => sh(process.execPath, ["-e", script], project), specifier);
    }
  }
}

/** The root README's install line names what the project installed, and its first app runs there as app.mjs. */
async function readmeFirstApp(t: Test): Promise<void> {
  const { install, app } = readmeQuickStart();
  const named = install.split(" ").slice(2);
  t.same([...named].sort(), ["@fastify-bokeh/document", "fastify", "fastify-bokeh"], "fastify, the plugin, its peer");
  t.same(
    named.filter((name) => !(name in installedDependencies())),
    [],
    "each installed here",
  );
  writeFileSync(join(project, "app.mjs"), app);
  const server = await start(t, "app.mjs");
  const url = `http://127.0.0.1:${server.port}/sliders`;
  const page = await fetch(url);
  t.match(await page.text(), /<script src="\/static\/js\/bokeh\.min\.js\?v=/, "the app's page");
  await t.test("pulled by bokeh.client", { skip: noPython }, async (t) => {
    t.same(pull([url]), ["Bokeh Application Column"]);
  });
  server.child.kill("SIGTERM");
}

t.test("packed, installed into a blank npm project, and used there", async (t) => {
  const tarballs = packAll(mkdtempSync(join(project, "..", "fastify-bokeh-tarballs-")));
  t.teardown(() => rmSync(dirname([...tarballs.values()][0] ?? project), { recursive: true, force: true }));
  installProject(tarballs);
  t.notOk(existsSync(join(project, "node_modules", "@bokeh", "bokehjs")), "the BokehJS npm tree is not installed");

  const size = installedSize();
  t.comment(
    `installed size of fastify-bokeh and its dependencies (fastify excluded): ${(size.bytes / 1e6).toFixed(2)} MB in ${size.packages} packages`,
  );
  t.ok(size.bytes <= 15e6, "at most 15 MB");

  t.same(sourceMapReferences(), [], "no published file names a source map that is not shipped");

  t.test("a strict TypeScript app: two bokehApps in sibling scopes under a prefix, and its own favicon", async (t) => {
    sh(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "."], project);
    const server = await start(t, "dist/typescript-app.js");
    const base = `http://127.0.0.1:${server.port}/dash`;
    const icon = await fetch(`${base}/favicon.ico`);
    t.equal(await icon.text(), "our own icon", "the app's own /favicon.ico wins");
    const index = await (await fetch(`${base}/`)).text();
    t.match(index, /href="\/dash\/hello"/);
    t.match(index, /href="\/dash\/sliders"/);
    await t.test("both apps pulled by bokeh.client", { skip: noPython }, async (t) => {
      t.same(pull([`${base}/sliders`, `${base}/hello`]), ["sliders Column", "hello Div"]);
    });
    server.child.kill("SIGTERM");
  });

  t.test("a CommonJS app require()s the packages", async (t) => {
    const server = await start(t, "commonjs-app.cjs");
    const url = `http://127.0.0.1:${server.port}/cjs`;
    const page = await fetch(url);
    await page.arrayBuffer();
    t.equal(page.status, 200);
    await t.test("pulled by bokeh.client", { skip: noPython }, async (t) => {
      t.same(pull([url]), ["cjs Div"]);
    });
    server.child.kill("SIGTERM");
  });

  t.test("every entry of the packages' export maps can be require()d", requireEveryExport);
  t.test("the root README's first screen: its npm install line and its first app, as app.mjs", readmeFirstApp);

  t.test("a second copy of @fastify-bokeh/document fails at startup with a coded error", async (t) => {
    // What a version drift produces: the session store (the server's runtime user of document) gets a nested copy
    // of its own while the app uses the top one.
    const store = join(project, "node_modules", "@fastify-bokeh", "session-store");
    const nested = join(store, "node_modules", "@fastify-bokeh", "document");
    mkdirSync(nested, { recursive: true });
    sh("tar", ["-xzf", tarballs.get("document") ?? "", "--strip-components=1", "-C", nested], project);
    t.teardown(() => rmSync(nested, { recursive: true }));
    const { status, stderr } = failingStart("dist/typescript-app.js");
    t.not(status, 0, "the app does not start");
    t.match(stderr, /FST_BOKEH_DUPLICATE_DOCUMENT/);
    t.match(stderr, /two copies of @fastify-bokeh\/document are loaded/);
    t.match(stderr, nested, "names where the copies are");
  });
});
