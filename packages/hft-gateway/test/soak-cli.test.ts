/**
 * `npm run soak -- --help` (docs/reliability.md, README) answers with the usage, and a mistyped
 * option is named with the usage instead of a stack trace.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SOAK = join(import.meta.dirname, "..", "scripts", "soak.ts");

function soak(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", SOAK, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the soak command line", () => {
  it("--help prints the options and exits 0 without running a soak", () => {
    const res = soak("--help");
    expect(res.stderr).toBe("");
    expect(res.stdout).toMatch(/^Usage: npm run soak -- /);
    for (const option of ["--faults <n>", "--seed <s>", "--journal <file.db>", "-h, --help"])
      expect(res.stdout).toContain(option);
    expect(res.status).toBe(0);
  });

  it("an unknown option is named, with the usage, exit code 2", () => {
    const res = soak("--fault", "10");
    expect(res.stderr).toContain("'--fault'");
    expect(res.stderr).toContain("Usage: npm run soak -- ");
    expect(res.stderr).not.toContain("    at ");
    expect(res.stdout).toBe("");
    expect(res.status).toBe(2);
  });
});
