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
// variant "" (plain), "asan", "tsan", or "win32-x64" (the MinGW .exe, run under Wine)
const variant = process.argv[2] ?? "";
const onWine = variant === "win32-x64";
const exe = path.join(pkgDir, "build", variant, onWine ? "test_interop.exe" : "test_interop");
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
const ports = [String(tradePort), String(marketPort)];
const child = onWine
  ? spawn("wine", [exe, ...ports], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { WINEDEBUG: "-all", ...process.env },
    })
  : spawn(exe, ports, { stdio: ["pipe", "pipe", "inherit"] });
child.on("error", (err) => {
  process.stderr.write(
    `interop-c: cannot start ${onWine ? "wine" : exe}: ${err.message}${onWine ? " (apt-get install wine wine64)" : ""}\n`,
  );
  process.exit(1);
});
const lines = readline.createInterface({ input: child.stdout });
lines.on("line", (raw) => {
  const line = raw.trimEnd(); // the Windows CRT writes \r\n
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
