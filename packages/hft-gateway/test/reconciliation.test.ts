/**
 * The reconciliation rules, driven directly (no API, no timers): both modes — by report sequence
 * (our protocol) and by re-query after a reconnect (`reportSeq` 0, the vendor SDK) — broker
 * sessions, duplicate client order ids and adoption.
 */
import {
  createOrderData,
  createOrderRequest,
  createTrade,
  Direction,
  Exchange,
  LogLevel,
  type OrderData,
  OrderType,
  Status,
  type TradeData,
} from "@tsgate/core";
import type { OrderReport, TradeReport } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { DEFAULT_MESSAGES } from "../src/messages.js";
import { brokerTradeIdOf, type OrderEntry, Reconciler, type ReconcileSink } from "../src/reconciliation.js";
import { orderReport, tradeReport } from "./helpers/fake-api.js";

class RecordingSink implements ReconcileSink {
  readonly orders: OrderData[] = [];
  readonly trades: TradeData[] = [];
  readonly learnt: string[] = [];
  readonly logs: { text: string; level: LogLevel }[] = [];
  readonly msg = DEFAULT_MESSAGES;
  orderChanged(entry: OrderEntry): void {
    this.orders.push(entry.order);
  }
  serverIdLearnt(entry: OrderEntry): void {
    this.learnt.push(entry.serverId);
  }
  tradeAdded(trade: TradeData): void {
    this.trades.push(trade);
  }
  log(text: string, level: LogLevel): void {
    this.logs.push({ text, level });
  }
  statusesOf(orderid: string): string[] {
    return this.orders.filter((o) => o.orderid === orderid).map((o) => `${o.status}:${o.traded}`);
  }
  last(orderid: string): OrderData | undefined {
    return this.orders.filter((o) => o.orderid === orderid).at(-1);
  }
}

const DAY = 20250102;

function setup() {
  const sink = new RecordingSink();
  const book = new Reconciler("HFT", sink);
  book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, true);
  return { sink, book };
}

/** A local order "A1" of 300 shares, as `sendOrder` adds it. */
function localOrder(book: Reconciler, orderid = "A1"): OrderEntry {
  const req = createOrderRequest({
    symbol: "600000",
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 300,
    price: 11.8,
  });
  return book.addLocal(createOrderData(req, orderid, "HFT"));
}

/** An unsequenced report (vendor path) of order A1 / S1. */
const vendor = (extra: Partial<OrderReport>): OrderReport =>
  orderReport({ reportSeq: 0, clOrderId: "A1", orderId: "S1", volume: 300, ...extra });
const vendorTrade = (extra: Partial<TradeReport>): TradeReport =>
  tradeReport({ reportSeq: 0, clOrderId: "A1", orderId: "S1", ...extra });

describe("by report sequence", () => {
  it("applies reports in sequence and ignores older ones, whatever their content", () => {
    const { sink, book } = setup();
    localOrder(book);
    book.onOrderReport(orderReport({ reportSeq: 3, clOrderId: "A1", orderId: "S1", status: "New" }), true);
    book.onOrderReport(
      orderReport({ reportSeq: 5, clOrderId: "A1", orderId: "S1", status: "CancelFilled" }),
      true,
    );
    book.onOrderReport(
      orderReport({
        reportSeq: 4,
        clOrderId: "A1",
        orderId: "S1",
        status: "PartiallyFilled",
        filledVolume: 100,
      }),
      true,
    );
    // Seq 4 arrived after 5: stale, ignored although it carries a fill.
    expect(book.get("A1")?.lastSeq).toBe(5);
    expect(sink.statusesOf("A1")).toEqual([`${Status.NOTTRADED}:0`, `${Status.CANCELLED}:0`]);
    expect(sink.learnt).toEqual(["S1"]);
  });

  it("a trade replayed by sequence or by query is pushed once, duplicates are logged as such", () => {
    const { sink, book } = setup();
    localOrder(book);
    expect(book.onTradeReport(tradeReport({ reportSeq: 2, tradeId: "T1", clOrderId: "A1" }), "live")).toBe(
      true,
    );
    expect(book.onTradeReport(tradeReport({ reportSeq: 2, tradeId: "T1", clOrderId: "A1" }), "replay")).toBe(
      false,
    );
    // A query lists the whole day: the caller counts its known trades in one line.
    expect(book.onTradeReport(tradeReport({ reportSeq: 2, tradeId: "T1", clOrderId: "A1" }), "query")).toBe(
      false,
    );
    expect(sink.trades.map((t) => `${t.tradeid}:${t.orderid}`)).toEqual(["T1:A1"]);
    const ignored = sink.logs.filter((l) => l.text.includes("忽略成交回报 T1"));
    expect(ignored.map((l) => l.level)).toEqual([LogLevel.DEBUG]);
  });
});

describe("by re-query (unsequenced reports, reportSeq 0)", () => {
  it("a re-login to a broker without sequences asks for a re-query", () => {
    const { book } = setup();
    expect(book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, false)).toEqual({
      newSession: false,
      requery: true,
    });
  });

  it("replays and duplicates change nothing and push each trade once", () => {
    const { sink, book } = setup();
    localOrder(book);
    const partial = vendor({ status: "PartiallyFilled", filledVolume: 100 });
    book.onOrderReport(partial, true);
    book.onOrderReport(partial, true);
    book.onOrderReport(partial, false);
    book.onTradeReport(vendorTrade({ tradeId: "T1", volume: 100 }), "live");
    book.onTradeReport(vendorTrade({ tradeId: "T1", volume: 100 }), "live");
    book.onTradeReport(vendorTrade({ tradeId: "T1", volume: 100 }), "query");
    expect(sink.statusesOf("A1")).toEqual([`${Status.PARTTRADED}:100`]);
    expect(sink.trades.map((t) => t.tradeid)).toEqual(["T1"]);
    // A live duplicate (not flagged as a replay) is worth a warning; a query repeat is the caller's to count.
    expect(sink.logs.filter((l) => l.text.includes("忽略成交回报 T1")).map((l) => l.level)).toEqual([
      LogLevel.WARNING,
    ]);
  });

  it("reordered records never move an order back: fewer shares or an earlier state are stale", () => {
    const { sink, book } = setup();
    localOrder(book);
    book.onOrderReport(vendor({ status: "PartiallyFilled", filledVolume: 200 }), true);
    book.onOrderReport(vendor({ status: "PartiallyFilled", filledVolume: 100 }), true);
    book.onOrderReport(vendor({ status: "New", filledVolume: 0 }), false);
    book.onOrderReport(vendor({ status: "PendingNew", filledVolume: 200 }), true);
    expect(sink.statusesOf("A1")).toEqual([`${Status.PARTTRADED}:200`]);
    book.onOrderReport(vendor({ status: "Filled", filledVolume: 300 }), true);
    book.onOrderReport(vendor({ status: "PartiallyFilled", filledVolume: 200 }), false);
    book.onOrderReport(vendor({ status: "New", filledVolume: 0 }), true);
    expect(sink.statusesOf("A1")).toEqual([`${Status.PARTTRADED}:200`, `${Status.ALLTRADED}:300`]);
  });

  it("a final state is final, whatever a later query answer says", () => {
    const { sink, book } = setup();
    localOrder(book);
    book.onOrderReport(vendor({ status: "New" }), true);
    book.onOrderReport(vendor({ status: "CancelFilled" }), true);
    book.onOrderQuery([vendor({ status: "New" })], book.acknowledgedActive());
    book.onOrderReport(vendor({ status: "PartiallyFilled", filledVolume: 100 }), true);
    expect(sink.statusesOf("A1")).toEqual([`${Status.NOTTRADED}:0`, `${Status.CANCELLED}:0`]);
  });

  it("an acknowledged order the broker's answer no longer lists ends CANCELLED with the reason", () => {
    const { sink, book } = setup();
    localOrder(book);
    localOrder(book, "A2"); // sent, not yet acknowledged: in flight, not judged by the answer
    book.onOrderReport(vendor({ status: "PartiallyFilled", filledVolume: 100 }), true);
    book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, false);
    const acknowledged = book.acknowledgedActive();
    expect([...acknowledged]).toEqual(["A1"]);
    book.onOrderQuery([], acknowledged);
    expect(sink.last("A1")).toMatchObject({ status: Status.CANCELLED, traded: 100 });
    expect(sink.last("A1")?.statusMsg).toContain("服务器的委托查询中已没有这笔委托");
    expect(sink.logs.some((l) => l.text === "委托 A1 已不被服务器知晓，视为撤销")).toBe(true);
    expect(book.get("A2")?.order.status).toBe(Status.SUBMITTING);
  });

  it("an order acknowledged after the query was asked for is not judged by its answer", () => {
    const { sink, book } = setup();
    localOrder(book);
    const acknowledged = book.acknowledgedActive();
    book.onOrderReport(vendor({ status: "New" }), true);
    book.onOrderQuery([], acknowledged);
    expect(sink.last("A1")?.status).toBe(Status.NOTTRADED);
  });

  it("adopts a foreign order from a query answer and attributes its trades to it", () => {
    const { sink, book } = setup();
    book.onOrderQuery(
      [vendor({ clOrderId: "OTHER-9", orderId: "S9", status: "PartiallyFilled", filledVolume: 100 })],
      book.acknowledgedActive(),
    );
    book.onTradeReport(vendorTrade({ clOrderId: "", orderId: "S9", tradeId: "T9", volume: 100 }), "query");
    expect(sink.last("OTHER-9")).toMatchObject({ status: Status.PARTTRADED, traded: 100, volume: 300 });
    expect(sink.trades.map((t) => `${t.tradeid}:${t.orderid}`)).toEqual(["T9:OTHER-9"]);
    // Its later live report finds it by the broker's id alone.
    book.onOrderReport(vendor({ clOrderId: "", orderId: "S9", status: "Filled", filledVolume: 300 }), true);
    expect(sink.last("OTHER-9")?.status).toBe(Status.ALLTRADED);
  });
});

describe("broker sessions", () => {
  /** A sequenced history: A1 acknowledged and resting, A0 filled by trade T1. */
  function history() {
    const t = setup();
    localOrder(t.book, "A0");
    localOrder(t.book);
    t.book.onOrderReport(orderReport({ reportSeq: 1, clOrderId: "A0", orderId: "O1", status: "New" }), true);
    t.book.onTradeReport(
      tradeReport({ reportSeq: 2, clOrderId: "A0", orderId: "O1", tradeId: "T1", volume: 300 }),
      "live",
    );
    t.book.onOrderReport(
      orderReport({ reportSeq: 3, clOrderId: "A0", orderId: "O1", status: "Filled", filledVolume: 300 }),
      true,
    );
    t.book.onOrderReport(orderReport({ reportSeq: 4, clOrderId: "A1", orderId: "O2", status: "New" }), true);
    return t;
  }

  it("a re-login whose sequence went back starts a new session: trade ids are scoped, nothing is dropped", () => {
    const { sink, book } = history();
    // The broker restarted without its books: its sequences, order ids and trade ids start again.
    const verdict = book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, false);
    expect(verdict).toEqual({ newSession: true, requery: true });
    expect(sink.logs.some((l) => l.level === LogLevel.WARNING && l.text.includes("回报序号回退到 0"))).toBe(
      true,
    );
    const acknowledged = book.acknowledgedActive();
    book.onOrderQuery([], acknowledged);
    expect(sink.last("A1")?.status).toBe(Status.CANCELLED);

    // A new order gets the broker's first ids again: O1, T1, sequence 1.
    localOrder(book, "A2");
    book.onOrderReport(orderReport({ reportSeq: 1, clOrderId: "A2", orderId: "O1", status: "New" }), true);
    book.onTradeReport(
      tradeReport({ reportSeq: 2, clOrderId: "A2", orderId: "O1", tradeId: "T1", volume: 300 }),
      "live",
    );
    book.onOrderReport(
      orderReport({ reportSeq: 3, clOrderId: "A2", orderId: "O1", status: "Filled", filledVolume: 300 }),
      true,
    );
    expect(sink.trades.map((t) => `${t.tradeid}:${t.orderid}`)).toEqual(["T1:A0", "T1@2:A2"]);
    expect(sink.statusesOf("A2")).toEqual([`${Status.NOTTRADED}:0`, `${Status.ALLTRADED}:300`]);
    // The old filled order is untouched by the new O1's reports.
    expect(sink.statusesOf("A0")).toEqual([`${Status.NOTTRADED}:0`, `${Status.ALLTRADED}:300`]);
  });

  it("an order the new broker got (a resend of one in flight) keeps its reports under the new broker's id", () => {
    const { sink, book } = history();
    book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, false);
    const acknowledged = book.acknowledgedActive();
    // The library resent A1 after the re-login; the new broker answers with its own id.
    book.onOrderRsp({ clOrderId: "A1", orderId: "O1", errorCode: 0, errorMsg: "" });
    book.onOrderReport(orderReport({ reportSeq: 1, clOrderId: "A1", orderId: "O1", status: "New" }), true);
    book.onOrderQuery(
      [orderReport({ reportSeq: 1, clOrderId: "A1", orderId: "O1", status: "New" })],
      acknowledged,
    );
    book.onOrderReport(
      orderReport({ reportSeq: 2, clOrderId: "A1", orderId: "O1", status: "Filled", filledVolume: 300 }),
      true,
    );
    expect(sink.last("A1")).toMatchObject({ status: Status.ALLTRADED, traded: 300 });
    expect(sink.logs.some((l) => l.text.includes("委托号冲突"))).toBe(false);
  });

  it("a gateway restored from a journal continues the journal's broker session", () => {
    const sink = new RecordingSink();
    const book = new Reconciler("HFT", sink);
    const journalled = (tradeid: string) =>
      createTrade({
        gatewayName: "HFT",
        symbol: "600000",
        exchange: Exchange.SSE,
        orderid: "X",
        tradeid,
        direction: Direction.LONG,
        price: 11.8,
        volume: 100,
        datetime: new Date(0),
      });
    book.restore({ orders: [], trades: [journalled("T1"), journalled("T1@2")], orderIds: undefined });
    book.onLogin({ tradingDay: DAY, lastReportSeq: 1 }, true);
    // The second session's T1 (already pushed as T1@2) is known; its T2 is new and scoped alike.
    expect(book.onTradeReport(tradeReport({ reportSeq: 1, tradeId: "T1", clOrderId: "X" }), "query")).toBe(
      false,
    );
    expect(book.onTradeReport(tradeReport({ reportSeq: 2, tradeId: "T2", clOrderId: "X" }), "live")).toBe(
      true,
    );
    expect(sink.trades.map((t) => t.tradeid)).toEqual(["T2@2"]);
    expect(brokerTradeIdOf("T2@2")).toBe("T2");
    expect(brokerTradeIdOf("T2")).toBe("T2");
  });

  it("a re-login on the same broker session changes nothing and needs no re-query", () => {
    const { sink, book } = history();
    const before = sink.orders.length;
    expect(book.onLogin({ tradingDay: DAY, lastReportSeq: 4 }, false)).toEqual({
      newSession: false,
      requery: false,
    });
    book.onTradeReport(tradeReport({ reportSeq: 2, clOrderId: "A0", tradeId: "T1" }), "replay");
    expect(sink.trades).toHaveLength(1);
    expect(sink.orders).toHaveLength(before);
  });

  it("a new trading day is a new session too", () => {
    const { sink, book } = history();
    expect(book.onLogin({ tradingDay: DAY + 1, lastReportSeq: 9 }, false).newSession).toBe(true);
    expect(sink.logs.some((l) => l.text.includes(`交易日从 ${DAY} 变为 ${DAY + 1}`))).toBe(true);
    book.onTradeReport(tradeReport({ reportSeq: 10, clOrderId: "X", tradeId: "T1" }), "live");
    expect(sink.trades.map((t) => t.tradeid)).toEqual(["T1", "T1@2"]);
  });

  it("the first login of a connection compares only a sequence the broker shows", () => {
    const { book } = history();
    expect(book.onLogin({ tradingDay: DAY, lastReportSeq: 0 }, true).newSession).toBe(false);
    expect(book.onLogin({ tradingDay: DAY, lastReportSeq: 2 }, true)).toEqual({
      newSession: true,
      requery: false,
    });
  });
});

describe("duplicate client order id (2012)", () => {
  it("ends the order REJECTED with the reason and keeps the other order's reports off it", () => {
    const { sink, book } = setup();
    localOrder(book);
    // The other order's first report arrives before our answer and is taken for ours.
    book.onOrderReport(orderReport({ reportSeq: 1, clOrderId: "A1", orderId: "O7", status: "New" }), true);
    book.onOrderRsp({ clOrderId: "A1", orderId: "O7", errorCode: 2012, errorMsg: "duplicate" });
    book.onOrderReport(
      orderReport({
        reportSeq: 2,
        clOrderId: "A1",
        orderId: "O7",
        status: "Filled",
        filledVolume: 300,
        volume: 300,
      }),
      true,
    );
    book.onTradeReport(tradeReport({ reportSeq: 3, clOrderId: "A1", orderId: "O7", tradeId: "T5" }), "live");
    expect(sink.last("A1")).toMatchObject({ status: Status.REJECTED, traded: 0 });
    expect(sink.last("A1")?.statusMsg).toContain("O7");
    expect(sink.last("O7")?.status).toBe(Status.ALLTRADED);
    expect(sink.trades.map((t) => `${t.tradeid}:${t.orderid}`)).toEqual(["T5:O7"]);
  });
});
