// --log-format's Python logging format strings, laid out on pino records.
import t from "tap";
import { pythonLogLine } from "../../src/cli/python-log-format.js";

const time = new Date(2026, 4, 1, 9, 8, 7, 65).getTime();
const record = { level: 40, time, pid: 4242, msg: "disk nearly full" };

t.test("attributes, widths, precision and %%, as Python's % formatting does", async (t) => {
  t.equal(pythonLogLine("%(asctime)s %(message)s", record), "2026-05-01 09:08:07,065 disk nearly full", "the default");
  t.equal(pythonLogLine("[%(levelname)-8s] %(levelno)d", record), "[WARNING ] 30");
  t.equal(pythonLogLine("%(levelname)8s|%(process)06d|%(message).4s", record), " WARNING|004242|disk");
  t.equal(pythonLogLine("%(created).3f %(msecs)03d 100%%", record), `${(time / 1000).toFixed(3)} 065 100%`);
  t.equal(pythonLogLine("%(levelname)s %(name)s", { level: 60 }), "CRITICAL fastify-bokeh");
  t.equal(pythonLogLine("%(levelname)s", { level: 10 }), "TRACE", "bokeh's own TRACE level");
});

t.test("an error's stack follows its message", async (t) => {
  const err = { message: "boom", stack: "Error: boom\n    at app.js:1" };
  t.equal(
    pythonLogLine("%(message)s", { msg: "callback failed", err }),
    "callback failed\nError: boom\n    at app.js:1",
  );
  t.equal(pythonLogLine("%(message)s", { msg: "boom", err }), "Error: boom\n    at app.js:1", "not twice");
});
