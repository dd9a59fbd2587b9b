#!/usr/bin/env node
// Runs build/test_interop (native/test/test_interop.c) against the real mock servers of
// @tsgate/mock-server (its dist/ must be built: `npx nx run @tsgate/mock-server:build`), applying
// the faults the C program asks for on stdout. Exits with the C program's status; exits 0 with a
// note if the mock server is not built.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import readline from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mockDist = path.resolve(pkgDir, "..", "mock-server", "dist", "index.js");
const exe = path.join(pkgDir, "build", process.argv[2] ?? "", "test_interop");
if (!existsSync(mockDist)) {
  process.stdout.write(`interop-c: ${mockDist} not built; skipping\n`);
  process.exit(0);
}
const { startMockServers } = await import(pathToFileURL(mockDist).href);
const servers = await startMockServers({
  heartbeatIntervalMs: 200,
  heartbeatTimeoutMs: 3000,
  marketRateHz: 20,
});
const { tradePort, marketPort, control } = servers;
const child = spawn(exe, [String(tradePort), String(marketPort)], { stdio: ["pipe", "pipe", "inherit"] });
const lines = readline.createInterface({ input: child.stdout });
lines.on("line", (line) => {
  process.stdout.write(`${line}\n`);
  if (line === "FAULT drop") control.dropConnections();
  if (line === "FAULT dupreorder") {
    control.duplicateReports(true);
    control.reorderReports(true);
  }
  if (line.startsWith("FAULT ")) child.stdin.write("OK\n");
});
const code = await new Promise((resolve) => child.on("exit", (c, s) => resolve(s ? 1 : c)));
await servers.close();
process.exit(code ?? 1);
