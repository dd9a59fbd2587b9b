import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/*
 * The C engineer's tests (codec vectors, fuzz, sessions against a C peer and the real mock server),
 * plain and under AddressSanitizer + UBSan, run as part of `npm test` through this one test.
 */
describe("native C tests", () => {
  it("scripts/run-c-tests.mjs exits 0 (plain + ASan/UBSan)", () => {
    const script = join(import.meta.dirname, "..", "scripts", "run-c-tests.mjs");
    const res = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 600_000 });
    expect(res.status, `${res.stdout}\n${res.stderr}`.slice(-4000)).toBe(0);
  }, 660_000);
});
