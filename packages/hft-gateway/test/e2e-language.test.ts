/**
 * The gateway's log lines and status texts in the user's language, through the real stack (mock
 * servers → C library → TCP → HftGateway): the `language` setting, else LC_ALL/LC_MESSAGES/LANG,
 * else zh-CN. An en line has no Chinese outside the quoted setting keys (「交易密码」), which the
 * user types in either language, and no zh line reads in English of ours. 127.0.0.1 only.
 */
import {
  ConnectionState,
  createCancelRequest,
  Direction,
  GatewaySide,
  LogLevel,
  MainEngine,
  Status,
} from "@tsgate/core";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HftGateway } from "../src/index.js";
import { closedPort, demoSetting, limitOrder, PASSWORD } from "./helpers/e2e.js";
import { Recorder } from "./helpers/recorder.js";

let mock: MockServers;
const savedLang = process.env.LANG;

beforeAll(async () => {
  mock = await startMockServers({ marketRateHz: 0 });
});

afterAll(async () => {
  await mock?.close();
});

afterEach(() => {
  process.env.LANG = savedLang;
});

/** Chinese left once the quoted setting keys are taken out: none may remain in an en line. */
function chineseOutsideKeys(line: string): string[] {
  return line.replace(/「[^」]*」/g, "").match(/[\u4e00-\u9fff]+/g) ?? [];
}

async function connected(extra: Record<string, unknown>) {
  const main = new MainEngine();
  const rec = new Recorder(main.eventEngine);
  main.addGateway(HftGateway);
  main.connect(demoSetting(mock, extra), "HFT");
  return { main, rec };
}

describe("gateway texts in en (language setting)", () => {
  it("logs the login flow, queries, a server rejection and a cancel in English only", async () => {
    const { main, rec } = await connected({ language: "en" });
    try {
      await rec.waitForLog(/^Trade server: logged in$/);
      await rec.waitForLog(/^Contracts loaded: \d+$/);
      await rec.waitForLog(/^Account loaded$/);
      await rec.waitForLog(/^Trades loaded: \d+$/);
      await rec.waitFor("the READY status", () =>
        rec.statuses.find((status) => /^Start-up queries done .*the gateway is ready$/.test(status.msg)),
      );
      await rec.waitForLog(/^Market server: logged in$/);
      const connecting = rec.statuses.find(
        (s) => s.side === GatewaySide.TRADE && s.state === ConnectionState.CONNECTING,
      );
      expect(connecting?.msg).toBe(`Trade server: connecting to 127.0.0.1:${mock.tradePort}`);

      // The server refuses a sell of shares the demo account does not hold (code 2009).
      const sell = main.sendOrder(limitOrder("601318", Direction.SHORT, 100, 57.36), "HFT");
      const orderid = sell.slice(sell.indexOf(".") + 1);
      const rejected = await rec.waitForLog(new RegExp(`^Order ${orderid} rejected \\(2009\\)`));
      expect(rejected.msg).toBe(`Order ${orderid} rejected (2009): not enough shares to sell`);
      expect(rejected.level).toBe(LogLevel.WARNING);
      await rec.waitFor("the REJECTED order", () => rec.lastOrder(sell)?.status === Status.REJECTED);

      main.cancelOrder(createCancelRequest({ orderid, symbol: "601318", exchange: "SSE" }), "HFT");
      const finished = await rec.waitForLog(/^Cancel ignored: order /);
      expect(finished.msg).toBe(
        `Cancel ignored: order ${orderid} is already final (REJECTED); nothing to cancel`,
      );
    } finally {
      await main.close();
    }
    await rec.waitForLog(/^HFT gateway closed$/);
    const texts = [...rec.logTexts, ...rec.statuses.map((s) => s.msg)];
    expect(texts.length).toBeGreaterThan(8);
    for (const line of texts) expect(chineseOutsideKeys(line), line).toEqual([]);
  });

  it("tells a wrong password and a refused port in English, naming the setting keys as written", async () => {
    const { main, rec } = await connected({ language: "en", 交易密码: "Wr0ng!" });
    try {
      const login = await rec.waitForLog(/^Trade server login failed/);
      expect(login.msg).toBe("Trade server login failed: wrong password (1002). Check 「交易密码」");
      expect(login.level).toBe(LogLevel.ERROR);
    } finally {
      await main.close();
    }
    const port = await closedPort();
    const refused = await connected({ language: "en", 行情端口: port, connectRetries: 1 });
    try {
      const line = await refused.rec.waitForLog(/^Market server: connection refused.*stopped retrying/);
      expect(line.msg).toBe(
        `Market server: connection refused: nothing listens on 127.0.0.1:${port} (ECONNREFUSED). Check the 「行情服务器」 and 「行情端口」 settings and that the server is running; stopped retrying: fix the settings and connect again`,
      );
    } finally {
      await refused.main.close();
    }
    for (const line of [...rec.logTexts, ...refused.rec.logTexts]) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain("Wr0ng!");
    }
  });
});

describe("order refusals in zh-CN", () => {
  it("gives a pre-send refusal and a server rejection Chinese reasons, in the log and on the order", async () => {
    const { main, rec } = await connected({ language: "zh-CN" });
    try {
      await rec.waitForLog(/^合约信息查询成功 \d+$/);

      // Refused before sending: 150 shares is not a whole lot (rule.lot of @tsgate/ashare-rules).
      const odd = main.sendOrder(limitOrder("600000", Direction.LONG, 150, 11.8), "HFT");
      const oddId = odd.slice(odd.indexOf(".") + 1);
      const local = await rec.waitForLog(new RegExp(`^委托 ${oddId} 未发送`));
      expect(local.msg).toBe(`委托 ${oddId} 未发送，已拒绝：买入数量 150 不是整手（100 股）的整数倍`);
      expect(rec.lastOrder(odd)?.statusMsg).toBe("买入数量 150 不是整手（100 股）的整数倍");

      // Refused by the server (2009): its English text gives way to the catalogue's, by code.
      const sell = main.sendOrder(limitOrder("601318", Direction.SHORT, 100, 57.36), "HFT");
      const sellId = sell.slice(sell.indexOf(".") + 1);
      const rejected = await rec.waitForLog(new RegExp(`^委托 ${sellId} 被拒绝`));
      expect(rejected.msg).toBe(`委托 ${sellId} 被拒绝 (2009)：可卖数量不足`);
      await rec.waitFor("the REJECTED order", () => rec.lastOrder(sell)?.status === Status.REJECTED);
      expect(rec.lastOrder(sell)?.statusMsg).toBe("可卖数量不足 (2009)");
    } finally {
      await main.close();
    }
  });
});

describe("the language from the environment", () => {
  it("LANG=en_US.UTF-8 without a language setting gives English; the setting wins over LANG", async () => {
    process.env.LANG = "en_US.UTF-8";
    const en = await connected({});
    try {
      await en.rec.waitForLog(/^Trade server: logged in$/);
    } finally {
      await en.main.close();
    }
    const zh = await connected({ language: "zh-CN" });
    try {
      await zh.rec.waitForLog(/^交易服务器登录成功$/);
      await zh.rec.waitForLog(/^成交信息查询成功 \d+$/);
    } finally {
      await zh.main.close();
    }
    expect(zh.rec.logTexts.some((line) => /^Trade server/.test(line))).toBe(false);
  });

  it("a bad language setting is a SettingsError naming the key, logged in the environment's language", () => {
    process.env.LANG = "zh_CN.UTF-8";
    const main = new MainEngine();
    const rec = new Recorder(main.eventEngine);
    main.addGateway(HftGateway);
    expect(() => main.connect(demoSetting(mock, { language: "fr" }), "HFT")).toThrow(
      /language: expected one of zh-CN, en \(or a locale such as en_US.UTF-8; empty = from LANG\), got "fr"/,
    );
    void main.close();
    return rec.waitForLog(
      /^HFT 接口设置有误（1 项），未连接：\n {2}language：应为 zh-CN, en 之一（或 en_US.UTF-8 这样的区域设置名；留空则按 LANG），实际为 "fr"$/,
    );
  });
});
