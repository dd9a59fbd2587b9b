import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WakeupMode } from "../src/types.js";
import { BACKENDS, tempDir } from "./helpers/backends.js";

const DIST = join(import.meta.dirname, "..", "dist");
const tmp = tempDir("exit");
let mock: MockServers;
beforeAll(async () => {
  mock = await startMockServers({ marketRateHz: 0 });
});
afterAll(async () => {
  await mock.close();
  tmp.cleanup();
});

/*
 * A child process logs a TraderApi in to the mock server running in this (parent) process — while it
 * waits, only the api's keep-alive holds its event loop open, since the library's threads do the
 * networking — then receives 10,000 events on an MdApi, closes both and must exit by itself with
 * code 0. Runs the built dist/ in both module formats, so it also checks that the bundled library
 * is found from dist/index.js and dist/index.cjs. With the wake-up callback (Windows' path) the
 * notifier thread may be inside a call into JS when close() releases the handle: release waits for
 * it (hft_api.h), or the child would be killed by SIGSEGV in its exit now and then, after printing
 * its line (test_session.c checks that wait deterministically).
 */
function childScript(format: "esm" | "cjs", backend: string, wakeup: WakeupMode, port: number): string {
  const load =
    format === "esm"
      ? `import { MdApi, TraderApi, testLibraryPath } from ${JSON.stringify(join(DIST, "index.js"))};`
      : `const { MdApi, TraderApi, testLibraryPath } = require(${JSON.stringify(join(DIST, "index.cjs"))});`;
  return `${load}
const library = { backend: ${JSON.stringify(backend)} };
const wakeup = ${JSON.stringify(wakeup)};
const trader = new TraderApi({ host: "127.0.0.1", port: ${port}, library, wakeup });
const md = new MdApi({ host: "127.0.0.1", port: 9, library: { ...library, path: testLibraryPath() }, wakeup });
let n = 0;
md.on("marketData", (e) => {
  if (e.mdSeq !== ++n) { console.error("out of order", e.mdSeq, n); process.exit(3); }
  if (n === 10000) {
    Promise.all([md.close(), trader.close()]).then(() => process.stdout.write("closed after " + n + "\\n"));
  }
});
trader.on("login", (e) => {
  if (!e.ok) { console.error("login failed", e.errorCode); process.exit(4); }
  md.testEmit(10000);
});
trader.login({ accountId: "demo", password: "demo123", custOrgid: "0000", custBranchid: "9999", clSystemId: "HFT" });
`;
}

function run(file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    // A child that never exits fails the test by its timeout (not a speed assertion).
    child.on("error", reject);
    child.on("exit", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("close() lets the process exit", () => {
  const cases = BACKENDS.flatMap((backend) =>
    (["esm", "cjs"] as const).flatMap((format) =>
      (["descriptor", "callback"] as const).map((wakeup) => ({ backend, format, wakeup })),
    ),
  );
  it.each(cases)("$format build, $backend backend, $wakeup wake-up", async ({ backend, format, wakeup }) => {
    expect(existsSync(join(DIST, "index.js")), "run the package build first").toBe(true);
    const file = join(tmp.dir, `child-${backend}-${wakeup}.${format === "esm" ? "mjs" : "cjs"}`);
    writeFileSync(file, childScript(format, backend, wakeup, mock.tradePort));
    const res = await run(file);
    expect(res.stderr).toBe("");
    expect(res.stdout.trim()).toBe("closed after 10000");
    expect(res.status).toBe(0);
  });
});

/*
 * Between events the child's JS has nothing pending: only the keep-alive holds the loop open while the
 * library retries a refused connect (300 ms apart). Without it the process would exit after the first
 * `disconnected` (checked by hand by unref'ing the keep-alive timer).
 */
describe("an open api keeps the process alive across idle gaps", () => {
  it.each(BACKENDS)("%s", async (backend) => {
    const file = join(tmp.dir, `idle-${backend}.mjs`);
    writeFileSync(
      file,
      `import { TraderApi } from ${JSON.stringify(join(DIST, "index.js"))};
const t = new TraderApi({ host: "127.0.0.1", port: 1, connectRetries: 2, reconnectMinMs: 300, reconnectMaxMs: 300, library: { backend: ${JSON.stringify(backend)} } });
let d = 0;
t.on("disconnected", (e) => { if (++d === 3 || !e.willReconnect) t.close(); });
t.login({ accountId: "demo", password: "demo123", custOrgid: "0000", custBranchid: "9999", clSystemId: "HFT" });
process.on("exit", () => process.stdout.write("disconnected events: " + d + "\\n"));
`,
    );
    const res = await run(file);
    expect(res.stderr).toBe("");
    expect(res.stdout.trim()).toBe("disconnected events: 3");
    expect(res.status).toBe(0);
  });
});

describe("ffi-napi missing", () => {
  it("backend 'ffi-napi' without the package: BACKEND_UNAVAILABLE saying how to install it", async () => {
    const file = join(tmp.dir, "no-ffi-napi.cjs");
    writeFileSync(
      file,
      `const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "@2060.io/ffi-napi") { const e = new Error("Cannot find module '@2060.io/ffi-napi'"); e.code = "MODULE_NOT_FOUND"; throw e; }
  return resolve.call(this, request, ...rest);
};
const { loadHftLibrary } = require(${JSON.stringify(join(DIST, "index.cjs"))});
try { loadHftLibrary({ backend: "ffi-napi" }); } catch (e) { process.stdout.write(e.code + "\\n" + e.message); }
`,
    );
    const res = await run(file);
    const [code, message] = res.stdout.split("\n");
    expect(code).toBe("BACKEND_UNAVAILABLE");
    expect(message).toContain("Cannot find module '@2060.io/ffi-napi'");
    expect(message).toContain("npm install @2060.io/ffi-napi @2060.io/ref-napi");
    expect(message).not.toContain("fpermissive");
    expect(res.status).toBe(0);
  });
});
