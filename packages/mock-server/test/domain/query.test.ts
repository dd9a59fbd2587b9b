import { describe, expect, it } from "vitest";
import { Broker, parseMockConfig } from "../../src/domain/index.js";
import type {
  OrderReport,
  PositionRecord,
  QueryReq,
  SecurityRecord,
  TradeReport,
} from "../../src/protocol/messages.js";
import { ErrorCode, QueryKind } from "../../src/protocol/messages.js";
import { baseConfig, buy, expectOk, makeBroker, TEN_AM } from "../helpers/broker.js";

const q = (kind: number, posStr = "", queryNum = 500, symbol = ""): QueryReq => ({
  requestId: 42,
  kind,
  posStr,
  queryNum,
  symbol,
});

/** Pages through a query to the end; returns the pages. */
function pageAll(broker: Broker, accountId: string, kind: number, queryNum: number, symbol = "") {
  const pages = [];
  let posStr = "";
  for (let i = 0; i < 1_000; i++) {
    const rsp = broker.query(accountId, q(kind, posStr, queryNum, symbol));
    expect(rsp.errorCode).toBe(0);
    pages.push(rsp);
    if (rsp.isLast) return pages;
    posStr = rsp.nextPosStr;
  }
  throw new Error("paging did not end");
}

describe("queries", () => {
  it("pages 1200 orders 500 at a time, each exactly once, in creation order", () => {
    const broker = new Broker(
      parseMockConfig(baseConfig({ accounts: [{ accountId: "acc1", password: "p", cash: 100_000_000 }] })),
      { now: () => TEN_AM },
    );
    const ids: string[] = [];
    for (let i = 0; i < 1_200; i++) {
      ids.push(
        expectOk(
          broker.placeOrder("acc1", buy(i % 2 ? "SH.600000" : "SZ.000001", i % 2 ? 9.21 : 10.37, 100)),
        ),
      );
    }
    const pages = pageAll(broker, "acc1", QueryKind.Orders, 500);
    expect(pages.map((p) => [p.records.length, p.isLast])).toEqual([
      [500, false],
      [500, false],
      [200, true],
    ]);
    expect(pages.every((p) => p.requestId === 42 && p.kind === QueryKind.Orders)).toBe(true);
    const seen = pages.flatMap((p) => (p.records as OrderReport[]).map((r) => r.orderId));
    expect(seen).toEqual(ids);
    // the record is the order's latest report
    const first = pages[0]?.records[0] as OrderReport;
    expect(first).toEqual(broker.reportsAfter("acc1", 1)[0]?.body);
    // filtering by symbol pages only that symbol
    const sh = pageAll(broker, "acc1", QueryKind.Orders, 500, "SH.600000").flatMap(
      (p) => p.records as OrderReport[],
    );
    expect(sh).toHaveLength(600);
    expect(sh.every((r) => r.symbol === "SH.600000")).toBe(true);
  });

  it("new orders placed while paging show up after the cursor, not twice", () => {
    const b = makeBroker();
    for (let i = 0; i < 5; i++) b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    const page1 = b.query("acc1", q(QueryKind.Orders, "", 3));
    for (let i = 0; i < 2; i++) b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    const page2 = b.query("acc1", q(QueryKind.Orders, page1.nextPosStr, 3));
    const page3 = b.query("acc1", q(QueryKind.Orders, page2.nextPosStr, 3));
    const all = [...page1.records, ...page2.records, ...page3.records].map((r) => (r as OrderReport).orderId);
    expect(new Set(all).size).toBe(7);
    expect([page1.isLast, page2.isLast, page3.isLast]).toEqual([false, false, true]);
  });

  it("pages trades, positions (by symbol), cash and securities", () => {
    const b = makeBroker();
    expectOk(b.placeOrder("acc1", buy("SH.600000", 11.25, 3_000)));
    expectOk(b.placeOrder("acc1", buy("SH.510300", 5.08, 2_000)));
    const trades = pageAll(b, "acc1", QueryKind.Trades, 2).flatMap((p) => p.records as TradeReport[]);
    const reported = b.reportsAfter("acc1", 0).filter((r) => r.type === "trade");
    expect(trades).toEqual(reported.map((r) => r.body));

    const positions = pageAll(b, "acc1", QueryKind.Positions, 1);
    expect(positions.map((p) => (p.records[0] as PositionRecord | undefined)?.symbol)).toEqual([
      "SH.510300",
      "SH.600000",
      "SH.688981",
      "SZ.000001",
    ]);
    expect(positions.flatMap((p) => p.records)).toEqual(b.books("acc1").positions);

    const cash = b.query("acc1", q(QueryKind.Cash));
    expect(cash).toMatchObject({ errorCode: 0, isLast: true, records: [b.books("acc1").cash] });
    expect(b.query("acc1", q(QueryKind.Cash, cash.nextPosStr)).records).toEqual([]);

    const secs = pageAll(b, "acc1", QueryKind.Securities, 4).flatMap((p) => p.records as SecurityRecord[]);
    expect(secs.map((s) => s.symbol)).toEqual([
      "SH.510300",
      "SH.600000",
      "SH.600899",
      "SH.688981",
      "SZ.000001",
      "SZ.300750",
    ]);
    expect(secs.find((s) => s.symbol === "SH.688981")).toMatchObject({
      lotSize: 1,
      minBuyVolume: 200,
      priceTick: 100,
    });
    expect(secs.find((s) => s.symbol === "SH.600000")).toMatchObject({
      lotSize: 100,
      minBuyVolume: 100,
      name: "浦发银行",
    });
    expect(b.query("acc1", q(QueryKind.Securities, "", 10, "SZ.300750")).records).toHaveLength(1);
  });

  it("answers an empty result with one last page", () => {
    const rsp = makeBroker().query("acc1", q(QueryKind.Trades));
    expect(rsp).toMatchObject({ errorCode: 0, isLast: true, records: [] });
  });

  it("rejects bad queryNum (4001), posStr (4002) and kind (4003)", () => {
    const b = makeBroker();
    b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    for (const n of [0, 501, 1.5, -1])
      expect(b.query("acc1", q(QueryKind.Orders, "", n)).errorCode).toBe(ErrorCode.QUERY_BAD_QUERY_NUM);
    for (const pos of ["garbage", "T:0", "O:99", "O:-1", "O:01", "P:SH.600000", "S:XX"]) {
      expect([pos, b.query("acc1", q(QueryKind.Orders, pos)).errorCode]).toEqual([
        pos,
        ErrorCode.QUERY_BAD_POS_STR,
      ]);
    }
    expect(b.query("acc1", q(QueryKind.Positions, "P:nope")).errorCode).toBe(ErrorCode.QUERY_BAD_POS_STR);
    for (const kind of [0, 6, 255]) {
      expect(b.query("acc1", q(kind))).toMatchObject({
        errorCode: ErrorCode.QUERY_BAD_KIND,
        kind,
        records: [],
        isLast: true,
      });
    }
    expect(b.query("nobody", q(QueryKind.Cash)).errorCode).toBe(ErrorCode.NOT_LOGGED_IN);
  });
});
