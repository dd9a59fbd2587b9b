/**
 * Login refusals by code, the simulator's and the vendor's (hft_trader_error.h, SIPE_* of
 * isipuix.h): each maps to its cause and advice. Network through the real mock servers, login
 * through fakes that answer with the vendor's codes; and the clock judgement as a pure function.
 */
import type { LoginRequest, MdLoginRequest } from "@tsgate/hft-native";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { judgeClock, marketClockSkew } from "../src/doctor/clock-skew.js";
import { formatStep, loginCause, type MdApiPort, runDoctor, type TraderApiPort } from "../src/index.js";
import { libraryKind } from "../src/library-kind.js";
import { demoSetting } from "./helpers/e2e.js";
import { FakeFactory, FakeMd, FakeTrader } from "./helpers/fake-api.js";

let mock: MockServers;
beforeAll(async () => {
  mock = await startMockServers({ marketRateHz: 0, heartbeatIntervalMs: 200 });
});
afterAll(async () => {
  await mock?.close();
});

/** A factory whose logins are answered with fixed codes. */
class RefusingFactory extends FakeFactory {
  constructor(
    readonly tradeCode: number,
    readonly mdCode: number,
  ) {
    super();
    this.createTrader = (options: object): TraderApiPort => {
      const self = this;
      const trader = new (class extends FakeTrader {
        override login(req: LoginRequest) {
          super.login(req);
          const ok = self.tradeCode === 0;
          queueMicrotask(() =>
            this.fire("login", {
              ok,
              errorCode: self.tradeCode,
              errorMsg: ok ? "" : `vendor says ${self.tradeCode}`,
              accountId: req.accountId,
              tradingDay: 20261202,
              lastReportSeq: 0,
            }),
          );
        }
      })(options as Record<string, unknown>, this.results);
      this.traders.push(trader);
      return trader;
    };
    this.createMd = (options: object): MdApiPort => {
      const self = this;
      const md = new (class extends FakeMd {
        override login(req: MdLoginRequest) {
          super.login(req);
          const ok = self.mdCode === 0;
          queueMicrotask(() =>
            this.fire("login", { ok, errorCode: self.mdCode, message: ok ? "" : `sip says ${self.mdCode}` }),
          );
        }
      })(options as Record<string, unknown>);
      this.mds.push(md);
      return md;
    };
  }
}

async function lines(tradeCode: number, mdCode: number, language: "en" | "zh-CN" = "en") {
  const report = await runDoctor(demoSetting(mock), {
    language,
    api: new RefusingFactory(tradeCode, mdCode),
    tickTimeoutMs: 200,
  });
  const line = (id: string) => {
    const step = report.steps.find((s) => s.step === id);
    return step === undefined ? "" : formatStep(language, step).join("\n");
  };
  return { trade: line("tradeLogin"), market: line("marketLogin"), report };
}

describe("login refusals by code", () => {
  it.each([
    [14016, "not enabled for HFT access (14016"],
    [14017, "not enabled for HFT access (14017"],
    [14018, "terminal information does not match or is missing (14018"],
    [14019, "terminal information does not match or is missing (14019"],
    [14024, "the account is disabled or locked (14024"],
    [
      14034,
      'wrong user or password (14034, the server says "vendor says 14034"). Check 「交易用户名」 and 「交易密码」',
    ],
    [1005, "the server refuses logins for now (1005"],
    [1006, "account type not supported (1006"],
    [14999, 'login refused with code 14999, the server says "vendor says 14999"'],
  ])("trade code %i", async (code, expected) => {
    const { trade, report } = await lines(code, 0);
    expect(trade).toContain(expected);
    expect(report.steps.find((s) => s.step === "tradeLogin")?.facts.code).toBe(code);
  });

  it.each([
    [20, "login information incomplete (20"],
    [5001, 'user "demo" does not exist (5001). Check 「行情用户名」'],
    [5002, "wrong password (5002). Check 「行情密码」"],
    [
      1,
      'the market-data login was refused (1, the server says "sip says 1"). Check 「行情用户名」 and 「行情密码」',
    ],
    [18, "the market-data configuration is missing or malformed (18"],
    [19, "initialising the socket failed (19"],
  ])("market code %i", async (code, expected) => {
    const { market } = await lines(0, code);
    expect(market).toContain(expected);
  });

  // A vendor code no cause covers reads the gateway's own vendor table (vendor-errors.ts), in
  // the doctor's language, as the gateway's log line does.
  it.each([
    [
      "en",
      14010,
      0,
      'logging in to the trading gateway failed (14010, the server says "vendor says 14010"). The gateway is unavailable',
    ],
    ["zh-CN", 14010, 0, '登录交易网关失败 (14010，服务器原文 "vendor says 14010")。网关暂不可用或拒绝连接'],
    [
      "en",
      0,
      7,
      'connecting to the market server failed (7, the server says "sip says 7"). Check 「行情服务器」',
    ],
    ["zh-CN", 0, 7, '连接行情服务器失败 (7，服务器原文 "sip says 7")。请检查「行情服务器」'],
  ] as const)(
    "a vendor code without a cause, in %s: trade %i, market %i",
    async (language, trade, market, expected) => {
      const found = await lines(trade, market, language);
      expect(trade !== 0 ? found.trade : found.market).toContain(expected);
    },
  );

  it("says whether retrying can help", () => {
    expect(loginCause("trade", 14024)?.retryMayHelp).toBe(false);
    // isipuix.h: on SIPE_CONSVRFAIL the API reconnects by itself; SIPE_ERR promises nothing
    expect(loginCause("market", 7)?.retryMayHelp).toBe(true);
    expect(loginCause("market", 1)?.retryMayHelp).toBe(false);
    expect(loginCause("trade", 14010)?.retryMayHelp).toBe(true);
    expect(loginCause("trade", 1005)?.retryMayHelp).toBe(true);
    expect(loginCause("market", 9999)).toBeUndefined();
  });
});

describe("library kind and clock", () => {
  it("tells the sim library from the vendor shim by hft_library_info()", () => {
    expect(libraryKind("tsgate-sim 0.1.0 (abi 1)")).toBe("sim");
    expect(libraryKind("tsgate-vendor-shim 0.1.0 (abi 1)")).toBe("shim");
    expect(libraryKind("something")).toBe("unknown");
  });

  it("takes the freshest tick and tells a slow clock from an old snapshot", () => {
    // 2026-12-02 10:00:00.000 China time = 02:00:00 UTC.
    const at = Date.UTC(2026, 11, 2, 2, 0, 0);
    const samples = [
      { tradingDay: 20261202, time: 95950000, receivedAt: at }, // 10 s old
      { tradingDay: 20261202, time: 100000500, receivedAt: at }, // 0.5 s ahead
    ];
    expect(marketClockSkew(samples)).toBe(500);
    expect(judgeClock(500, 2000)).toEqual({ kind: "ok", skewMs: 500 });
    expect(judgeClock(3000, 2000)).toEqual({ kind: "behind", skewMs: 3000 });
    expect(judgeClock(-3000, 2000)).toEqual({ kind: "stale", skewMs: 3000 });
    expect(marketClockSkew([])).toBeUndefined();
  });
});
