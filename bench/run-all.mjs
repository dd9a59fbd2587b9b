#!/usr/bin/env node
// `npm run bench`: runs every project's `bench` target with Nx (one at a time, so figures are not
// disturbed by each other), then writes the combined report with bench/report.ts. The report is
// written even when a benchmark fails (its package is listed as missing or stale); the exit code
// is then the benchmarks' failure.
import { spawnSync } from "node:child_process";
import path from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) =>
  path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" }).status ?? 1;

const benches = run(bin("nx"), [
  "run-many",
  "-t",
  "bench",
  "--parallel=1",
  "--outputStyle=stream",
  "--skip-nx-cache",
  ...process.argv.slice(2),
]);
if (benches !== 0) process.stderr.write("bench: some benchmarks failed; the report lists what is missing\n");
const report = run(bin("tsx"), [path.join("bench", "report.ts")]);
process.exitCode = benches || report;
