/**
 * Runs a benchmark script as built JavaScript under plain `node` (see `build-js.ts` for why):
 * `tsx bench/run-built.ts bench/event-engine.bench.ts [args...]`. The script is built into a
 * temporary directory, run with the given arguments, and the directory removed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildToJs } from "./build-js.js";

const [script, ...args] = process.argv.slice(2);
if (script === undefined) {
  console.error("usage: tsx bench/run-built.ts <bench script.ts> [args...]");
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), "tsgate-bench-"));
try {
  const url = await buildToJs(resolve(script), dir, basename(script, ".ts"));
  execFileSync(process.execPath, [fileURLToPath(url), ...args], { stdio: "inherit" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
