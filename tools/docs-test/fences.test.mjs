// Unit tests of the fence parser: `node --test fences.test.mjs` (run before the docs themselves).
import assert from "node:assert/strict";
import { test } from "node:test";
import { jobsOf, parseFences } from "./fences.mjs";

const doc = [
  "# Guide",
  "```ts runnable group=g",
  "const a = 1;",
  "```",
  "prose",
  "```bash",
  "not run",
  "```",
  "```ts runnable group=g timeout=5000",
  "console.log(a);",
  "```",
  "```text output",
  "1",
  "```",
  "  ```sh runnable cwd=repo",
  "  echo hi",
  "  ```",
].join("\n");

test("parses language, flags and key=value attributes, and strips the fence's indentation", () => {
  const fences = parseFences(doc);
  assert.equal(fences.length, 5);
  assert.deepEqual(fences[0], {
    line: 2,
    lang: "ts",
    attrs: { runnable: true, group: "g" },
    body: "const a = 1;",
  });
  assert.deepEqual(fences[4], {
    line: 15,
    lang: "sh",
    attrs: { runnable: true, cwd: "repo" },
    body: "echo hi",
  });
});

test("joins a group in order, attaches the output block and leaves unmarked blocks out", () => {
  const jobs = jobsOf("guide.md", parseFences(doc), 30_000);
  assert.equal(jobs.length, 2);
  const [group, shell] = jobs;
  assert.equal(group.name, "guide.md:2 (group g)");
  assert.match(group.source, /const a = 1;[\s\S]*\/\/ guide.md:9\nconsole.log\(a\);/);
  assert.equal(group.expectedOutput, "1");
  assert.equal(group.timeoutMs, 30_000);
  assert.deepEqual([shell.kind, shell.cwd, shell.source], ["shell", "repo", "echo hi\n"]);
});

test("refuses an output block with nothing to belong to, and languages it cannot run", () => {
  assert.throws(
    () => jobsOf("x.md", parseFences("```text output\n1\n```"), 1),
    /x.md:1: an output block must follow/,
  );
  assert.throws(
    () => jobsOf("x.md", parseFences("```python runnable\nprint(1)\n```"), 1),
    /cannot run a "python" block/,
  );
});
