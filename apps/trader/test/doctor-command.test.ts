/**
 * `tsgate doctor` end to end, in-process: mock servers on ports 0 (127.0.0.1) with random
 * passwords, a settings file, the real library. A passing run and a failing one, in both
 * languages (by flag and by LANG); then the output and both report files (JSON and text) are
 * scanned for the passwords the way secrets.test.ts scans the trader.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoConfigInput, type MockServers, parseMockConfig, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Artifact, formatLeaks, LeakScanner, type Secret } from "./helpers/leak-scan.js";
import { runCliInMemory } from "./helpers/memory-io.js";

/** 16 bytes: 8 characters that JSON, URLs and base64 each encode differently, 8 random ones. */
const password = (prefix: string) => `${prefix}"\\%+/&${randomBytes(6).toString("base64url")}`;
const TRADE_PASSWORD = password("Tp");
const MARKET_PASSWORD = password("Mp");
const WRONG_PASSWORD = password("Wt");
const SECRETS: readonly Secret[] = [
  { label: "trade password", value: TRADE_PASSWORD },
  { label: "market password", value: MARKET_PASSWORD },
  { label: "wrong trade password", value: WRONG_PASSWORD },
];

let mock: MockServers;
let dir: string;
const artifacts: Artifact[] = [];

beforeAll(async () => {
  const config = structuredClone(demoConfigInput) as {
    accounts: Array<{ password: string }>;
    mdUsers: Array<{ password: string }>;
  };
  for (const account of config.accounts) account.password = TRADE_PASSWORD;
  for (const user of config.mdUsers) user.password = MARKET_PASSWORD;
  mock = await startMockServers({
    config: parseMockConfig(config),
    marketRateHz: 5,
    heartbeatIntervalMs: 200,
  });
  dir = mkdtempSync(join(tmpdir(), "tsgate-doctor-"));
});

afterAll(async () => {
  await mock?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function settingsFile(name: string, tradePassword: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      交易用户名: "demo",
      交易密码: tradePassword,
      交易服务器: "127.0.0.1",
      交易端口: mock.tradePort,
      行情用户名: "demo",
      行情密码: MARKET_PASSWORD,
      行情服务器: "127.0.0.1",
      行情端口: mock.marketPort,
    }),
  );
  return file;
}

async function tsgate(args: string[], env: Record<string, string> = {}) {
  const run = await runCliInMemory(args, env);
  artifacts.push({ where: `stdout of tsgate ${args.join(" ")}`, bytes: Buffer.from(run.out) });
  artifacts.push({ where: `stderr of tsgate ${args.join(" ")}`, bytes: Buffer.from(run.err) });
  return run;
}

describe("tsgate doctor", () => {
  it("passes against healthy servers, prints one line per step and writes a JSON report", async () => {
    const report = join(dir, "ok.json");
    const run = await tsgate([
      "doctor",
      "--settings",
      settingsFile("ok.json", TRADE_PASSWORD),
      "--report",
      report,
      "--language",
      "en",
    ]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const stepLines = run.out.split("\n").filter((l) => /^[✓✗!-] /.test(l));
    expect(stepLines).toHaveLength(9);
    expect(stepLines.every((l) => l.startsWith("✓ "))).toBe(true);
    expect(run.out).toContain("all steps passed");
    const json = JSON.parse(readFileSync(report, "utf8")) as {
      ok: boolean;
      steps: unknown[];
      versions: Record<string, string>;
      settings: Record<string, unknown>;
    };
    artifacts.push({ where: `file ${report}`, bytes: readFileSync(report) });
    expect(json.ok).toBe(true);
    expect(json.steps).toHaveLength(9);
    expect(json.versions["@tsgate/hft-gateway"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(json.settings.交易密码).toBe("<16 bytes, not shown>");
  });

  it("fails at trade login with a wrong password, in Chinese by LANG, and writes a text report", async () => {
    const report = join(dir, "wrong.txt");
    const run = await tsgate(
      ["doctor", "--settings", settingsFile("wrong.json", WRONG_PASSWORD), "--report", report],
      {
        LANG: "zh_CN.UTF-8",
      },
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain("✗ 交易服务器登录 [失败] 密码错误 (1002)。请检查「交易密码」");
    expect(run.out).toContain("- 登录后查询 [跳过]");
    expect(run.out).toContain("1 项未通过；先处理第一项：交易服务器登录");
    const body = readFileSync(report);
    artifacts.push({ where: `file ${report}`, bytes: body });
    expect(body.toString()).toContain("tsgate doctor report");
  });

  it("refuses a run without --settings with exit code 2", async () => {
    // No LANG: Chinese, the default (usage.test.ts has both languages).
    const run = await tsgate(["doctor"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("必须给出 --settings <file.json>");
  });

  it("holds no password in its output or reports", () => {
    expect(artifacts.length).toBeGreaterThanOrEqual(8);
    const leaks = new LeakScanner(SECRETS).scan(artifacts);
    expect(leaks, formatLeaks(leaks)).toEqual([]);
  });
});
