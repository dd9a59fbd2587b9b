import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorCode, MarketClient, TradeClient } from "../src/index.js";
import { ACCOUNT, MD_USER } from "./helpers/servers.js";

// The CLI is tested as shipped: the bin shim over the built dist (nx runs the build before tests).
const bin = fileURLToPath(new URL("../bin/tsgate-mock.js", import.meta.url));
const built = existsSync(fileURLToPath(new URL("../dist/cli.js", import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), "tsgate-mock-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exit: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

async function waitForOutput(r: Run, pattern: RegExp): Promise<RegExpMatchArray> {
  const end = Date.now() + 20_000;
  for (;;) {
    const m = r.out().match(pattern);
    if (m) return m;
    if (Date.now() > end) throw new Error(`no ${pattern} in output:\n${r.out()}\n${r.err()}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe("tsgate-mock CLI", () => {
  it("is built (npm test builds it first; alone: npm run build -w @tsgate/mock-server)", () => {
    expect(built).toBe(true);
  });

  it("is the package's ./cli entry, from ESM and CommonJS (what tsgate mock imports)", async () => {
    const esm = (await import("@tsgate/mock-server/cli")) as { runCli?: unknown };
    expect(typeof esm.runCli).toBe("function");
    const cjs = createRequire(import.meta.url)("@tsgate/mock-server/cli") as { runCli?: unknown };
    expect(typeof cjs.runCli).toBe("function");
  });

  it("starts with the demo config, serves, logs with timestamps, and exits 0 on SIGINT", async () => {
    const r = run(["--trade-port", "0", "--market-port", "0", "--seed", "7"]);
    const m = await waitForOutput(r, /ready: trade 127\.0\.0\.1:(\d+), market 127\.0\.0\.1:(\d+)/);
    const trade = new TradeClient();
    await trade.connect(Number(m[1]));
    expect((await trade.login(ACCOUNT)).errorCode).toBe(0);
    expect((await trade.login({ ...ACCOUNT, password: "wrong-pw-xyz" })).errorCode).toBe(
      ErrorCode.LOGIN_WRONG_PASSWORD,
    );
    await trade.close();
    const md = new MarketClient();
    await md.connect(Number(m[2]));
    expect((await md.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
    await md.close();
    await waitForOutput(r, /login demo ok/);
    r.child.kill("SIGINT");
    expect(await r.exit).toBe(0);
    const out = r.out();
    expect(out).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z trade server listening/m);
    expect(out).toContain("SIGINT: shutting down");
    expect(out).toContain("servers closed");
    // Passwords are never logged.
    expect(out).not.toContain("demo123");
    expect(out).not.toContain("wrong-pw-xyz");
  });

  it("takes fault commands on stdin with --commands", async () => {
    const child = spawn(process.execPath, [bin, "--trade-port", "0", "--market-port", "0", "--commands"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const r: Run = { child, out: () => out, err: () => "", exit };
    await waitForOutput(r, /ready:/);
    child.stdin!.write("reject-orders 2\nduplicate-reports on\nconnections\ncounters demo\n");
    await waitForOutput(r, /fault: duplicate reports on/);
    await waitForOutput(r, /^demo \d{8}: orders 0, cancels 0 \(instant 0\), total 0, peak 0\/s$/m);
    // The books with the fee parts paid so far, and today's fills (none yet).
    child.stdin!.write("books demo\nfees demo\n");
    await waitForOutput(
      r,
      /^demo fees paid: commission 0\.00, stamp duty 0\.00, transfer fee 0\.00 \(total 0\.00\)$/m,
    );
    await waitForOutput(r, /^demo: no trades today$/m);
    expect(out).toContain("fault: reject the next 2 order(s)");
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(out).toContain("SIGTERM: shutting down");
  });

  it("exits 2 naming the fields of an invalid config", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ accounts: [{ accountId: "a", password: "p", cash: -5 }], instruments: "x" }),
    );
    const r = run(["--config", file, "--trade-port", "0", "--market-port", "0"]);
    expect(await r.exit).toBe(2);
    expect(r.err()).toContain("accounts[0].cash");
    expect(r.err()).toContain("instruments");
  });

  it("runs a simulated clock with --start and --speed, and needs --start for --speed", async () => {
    const bad = run(["--speed", "60", "--trade-port", "0", "--market-port", "0"]);
    expect(await bad.exit).toBe(2);
    expect(bad.err()).toContain("--speed needs --start");
    const negative = run(["--start", "2026-11-27T09:14:00+08:00", "--speed=-1"]);
    expect(await negative.exit).toBe(2);
    expect(negative.err()).toContain('--speed: expected a number ≥ 0, got "-1"');
  });

  it("exits 2 on a bad argument", async () => {
    const r = run(["--trade-port", "nope"]);
    expect(await r.exit).toBe(2);
    expect(r.err()).toContain("--trade-port");
  });
});
