import {
  createLog,
  createOrder,
  createPosition,
  createTrade,
  DEFAULT_MAX_LOGS,
  Direction,
  Exchange,
  Status,
} from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { OmsView } from "../src/index.js";

const order = (status: Status, traded = 0) =>
  createOrder({
    gatewayName: "HFT",
    symbol: "600000",
    exchange: Exchange.SSE,
    orderid: "1",
    direction: Direction.LONG,
    volume: 200,
    traded,
    status,
  });
const position = (volume: number) =>
  createPosition({
    gatewayName: "HFT",
    symbol: "600000",
    exchange: Exchange.SSE,
    direction: Direction.NET,
    volume,
  });

describe("OmsView", () => {
  it("never lets an older revision overwrite a newer one (replays, re-published events)", () => {
    const view = new OmsView();
    view.applyPosition(position(300), { epoch: 1, rev: 5 });
    view.applyPosition(position(100), { epoch: 1, rev: 4 });
    expect(view.getPosition("HFT.600000.SSE.NET")?.volume).toBe(300);
    view.applyPosition(position(100), { epoch: 2, rev: 1 });
    expect(view.getPosition("HFT.600000.SSE.NET")?.volume).toBe(100);
  });

  it("keeps terminal order statuses final and tracks active orders", () => {
    const view = new OmsView();
    view.applyOrder(order(Status.PARTTRADED, 100), { epoch: 1, rev: 1 });
    expect(view.getAllActiveOrders("600000.SSE")).toHaveLength(1);
    view.applyOrder(order(Status.ALLTRADED, 200), { epoch: 1, rev: 2 });
    view.applyOrder(order(Status.NOTTRADED), { epoch: 1, rev: 3 });
    expect(view.getOrder("HFT.1")?.status).toBe(Status.ALLTRADED);
    expect(view.getAllActiveOrders()).toEqual([]);
  });

  it("stores each trade once", () => {
    const view = new OmsView();
    const trade = createTrade({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7,
      volume: 100,
      datetime: new Date(),
    });
    expect(view.applyTrade(trade)).toBe(true);
    expect(view.applyTrade(trade)).toBe(false);
    expect(view.getAllTrades()).toHaveLength(1);
  });

  it("keeps the most recent logs, oldest first, as OmsEngine does", () => {
    const view = new OmsView();
    for (let i = 0; i < DEFAULT_MAX_LOGS + 2; i += 1)
      view.applyLog(createLog({ gatewayName: "HFT", msg: `m${i}` }));
    const logs = view.getAllLogs();
    expect(logs).toHaveLength(DEFAULT_MAX_LOGS);
    expect(logs[0]?.msg).toBe("m2");
    expect(logs.at(-1)?.msg).toBe(`m${DEFAULT_MAX_LOGS + 1}`);
  });
});
