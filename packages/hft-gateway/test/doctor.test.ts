/**
 * `runDoctor` against the mock servers (in-process, ports 0, 127.0.0.1) through the real library:
 * each failure of the checklist is found at its step with its advice, success passes every step,
 * and no password appears in the report.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { HFT_ABI_VERSION } from "@tsgate/hft-native";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DoctorOptions, type DoctorReport, formatStep, runDoctor } from "../src/index.js";
import { closedPort, demoSetting } from "./helpers/e2e.js";

const WRONG_PASSWORD = "Wr0ng-Doct0r-Pw!";
let mock: MockServers;
const reports: DoctorReport[] = [];

beforeAll(async () => {
  // 5 steps/s: fresh ticks for the clock check at little CPU; heartbeats well inside the doctor's wait.
  mock = await startMockServers({ marketRateHz: 5, heartbeatIntervalMs: 200 });
});
afterAll(async () => {
  await mock?.close();
});

const FAST: DoctorOptions = { tickTimeoutMs: 5000, clockSampleMs: 300, loginTimeoutMs: 10_000 };

async function doctor(extra: Record<string, unknown>, options: DoctorOptions = {}, servers = mock) {
  const report = await runDoctor(demoSetting(servers, extra), { language: "en", ...FAST, ...options });
  reports.push(report);
  const step = (id: string) => report.steps.find((s) => s.step === id);
  const line = (id: string) => {
    const found = step(id);
    return found === undefined ? "" : formatStep(report.language, found).join("\n");
  };
  return { report, step, line };
}

describe("runDoctor", () => {
  it("passes every step against healthy mock servers, in zh-CN too", async () => {
    const { report, line } = await doctor({}, { language: "zh-CN" });
    expect(report.steps.map((s) => [s.step, s.status])).toEqual([
      ["settings", "passed"],
      ["library", "passed"],
      ["tradeNetwork", "passed"],
      ["marketNetwork", "passed"],
      ["tradeLogin", "passed"],
      ["marketLogin", "passed"],
      ["tradeData", "passed"],
      ["tick", "passed"],
      ["clock", "passed"],
    ]);
    expect(report.ok).toBe(true);
    expect(line("library")).toMatch(new RegExp(`tsgate-sim .*ABI 版本 ${HFT_ABI_VERSION}，实现：仿真库`));
    expect(line("tradeNetwork")).toMatch(
      /^✓ 交易服务器网络 \[通过\] 127\.0\.0\.1:\d+（127\.0\.0\.1）：域名解析 \d+ ms，TCP 连接 \d+ ms，协议应答 \d+ ms$/,
    );
    expect(line("tradeData")).toMatch(/^✓ 登录后查询 \[通过\] 合约 \d+ 个，资金已加载/);
    expect(report.library?.info).toMatch(/^tsgate-sim/);
  });

  it("wrong trade password: trade login fails with the password advice; market side still passes", async () => {
    const { step, line } = await doctor({ 交易密码: WRONG_PASSWORD });
    expect(step("tradeLogin")?.status).toBe("failed");
    expect(step("tradeLogin")?.facts.code).toBe(1002);
    expect(line("tradeLogin")).toBe(
      "✗ trade server login [FAILED] wrong password (1002). Check 「交易密码」 (case, leading and trailing spaces)",
    );
    expect(step("tradeData")?.status).toBe("skipped");
    expect(step("marketLogin")?.status).toBe("passed");
  });

  it("wrong 机构代号 and wrong 营业部代号 name the setting", async () => {
    const org = await doctor({ 机构代号: "1234" });
    expect(org.line("tradeLogin")).toContain(
      '机构代号 (organisation code) "1234" is wrong (1003). Check 「机构代号」',
    );
    const branch = await doctor({ 营业部代号: "0001" }, { language: "zh-CN" });
    expect(branch.line("tradeLogin")).toContain('营业部代号 "0001" 不正确 (1004)。请检查「营业部代号」');
  });

  it("a refused port fails the network step with ECONNREFUSED and the time taken; logins are skipped", async () => {
    const port = await closedPort();
    const { step, line } = await doctor({ 交易端口: port });
    expect(step("tradeNetwork")?.status).toBe("failed");
    expect(line("tradeNetwork")).toMatch(
      new RegExp(
        `connection refused: nothing listens on 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED, \\d+ ms\\)\\. Check 「交易服务器」 and 「交易端口」`,
      ),
    );
    expect(step("tradeLogin")?.status).toBe("skipped");
    expect(line("tradeLogin")).toContain('not checked because "trade server network" failed');
    expect(step("marketNetwork")?.status).toBe("passed");
  });

  it("a host that does not resolve fails the network step naming the host and the key", async () => {
    const { step, line } = await doctor({ 交易服务器: "nonexistent.invalid" });
    expect(step("tradeNetwork")?.status).toBe("failed");
    expect(line("tradeNetwork")).toMatch(
      /host "nonexistent\.invalid" does not resolve \(\S+, \d+ ms\)\. Check 「交易服务器」 for a typo, or use an IPv4 address/,
    );
  });

  it("a listener that never answers is told apart from a refused port", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { step, line } = await doctor({ 行情端口: port, heartbeatTimeoutMs: 800 });
      expect(step("marketNetwork")?.status).toBe("failed");
      expect(line("marketNetwork")).toMatch(
        /accepts connections but sent nothing within \d+ ms.*Check 「行情端口」/,
      );
      expect(step("marketLogin")?.status).toBe("skipped");
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("an HTTP server on the port is named as such", async () => {
    const http: HttpServer = createHttpServer((_req, res) => res.end("hello"));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = (http.address() as { port: number }).port;
    try {
      const { step, line } = await doctor({ 交易端口: port });
      expect(step("tradeNetwork")?.status).toBe("failed");
      expect(step("tradeNetwork")?.facts.looksLike).toBe("doctor.net.looksLike.http");
      expect(line("tradeNetwork")).toContain(
        "does not speak the tsgate protocol (its answer looks like HTTP)",
      );
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it("a missing library fails the library step with the path and the setting to check", async () => {
    const { step, line } = await doctor({ libraryPath: "/nonexistent/libhftsim.so" });
    expect(step("library")?.status).toBe("failed");
    expect(step("library")?.facts.code).toBe("LIBRARY_NOT_FOUND");
    expect(line("library")).toContain(
      'library file not found: /nonexistent/libhftsim.so. Check the "libraryPath" setting',
    );
    expect(step("tradeLogin")?.status).toBe("skipped");
    expect(step("marketLogin")?.status).toBe("skipped");
  });

  it("a stopped market feed fails the tick step, and the clock step is skipped", async () => {
    mock.control.pauseMarketData();
    try {
      const { step, line } = await doctor({}, { tickTimeoutMs: 800 });
      expect(step("marketLogin")?.status).toBe("passed");
      expect(step("tick")?.status).toBe("failed");
      expect(line("tick")).toMatch(/no tick of SH\.\d{6} within 800 ms of subscribing/);
      expect(step("clock")?.status).toBe("skipped");
    } finally {
      mock.control.resumeMarketData();
    }
  });

  it("a market clock a minute ahead fails the clock step", async () => {
    const ahead = await startMockServers({
      marketRateHz: 5,
      heartbeatIntervalMs: 200,
      now: () => new Date(Date.now() + 60_000),
    });
    try {
      const { step, line } = await doctor({}, {}, ahead);
      expect(step("tick")?.status).toBe("passed");
      expect(step("clock")?.status).toBe("failed");
      expect(line("clock")).toMatch(/the market time is \d+ ms ahead of this machine's clock/);
      expect(Number(step("clock")?.facts.skewMs)).toBeGreaterThan(55_000);
    } finally {
      await ahead.close();
    }
  });

  it("invalid settings fail the first step, one line per key, and skip the rest", async () => {
    const { report, step } = await doctor({ 交易端口: "80a", 交易服务器: "tcp://x" });
    expect(step("settings")?.status).toBe("failed");
    expect(step("settings")?.details.join("\n")).toMatch(/交易端口: .*"80a"/);
    expect(step("settings")?.details.join("\n")).toMatch(/交易服务器: write only the host/);
    expect(report.steps.slice(1).every((s) => s.status === "skipped")).toBe(true);
    // In zh-CN the same issues are in Chinese, the values quoted as given.
    const zh = await doctor({ 交易端口: "80a", 交易服务器: "tcp://x" }, { language: "zh-CN" });
    expect(zh.step("settings")?.details).toEqual([
      "交易服务器：只写主机（如 127.0.0.1），不要带 tcp:// 这样的前缀",
      '交易端口：应为 1 到 65535 之间的整数，实际为 "80a"',
    ]);
  });

  it("a password too long for the vendor's field fails the settings step by key, without echoing it", async () => {
    const long = `Long-${"p".repeat(120)}`;
    const { report, step } = await doctor({ 行情密码: long });
    expect(step("settings")?.status).toBe("failed");
    expect(step("settings")?.facts.keys).toBe("行情密码");
    expect(step("settings")?.details.join("\n")).toMatch(/^行情密码: must be at most \d+ bytes/);
    expect(JSON.stringify(report)).not.toContain(long.slice(0, 20));
  });

  it("no report holds a password, and passwords appear only by length", () => {
    const json = JSON.stringify(reports);
    for (const secret of [WRONG_PASSWORD, "demo123"]) expect(json).not.toContain(secret);
    expect(reports[0]?.settings.交易密码).toBe("<7 bytes, not shown>");
  });
});
