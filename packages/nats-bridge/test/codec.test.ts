import {
  ConnectionState,
  createAccount,
  createContract,
  createGatewayStatus,
  createLog,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  Direction,
  Exchange,
  GatewaySide,
  Product,
  Status,
} from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { decode, encode } from "../src/codec.js";

const t = new Date("2026-11-26T01:30:00.123Z");

describe("codec", () => {
  const objects = {
    tick: createTick({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      datetime: t,
      localtime: t,
      lastPrice: 7.31,
      bidPrice1: 7.3,
    }),
    order: createOrder({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      direction: Direction.LONG,
      status: Status.NOTTRADED,
      reference: "策略A",
    }),
    orderWithTime: createOrder({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "2",
      direction: Direction.SHORT,
      datetime: t,
    }),
    trade: createTrade({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7.31,
      volume: 100,
      datetime: t,
    }),
    position: createPosition({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.NET,
      volume: 1000,
      ydVolume: 500,
    }),
    account: createAccount({ gatewayName: "HFT", accountid: "100001", balance: 1_000_000.5, frozen: 10 }),
    contract: createContract({
      gatewayName: "HFT",
      symbol: "600000",
      exchange: Exchange.SSE,
      name: "浦发银行",
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
      minVolume: 100,
      limitUp: 8.04,
    }),
    log: createLog({ gatewayName: "HFT", msg: "登录成功", time: t }),
    status: createGatewayStatus({
      gatewayName: "HFT",
      side: GatewaySide.TRADE,
      state: ConnectionState.CONNECTED,
      time: t,
    }),
  };

  for (const [name, object] of Object.entries(objects)) {
    it(`round-trips a ${name}, Dates included, as a frozen object`, () => {
      const back = decode<Record<string, unknown>>(encode(object));
      expect(back).toStrictEqual({ ...object });
      expect(Object.keys(back)).toEqual(Object.keys(object));
      expect(Object.isFrozen(back)).toBe(true);
      for (const [key, value] of Object.entries(object)) {
        if (value instanceof Date) {
          expect(back[key]).toBeInstanceOf(Date);
          expect((back[key] as Date).getTime()).toBe(value.getTime());
        }
      }
    });
  }

  it("keeps a plain string that looks like a date a string, and nested arrays", () => {
    const value = { when: "2026-11-26T01:30:00.123Z", list: [t, { at: t }] };
    const back = decode<typeof value>(encode(value));
    expect(back.when).toBe(value.when);
    expect(back.list[0]).toBeInstanceOf(Date);
    expect((back.list[1] as { at: Date }).at.getTime()).toBe(t.getTime());
  });
});
