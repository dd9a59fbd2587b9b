import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ErrorCode,
  Market,
  type MarketData,
  type MockServers,
  type OrderReq,
  OrderType,
  QueryKind,
  type Report,
  RiskLevel,
  Side,
  type TradeClient,
} from "../src/index.js";
import {
  ACCOUNT,
  loggedInTrader,
  MD_USER,
  marketClient,
  nextEvent,
  richConfig,
  sleep,
  startServers,
  tradeClient,
  waitFor,
} from "./helpers/servers.js";

let mock: MockServers;
const logs: string[] = [];
let limitDown = 0;
let n = 0;

beforeAll(async () => {
  mock = await startServers({ config: richConfig(), log: (l) => logs.push(l), heartbeatIntervalMs: 50 });
  const c = await loggedInTrader(mock);
  limitDown = (await c.queryAll(QueryKind.Securities, { symbol: "SH.600000" }))[0]!.limitDown;
  await c.close();
});
afterAll(() => mock.close());

function restingBuy(): OrderReq {
  n++;
  return {
    clOrderId: `F-${n}`,
    symbol: "SH.600000",
    orderType: OrderType.LMT,
    side: Side.Bid,
    volume: 100,
    price: limitDown,
  };
}

function faultLogged(text: string): boolean {
  return logs.some((l) => l.startsWith("fault:") && l.includes(text));
}

/** Places `count` resting orders (2 reports each) and waits until all their reports were delivered. */
async function tradeAndCollect(
  c: TradeClient,
  count: number,
): Promise<{ raw: Report[]; delivered: Report[] }> {
  const raw: Report[] = [];
  const delivered: Report[] = [];
  c.on("rawReport", (r) => raw.push(r));
  c.on("report", (r) => delivered.push(r));
  for (let i = 0; i < count; i++) expect((await c.order(restingBuy())).errorCode).toBe(0);
  const last = mock.broker.lastReportSeq("demo");
  await waitFor(() => c.deliveredReportSeq === last, "all reports");
  return { raw, delivered };
}

describe("connection faults", () => {
  it("drops all connections, one side, one account, or one connection by id", async () => {
    const t1 = await loggedInTrader(mock);
    const t2 = await loggedInTrader(mock, {}, { accountId: "other", password: "other123" });
    const m1 = await marketClient(mock);
    expect(await m1.login(MD_USER.user, MD_USER.password)).toMatchObject({ errorCode: 0 });

    expect(mock.control.dropConnections({ side: "market" })).toBe(1);
    await m1.waitClosed();
    expect(t1.connected && t2.connected).toBe(true);

    expect(mock.control.dropConnections({ principal: "other" })).toBe(1);
    await t2.waitClosed();
    expect(t1.connected).toBe(true);

    const id = mock.control.connections().find((c) => c.principal === "demo")!.id;
    expect(mock.control.dropConnections({ id })).toBe(1);
    await t1.waitClosed();

    const t3 = await tradeClient(mock);
    const m3 = await marketClient(mock);
    await waitFor(() => mock.control.connections().length === 2, "two connections");
    expect(mock.control.dropConnections()).toBe(2);
    await Promise.all([t3.waitClosed(), m3.waitClosed()]);
    expect(faultLogged("drop 2 connection(s) (all)")).toBe(true);
  });

  it("stalls a connection: frames are held, then delivered", async () => {
    const c = await loggedInTrader(mock);
    expect(mock.control.stallConnections(200, { side: "trade", principal: "demo" })).toBe(1);
    expect(mock.control.connections().find((x) => x.principal === "demo")?.stalled).toBe(true);
    const rsp = await c.order(restingBuy());
    expect(rsp.errorCode).toBe(0);
    expect(c.connected).toBe(true);
    expect(faultLogged("stall 1 connection(s) for 200 ms")).toBe(true);
    await c.close();
  });

  it("a stall stops heartbeats: a client with a short timeout gives up", async () => {
    const c = await loggedInTrader(mock, { heartbeatTimeoutMs: 300, heartbeatIntervalMs: 50 });
    // Heartbeats flow while idle.
    await sleep(400);
    expect(c.connected).toBe(true);
    mock.control.stallConnections(5_000, { principal: "demo" });
    const reason = await c.waitClosed();
    expect(reason.kind).toBe("timeout");
  });

  it("restarts a server on the same port, keeping the broker's state", async () => {
    const c = await loggedInTrader(mock);
    const rsp = await c.order(restingBuy());
    const port = mock.tradePort;
    const closed = c.waitClosed();
    await mock.control.restartServer("trade", 20);
    await closed;
    const again = await loggedInTrader(mock);
    expect(again.connected).toBe(true);
    const orders = await again.queryAll(QueryKind.Orders);
    expect(orders.some((o) => o.orderId === rsp.orderId)).toBe(true);
    expect(mock.tradePort).toBe(port);
    await again.close();

    const m = await marketClient(mock);
    await m.login(MD_USER.user, MD_USER.password);
    const mClosed = m.waitClosed();
    await mock.control.restartServer("market");
    await mClosed;
    const m2 = await marketClient(mock);
    expect((await m2.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
    await m2.close();
  });
});

describe("report faults", () => {
  it("delays reports (responses are not delayed)", async () => {
    const c = await loggedInTrader(mock);
    mock.control.delayReports(150);
    try {
      const first = nextEvent<[Report]>(c, "report");
      const t0 = Date.now();
      await c.order(restingBuy());
      await first;
      // A lower bound only: a slower machine can only make it later.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    } finally {
      mock.control.delayReports(0);
    }
    await c.close();
  });

  it("duplicates reports; the client delivers each once", async () => {
    const c = await loggedInTrader(mock);
    mock.control.duplicateReports(true);
    try {
      const { raw, delivered } = await tradeAndCollect(c, 3);
      expect(delivered).toHaveLength(6);
      await waitFor(() => raw.length === 12, "the duplicates");
      expect(raw.map((r) => r.body.reportSeq)).toEqual(
        delivered.flatMap((r) => [r.body.reportSeq, r.body.reportSeq]),
      );
    } finally {
      mock.control.duplicateReports(false);
    }
    await c.close();
  });

  it("reorders reports in adjacent pairs; the client restores the order", async () => {
    const c = await loggedInTrader(mock);
    mock.control.reorderReports(true);
    try {
      const { raw, delivered } = await tradeAndCollect(c, 3);
      const seqs = delivered.map((r) => r.body.reportSeq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      const rawSeqs = raw.map((r) => r.body.reportSeq);
      expect(rawSeqs).not.toEqual(seqs);
      expect([...rawSeqs].sort((a, b) => a - b)).toEqual(seqs);
    } finally {
      mock.control.reorderReports(false);
    }
    expect(faultLogged("reorder reports on")).toBe(true);
    await c.close();
  });
});

describe("market and broker faults", () => {
  it("pauses and resumes market data", async () => {
    const m = await marketClient(mock);
    await m.login(MD_USER.user, MD_USER.password);
    const data: MarketData[] = [];
    m.on("marketData", (d) => data.push(d));
    await m.subscribe(Market.SH, ["600000"]);
    mock.control.pauseMarketData();
    const before = data.length;
    mock.control.stepMarket(3);
    await m.subscribe(Market.SH, ["0"]); // round trip
    expect(data.length).toBe(before);
    mock.control.resumeMarketData();
    mock.control.stepMarket(2);
    await m.subscribe(Market.SH, ["0"]);
    expect(data.length).toBe(before + 2);
    expect(faultLogged("market data paused") && faultLogged("market data resumed")).toBe(true);
    await m.close();
  });

  it("rejects the next N logins with 1005 / 5005", async () => {
    const c = await tradeClient(mock);
    mock.control.rejectNextLogins(2);
    expect((await c.login(ACCOUNT)).errorCode).toBe(ErrorCode.LOGIN_REJECTED);
    expect((await c.login(ACCOUNT)).errorCode).toBe(ErrorCode.LOGIN_REJECTED);
    expect((await c.login(ACCOUNT)).errorCode).toBe(0);
    await c.close();
    const m = await marketClient(mock);
    mock.control.rejectNextLogins(1, "market");
    expect((await m.login(MD_USER.user, MD_USER.password)).errorCode).toBe(ErrorCode.MD_LOGIN_REJECTED);
    expect((await m.login(MD_USER.user, MD_USER.password)).errorCode).toBe(0);
    await m.close();
  });

  it("rejects the next N orders with 2015", async () => {
    const c = await loggedInTrader(mock);
    mock.control.rejectNextOrders(1);
    expect((await c.order(restingBuy())).errorCode).toBe(ErrorCode.ORDER_REJECTED);
    expect((await c.order(restingBuy())).errorCode).toBe(0);
    await c.close();
  });

  it("pushes a risk notification to the account's sessions", async () => {
    const c = await loggedInTrader(mock);
    const got = nextEvent(c, "riskNotify");
    expect(mock.control.riskNotify("demo", RiskLevel.Warning, 42, "可用资金不足")).toBe(1);
    expect(await got).toEqual([{ level: RiskLevel.Warning, code: 42, message: "可用资金不足" }]);
    await c.close();
  });
});
