import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ErrorCode,
  type MockServers,
  type OrderReport,
  OrderStatus,
  OrderType,
  QueryKind,
  type Report,
  Side,
  type TradeClient,
} from "../src/index.js";
import { loggedInTrader, richConfig, startServers, waitFor } from "./helpers/servers.js";

let mock: MockServers;
let trader: TradeClient;
const reports: Report[] = [];
let limitDown = 0;

beforeAll(async () => {
  mock = await startServers({ config: richConfig() });
  trader = await loggedInTrader(mock);
  trader.on("report", (r) => reports.push(r));
  const securities = await trader.queryAll(QueryKind.Securities);
  limitDown = securities.find((s) => s.symbol === "SH.600000")!.limitDown;
});
afterAll(async () => {
  await trader.close();
  await mock.close();
});

function reportsOf(orderId: string): Report[] {
  return reports.filter((r) => r.body.orderId === orderId);
}

describe("orders through TCP", () => {
  it("B5TC buy: ORDER_RSP, then PendingNew, New, trade reports and Filled", async () => {
    const rsp = await trader.order({
      clOrderId: "B5-1",
      symbol: "SH.600000",
      orderType: OrderType.B5TC,
      side: Side.Bid,
      volume: 200,
      price: 0,
    });
    expect(rsp).toMatchObject({ clOrderId: "B5-1", errorCode: 0 });
    expect(rsp.orderId).not.toBe("");
    await waitFor(
      () => reportsOf(rsp.orderId).some((r) => r.type === "order" && isFinal(r.body.status)),
      "a final report",
    );
    const mine = reportsOf(rsp.orderId);
    const statuses = mine.filter((r) => r.type === "order").map((r) => (r.body as OrderReport).status);
    expect(statuses.slice(0, 2)).toEqual([OrderStatus.PendingNew, OrderStatus.New]);
    expect(statuses.at(-1)).toBe(OrderStatus.Filled);
    const filled = mine.filter((r) => r.type === "trade").reduce((n, r) => n + r.body.volume, 0);
    expect(filled).toBe(200);
    // Sequence numbers are contiguous.
    const seqs = reports.map((r) => r.body.reportSeq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  });

  it("rejects a bad lot with 2002 in ORDER_RSP and an ORDER_REPORT Rejected", async () => {
    const rsp = await trader.order({
      clOrderId: "LOT-1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 150,
      price: limitDown,
    });
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_BAD_LOT);
    await waitFor(() => reports.some((r) => r.body.clOrderId === "LOT-1"), "the Rejected report");
    const report = reports.find((r) => r.body.clOrderId === "LOT-1")!.body;
    expect(report).toMatchObject({ status: OrderStatus.Rejected, errorCode: ErrorCode.ORDER_BAD_LOT });
  });

  it("answers a reused clOrderId with 2012 and the existing orderId", async () => {
    const first = await trader.order({
      clOrderId: "DUP-1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: limitDown,
    });
    const again = await trader.order({
      clOrderId: "DUP-1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: limitDown,
    });
    expect(again).toMatchObject({ errorCode: ErrorCode.ORDER_DUPLICATE_CL_ORDER_ID, orderId: first.orderId });
  });

  it("cancels a resting order: Canceling, then CancelFilled; a second cancel is refused", async () => {
    const rsp = await trader.order({
      clOrderId: "REST-1",
      symbol: "SH.600000",
      orderType: OrderType.LMT,
      side: Side.Bid,
      volume: 100,
      price: limitDown,
    });
    expect(rsp.errorCode).toBe(0);
    const cancel = await trader.cancel({ clOrderId: "REST-1" });
    expect(cancel).toMatchObject({ orderId: rsp.orderId, status: OrderStatus.Canceling, errorCode: 0 });
    await waitFor(
      () =>
        reportsOf(rsp.orderId).some((r) => r.type === "order" && r.body.status === OrderStatus.CancelFilled),
      "CancelFilled",
    );
    const statuses = reportsOf(rsp.orderId).map((r) => (r.body as OrderReport).status);
    expect(statuses).toEqual([
      OrderStatus.PendingNew,
      OrderStatus.New,
      OrderStatus.Canceling,
      OrderStatus.CancelFilled,
    ]);
    const again = await trader.cancel({ orderId: rsp.orderId });
    expect(again).toMatchObject({
      status: OrderStatus.CancelRejected,
      errorCode: ErrorCode.CANCEL_ALREADY_FINAL,
    });
    const unknown = await trader.cancel({ orderId: "O-NOPE" });
    expect(unknown).toMatchObject({
      status: OrderStatus.CancelRejected,
      errorCode: ErrorCode.CANCEL_UNKNOWN_ORDER,
    });
  });

  it("queries cash and positions that match the broker's books", async () => {
    const books = mock.broker.books("demo");
    const [cash] = await trader.queryAll(QueryKind.Cash);
    expect(cash).toEqual(books.cash);
    expect(await trader.queryAll(QueryKind.Positions)).toEqual(books.positions);
    const q = await trader.query({ kind: 9 as QueryKind, posStr: "", queryNum: 10, symbol: "" });
    expect(q).toMatchObject({ errorCode: ErrorCode.QUERY_BAD_KIND, records: [] });
    const bad = await trader.query({ kind: QueryKind.Orders, posStr: "", queryNum: 501, symbol: "" });
    expect(bad.errorCode).toBe(ErrorCode.QUERY_BAD_QUERY_NUM);
  });
});

describe("pagination", () => {
  it("returns 1200 orders in 3 pages of ≤ 500, each exactly once, in creation order", async () => {
    const before = (await trader.queryAll(QueryKind.Orders)).length;
    const sent = await Promise.all(
      Array.from({ length: 1200 - before }, (_, i) =>
        trader.order({
          clOrderId: `P-${i}`,
          symbol: "SH.600000",
          orderType: OrderType.LMT,
          side: Side.Bid,
          volume: 100,
          price: limitDown,
        }),
      ),
    );
    expect(sent.every((r) => r.errorCode === 0)).toBe(true);

    const pages: number[] = [];
    let posStr = "";
    const ids: string[] = [];
    for (;;) {
      const page = await trader.query({ kind: QueryKind.Orders, posStr, queryNum: 500, symbol: "" });
      expect(page.errorCode).toBe(0);
      pages.push(page.records.length);
      ids.push(...page.records.map((r) => r.orderId));
      if (page.isLast) break;
      posStr = page.nextPosStr;
    }
    expect(pages).toEqual([500, 500, 200]);
    expect(new Set(ids).size).toBe(1200);
    const all = await trader.queryAll(QueryKind.Orders, { queryNum: 500 });
    expect(all.map((o) => o.orderId)).toEqual(ids);
    expect(ids.slice(-sent.length)).toEqual(sent.map((r) => r.orderId));
  });

  it("filters by symbol and answers an empty result with one empty last page", async () => {
    const none = await trader.query({
      kind: QueryKind.Trades,
      posStr: "",
      queryNum: 10,
      symbol: "SZ.300750",
    });
    expect(none).toMatchObject({ errorCode: 0, isLast: true, records: [] });
    const etf = await trader.queryAll(QueryKind.Securities, { symbol: "SH.510300" });
    expect(etf.map((s) => s.name)).toEqual(["沪深300ETF"]);
  });
});

function isFinal(status: number): boolean {
  return (
    status === OrderStatus.Filled ||
    status === OrderStatus.CancelFilled ||
    status === OrderStatus.PartiallyCanceled ||
    status === OrderStatus.Rejected
  );
}
