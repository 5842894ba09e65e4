import t from "tap";
import { escapeHtml, jsonForScript } from "../../src/page/escape.js";

t.test("escapeHtml", async (t) => {
  t.equal(
    escapeHtml(`<a href="x">Tom & 'Jerry'</a>`),
    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
  );
  t.equal(escapeHtml("plain"), "plain");
  t.equal(escapeHtml("&amp;"), "&amp;amp;", "not idempotent: escape once");
});

t.test("jsonForScript", async (t) => {
  const value = { s: "</script><!--<script>", a: "&\u2028\u2029", n: [1, null, true], u: "é😀" };
  const json = jsonForScript(value);
  t.notMatch(json, /[<>&\u2028\u2029]/);
  t.same(JSON.parse(json), value, "still JSON, same value");
  t.same(new Function(`return ${json};`)(), value, "and a JavaScript literal of the same value");
  t.equal(jsonForScript("a<b"), '"a\\u003cb"');
  t.throws(() => jsonForScript(undefined), TypeError);
});
