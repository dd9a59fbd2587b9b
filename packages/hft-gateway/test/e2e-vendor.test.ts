/**
 * End to end through the vendor path: MainEngine → HftGateway → the vendor shim
 * (native/vendor-shim) built against the vendor-SDK double (native/vendor-double) → TCP → mock
 * servers. The double behaves as the vendor's headers document (HHMMSSmmmm tick times, buy units
 * ×10,000, order pushes without filled volume, cancel requests with their own status pushes,
 * CancelReq needing the original order's fields, JSON login config, no report resume, silent SIP
 * re-login), so each test here is a mapping the shim must get right for a real broker.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConnectionState, createSubscribeRequest, Direction, Exchange, Product, Status } from "@tsgate/core";
import { loadHftLibrary } from "@tsgate/hft-native";
import { demoConfigInput, parseMockConfig } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { limitOrder, type Stack, startStack, stepTick, subscribeTick } from "./helpers/e2e.js";
import { TEST_TERMINAL_INFO, vendorLibrary } from "./helpers/vendor-path.js";

/** A market-data password no hand-built JSON survives. */
const TRICKY_MD_PASSWORD = 'q"u\\ote';

const config = parseMockConfig({
  ...demoConfigInput,
  mdUsers: [...demoConfigInput.mdUsers, { user: "quote", password: TRICKY_MD_PASSWORD }],
  accounts: [
    ...demoConfigInput.accounts,
    {
      accountId: "empty",
      password: "empty123",
      orgCode: "0000",
      branchCode: "9999",
      cash: 50_000,
      positions: [],
    },
  ],
  instruments: [
    ...demoConfigInput.instruments,
    { code: "159915", market: "SZ", name: "创业板ETF", securityType: "etf", preClose: 2.35 },
    { code: "123001", market: "SZ", name: "示例转债", securityType: "bond", preClose: 120.5 },
  ],
});

let s: Stack;

const sdkLogDir = mkdtempSync(path.join(tmpdir(), "tsgate-sdk-log-"));
/** The vendor path's settings: the library, and what a broker requires at login. */
const VENDOR = { libraryPath: vendorLibrary(), terminalInfo: TEST_TERMINAL_INFO };

beforeAll(async () => {
  s = await startStack({ mock: { config }, setting: { ...VENDOR, sdkLogPath: sdkLogDir } });
}, 60_000);

afterAll(async () => {
  await s?.close();
});

function waitStatus(stack: Stack, vtOrderid: string, status: Status) {
  return stack.rec.waitFor(`${vtOrderid} ${status}`, () => {
    const order = stack.rec.lastOrder(vtOrderid);
    return order?.status === status ? order : undefined;
  });
}

describe("vendor path: connect", () => {
  it("loads the shim built against the double and logs in on both sides", () => {
    expect(loadHftLibrary({ path: vendorLibrary() }).info).toMatch(/^tsgate-vendor-shim\+double /);
    const trade = s.rec.statuses.filter((x) => x.side === "TRADE").map((x) => x.state);
    expect(trade.at(-1)).toBe(ConnectionState.CONNECTED);
    expect(s.rec.logTexts).toContain("交易服务器登录成功");
    expect(s.rec.logTexts).toContain("行情服务器登录成功");
  });
});

describe("vendor path: market data", () => {
  it("reads the SIP time HHMMSSmmmm: the tick is on the broker's trading day", async () => {
    const tick = await subscribeTick(s, "600000");
    const beijing = new Date(tick.datetime.getTime() + 8 * 3_600_000);
    expect(beijing.toISOString().slice(0, 10).replaceAll("-", "")).toBe(String(s.mock.broker.tradingDay));
    expect(tick.lastPrice).toBeGreaterThan(0);
  });

  it("has contracts for the whole market from SIP base info: an SZ ETF (usSecurityType) is ordered without subscribing first", async () => {
    const contract = await s.rec.waitFor("the 159915 contract", () => s.main.getContract("159915.SZSE"));
    expect(contract).toMatchObject({ product: Product.ETF, pricetick: 0.001, volumeStep: 100 });
    expect(s.rec.ticks.some((tick) => tick.vtSymbol === "159915.SZSE")).toBe(false);
    const vtOrderid = s.main.sendOrder(limitOrder("159915", Direction.LONG, 100, 2.3, Exchange.SZSE), "HFT");
    const order = await s.rec.waitFor("the ETF order accepted or refused", () => {
      const o = s.rec.lastOrder(vtOrderid);
      return o !== undefined && o.status !== Status.SUBMITTING ? o : undefined;
    });
    expect(order.status, order.statusMsg).toBe(Status.NOTTRADED);
  });
});

describe("vendor path: base info units", () => {
  it("takes tick and lot from SZSE tCashParams (x10,000) and SSE cpxx: a bond trades in 10s at 0.001, STAR from 200", async () => {
    const bond = await s.rec.waitFor("the 123001 contract", () => s.main.getContract("123001.SZSE"));
    expect(bond).toMatchObject({ pricetick: 0.001, volumeStep: 10, minVolume: 10 });
    const star = await s.rec.waitFor("the 688981 contract", () => s.main.getContract("688981.SSE"));
    expect(star).toMatchObject({ pricetick: 0.01, volumeStep: 1, minVolume: 200 });
  });
});

describe("vendor path: orders", () => {
  it("fills a marketable buy: the traded volume comes from trade reports when pushes carry none", async () => {
    const tick = await stepTick(s, "600000.SSE");
    const vtOrderid = s.main.sendOrder(limitOrder("600000", Direction.LONG, 100, tick.limitUp), "HFT");
    const filled = await waitStatus(s, vtOrderid, Status.ALLTRADED);
    expect(filled.traded).toBe(100);
    const trade = await s.rec.waitFor("the trade", () => s.rec.trades.find((t) => t.vtOrderid === vtOrderid));
    expect(trade).toMatchObject({ volume: 100, direction: Direction.LONG });
  });

  it("cancels a resting order: the cancel request's own status push does not touch the order", async () => {
    const tick = await stepTick(s, "600000.SSE");
    const vtOrderid = s.main.sendOrder(limitOrder("600000", Direction.LONG, 100, tick.limitDown), "HFT");
    const resting = await waitStatus(s, vtOrderid, Status.NOTTRADED);
    s.main.cancelOrder(
      { orderid: resting.orderid, symbol: "600000", exchange: Exchange.SSE, vtSymbol: "600000.SSE" },
      "HFT",
    );
    await waitStatus(s, vtOrderid, Status.CANCELLED);
    // the double pushes the cancel request's own status (Filled, the original's cl_order_id) right
    // after the order's cancel report; a trade-side event after it shows it has been processed
    const seen = s.rec.accounts.length;
    s.main.queryAccount("HFT");
    await s.rec.waitFor(
      "an account update after the cancel",
      () => s.rec.accounts.length > seen || undefined,
    );
    expect(s.rec.lastOrder(vtOrderid)?.status).toBe(Status.CANCELLED);
    expect(s.rec.ordersOf(vtOrderid).map((o) => o.status)).not.toContain(Status.ALLTRADED);
  });
});

describe("vendor path: reconnect", () => {
  it("reports the trade side reconnecting and connected again after a drop (no report sequence numbers)", async () => {
    const before = s.rec.statuses.length;
    s.mock.control.dropConnections({ side: "trade" });
    await s.rec.waitForLog(/^交易服务器重连成功/);
    const states = s.rec.statuses
      .slice(before)
      .filter((x) => x.side === "TRADE")
      .map((x) => x.state);
    expect(states).toContain(ConnectionState.RECONNECTING);
    expect(states.at(-1)).toBe(ConnectionState.CONNECTED);
  });

  it("reports the market side connected again once SIP data flows after a drop (SIP has no re-login callback)", async () => {
    const before = s.rec.statuses.length;
    s.mock.control.dropConnections({ side: "market" });
    await s.rec.waitForLog(/^行情服务器连接断开/);
    // the double resubscribes by itself and the mock answers with a snapshot: data flows again
    await s.rec.waitFor("the market side connected again", () => {
      const states = s.rec.statuses
        .slice(before)
        .filter((x) => x.side === "MARKET")
        .map((x) => x.state);
      return states.at(-1) === ConnectionState.CONNECTED ? true : undefined;
    });
    const tick = await stepTick(s, "600000.SSE");
    expect(tick.lastPrice).toBeGreaterThan(0);
  });
});

describe("vendor path: login details", () => {
  it("escapes the SIP config JSON: a market-data password with a quote and a backslash logs in", async () => {
    const other = await startStack({
      servers: s.mock,
      setting: { ...VENDOR, 行情用户名: "quote", 行情密码: TRICKY_MD_PASSWORD },
    });
    try {
      expect(other.rec.logTexts).toContain("行情服务器登录成功");
    } finally {
      await other.close();
    }
  });

  it("reads one blank position record as an empty answer", async () => {
    const other = await startStack({
      servers: s.mock,
      setting: { ...VENDOR, 交易用户名: "empty", 交易密码: "empty123" },
    });
    try {
      expect(other.rec.logTexts).toContain("持仓信息查询成功 0");
      expect(other.main.getAllPositions()).toEqual([]);
    } finally {
      await other.close();
    }
  });

  // Each vendor login code reads in the gateway's language, never Chinese in an English line.
  it.each([
    ["zh-CN", /^交易服务器登录失败：用户不在网关白名单内 \(14016\)。请联系券商/],
    [
      "en",
      /^Trade server login failed: the account is not on the gateway's whitelist \(14016\)\. Ask the broker to enable HFT access/,
    ],
  ] as const)(
    "explains the gateway's vendor codes in %s: an account the gateway does not know is 14016 (whitelist)",
    async (language, expected) => {
      const other = await startStack({
        servers: s.mock,
        setting: { ...VENDOR, 交易用户名: "nobody", language },
        waitReady: false,
      });
      try {
        const log = await other.rec.waitForLog(/^(交易服务器登录失败|Trade server login failed)/);
        expect(log.msg).toMatch(expected);
        await other.rec.waitFor(
          "the trade side given up",
          () =>
            other.rec.statuses.some((x) => x.side === "TRADE" && x.state === ConnectionState.DISCONNECTED) ||
            undefined,
        );
      } finally {
        await other.close();
      }
    },
  );

  it.each([
    ["zh-CN", "行情服务器登录失败：行情登录被拒绝 (SIP 1)。请检查「行情用户名」「行情密码」"],
    [
      "en",
      "Market server login failed: the market-data login was refused (SIP 1). Check 「行情用户名」 and 「行情密码」",
    ],
  ] as const)(
    "explains a refused SIP login (SIPE_ERR) in the user's terms, in %s",
    async (language, expected) => {
      const other = await startStack({
        servers: s.mock,
        setting: { ...VENDOR, 行情密码: "wrong", language },
        waitReady: false,
      });
      try {
        const log = await other.rec.waitForLog(/^(行情服务器登录失败|Market server login failed)/);
        expect(log.msg.startsWith(expected)).toBe(true);
      } finally {
        await other.close();
      }
    },
  );

  it("passes terminalInfo to TraderApi::Login and sdkLogPath to SetLogConfig (advanced settings)", () => {
    // the double refuses a login without terminal information; it logs each login in SetLogConfig's directory
    const log = readFileSync(path.join(sdkLogDir, "hft_double.log"), "utf8");
    expect(log).toMatch(/^Login account=demo type=1$/m);
  });

  it("refuses a login without terminal information, naming terminal_info", async () => {
    const saved = process.env.TSGATE_HFT_TERMINAL_INFO;
    delete process.env.TSGATE_HFT_TERMINAL_INFO; // the shim's fallback: not set either
    onTestFinished(() => {
      if (saved !== undefined) process.env.TSGATE_HFT_TERMINAL_INFO = saved;
    });
    const other = await startStack({
      servers: s.mock,
      setting: { libraryPath: vendorLibrary() },
      waitReady: false,
    });
    try {
      const log = await other.rec.waitForLog(/^交易服务器登录请求发送失败/);
      expect(log.msg).toMatch(/terminal_info is required/);
    } finally {
      await other.close();
    }
  });

  it("refuses a credit (margin) account at login with a named error, never mis-mapping it as cash", async () => {
    const other = await startStack({
      servers: s.mock,
      setting: { ...VENDOR, accountType: 4 },
      waitReady: false,
    });
    try {
      const log = await other.rec.waitForLog(/^交易服务器登录请求发送失败/);
      expect(log.msg).toMatch(/account_type 4 \(credit \/ margin account\) is not supported/);
    } finally {
      await other.close();
    }
  });
});

/** The vendor-SDK double's knob and end marker (native/vendor-double/vendor_text.h). */
const LONG_ERRORS_ENV = "TSGATE_VENDOR_DOUBLE_LONG_ERRORS";
const TEXT_END = "[end]";
/** The SDK's char256: 256 bytes of text (hft_trader_common.h, vnpy/vnpy_hft 906fd5a, read 2026-12-02). */
const VENDOR_TEXT_BYTES = 256;

/** The double's lengthened text inside `line`: from the mock's own words to the end marker. */
function vendorText(line: string, start: string): string {
  const from = line.indexOf(start);
  const to = line.indexOf(TEXT_END);
  expect(from, `"${start}" in: ${line}`).toBeGreaterThanOrEqual(0);
  expect(to, `uncut (${TEXT_END}) in: ${line}`).toBeGreaterThan(from);
  return line.slice(from, to + TEXT_END.length);
}

describe.each(["ascii", "cjk"] as const)("vendor path: a 256-byte vendor error text (%s)", (mode) => {
  function longErrors(): void {
    process.env[LONG_ERRORS_ENV] = mode;
    onTestFinished(() => {
      delete process.env[LONG_ERRORS_ENV];
    });
  }

  it("arrives whole in the login failure's log line", async () => {
    longErrors();
    const other = await startStack({
      servers: s.mock,
      setting: { ...VENDOR, 交易密码: "wrong-password" },
      waitReady: false,
    });
    try {
      const log = await other.rec.waitForLog(/^交易服务器登录失败/);
      const text = vendorText(log.msg, "wrong password");
      expect(Buffer.byteLength(text, "utf8")).toBe(VENDOR_TEXT_BYTES);
      expect(text.includes("柜台详情")).toBe(mode === "cjk");
    } finally {
      await other.close();
    }
  });

  // On the vendor path a code is the broker's, not our protocol's (issue 21): 2008 is no code of
  // the HFT trading API, so it is a counter's own business code, and the status quotes the
  // counter's whole text (256 bytes here) instead of our "可用资金不足"; the sim path keeps our
  // catalogue (e2e-flow.test.ts).
  it("a rejection with a counter's own code (2008) quotes the counter's whole text, not our catalogue", async () => {
    longErrors();
    const { statusMsg } = await rejectedOverCash(s, 2008);
    expect(statusMsg).not.toContain("可用资金不足");
    expect(statusMsg.startsWith('券商柜台原文 "not enough cash')).toBe(true);
    expect(statusMsg.endsWith(`${TEXT_END}" (2008)`)).toBe(true);
    expect(Buffer.byteLength(vendorText(statusMsg, "not enough cash"), "utf8")).toBe(VENDOR_TEXT_BYTES);
  });
});

/**
 * An order above the demo account's cash, refused by the server (not locally) with `code`: its
 * status message and its log line.
 */
async function rejectedOverCash(stack: Stack, code: number) {
  stack.main.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
  const tick = await stepTick(stack, "600000.SSE");
  const vtOrderid = stack.main.sendOrder(limitOrder("600000", Direction.LONG, 900_000, tick.limitUp), "HFT");
  const rejected = await waitStatus(stack, vtOrderid, Status.REJECTED);
  const orderid = rejected.orderid;
  const log = await stack.rec.waitFor(`the rejection's log line of ${orderid}`, () =>
    stack.rec.logs.find((l) => l.msg.includes(orderid) && l.msg.includes(`(${code})`)),
  );
  return { statusMsg: rejected.statusMsg, log: log.msg };
}

/** The double's knob for the code of a rejection (native/vendor-double/double_env.h). */
const REJECT_CODE_ENV = "TSGATE_VENDOR_DOUBLE_REJECT_CODE";

describe.each([
  {
    language: "zh-CN",
    ready: [/成交信息查询成功/, /行情服务器登录成功/],
    counter: '券商柜台原文 "not enough cash',
    overrun: "超过交易网关的流量限制，请求被拦下。请降低报单、撤单频率后再试 (14023)",
  },
  {
    language: "en",
    ready: [/^Trades loaded: \d+$/, /^Market server: logged in$/],
    counter: "the broker's counter says \"not enough cash",
    overrun:
      "the trading gateway's flow limit was exceeded and the request was blocked. Send orders and cancels less often, then try again (14023)",
  },
] as const)(
  "vendor path: rejection codes are the broker's ($language)",
  ({ language, ready, counter, overrun }) => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ servers: s.mock, setting: { ...VENDOR, language }, waitReady: false });
      for (const line of ready) await stack.rec.waitForLog(line);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it("a counter's own code (2008) quotes its text, never our catalogue's reason", async () => {
      const { statusMsg, log } = await rejectedOverCash(stack, 2008);
      expect(statusMsg.startsWith(counter)).toBe(true);
      expect(statusMsg.endsWith(" (2008)")).toBe(true);
      expect(statusMsg).not.toMatch(/可用资金不足|not enough cash$/);
      expect(log).toContain(counter);
    });

    it("the HFT trading API's own code (14023) reads in our words", async () => {
      process.env[REJECT_CODE_ENV] = "14023";
      onTestFinished(() => {
        delete process.env[REJECT_CODE_ENV];
      });
      const { statusMsg, log } = await rejectedOverCash(stack, 14023);
      expect(statusMsg).toBe(overrun);
      expect(log).toContain(overrun.replace(/ \(14023\)$/, ""));
    });
  },
);
