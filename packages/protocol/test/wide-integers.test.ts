// Which texts may hold an integer literal beyond 2**53 - 1 (parseJson then marks it, to be written back as a float
// as bokeh serve writes it): the skipping scan agrees with the plain regular expression it stands for.
import t from "tap";
import { isPythonSafeInteger, mayHoldWideInteger } from "../src/json/wide-integers.js";

/** What mayHoldWideInteger decides, as a regular expression (slower: it looks at every character). */
const WIDE_INTEGER = /(?<![\d.])\d{16,}(?![\d.eE])/;

t.test("integers of 16 digits or more, not fractions or mantissas", async (t) => {
  const yes = ["1152921504606846977", "[-9223372036854775808]", '{"a":1,"b":18446744073709551615}', "1234567890123456"];
  const no = [
    "[0.30000000000000004]",
    "[0.8444218515250481,1]",
    "[1234567890123456.5]",
    "[1.2345678901234567e-5]",
    "[12345678901234567E5]",
    '{"id":"p1001","t":1701234567890}',
    "123456789012345",
    "",
  ];
  for (const text of yes) t.ok(mayHoldWideInteger(text), text);
  for (const text of no) t.notOk(mayHoldWideInteger(text), text);
});

t.test("the scan agrees with the regular expression on random texts of digits, dots, e and commas", async (t) => {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const alphabet = '0123456789012345678901234567890123456789.e,-E"';
  let disagreements = 0;
  for (let i = 0; i < 20_000; i++) {
    const length = Math.floor(random() * 70);
    let text = "";
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    if (mayHoldWideInteger(text) !== WIDE_INTEGER.test(text)) {
      disagreements++;
      t.fail(`disagrees on ${text}`);
      if (disagreements > 5) break;
    }
  }
  t.equal(disagreements, 0);
});

t.test("Python's own bounds of an int it writes as an int: -(2**53 - 1) < n <= 2**53 - 1", async (t) => {
  t.ok(isPythonSafeInteger(2 ** 53 - 1));
  t.ok(isPythonSafeInteger(-(2 ** 53 - 2)));
  t.notOk(isPythonSafeInteger(-(2 ** 53 - 1)), "the lower bound itself is written as a float");
  t.notOk(isPythonSafeInteger(2 ** 53));
  t.notOk(isPythonSafeInteger(-(2 ** 63)));
});
