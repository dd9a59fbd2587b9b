/**
 * The gateway's logic against fake native APIs: every event sequence is fired by the test, so the
 * rare ones (replays, reordering, failing queries, foreign orders) are deterministic. The same
 * behaviour is exercised end to end through the real library in e2e-*.test.ts.
 */
import {
  ConnectionState,
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  createTick,
  Direction,
  EVENT_TIMER,
  EventEngine,
  Exchange,
  GatewaySide,
  LogLevel,
  type OrderRequest,
  OrderType,
  Product,
  SettingsError,
  Status,
} from "@tsgate/core";
import { HftCallError, HftLibraryError, HftQueryError, type MarketDataEvent } from "@tsgate/hft-native";
import { afterEach, describe, expect, it } from "vitest";
import { EVENT_SUBSCRIBE_FAILED, HftGateway, type SubscribeFailure } from "../src/index.js";
import { FakeFactory, orderReport, security, tradeReport } from "./helpers/fake-api.js";
import { Recorder, settle } from "./helpers/recorder.js";

const TRADE_PASSWORD = "TopSecret#1";
const MD_PASSWORD = "MdSecret#2";
const SETTINGS = {
  交易用户名: "demo",
  交易密码: TRADE_PASSWORD,
  交易服务器: "127.0.0.1",
  交易端口: 18000,
  行情用户名: "md",
  行情密码: MD_PASSWORD,
  行情服务器: "127.0.0.1",
  行情端口: "19000",
  accountRefreshSeconds: 2,
};

const engines: EventEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

function setup() {
  const engine = new EventEngine();
  engines.push(engine);
  engine.start();
  const rec = new Recorder(engine);
  const factory = new FakeFactory();
  factory.results = {
    securities: [
      security("SH.600000", { name: "浦发银行" }),
      security("SZ.000001", { name: "平安银行", limitUp: 12.67, limitDown: 10.37 }),
      security("SH.688981", {
        name: "中芯国际",
        lotSize: 1,
        minBuyVolume: 200,
        limitUp: 134.82,
        limitDown: 89.88,
      }),
      security("SH.510300", { name: "沪深300ETF", securityType: 3 }),
    ],
    cash: [
      {
        accountId: "demo",
        balance: 1_000_000,
        available: 990_000,
        frozen: 10_000,
        marketValue: 0,
        totalAsset: 0,
        totalFee: 0,
      },
    ],
    positions: [
      {
        symbol: "SH.600000",
        volume: 10_000,
        ydVolume: 10_000,
        availableVolume: 10_000,
        frozenVolume: 0,
        todayBuyVolume: 0,
        costAmount: 108_500,
        costPrice: 10.85,
        lastPrice: 11.8,
        marketValue: 118_000,
        pnl: 9500,
      },
    ],
    orders: [],
    trades: [],
  };
  const gw = new HftGateway(engine, "HFT", { api: factory, orderIds: { now: () => new Date(0) } });
  return { engine, rec, factory, gw };
}

type Setup = ReturnType<typeof setup>;

function loginEvent(ok = true, errorCode = 0, errorMsg = "") {
  return { ok, errorCode, errorMsg, accountId: "demo", tradingDay: 20250102, lastReportSeq: 0 };
}

async function connectAndLogin(t: Setup): Promise<void> {
  t.gw.connect(SETTINGS);
  t.factory.trader.fire("login", loginEvent());
  t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
  await t.rec.waitForLog(/成交信息查询成功/);
  await settle(t.engine);
}

function buy(symbol = "600000", price = 11.8, volume = 100) {
  return createOrderRequest({
    symbol,
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume,
    price,
  });
}

function md(code: string, extra: Partial<MarketDataEvent> = {}): MarketDataEvent {
  return {
    mdSeq: 1,
    market: "SH",
    code,
    tradingDay: 20250102,
    time: 93000500,
    preClose: 11.8,
    open: 11.7,
    high: 11.9,
    low: 11.6,
    last: 11.81,
    limitUp: 12.98,
    limitDown: 10.62,
    volume: 12_300,
    turnover: 145_263,
    bidPrice: [11.8, 11.79, 11.78, 11.77, 11.76],
    bidVolume: [100, 200, 300, 400, 500],
    askPrice: [11.81, 11.82, 11.83, 11.84, 11.85],
    askVolume: [600, 700, 800, 900, 1000],
    ...extra,
  };
}

describe("connect and the login flow", () => {
  it("returns at once, starts both sides with the settings and logs each step in order", async () => {
    const t = setup();
    t.gw.connect(SETTINGS);
    expect(t.factory.trader.options).toMatchObject({ host: "127.0.0.1", port: 18000, reconnectMinMs: 100 });
    expect(t.factory.md.options).toMatchObject({ host: "127.0.0.1", port: 19000 });
    expect(t.factory.trader.logins).toEqual([
      {
        accountId: "demo",
        password: TRADE_PASSWORD,
        custOrgid: "0000",
        custBranchid: "9999",
        clSystemId: "HFT",
        accountType: 1,
      },
    ]);
    expect(t.factory.md.logins).toEqual([{ user: "md", password: MD_PASSWORD }]);

    t.factory.trader.fire("login", loginEvent());
    await t.rec.waitForLog(/成交信息查询成功/);
    const steps = t.rec.logTexts.filter((text) => /登录成功|查询成功/.test(text));
    expect(steps).toEqual([
      "交易服务器登录成功",
      "合约信息查询成功 4",
      "资金信息查询成功",
      "持仓信息查询成功 1",
      "委托信息查询成功 0",
      "成交信息查询成功 0",
    ]);
    expect(t.factory.trader.queries).toEqual(["securities", "cash", "positions", "orders", "trades"]);

    const star = t.rec.contracts.find((c) => c.vtSymbol === "688981.SSE");
    expect(star).toMatchObject({
      minVolume: 200,
      volumeStep: 1,
      pricetick: 0.01,
      product: Product.EQUITY,
      netPosition: true,
    });
    expect(t.rec.contracts.find((c) => c.vtSymbol === "510300.SSE")?.product).toBe(Product.ETF);
    expect(t.rec.contracts.find((c) => c.vtSymbol === "000001.SZSE")).toMatchObject({
      limitUp: 12.67,
      name: "平安银行",
    });
    expect(t.rec.accounts.at(-1)).toMatchObject({
      vtAccountid: "HFT.demo",
      balance: 1_000_000,
      frozen: 10_000,
      available: 990_000,
    });
    expect(t.rec.positions.at(-1)).toMatchObject({
      vtPositionid: "HFT.600000.SSE.NET",
      direction: Direction.NET,
      volume: 10_000,
      ydVolume: 10_000,
      price: 10.85,
    });
    await settle(t.engine);
    const trade = t.rec.statuses.filter((s) => s.side === GatewaySide.TRADE).map((s) => [s.state, s.ready]);
    // READY comes last, once all five start-up queries are in.
    expect(trade).toEqual([
      [ConnectionState.CONNECTING, false],
      [ConnectionState.CONNECTED, false],
      [ConnectionState.CONNECTED, true],
    ]);
    expect(t.rec.statuses.at(-1)?.msg).toBe("启动查询完成（合约、资金、持仓、委托、成交），接口已就绪");
  });

  it("after a trade re-login the gateway is READY again without querying everything again", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.trader.fire("disconnected", {
      osError: 0,
      osErrorName: "",
      attempt: 0,
      willReconnect: true,
      errorCode: 0,
      message: "connection closed by peer 127.0.0.1:18000",
    });
    t.factory.trader.fire("login", loginEvent());
    await settle(t.engine);
    const trade = t.rec.statuses.filter((s) => s.side === GatewaySide.TRADE).map((s) => [s.state, s.ready]);
    expect(trade.slice(-3)).toEqual([
      [ConnectionState.RECONNECTING, false],
      [ConnectionState.CONNECTED, false],
      [ConnectionState.CONNECTED, true],
    ]);
    expect(t.rec.statuses.at(-1)?.msg).toBe("重新登录后接口已就绪");
    expect(t.factory.trader.queries.filter((q) => q === "securities")).toHaveLength(1);
  });

  it("a query error other than 'no more data' is logged and the other queries still run", async () => {
    const t = setup();
    t.factory.results.securities = new HftQueryError(4002, "securities query refused (4002): invalid posStr");
    t.factory.results.positions = new Error("something unexpected");
    t.gw.connect(SETTINGS);
    t.factory.trader.fire("login", loginEvent());
    await t.rec.waitForLog(/成交信息查询成功/);
    expect(t.rec.logTexts).toContain(
      "合约信息查询失败：securities query refused (4002): invalid posStr（其余查询照常进行）",
    );
    expect(t.rec.logTexts.some((text) => text.startsWith("持仓信息查询失败：something unexpected"))).toBe(
      true,
    );
    expect(t.rec.logTexts).toContain("资金信息查询成功");
    expect(t.rec.accounts).toHaveLength(1);
    // Not READY: what is missing is named instead.
    await settle(t.engine);
    expect(t.rec.statuses.some((s) => s.ready)).toBe(false);
    expect(t.rec.logs.at(-1)).toMatchObject({
      level: LogLevel.WARNING,
      msg: "合约信息、持仓信息查询失败，接口未就绪：请查看上面的警告并重新连接",
    });
  });

  it("a library without a whole-market securities query (the vendor SDK) is no failure: READY follows once the market side's base info has come", async () => {
    const t = setup();
    // hft_trader_query answers HFT_E_UNSUPPORTED: the vendor shim's contracts come from the md side.
    t.factory.results.securities = new HftCallError(
      "hft_trader_query",
      -6, // HFT_E_UNSUPPORTED
      "symbol: one at a time",
    );
    t.gw.connect(SETTINGS);
    t.factory.trader.fire("login", loginEvent());
    await settle(t.engine);
    // READY includes the contracts: not before the market side logged in and sent its base info.
    expect(t.rec.statuses.some((s) => s.ready)).toBe(false);
    t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
    t.factory.md.fire("baseInfo", {
      market: "SH",
      code: "600000",
      name: "浦发银行",
      securityType: 1,
      preClose: 11.8,
      limitUp: 12.98,
      limitDown: 10.62,
      priceTick: 0,
      lotSize: 0,
      minBuyVolume: 0,
    });
    await t.rec.waitFor("READY", () => t.rec.statuses.some((s) => s.ready) || undefined);
    expect(t.rec.contracts.map((c) => c.vtSymbol)).toContain("600000.SSE");
    expect(t.rec.logTexts).toContain("合约信息由行情服务器的全市场基础信息提供（交易接口不支持全市场查询）");
    expect(t.rec.logTexts.some((text) => text.startsWith("合约信息查询失败"))).toBe(false);
  });

  it("bad settings throw SettingsError synchronously, are logged, and create nothing", async () => {
    const t = setup();
    expect(() => t.gw.connect({ ...SETTINGS, 交易端口: "80a" })).toThrow(SettingsError);
    expect(t.factory.traders).toHaveLength(0);
    await settle(t.engine);
    expect(t.rec.logs.at(-1)).toMatchObject({ level: LogLevel.ERROR });
    expect(t.rec.logTexts.at(-1)).toMatch(
      /HFT 接口设置有误.*交易端口：应为 1 到 65535 之间的整数，实际为 "80a"/s,
    );
  });

  it("a library that cannot be loaded is logged and reported, not thrown", async () => {
    const t = setup();
    t.factory.libraryError = new HftLibraryError(
      "LIBRARY_NOT_FOUND",
      "HFT library not found: /x/libhft.so (from the `path` option).",
      "/x",
    );
    expect(() => t.gw.connect({ ...SETTINGS, libraryPath: "/x/libhft.so" })).not.toThrow();
    await settle(t.engine);
    expect(t.rec.logTexts.at(-1)).toMatch(
      /HFT 接口库加载失败（找不到库文件）：HFT library not found: \/x\/libhft.so.*「libraryPath」/,
    );
    expect(t.rec.statuses.map((s) => `${s.side}:${s.state}`)).toEqual([
      "TRADE:DISCONNECTED",
      "MARKET:DISCONNECTED",
    ]);
    // Fixing the setting and connecting again works.
    t.factory.libraryError = undefined;
    t.gw.connect(SETTINGS);
    expect(t.factory.traders).toHaveLength(1);
  });

  it("an API that cannot be created, or a login that cannot be queued, ends that side only", async () => {
    const t = setup();
    t.factory.createTrader = () => {
      throw new Error("no trader handle");
    };
    const createMd = t.factory.createMd;
    t.factory.createMd = (options) => {
      const md = createMd(options);
      md.login = () => {
        throw new Error("request queue full");
      };
      return md;
    };
    expect(() => t.gw.connect(SETTINGS)).not.toThrow();
    await settle(t.engine);
    expect(t.rec.statuses.map((s) => `${s.side}:${s.state}`)).toEqual([
      "TRADE:CONNECTING",
      "TRADE:DISCONNECTED",
      "MARKET:CONNECTING",
      "MARKET:DISCONNECTED",
    ]);
    const errors = t.rec.logs.filter((log) => log.level === LogLevel.ERROR).map((log) => log.msg);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain("no trader handle");
    expect(errors[1]).toContain("request queue full");
    expect(t.factory.mds).toHaveLength(1);
  });

  it("a second connect while connected is ignored with a log", async () => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.gw.connect(SETTINGS);
    await settle(t.engine);
    expect(t.factory.traders).toHaveLength(1);
    expect(t.rec.logTexts).toContain("HFT 接口已经连接，请勿重复连接（先 close() 再用新设置连接）");
  });

  it("refreshes account and positions on the timer every accountRefreshSeconds", async () => {
    const t = setup();
    await connectAndLogin(t);
    const before = t.factory.trader.queries.length;
    t.engine.put({ type: EVENT_TIMER, data: undefined });
    await settle(t.engine);
    expect(t.factory.trader.queries.length).toBe(before);
    t.engine.put({ type: EVENT_TIMER, data: undefined });
    await settle(t.engine);
    expect(t.factory.trader.queries.slice(before)).toEqual(["cash", "positions"]);
  });

  it("queries positions and account once shortly after a burst of fills", async () => {
    const t = setup();
    await connectAndLogin(t);
    const before = t.factory.trader.queries.length;
    for (const tradeId of ["F1", "F2", "F3"]) {
      t.factory.trader.fire("tradeReport", { ...tradeReport({ tradeId, clOrderId: "X" }), replay: false });
    }
    expect(t.factory.trader.queries.length).toBe(before);
    await t.rec.waitFor("the refresh after the fills", () => t.factory.trader.queries.length > before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.factory.trader.queries.slice(before)).toEqual(["cash", "positions"]);
  });

  it("pushes a zero position for a holding that disappeared from the answer", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.results.positions = [];
    t.gw.queryPosition();
    await settle(t.engine);
    expect(t.rec.positions.at(-1)).toMatchObject({ vtSymbol: "600000.SSE", volume: 0, ydVolume: 0 });
  });
});

describe("orders", () => {
  it("returns the vtOrderid at once with a SUBMITTING order, then follows the reports", async () => {
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy());
    // Beijing time of the injected clock, 10 digits of entropy, counter 1.
    expect(vtOrderid).toMatch(/^HFT\.700101080000\d{10}0001$/);
    const sent = t.factory.trader.orders[0];
    expect(sent).toEqual({
      clOrderId: vtOrderid.slice("HFT.".length),
      symbol: "SH.600000",
      side: "Bid",
      orderType: "LMT",
      volume: 100,
      price: 11.8,
    });
    const clOrderId = sent?.clOrderId ?? "";
    t.factory.trader.fire("orderRsp", { clOrderId, orderId: "O9", errorCode: 0, errorMsg: "" });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 1, clOrderId, orderId: "O9", status: "PendingNew" }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 2, clOrderId, orderId: "O9", status: "New" }),
      replay: false,
    });
    t.factory.trader.fire("tradeReport", {
      ...tradeReport({ reportSeq: 3, clOrderId, orderId: "O9", tradeId: "T1", volume: 100 }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({
        reportSeq: 4,
        clOrderId,
        orderId: "O9",
        status: "Filled",
        filledVolume: 100,
        updateTime: 93001000,
      }),
      replay: false,
    });
    await settle(t.engine);
    const states = t.rec.ordersOf(vtOrderid).map((o) => o.status);
    // New after PendingNew changes nothing: no duplicate push.
    expect(states).toEqual([Status.SUBMITTING, Status.NOTTRADED, Status.ALLTRADED]);
    expect(t.rec.lastOrder(vtOrderid)?.datetime?.toISOString()).toBe("2025-01-02T01:30:01.000Z");
    expect(t.rec.trades).toHaveLength(1);
    expect(t.rec.trades[0]).toMatchObject({
      vtOrderid,
      vtTradeid: "HFT.T1",
      direction: Direction.LONG,
      volume: 100,
      price: 11.8,
    });
  });

  it("pushed orders are frozen snapshots that are never mutated afterwards", async () => {
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy());
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    await settle(t.engine);
    const first = t.rec.ordersOf(vtOrderid)[0];
    const copy = { ...first };
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 1, clOrderId, status: "PartiallyFilled", filledVolume: 0 }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 2, clOrderId, status: "PartiallyFilled", filledVolume: 0 }),
      replay: false,
    });
    await settle(t.engine);
    const snapshots = t.rec.ordersOf(vtOrderid);
    expect(snapshots.length).toBe(2);
    expect(new Set(snapshots).size).toBe(snapshots.length);
    for (const order of snapshots) expect(Object.isFrozen(order)).toBe(true);
    expect(first).toEqual(copy);
    expect(first?.status).toBe(Status.SUBMITTING);
  });

  it("hands the order to the library before booking it or putting any event (issue 22), events in the same order", async () => {
    const t = setup();
    await connectAndLogin(t);
    const puts: string[] = [];
    const put = t.engine.put.bind(t.engine);
    t.engine.put = (event) => {
      puts.push(event.type);
      put(event);
    };
    const putsAtSend: number[] = [];
    const order = t.factory.trader.order.bind(t.factory.trader);
    t.factory.trader.order = (req) => {
      putsAtSend.push(puts.length);
      order(req);
    };
    const vtOrderid = t.gw.sendOrder(buy());
    expect(putsAtSend).toEqual([0]);
    expect(puts).toEqual(["eOrder.", `eOrder.${vtOrderid}`]);
    await settle(t.engine);
    expect(t.rec.ordersOf(vtOrderid).map((o) => o.status)).toEqual([Status.SUBMITTING]);
    expect(t.rec.lastOrder(vtOrderid)?.datetime).toBeInstanceOf(Date);
  });

  it("a request that cannot become an order (untyped code) throws naming the field, with nothing sent", async () => {
    const t = setup();
    await connectAndLogin(t);
    const bad = { ...buy(), reference: 42 } as unknown as OrderRequest;
    expect(() => t.gw.sendOrder(bad)).toThrow(/reference/);
    expect(t.factory.trader.orders).toEqual([]);
  });

  it("a failed local send ends REJECTED with the reason, never stuck in SUBMITTING", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.trader.orderError = new HftCallError(
      "hft_trader_order",
      -3,
      "hft_trader_order failed (-3): trade request queue full",
    );
    const vtOrderid = t.gw.sendOrder(buy());
    await settle(t.engine);
    expect(t.rec.ordersOf(vtOrderid).map((o) => o.status)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    // The library's return code in the gateway's language; its own detail quoted as data.
    expect(t.rec.lastOrder(vtOrderid)?.statusMsg).toBe(
      '接口库调用 hft_trader_order 失败 (-3)：请求队列已满，请稍后重试（接口库原文 "trade request queue full"）',
    );
    expect(t.rec.logTexts.at(-1)).toMatch(/委托 \d+ 发送失败，已拒绝/);
  });

  it("orders before connect and orders breaking the contract's rules end REJECTED with the reason", async () => {
    const t = setup();
    const offline = t.gw.sendOrder(buy());
    await settle(t.engine);
    expect(t.rec.lastOrder(offline)).toMatchObject({
      status: Status.REJECTED,
      statusMsg: "未连接：请先调用 connect()",
    });
    // A rejection a person reads has a time, although no report from the broker gave one.
    for (const order of t.rec.ordersOf(offline)) expect(order.datetime).toBeInstanceOf(Date);

    await connectAndLogin(t);
    const cases: [ReturnType<typeof buy>, RegExp][] = [
      [buy("600000", 11.8, 150), /不是整手（100 股）的整数倍/],
      [buy("600000", 12.99), /高于 600000\.SSE 的涨停价 12\.98/],
      [buy("600000", 11.805), /不是最小价位 0\.01 的整数倍/],
      [buy("999999"), /没有 999999\.SSE 的合约信息/],
      [
        createOrderRequest({ ...buy(), type: OrderType.FAK }),
        /SSE 不接受委托类型 FAK（IOC，即时成交剩余撤销）/,
      ],
    ];
    for (const [req, reason] of cases) {
      const vtOrderid = t.gw.sendOrder(req);
      await settle(t.engine, 1);
      expect(t.rec.ordersOf(vtOrderid).map((o) => o.status)).toEqual([Status.SUBMITTING, Status.REJECTED]);
      expect(t.rec.lastOrder(vtOrderid)?.statusMsg).toMatch(reason);
    }
    expect(t.factory.trader.orders).toHaveLength(0);
  });

  it("a server rejection gives REJECTED with statusMsg = the reason by its code, pushed once", async () => {
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy());
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    const reason = "not enough cash: need 1180.30, available 100.00";
    t.factory.trader.fire("orderRsp", { clOrderId, orderId: "", errorCode: 2008, errorMsg: reason });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({
        reportSeq: 1,
        clOrderId,
        orderId: "O3",
        status: "Rejected",
        errorCode: 2008,
        errorMsg: reason,
      }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.ordersOf(vtOrderid).map((o) => o.status)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    // A known code reads from the catalogue, never the server's English in a Chinese text.
    expect(t.rec.lastOrder(vtOrderid)?.statusMsg).toBe("可用资金不足 (2008)");
    expect(t.rec.logTexts.filter((text) => text.includes("被拒绝 (2008)：可用资金不足"))).toHaveLength(1);
  });

  it("a duplicate client order id answer ends the order REJECTED; the other order's reports stay off it", async () => {
    // The library answers its own resends' 2012 with success (native/sim/trader.c): a 2012 that
    // reaches the gateway means another process or engine used the id today (issue 18.2).
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy());
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    t.factory.trader.fire("orderRsp", {
      clOrderId,
      orderId: "O4",
      errorCode: 2012,
      errorMsg: "duplicate client order id",
    });
    // The other order, under the same client order id, fills.
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 2, clOrderId, orderId: "O4", status: "Filled", filledVolume: 100 }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.ordersOf(vtOrderid).map((o) => o.status)).toEqual([Status.SUBMITTING, Status.REJECTED]);
    expect(t.rec.lastOrder(vtOrderid)?.statusMsg).toContain("另一个进程或引擎");
    expect(t.rec.lastOrder(vtOrderid)?.statusMsg).toContain("O4");
    expect(t.rec.logTexts.filter((text) => text.includes("被拒绝 (2012)"))).toHaveLength(1);
    // The other order is adopted under the broker's id, not merged into ours.
    expect(t.rec.lastOrder("HFT.O4")).toMatchObject({ status: Status.ALLTRADED, traded: 100 });
  });

  it("orders reported by the server that this process did not create are adopted", async () => {
    const t = setup();
    t.factory.results.orders = [
      orderReport({
        reportSeq: 3,
        clOrderId: "EARLIER-RUN-1",
        orderId: "O1",
        status: "PartiallyFilled",
        filledVolume: 100,
        volume: 300,
      }),
    ];
    await connectAndLogin(t);
    expect(t.rec.lastOrder("HFT.EARLIER-RUN-1")).toMatchObject({
      status: Status.PARTTRADED,
      traded: 100,
      volume: 300,
      direction: Direction.LONG,
    });

    // A live report from another session, without a client order id at all.
    t.factory.trader.fire("orderStatus", {
      ...orderReport({
        reportSeq: 5,
        clOrderId: "",
        orderId: "O7",
        side: "Ask",
        orderType: "B5TC",
        status: "New",
        price: 0,
      }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.lastOrder("HFT.O7")).toMatchObject({
      status: Status.NOTTRADED,
      direction: Direction.SHORT,
      type: OrderType.MARKET,
    });
    expect(t.rec.logTexts.some((text) => text.startsWith("发现非本会话创建的委托 O7"))).toBe(true);

    // Later reports update the adopted orders; trades are attributed to them; they can be cancelled.
    t.factory.trader.fire("tradeReport", {
      ...tradeReport({ reportSeq: 6, tradeId: "T7", orderId: "O7", side: "Ask" }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({
        reportSeq: 7,
        orderId: "O7",
        side: "Ask",
        orderType: "B5TC",
        status: "Filled",
        filledVolume: 100,
      }),
      replay: false,
    });
    t.gw.cancelOrder(
      createCancelRequest({ orderid: "EARLIER-RUN-1", symbol: "600000", exchange: Exchange.SSE }),
    );
    await settle(t.engine);
    expect(t.rec.lastOrder("HFT.O7")?.status).toBe(Status.ALLTRADED);
    expect(t.rec.trades.at(-1)).toMatchObject({ vtOrderid: "HFT.O7", direction: Direction.SHORT });
    expect(t.factory.trader.cancels).toEqual([{ orderId: "O1", clOrderId: "EARLIER-RUN-1" }]);
  });

  it("reports with a side other than Bid/Ask (融券卖出, ETF 赎回) or an unknown order type are refused by name, never read as a buy", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 0, clOrderId: "", orderId: "S1", side: "MarginAsk", status: "New" }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 0, clOrderId: "", orderId: "S2", orderType: "Unknown", status: "New" }),
      replay: false,
    });
    t.factory.trader.fire("tradeReport", {
      ...tradeReport({ reportSeq: 0, tradeId: "T9", orderId: "S3", side: "EtfRedeem" }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.lastOrder("HFT.S1")).toBeUndefined();
    expect(t.rec.lastOrder("HFT.S2")).toBeUndefined();
    expect(t.rec.trades).toEqual([]);
    const refused = t.rec.logTexts.filter((text) => text.includes("本接口不支持"));
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/委托回报 S1 的买卖方向 MarginAsk/);
    expect(refused[1]).toMatch(/委托回报 S2 的委托类型 Unknown/);
    expect(refused[2]).toMatch(/成交回报 T9 的买卖方向 EtfRedeem/);
  });

  it("trades are pushed once per trade id, whatever is replayed", async () => {
    const t = setup();
    t.factory.results.trades = [tradeReport({ tradeId: "T1" })];
    await connectAndLogin(t);
    for (const replay of [false, true, true]) {
      t.factory.trader.fire("tradeReport", { ...tradeReport({ tradeId: "T1" }), replay });
      t.factory.trader.fire("tradeReport", { ...tradeReport({ tradeId: "T2", reportSeq: 9 }), replay });
    }
    await settle(t.engine);
    expect(t.rec.trades.map((trade) => trade.tradeid)).toEqual(["T1", "T2"]);
  });

  it("a stale or reordered report never moves an order back", async () => {
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy("600000", 11.8, 200));
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    const fire = (
      reportSeq: number,
      status: "New" | "PartiallyFilled" | "Filled" | "Canceling",
      filledVolume: number,
    ) =>
      t.factory.trader.fire("orderStatus", {
        ...orderReport({ reportSeq, clOrderId, status, filledVolume, volume: 200 }),
        replay: false,
      });
    fire(4, "Filled", 200);
    fire(3, "PartiallyFilled", 100);
    fire(2, "New", 0);
    // Canceling keeps the current status; a newer report that would revive a final order is ignored.
    fire(5, "Canceling", 200);
    fire(6, "New", 0);
    await settle(t.engine);
    expect(t.rec.ordersOf(vtOrderid).map((o) => `${o.status}:${o.traded}`)).toEqual([
      "SUBMITTING:0",
      "ALLTRADED:200",
    ]);
  });

  it("a cancel refused without a reason text is logged with the catalogue's no-reason text, not an English one", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.gw.sendOrder(buy());
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    t.factory.trader.fire("orderRsp", { clOrderId, orderId: "O6", errorCode: 0, errorMsg: "" });
    t.factory.trader.fire("cancelRsp", {
      orderId: "O6",
      clOrderId,
      status: "CancelRejected",
      errorCode: 7001,
      errorMsg: "",
    });
    await settle(t.engine);
    expect(t.rec.logTexts).toContain(`撤单被拒绝：委托 ${clOrderId} (7001)：服务器未给出原因`);
  });

  it("cancels by client order id before the server id is known and by server id after; finished and unknown orders are logged", async () => {
    const t = setup();
    await connectAndLogin(t);
    const vtOrderid = t.gw.sendOrder(buy());
    const clOrderId = t.factory.trader.orders[0]?.clOrderId ?? "";
    t.gw.cancelOrder(createCancelRequest({ orderid: clOrderId, symbol: "600000", exchange: Exchange.SSE }));
    expect(t.factory.trader.cancels.at(-1)).toEqual({ clOrderId });
    t.factory.trader.fire("orderRsp", { clOrderId, orderId: "O5", errorCode: 0, errorMsg: "" });
    t.gw.cancelOrder(createCancelRequest({ orderid: clOrderId, symbol: "600000", exchange: Exchange.SSE }));
    expect(t.factory.trader.cancels.at(-1)).toEqual({ orderId: "O5", clOrderId });
    t.factory.trader.fire("cancelRsp", {
      orderId: "O5",
      clOrderId,
      status: "CancelRejected",
      errorCode: 3003,
      errorMsg: "cancel already pending",
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 1, clOrderId, orderId: "O5", status: "Canceling" }),
      replay: false,
    });
    t.factory.trader.fire("orderStatus", {
      ...orderReport({ reportSeq: 2, clOrderId, orderId: "O5", status: "CancelFilled" }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.lastOrder(vtOrderid)?.status).toBe(Status.CANCELLED);
    expect(t.rec.logTexts).toContain(`撤单被拒绝：委托 ${clOrderId} (3003)：撤单已在处理中`);

    const cancelsBefore = t.factory.trader.cancels.length;
    expect(() =>
      t.gw.cancelOrder(createCancelRequest({ orderid: clOrderId, symbol: "600000", exchange: Exchange.SSE })),
    ).not.toThrow();
    expect(() =>
      t.gw.cancelOrder(createCancelRequest({ orderid: "nope", symbol: "600000", exchange: Exchange.SSE })),
    ).not.toThrow();
    await settle(t.engine);
    expect(t.factory.trader.cancels).toHaveLength(cancelsBefore);
    expect(t.rec.logTexts).toContain(`撤单忽略：委托 ${clOrderId} 已是最终状态 CANCELLED，无需撤单`);
    expect(t.rec.logTexts).toContain("撤单失败：找不到委托 nope（不是本接口的委托，或尚未收到）");
  });
});

describe("cancel all", () => {
  it("batches the acknowledged orders by broker id, cancels the others one by one, skips finished ones", async () => {
    const t = setup();
    await connectAndLogin(t);
    const ids = [
      t.gw.sendOrder(buy()),
      t.gw.sendOrder(buy()),
      t.gw.sendOrder(buy()),
      t.gw.sendOrder(buy("000001")),
    ];
    const cl = t.factory.trader.orders.map((o) => o.clOrderId);
    const ack = (i: number, orderId: string, status: "New" | "Filled") => {
      t.factory.trader.fire("orderRsp", { clOrderId: cl[i] ?? "", orderId, errorCode: 0, errorMsg: "" });
      t.factory.trader.fire("orderStatus", {
        ...orderReport({
          reportSeq: i + 1,
          clOrderId: cl[i] ?? "",
          orderId,
          status,
          filledVolume: status === "Filled" ? 100 : 0,
        }),
        replay: false,
      });
    };
    ack(0, "O1", "New");
    ack(1, "O2", "Filled");
    // ids[2] has no broker id yet; ids[3] is another symbol (no contract on the fake: rejected locally)
    await settle(t.engine);
    expect(t.rec.lastOrder(ids[3] ?? "")?.status).toBe(Status.REJECTED);

    expect(t.gw.cancelAll()).toBe(2);
    expect(t.factory.trader.batchCancels).toEqual([["O1"]]);
    expect(t.factory.trader.cancels).toEqual([{ clOrderId: cl[2] }]);
    expect(t.gw.cancelAll("600519.SSE")).toBe(0);
    expect(t.factory.trader.batchCancels).toHaveLength(1);
  });

  it("asks nothing of a library it is not connected to, and logs each order", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.gw.sendOrder(buy());
    await t.gw.close();
    expect(t.gw.cancelAll()).toBe(0);
    expect(t.factory.trader.batchCancels).toEqual([]);
    expect(t.factory.trader.cancels).toEqual([]);
    await settle(t.engine);
    expect(t.rec.logTexts.filter((text) => text.includes("交易服务器尚未连接"))).toHaveLength(1);
  });
});

describe("market data", () => {
  it("maps 5 levels, limits, turnover, preClose, OHLC and the exchange time into TickData", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.md.fire("marketData", md("600000"));
    await settle(t.engine);
    expect(t.rec.ticks[0]).toMatchObject({
      vtSymbol: "600000.SSE",
      name: "浦发银行",
      lastPrice: 11.81,
      volume: 12_300,
      turnover: 145_263,
      limitUp: 12.98,
      limitDown: 10.62,
      preClose: 11.8,
      openPrice: 11.7,
      highPrice: 11.9,
      lowPrice: 11.6,
      bidPrice1: 11.8,
      bidPrice5: 11.76,
      askPrice1: 11.81,
      askPrice5: 11.85,
      bidVolume1: 100,
      bidVolume5: 500,
      askVolume1: 600,
      askVolume5: 1000,
    });
    expect(t.rec.ticks[0]?.datetime.toISOString()).toBe("2025-01-02T01:30:00.500Z");
    expect(Object.isFrozen(t.rec.ticks[0])).toBe(true);
    // Built in createTick's field order (freezeTick keeps the literal): every tick one hidden class.
    const reference = createTick({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      datetime: new Date(),
    });
    expect(Object.keys(t.rec.ticks[0] ?? {})).toEqual(Object.keys(reference));
  });

  it("a tick for a code without a contract is dropped with one log line; base info builds the contract", async () => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
    for (let i = 0; i < 3; i++) t.factory.md.fire("marketData", md("601318"));
    await settle(t.engine);
    expect(t.rec.ticks).toHaveLength(0);
    expect(t.rec.logTexts.filter((text) => text.includes("601318.SSE"))).toEqual([
      "收到 601318.SSE 的行情，但没有它的合约信息：该代码的行情将被丢弃（此提示每个代码只出现一次）",
    ]);

    t.factory.md.fire("baseInfo", {
      market: "SH",
      code: "688981",
      name: "中芯国际",
      securityType: 1,
      preClose: 112.35,
      limitUp: 134.82,
      limitDown: 89.88,
      priceTick: 0,
      lotSize: 0,
      minBuyVolume: 0,
    });
    t.factory.md.fire("marketData", md("688981", { last: 112.5 }));
    await settle(t.engine);
    expect(t.rec.contracts.at(-1)).toMatchObject({
      vtSymbol: "688981.SSE",
      minVolume: 200,
      volumeStep: 1,
      pricetick: 0.01,
      limitUp: 134.82,
    });
    expect(t.rec.ticks.at(-1)).toMatchObject({ vtSymbol: "688981.SSE", name: "中芯国际", lastPrice: 112.5 });
  });

  it("a contract from base info takes the feed's own tick, lot and minimum when it has them (SZ bond: 0.001, 10)", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.md.fire("baseInfo", {
      market: "SZ",
      code: "123001",
      name: "某某转债",
      securityType: 4,
      preClose: 120.5,
      limitUp: 144.6,
      limitDown: 96.4,
      priceTick: 0.001,
      lotSize: 10,
      minBuyVolume: 10,
    });
    await settle(t.engine);
    expect(t.rec.contracts.at(-1)).toMatchObject({
      vtSymbol: "123001.SZSE",
      pricetick: 0.001,
      volumeStep: 10,
      minVolume: 10,
    });
  });

  it("subscriptions before connect and before login are sent once after the first market login", async () => {
    const t = setup();
    t.gw.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }));
    t.gw.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }));
    t.gw.connect(SETTINGS);
    t.gw.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }));
    t.gw.subscribe(createSubscribeRequest({ symbol: "IF2501", exchange: Exchange.CFFEX }));
    expect(t.factory.md.subscriptions).toEqual([]);
    t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
    expect(t.factory.md.subscriptions).toEqual([
      { market: "SH", codes: ["600000"] },
      { market: "SZ", codes: ["000001"] },
    ]);
    t.gw.subscribe(createSubscribeRequest({ symbol: "601318", exchange: Exchange.SSE }));
    expect(t.factory.md.subscriptions.at(-1)).toEqual({ market: "SH", codes: ["601318"] });
    await settle(t.engine);
    expect(t.rec.logTexts).toContain("订阅失败：IF2501.CFFEX 的交易所不受支持（只支持 SSE、SZSE）");
  });

  it("a subscription the server does not know is reported as failed, dropped, and can be retried", async () => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
    t.gw.subscribe(createSubscribeRequest({ symbol: "000002", exchange: Exchange.SZSE }));
    t.gw.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }));
    t.gw.subscribe(createSubscribeRequest({ symbol: "IF2501", exchange: Exchange.CFFEX }));
    t.factory.md.fire("subscribeRsp", {
      action: "subscribe",
      market: "SZ",
      count: 0,
      errorCode: 5003,
      errorMsg: "unknown codes on SZ: 000002",
    });
    await settle(t.engine);
    const failures = t.rec.events
      .filter((e) => e.type === EVENT_SUBSCRIBE_FAILED)
      .map((e) => e.data as SubscribeFailure);
    expect(failures.map((f) => [f.vtSymbol, f.errorCode])).toEqual([
      ["IF2501.CFFEX", 0],
      ["000002.SZSE", 5003],
    ]);
    expect(failures[1]?.reason).toContain("000002");
    expect(failures[1]?.gatewayName).toBe(t.gw.gatewayName);
    // Dropped from the gateway's set: subscribing again sends it again.
    const sent = t.factory.md.subscriptions.length;
    t.gw.subscribe(createSubscribeRequest({ symbol: "000002", exchange: Exchange.SZSE }));
    t.gw.subscribe(createSubscribeRequest({ symbol: "000001", exchange: Exchange.SZSE }));
    expect(t.factory.md.subscriptions.slice(sent)).toEqual([{ market: "SZ", codes: ["000002"] }]);
  });

  it("a market-data disconnect is logged with a status event, and recovery too; ticks flow again", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.md.fire("connected", { message: "connected" });
    t.factory.md.fire("disconnected", {
      osError: 0,
      osErrorName: "",
      attempt: 0,
      willReconnect: true,
      errorCode: 0,
      message: "connection closed by peer 127.0.0.1:19000",
    });
    t.factory.md.fire("connecting", {
      attempt: 1,
      message: "reconnecting to md server 127.0.0.1:19000 (attempt 1)",
    });
    t.factory.md.fire("login", { ok: true, errorCode: 0, message: "" });
    t.factory.md.fire("marketData", md("600000"));
    await settle(t.engine);
    expect(t.rec.logTexts).toContain("行情服务器连接断开：对方 127.0.0.1:19000 关闭了连接，正在自动重连");
    expect(t.rec.logTexts).toContain("行情服务器重连成功，已重新登录");
    const states = t.rec.statuses.filter((s) => s.side === GatewaySide.MARKET).map((s) => s.state);
    expect(states).toEqual(["CONNECTING", "CONNECTED", "RECONNECTING", "RECONNECTING", "CONNECTED"]);
    expect(t.rec.ticks).toHaveLength(1);
    // The library re-sends subscriptions itself after a reconnect; the gateway does not duplicate them.
    expect(t.factory.md.subscriptions).toEqual([]);
  });
});

describe("troubleshooting messages", () => {
  const failure = (osErrorName: string, message: string, willReconnect = true) => ({
    osError: 1,
    osErrorName,
    attempt: 0,
    willReconnect,
    errorCode: 0,
    message,
  });

  it("classifies connect failures: refused, unreachable, timeout, unresolvable host", async () => {
    const t = setup();
    t.gw.connect(SETTINGS);
    const trader = t.factory.trader;
    trader.fire("disconnected", failure("ECONNREFUSED", "connect to 127.0.0.1:18000 refused (ECONNREFUSED)"));
    trader.fire("disconnected", failure("EHOSTUNREACH", "127.0.0.1:18000 is unreachable (EHOSTUNREACH)"));
    trader.fire(
      "disconnected",
      failure("ETIMEDOUT", "connect to 127.0.0.1:18000 timed out after 3000 ms (ETIMEDOUT)"),
    );
    t.factory.md.fire(
      "disconnected",
      failure("", "cannot resolve host 'nohost': Name or service not known; giving up", false),
    );
    await settle(t.engine);
    const texts = t.rec.logTexts;
    expect(texts).toContain(
      "交易服务器连接被拒绝：127.0.0.1:18000 上没有服务在监听 (ECONNREFUSED)。请检查「交易服务器」和「交易端口」设置，并确认服务器已启动，正在重试",
    );
    expect(texts).toContain(
      "交易服务器无法连接：127.0.0.1:18000 不可达 (EHOSTUNREACH)。请检查「交易服务器」地址、网络和路由，正在重试",
    );
    expect(texts).toContain(
      "交易服务器连接超时：127.0.0.1:18000 没有响应 (ETIMEDOUT)。请检查「交易服务器」「交易端口」、网络和防火墙，正在重试",
    );
    expect(
      texts.some(
        (text) =>
          text.startsWith("行情服务器地址无法解析：") && text.endsWith("已停止重试；修正设置后重新连接"),
      ),
    ).toBe(true);
    expect(t.rec.statuses.filter((s) => s.side === GatewaySide.MARKET).at(-1)?.state).toBe(
      ConnectionState.DISCONNECTED,
    );
  });

  it.each([
    [1001, /交易用户名 "demo" 不存在 \(1001\)。请检查「交易用户名」/],
    [1002, /密码错误 \(1002\)。请检查「交易密码」/],
    [1003, /机构代号 "0000" 不正确 \(1003\)。请检查「机构代号」/],
    [1004, /营业部代号 "9999" 不正确 \(1004\)。请检查「营业部代号」/],
  ])("trade login refused with %i names the setting to fix", async (code, pattern) => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.trader.fire("login", loginEvent(false, code, `echo ${TRADE_PASSWORD}`));
    t.factory.trader.fire("connected", { message: "" });
    t.factory.trader.fire("disconnected", failure("", "trade login refused; not reconnecting", false));
    await settle(t.engine);
    const errors = t.rec.logs.filter((log) => log.level === LogLevel.ERROR).map((log) => log.msg);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(t.rec.logTexts.at(-1)).toBe("交易服务器连接已关闭（登录被拒绝，不会自动重连）");
    expect(t.rec.statuses.at(-1)?.state).toBe(ConnectionState.DISCONNECTED);
  });

  it.each([
    [5001, /行情用户名 "md" 不存在 \(5001\)。请检查「行情用户名」/],
    [5002, /密码错误 \(5002\)。请检查「行情密码」/],
  ])("market login refused with %i names the setting to fix", async (code, pattern) => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.md.fire("login", { ok: false, errorCode: code, message: "refused" });
    await settle(t.engine);
    expect(t.rec.logTexts.at(-1)).toMatch(pattern);
  });

  // Which refusals are final comes from hft-native's LOGIN_CODES: the vendor's as the simulator's.
  const lastState = (t: Setup, side: GatewaySide) =>
    t.rec.statuses.filter((s) => s.side === side).at(-1)?.state;

  it.each([
    [14034, true],
    [14024, true],
    [14043, false],
  ])("trade login refused by the vendor SDK with %i: final %s", async (code, final) => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.trader.fire("login", loginEvent(false, code, "refused"));
    await settle(t.engine);
    expect(lastState(t, GatewaySide.TRADE) === ConnectionState.DISCONNECTED).toBe(final);
    expect(t.rec.logs.some((log) => log.level === LogLevel.ERROR)).toBe(final);
  });

  // isipuix.h has no code for refused credentials: a refused SIP login is SIPE_ERR (1), as the
  // vendor double answers; only SIPE_CONSVRFAIL (7) is one the SDK recovers from by itself.
  it.each([
    [1, true],
    [18, true],
    [19, true],
    [20, true],
    [7, false],
  ])("market login refused by the SIP SDK with %i: final %s", async (code, final) => {
    const t = setup();
    t.gw.connect(SETTINGS);
    t.factory.md.fire("login", { ok: false, errorCode: code, message: `SIP login failed with code ${code}` });
    await settle(t.engine);
    expect(lastState(t, GatewaySide.MARKET) === ConnectionState.DISCONNECTED).toBe(final);
    expect(t.rec.logs.some((log) => log.level === LogLevel.ERROR)).toBe(final);
  });

  it("passwords never appear in any event, even when a message echoes them", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.trader.fire("error", {
      errorCode: 9001,
      refSeq: 0,
      message: `bad frame near ${TRADE_PASSWORD}`,
    });
    t.factory.md.fire("connected", { message: "" });
    t.factory.md.fire("disconnected", failure("", `closed (${MD_PASSWORD})`));
    t.factory.trader.fire("riskNotify", { level: 2, code: 7, message: `pw=${TRADE_PASSWORD}` });
    await settle(t.engine);
    const dump = JSON.stringify(t.rec.events);
    expect(dump).not.toContain(TRADE_PASSWORD);
    expect(dump).not.toContain(MD_PASSWORD);
    expect(dump).toContain("bad frame near ***");
  });
});

describe("close", () => {
  it("after a close, connecting to another account forgets the first account's orders and trade ids", async () => {
    const t = setup();
    await connectAndLogin(t);
    const first = t.factory.trader;
    const vtOrderid = t.gw.sendOrder(buy());
    first.fire("tradeReport", {
      ...tradeReport({ reportSeq: 7, tradeId: "T1", clOrderId: "X" }),
      replay: false,
    });
    await t.gw.close();
    // Same account again: everything is remembered.
    await connectAndLogin(t);
    t.factory.trader.fire("tradeReport", {
      ...tradeReport({ reportSeq: 7, tradeId: "T1", clOrderId: "X" }),
      replay: false,
    });
    await settle(t.engine);
    expect(t.rec.trades.map((x) => x.tradeid)).toEqual(["T1"]);
    await t.gw.close();
    // Another account: its trade T1 is a different trade, and the old order is unknown here.
    t.gw.connect({ ...SETTINGS, 交易用户名: "other" });
    t.factory.trader.fire("login", { ...loginEvent(), accountId: "other" });
    await t.rec.waitForLog(/连接到另一个账户或服务器（other@127\.0\.0\.1:18000）/);
    t.factory.trader.fire("tradeReport", {
      ...tradeReport({ reportSeq: 1, tradeId: "T1", clOrderId: "Y" }),
      replay: false,
    });
    t.gw.cancelOrder(
      createCancelRequest({ orderid: vtOrderid.slice(4), symbol: "600000", exchange: Exchange.SSE }),
    );
    await settle(t.engine);
    expect(t.rec.trades.map((x) => `${x.tradeid}:${x.orderid}`)).toEqual(["T1:X", "T1:Y"]);
    expect(t.rec.logTexts).toContain(
      `撤单失败：找不到委托 ${vtOrderid.slice(4)}（不是本接口的委托，或尚未收到）`,
    );
  });

  it("logs a handler that throws, on either side, and keeps handling the events after it", async () => {
    const t = setup();
    await connectAndLogin(t);
    t.factory.trader.fire("orderStatus", null as never);
    t.factory.md.fire("marketData", null as never);
    t.factory.md.fire("marketData", md("600000"));
    await t.rec.waitForLog(/行情服务器事件 marketData 处理出错/);
    await settle(t.engine);
    const errors = t.rec.logs.filter((log) => log.level === LogLevel.ERROR).map((log) => log.msg);
    expect(errors).toEqual([
      expect.stringMatching(/^交易服务器事件 orderStatus 处理出错：/),
      expect.stringMatching(/^行情服务器事件 marketData 处理出错：/),
    ]);
    expect(t.rec.ticks.map((tick) => tick.symbol)).toContain("600000");
  });

  it("releases both apis, ignores their late events, and allows a new connect", async () => {
    const t = setup();
    await connectAndLogin(t);
    const [trader, mdApi] = [t.factory.trader, t.factory.md];
    await t.gw.close();
    expect(trader.closed).toBe(true);
    expect(mdApi.closed).toBe(true);
    trader.fire("orderStatus", { ...orderReport({ reportSeq: 50, clOrderId: "LATE" }), replay: false });
    const ticksBefore = t.rec.ticks.length;
    mdApi.fire("marketData", md("600000"));
    await settle(t.engine);
    expect(t.rec.lastOrder("HFT.LATE")).toBeUndefined();
    expect(t.rec.ticks).toHaveLength(ticksBefore);
    expect(t.rec.statuses.slice(-2).map((s) => s.state)).toEqual(["DISCONNECTED", "DISCONNECTED"]);
    expect(t.rec.logTexts.at(-1)).toBe("HFT 接口已关闭");
    await t.gw.close();
    t.gw.connect(SETTINGS);
    expect(t.factory.traders).toHaveLength(2);
  });
});
