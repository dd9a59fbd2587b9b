import { describe, expect, it, vi } from "vitest";
import type { Report } from "../../src/protocol/messages.js";
import { OrderStatus } from "../../src/protocol/messages.js";
import { buy, DAY, expectOk, makeBroker, sell } from "../helpers/broker.js";

describe("report journal", () => {
  it("numbers order and trade reports with one contiguous sequence per account", () => {
    const b = makeBroker();
    expectOk(b.placeOrder("acc1", buy("SH.600000", 11.25, 500))); // marketable
    expectOk(b.placeOrder("acc1", sell("SH.600000", 9.21, 300)));
    b.placeOrder("acc1", buy("SH.600000", 9.21, 150)); // rejected
    expectOk(b.placeOrder("poor", buy("SH.600899", 3.16, 100)));
    for (let i = 0; i < 20; i++) b.stepMarket();
    const reports = b.reportsAfter("acc1", 0);
    expect(reports.map((r) => r.body.reportSeq)).toEqual(reports.map((_, i) => i + 1));
    expect(new Set(reports.map((r) => r.type))).toEqual(new Set(["order", "trade"]));
    expect(b.lastReportSeq("acc1")).toBe(reports.length);
    expect(b.reportsAfter("poor", 0).map((r) => r.body.reportSeq)).toEqual([1, 2]);
    expect(b.lastReportSeq("nobody")).toBe(0);
  });

  it("sends PendingNew, New, then TRADE_REPORT before each ORDER_REPORT of a fill", () => {
    const b = makeBroker();
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 11.25, 100)));
    const kinds = b
      .reportsAfter("acc1", 0)
      .map((r) => (r.type === "order" ? OrderStatus[statusName(r.body.status)] : "trade"));
    expect(kinds.slice(0, 2)).toEqual([OrderStatus.PendingNew, OrderStatus.New]);
    for (let i = 2; i < kinds.length; i += 2) {
      expect(kinds[i]).toBe("trade");
      expect([OrderStatus.PartiallyFilled, OrderStatus.Filled]).toContain(kinds[i + 1]);
    }
    expect(kinds.at(-1)).toBe(OrderStatus.Filled);
    const trade = b.reportsAfter("acc1", 2)[0];
    expect(trade?.type === "trade" && trade.body).toMatchObject({
      orderId: id,
      tradeId: `T${DAY}000001`,
      tradingDay: DAY,
      tradeTime: 100_000_000,
    });
  });

  it("carries every ORDER_REPORT field, with times as HHMMSSmmm and the trading day", () => {
    const b = makeBroker();
    const rsp = b.placeOrder("acc1", buy("SH.600000", 9.21, 100, "cl-1"));
    const report = b.reportsAfter("acc1", 1)[0];
    expect(report).toEqual({
      type: "order",
      body: {
        reportSeq: 2,
        orderId: rsp.orderId,
        clOrderId: "cl-1",
        symbol: "SH.600000",
        side: 1,
        orderType: 1,
        status: OrderStatus.New,
        price: 92_100,
        volume: 100,
        filledVolume: 0,
        filledAmount: 0,
        canceledVolume: 0,
        frozenCash: 9_210_000 + 50_000 + 100, // 921.00 + commission 5.00 + transfer 0.00921 → 0.01
        errorCode: 0,
        errorMsg: "",
        tradingDay: DAY,
        createTime: 100_000_000,
        updateTime: 100_000_000,
      },
    });
    expect(rsp.orderId).toBe(`O${DAY}000001`);
    expect(Object.isFrozen(report)).toBe(true);
    expect(Object.isFrozen(report?.body)).toBe(true);
  });

  it("reportsAfter returns everything after a sequence", () => {
    const b = makeBroker();
    for (let i = 0; i < 5; i++) b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    expect(b.reportsAfter("acc1", 0)).toHaveLength(10);
    expect(b.reportsAfter("acc1", 7).map((r) => r.body.reportSeq)).toEqual([8, 9, 10]);
    expect(b.reportsAfter("acc1", 10)).toEqual([]);
    expect(b.reportsAfter("acc1", 99)).toEqual([]);
    expect(b.reportsAfter("nobody", 0)).toEqual([]);
  });

  it("delivers reports live to listeners, isolated from a throwing listener", () => {
    const onListenerError = vi.fn();
    const b = makeBroker({}, { onListenerError });
    const seen: [string, Report][] = [];
    const stop = b.onReport((acc, r) => seen.push([acc, r]));
    b.onReport(() => {
      throw new Error("listener bug");
    });
    b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    b.placeOrder("poor", buy("SH.600899", 3.16, 100));
    expect(seen.map(([acc, r]) => [acc, r.body.reportSeq])).toEqual([
      ["acc1", 1],
      ["acc1", 2],
      ["poor", 1],
      ["poor", 2],
    ]);
    expect(seen.filter(([acc]) => acc === "acc1").map(([, r]) => r)).toEqual(b.reportsAfter("acc1", 0));
    expect(onListenerError).toHaveBeenCalledTimes(4);
    stop();
    b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    expect(seen).toHaveLength(4);
  });

  it("login reports the last sequence so a client knows where the stream stands", () => {
    const b = makeBroker();
    b.placeOrder("acc1", buy("SH.600000", 9.21, 100));
    const rsp = b.tradeLogin({
      accountId: "acc1",
      accountType: 1,
      password: "pw1",
      custOrgid: "0001",
      custBranchid: "1001",
      clSystemId: "HFT",
    });
    expect(rsp.lastReportSeq).toBe(2);
  });
});

function statusName(status: number): keyof typeof OrderStatus {
  const entry = Object.entries(OrderStatus).find(([, v]) => v === status);
  return (entry?.[0] ?? "Rejected") as keyof typeof OrderStatus;
}
