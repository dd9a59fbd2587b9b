import { afterEach, beforeEach, expect, it } from "vitest";
import {
  HftArgumentError,
  HftCallError,
  type LoginEvent,
  type OrderStatusEvent,
  type TradeReportEvent,
  TraderApi,
  type TraderApiEvents,
} from "../src/index.js";
import { describeBackends, until } from "./helpers/backends.js";
import { DEMO_LOGIN, MockFixture, record } from "./helpers/mock-fixture.js";

const ALL_EVENTS: (keyof TraderApiEvents)[] = [
  "connecting",
  "connected",
  "disconnected",
  "login",
  "error",
  "orderRsp",
  "cancelRsp",
  "orderStatus",
  "tradeReport",
  "riskNotify",
  "queryOrder",
  "queryTrade",
  "queryPosition",
  "queryCash",
  "querySecurity",
  "queryError",
  "overflow",
];

let fx: MockFixture;
beforeEach(async () => {
  fx = await MockFixture.start();
});
afterEach(async () => {
  await fx.close();
});

async function loggedIn(api: TraderApi): Promise<LoginEvent> {
  const login = api.next("login");
  api.login(DEMO_LOGIN);
  const ev = await login;
  expect(ev.ok, ev.errorMsg).toBe(true);
  return ev;
}

/** Collects sequenced reports (order and trade) in arrival order. */
function reports(api: TraderApi) {
  const list: (OrderStatusEvent | TradeReportEvent)[] = [];
  api.on("orderStatus", (e) => list.push(e));
  api.on("tradeReport", (e) => list.push(e));
  return list;
}

/** The mock book's best ask of SH.600000, in yuan. */
function bestAsk(fx: MockFixture): number {
  return fx.mock.broker.snapshot(1, "600000")!.askPrice[0]! / 10_000;
}

describeBackends("TraderApi against the mock server", (backend) => {
  it('orderSend "deferred": order() queues without sending, a microtask flushes; several in one burst', async () => {
    const api = fx.trader(backend, { orderSend: "deferred" });
    expect(api.orderSend).toBe("deferred");
    const rsps: { clOrderId: string; errorCode: number }[] = [];
    api.on("orderRsp", (e) => rsps.push(e));
    await loggedIn(api);
    const price = bestAsk(fx);
    for (const id of ["DEF-1", "DEF-2", "DEF-3"])
      api.order({ clOrderId: id, symbol: "SH.600000", orderType: "LMT", side: "Bid", volume: 100, price });
    await until(() => rsps.length === 3, "three orderRsp");
    expect(rsps.map((r) => [r.clOrderId, r.errorCode])).toEqual([
      ["DEF-1", 0],
      ["DEF-2", 0],
      ["DEF-3", 0],
    ]);
    // Bad input is still refused by order() itself, naming the field.
    expect(() =>
      api.order({
        clOrderId: "X".repeat(40),
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price,
      }),
    ).toThrow(/clOrderId/);
    expect(() => fx.trader(backend, { orderSend: "later" as never })).toThrow(HftArgumentError);
    expect(fx.trader(backend).orderSend).toBe("direct");
  });

  it("login succeeds", async () => {
    const api = fx.trader(backend);
    const log = record<TraderApiEvents>(api, ["connecting", "connected", "login"]);
    const ev = await loggedIn(api);
    expect(ev).toMatchObject({ ok: true, errorCode: 0, accountId: "demo", lastReportSeq: 0 });
    expect(ev.tradingDay).toBe(fx.mock.broker.tradingDay);
    expect(log.map(([name]) => name)).toEqual(["connecting", "connected", "login"]);
  });

  it.each([
    { errorCode: 1001, change: { accountId: "nobody" } },
    { errorCode: 1002, change: { password: "Wrong-Secret-42" } },
    { errorCode: 1003, change: { custOrgid: "1234" } },
    { errorCode: 1004, change: { custBranchid: "0001" } },
    { errorCode: 1005, change: {} },
  ])("login failure $errorCode", async ({ errorCode, change }) => {
    if (errorCode === 1005) fx.mock.control.rejectNextLogins(1, "trade");
    const api = fx.trader(backend);
    const log = record<TraderApiEvents>(api, ALL_EVENTS);
    const login = api.next("login");
    api.login({ ...DEMO_LOGIN, ...change });
    const ev = await login;
    expect(ev.ok).toBe(false);
    expect(ev.errorCode).toBe(errorCode);
    expect(ev.errorMsg).not.toBe("");
    // The password is never echoed in any event.
    expect(JSON.stringify(log)).not.toContain("Wrong-Secret-42");
    expect(JSON.stringify(log)).not.toContain("demo123");
  });

  it("order → orderRsp → PendingNew, New → trade report → Filled", async () => {
    const api = fx.trader(backend);
    const got = reports(api);
    const rsps: unknown[] = [];
    api.on("orderRsp", (e) => rsps.push(e));
    await loggedIn(api);
    const price = bestAsk(fx);
    api.order({ clOrderId: "BUY-1", symbol: "SH.600000", orderType: "LMT", side: "Bid", volume: 100, price });
    await until(() => got.some((r) => "status" in r && r.status === "Filled"), "Filled report");

    expect(rsps).toEqual([{ clOrderId: "BUY-1", orderId: expect.any(String), errorCode: 0, errorMsg: "" }]);
    const orderId = (rsps[0] as { orderId: string }).orderId;
    const kinds = got.map((r) => ("status" in r ? r.status : "trade"));
    expect(kinds).toEqual(["PendingNew", "New", "trade", "Filled"]);
    expect(got.map((r) => r.reportSeq)).toEqual([1, 2, 3, 4]);
    const trade = got[2] as TradeReportEvent;
    expect(trade).toMatchObject({
      orderId,
      clOrderId: "BUY-1",
      symbol: "SH.600000",
      side: "Bid",
      volume: 100,
      price,
    });
    expect(trade.amount).toBe(Math.round(price * 100 * 10_000) / 10_000);
    const filled = got[3] as OrderStatusEvent;
    expect(filled).toMatchObject({
      orderId,
      filledVolume: 100,
      volume: 100,
      frozenCash: 0,
      price,
      replay: false,
    });

    // The same reports as the broker's journal, field for field (prices scaled back).
    const journal = fx.mock.broker.reportsAfter("demo", 0);
    expect(journal.map((r) => r.body.reportSeq)).toEqual([1, 2, 3, 4]);
    expect(journal[2]!.body).toMatchObject({
      tradeId: trade.tradeId,
      price: Math.round(price * 10_000),
      fee: Math.round(trade.fee * 10_000),
    });
  });

  it("a rejected order: orderRsp with the code, then a Rejected report", async () => {
    const api = fx.trader(backend);
    const got = reports(api);
    const rsp = api.next("orderRsp");
    await loggedIn(api);
    // 0.005 is a valid ABI price (4 decimals) but not on the 0.01 tick: the server refuses it (2005).
    api.order({
      clOrderId: "BAD-TICK",
      symbol: "SH.600000",
      orderType: "LMT",
      side: "Bid",
      volume: 100,
      price: 11.805,
    });
    expect(await rsp).toMatchObject({ clOrderId: "BAD-TICK", errorCode: 2005 });
    await until(() => got.length === 1, "Rejected report");
    expect(got[0]).toMatchObject({ status: "Rejected", errorCode: 2005, clOrderId: "BAD-TICK" });
    // Local validation: more than 4 decimals never reaches the library.
    expect(() =>
      api.order({
        clOrderId: "X",
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price: 11.80001,
      }),
    ).toThrow(HftArgumentError);
  });

  it("cancel: Canceling, then CancelFilled; an unknown order is CancelRejected 3001", async () => {
    const api = fx.trader(backend);
    const got = reports(api);
    const cancels: unknown[] = [];
    api.on("cancelRsp", (e) => cancels.push(e));
    await loggedIn(api);
    const limitDown = fx.mock.broker.snapshot(1, "600000")!.limitDown / 10_000;
    api.order({
      clOrderId: "REST-1",
      symbol: "SH.600000",
      orderType: "LMT",
      side: "Bid",
      volume: 100,
      price: limitDown,
    });
    await until(() => got.some((r) => "status" in r && r.status === "New"), "New report");
    const orderId = got[0]!.orderId;
    api.cancelOrder({ orderId });
    await until(() => got.some((r) => "status" in r && r.status === "CancelFilled"), "CancelFilled report");
    expect(cancels[0]).toMatchObject({ orderId, clOrderId: "REST-1", status: "Canceling", errorCode: 0 });
    expect(got.map((r) => ("status" in r ? r.status : "trade"))).toEqual([
      "PendingNew",
      "New",
      "Canceling",
      "CancelFilled",
    ]);
    expect(got[3]).toMatchObject({ canceledVolume: 100, filledVolume: 0 });

    api.cancelOrder({ clOrderId: "NO-SUCH-ORDER" });
    await until(() => cancels.length === 2, "second cancelRsp");
    expect(cancels[1]).toMatchObject({ status: "CancelRejected", errorCode: 3001 });
    expect(() => api.cancelOrder({})).toThrow(HftArgumentError);
  });

  it("queryAll follows the pages: 520 orders with 100 per page, and positions, cash, securities", async () => {
    const api = fx.trader(backend);
    const rsps = new Set<string>();
    api.on("orderRsp", (e) => {
      if (e.errorCode === 0) rsps.add(e.clOrderId);
    });
    let pageEnds = 0;
    api.on("queryOrder", (e) => {
      if (e.pageEnd && !e.isLast) pageEnds++;
    });
    await loggedIn(api);
    const limitDown = fx.mock.broker.snapshot(1, "600000")!.limitDown / 10_000;
    const N = 520;
    for (let i = 0; i < N; i++) {
      api.order({
        clOrderId: `Q-${i}`,
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price: limitDown,
      });
    }
    await until(() => rsps.size === N, `${N} accepted orders`);

    const orders = await api.queryAll("orders", { queryNum: 100 });
    expect(orders).toHaveLength(N);
    expect(new Set(orders.map((o) => o.clOrderId))).toEqual(rsps);
    expect(pageEnds).toBe(5);
    expect(orders[0]).toMatchObject({
      symbol: "SH.600000",
      side: "Bid",
      volume: 100,
      price: limitDown,
      status: "New",
    });
    expect(await api.queryAll("orders")).toHaveLength(N); // 500 per page: two pages

    const positions = await api.queryAll("positions");
    expect(positions.map((p) => p.symbol).sort()).toEqual([
      "SH.510300",
      "SH.600000",
      "SZ.000001",
      "SZ.300750",
    ]);
    expect(positions.find((p) => p.symbol === "SH.600000")).toMatchObject({
      volume: 10_000,
      ydVolume: 10_000,
    });
    const [cash, ...more] = await api.queryAll("cash");
    expect(more).toEqual([]);
    expect(cash!.accountId).toBe("demo");
    expect(cash!.frozen).toBeGreaterThan(0);
    expect(cash!.available + cash!.frozen).toBeCloseTo(cash!.balance, 4);
    const securities = await api.queryAll("securities", { queryNum: 3 });
    expect(securities).toHaveLength(8);
    expect(securities.find((s) => s.symbol === "SH.600000")).toMatchObject({
      name: "浦发银行",
      priceTick: 0.01,
      lotSize: 100,
    });
    expect(await api.queryAll("trades")).toEqual([]);

    // A cursor the server does not know: a queryError event with 4002.
    const err = api.next("queryError");
    const requestId = api.query({ kind: "orders", posStr: "not-a-cursor" });
    expect(await err).toMatchObject({ requestId, errorCode: 4002 });
  });

  it("server drop → disconnected → automatic reconnect → every report exactly once, in order", async () => {
    const api = fx.trader(backend);
    const got = reports(api);
    const log = record<TraderApiEvents>(api, ["disconnected", "connecting", "login"]);
    await loggedIn(api);
    const limitDown = fx.mock.broker.snapshot(1, "600000")!.limitDown;
    api.order({
      clOrderId: "R-0",
      symbol: "SH.600000",
      orderType: "LMT",
      side: "Bid",
      volume: 100,
      price: limitDown / 10_000,
    });
    await until(() => got.length === 2, "first reports");

    const logins = () => log.filter(([n]) => n === "login").length;
    expect(fx.mock.control.dropConnections({ side: "trade" })).toBe(1);
    // Reports made while the client is away: it must replay them after re-login.
    for (let i = 1; i <= 3; i++) {
      fx.mock.broker.placeOrder("demo", {
        clOrderId: `AWAY-${i}`,
        symbol: "SH.600000",
        orderType: 1,
        side: 1,
        volume: 100,
        price: limitDown,
      });
    }
    await until(() => logins() === 2, "re-login");
    // Duplicated reports from the server are hidden too.
    fx.mock.control.duplicateReports(true);
    api.order({
      clOrderId: "R-1",
      symbol: "SH.600000",
      orderType: "LMT",
      side: "Bid",
      volume: 100,
      price: limitDown / 10_000,
    });
    const last = () => fx.mock.broker.lastReportSeq("demo");
    await until(() => last() === 10 && got.length >= 10, "all 10 reports");
    await new Promise((r) => setTimeout(r, 100)); // let any duplicate arrive before counting

    const disconnected = log.find(([n]) => n === "disconnected")![1] as TraderApiEvents["disconnected"];
    expect(disconnected.willReconnect).toBe(true);
    expect(disconnected.message).not.toBe("");
    expect(got.map((r) => r.reportSeq)).toEqual(
      fx.mock.broker.reportsAfter("demo", 0).map((r) => r.body.reportSeq),
    );
    expect(got.map((r) => r.reportSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(got.slice(2, 8).map((r) => r.clOrderId)).toEqual([
      "AWAY-1",
      "AWAY-1",
      "AWAY-2",
      "AWAY-2",
      "AWAY-3",
      "AWAY-3",
    ]);
    expect(got.slice(2, 8).every((r) => r.replay)).toBe(true);
    expect(got.slice(8).every((r) => !r.replay)).toBe(true);
  });

  it("requests before login are refused by the library; after close they throw", async () => {
    const api = fx.trader(backend);
    expect(() =>
      api.order({
        clOrderId: "EARLY",
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price: 10,
      }),
    ).toThrow(HftCallError);
    await api.close();
    expect(() => api.login(DEMO_LOGIN)).toThrow(/TraderApi.login\(\) called after close\(\)/);
    await expect(
      (async () => {
        return api.queryAll("orders");
      })(),
    ).rejects.toThrow(/called after close/);
  });

  it("a refused port is reported with osError and a message", async () => {
    const port = fx.mock.tradePort;
    await fx.mock.close();
    const api = new TraderApi({
      host: "127.0.0.1",
      port,
      library: { backend },
      connectRetries: 1,
      reconnectMinMs: 10,
    });
    try {
      const ev = api.next("disconnected");
      api.login(DEMO_LOGIN);
      const d = await ev;
      expect(d.osErrorName).toBe("ECONNREFUSED");
      expect(d.message).toContain(`127.0.0.1:${port}`);
      expect(d.message).not.toContain("demo123");
    } finally {
      await api.close();
    }
    fx = await MockFixture.start(); // afterEach closes it
  });
});
