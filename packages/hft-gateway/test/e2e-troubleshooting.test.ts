/**
 * The troubleshooting cases of the vnpy_hft documentation, end to end through the real library:
 * each gives one clear, actionable log line. Every event and error of the file is captured to
 * prove that no password ever appears. All traffic stays on 127.0.0.1.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectionState, GatewayNotReadyError, GatewaySide, LogLevel, MainEngine } from "@tsgate/core";
import { HFT_ABI_VERSION } from "@tsgate/hft-native";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HftGateway } from "../src/index.js";
import { closedPort, demoSetting, PASSWORD } from "./helpers/e2e.js";
import { Recorder } from "./helpers/recorder.js";

const WRONG_PASSWORD = "Wr0ng-Passw0rd!";
let mock: MockServers;
const everything: unknown[] = [];

beforeAll(async () => {
  mock = await startMockServers({ marketRateHz: 0 });
});

afterAll(async () => {
  await mock?.close();
});

/** Connects one gateway with `extra` settings, waits for `pattern` (and `also`) in the log, closes. */
async function attempt(extra: Record<string, unknown>, pattern: RegExp, servers = mock, also: RegExp[] = []) {
  const main = new MainEngine();
  const rec = new Recorder(main.eventEngine);
  main.addGateway(HftGateway);
  try {
    main.connect(demoSetting(servers, extra), "HFT");
    const log = await rec.waitForLog(pattern);
    for (const other of also) await rec.waitForLog(other);
    return { rec, log };
  } finally {
    await main.close();
    everything.push(...rec.events);
  }
}

describe("troubleshooting messages", () => {
  it("port refused (nothing listening on 127.0.0.1:port), for both servers, and retries are bounded", async () => {
    const tradePort = await closedPort();
    const marketPort = await closedPort();
    // Both sides must have given up before the gateway is closed.
    const { rec } = await attempt(
      { connectRetries: 1 },
      /^行情服务器连接被拒绝.*已停止重试/,
      { tradePort, marketPort } as MockServers,
      [/^交易服务器连接被拒绝.*已停止重试/],
    );
    const refused = rec.logs.filter((l) => /^交易服务器连接被拒绝/.test(l.msg));
    expect(refused[0]?.msg).toBe(
      `交易服务器连接被拒绝：127.0.0.1:${tradePort} 上没有服务在监听 (ECONNREFUSED)。请检查「交易服务器」和「交易端口」设置，并确认服务器已启动，正在重试`,
    );
    expect(rec.logs.find((l) => /^交易服务器连接被拒绝.*已停止重试/.test(l.msg))?.level).toBe(LogLevel.ERROR);
    const trade = rec.statuses.filter((x) => x.side === GatewaySide.TRADE);
    // The last status is from close(); the one before it is the give-up.
    expect(trade.at(-2)?.state).toBe(ConnectionState.DISCONNECTED);
  });

  it("wrong trade password", async () => {
    // The library does not retry a refused login; the gateway says so once.
    const { log } = await attempt({ 交易密码: WRONG_PASSWORD }, /^交易服务器登录失败/, mock, [
      /^交易服务器连接已关闭（登录被拒绝，不会自动重连）$/,
    ]);
    expect(log.msg).toBe("交易服务器登录失败：密码错误 (1002)。请检查「交易密码」");
    expect(log.level).toBe(LogLevel.ERROR);
  });

  it("waitForReady rejects at once with the refused login's message, not at its timeout", async () => {
    const main = new MainEngine();
    const rec = new Recorder(main.eventEngine);
    main.addGateway(HftGateway);
    try {
      main.connect(demoSetting(mock, { 交易密码: WRONG_PASSWORD }), "HFT");
      // A day-long timeout: the test only passes if the refusal ends the wait.
      const error = await main.waitForReady("HFT", 86_400_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayNotReadyError);
      expect((error as Error).message).toBe(
        'Gateway "HFT" stopped connecting before it was READY; last status: DISCONNECTED (交易服务器登录失败：密码错误 (1002)。请检查「交易密码」)',
      );
      everything.push(error);
    } finally {
      await main.close();
      everything.push(...rec.events);
    }
  });

  it("a good login ends in READY, after the start-up data", async () => {
    const main = new MainEngine();
    main.addGateway(HftGateway);
    try {
      main.connect(demoSetting(mock), "HFT");
      const ready = await main.waitForReady("HFT", 30_000);
      expect(ready.msg).toBe("启动查询完成（合约、资金、持仓、委托、成交），接口已就绪");
      expect(main.getContract("600000.SSE")).toBeDefined();
      expect(main.getAllAccounts()).toHaveLength(1);
      expect(main.getAllPositions().length).toBeGreaterThan(0);
    } finally {
      await main.close();
    }
  });

  it("unknown trade user", async () => {
    const { log } = await attempt({ 交易用户名: "nobody" }, /^交易服务器登录失败/);
    expect(log.msg).toBe('交易服务器登录失败：交易用户名 "nobody" 不存在 (1001)。请检查「交易用户名」');
  });

  it("wrong 机构代号", async () => {
    const { log } = await attempt({ 机构代号: "1234" }, /^交易服务器登录失败/);
    expect(log.msg).toBe(
      '交易服务器登录失败：机构代号 "1234" 不正确 (1003)。请检查「机构代号」（默认 0000，以券商提供的为准）',
    );
  });

  it("wrong 营业部代号", async () => {
    const { log } = await attempt({ 营业部代号: "0001" }, /^交易服务器登录失败/);
    expect(log.msg).toBe(
      '交易服务器登录失败：营业部代号 "0001" 不正确 (1004)。请检查「营业部代号」（默认 9999，以券商提供的为准）',
    );
  });

  it("wrong market-data password and unknown market-data user", async () => {
    const wrong = await attempt({ 行情密码: WRONG_PASSWORD }, /^行情服务器登录失败/);
    expect(wrong.log.msg).toBe("行情服务器登录失败：密码错误 (5002)。请检查「行情密码」");
    const unknown = await attempt({ 行情用户名: "nobody" }, /^行情服务器登录失败/);
    expect(unknown.log.msg).toBe(
      '行情服务器登录失败：行情用户名 "nobody" 不存在 (5001)。请检查「行情用户名」',
    );
  });

  it("library not found: names the path and how to fix it; connect does not throw", async () => {
    const { log, rec } = await attempt(
      { libraryPath: "/nonexistent/tsgate/libhft.so" },
      /^HFT 接口库加载失败/,
    );
    expect(log.msg).toMatch(
      /^HFT 接口库加载失败（找不到库文件）：HFT library not found: \/nonexistent\/tsgate\/libhft.so/,
    );
    expect(log.msg).toMatch(/「libraryPath」/);
    expect(rec.statuses.map((x) => x.state)).toEqual([
      ConnectionState.DISCONNECTED,
      ConnectionState.DISCONNECTED,
    ]);
  });

  it("library of the wrong version: names the versions", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hft-gw-"));
    try {
      const source = join(dir, "fake.c");
      const library = join(dir, "libfakehft.so");
      writeFileSync(source, "int hft_abi_version(void) { return 99; }\n");
      try {
        execFileSync(process.env.CC ?? "cc", ["-shared", "-fPIC", "-o", library, source], {
          stdio: "ignore",
        });
      } catch (error) {
        throw new Error(
          `no C compiler (${process.env.CC ?? "cc"}): install one (apt-get install -y gcc) — ${(error as Error).message}`,
        );
      }
      const { log } = await attempt({ libraryPath: library }, /^HFT 接口库加载失败/);
      expect(log.msg).toMatch(
        new RegExp(
          `^HFT 接口库加载失败（版本不匹配）：.*has ABI version 99, but @tsgate/hft-native expects ${HFT_ABI_VERSION}`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("server disconnected / reconnecting, then reconnected", async () => {
    const main = new MainEngine();
    const rec = new Recorder(main.eventEngine);
    main.addGateway(HftGateway);
    try {
      main.connect(demoSetting(mock), "HFT");
      await rec.waitForLog(/^成交信息查询成功/);
      await rec.waitForLog(/^行情服务器登录成功/);
      mock.control.dropConnections({});
      const trade = await rec.waitForLog(/^交易服务器连接断开/);
      const market = await rec.waitForLog(/^行情服务器连接断开/);
      expect(trade.msg).toMatch(/^交易服务器连接断开：.+，正在自动重连$/);
      expect(market.msg).toMatch(/^行情服务器连接断开：.+，正在自动重连$/);
      expect(trade.level).toBe(LogLevel.WARNING);
      await rec.waitForLog(/^交易服务器重连成功，已重新登录$/);
      await rec.waitForLog(/^行情服务器重连成功，已重新登录$/);
    } finally {
      await main.close();
      everything.push(...rec.events);
    }
  });

  it("bad settings throw SettingsError at once, naming the key, without the password", () => {
    const main = new MainEngine();
    main.addGateway(HftGateway);
    let error: unknown;
    try {
      main.connect({ ...demoSetting(mock), 交易端口: "80a", 交易密码: 123 }, "HFT");
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe("SettingsError");
    expect((error as Error).message).toMatch(/交易端口: expected an integer between 1 and 65535, got "80a"/);
    everything.push(String(error), (error as Error).stack);
    void main.close();
  });

  it("no password appears in any event or error of this file", () => {
    expect(everything.length).toBeGreaterThan(50);
    const dump = JSON.stringify(everything);
    for (const secret of [PASSWORD, WRONG_PASSWORD]) expect(dump).not.toContain(secret);
  });
});
