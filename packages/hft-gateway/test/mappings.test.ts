import { Direction, Exchange, OrderType, Product, Status } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import {
  exchangeTime,
  MARKET_HFT2VT,
  MARKET_VT2HFT,
  mapProduct,
  mapStatus,
  ORDERTYPE_HFT2VT,
  ORDERTYPE_VT2HFT,
  parseVendorSymbol,
  SIDE_HFT2VT,
  SIDE_VT2HFT,
  toVendorSymbol,
} from "../src/mappings.js";

describe("status mapping", () => {
  it.each([
    ["PendingNew", Status.NOTTRADED],
    ["New", Status.NOTTRADED],
    ["PartiallyFilled", Status.PARTTRADED],
    ["Filled", Status.ALLTRADED],
    ["CancelFilled", Status.CANCELLED],
    ["PartiallyCanceled", Status.CANCELLED],
    ["Rejected", Status.REJECTED],
  ] as const)("%s -> %s", (vendor, core) => {
    expect(mapStatus(vendor, Status.SUBMITTING)).toBe(core);
  });

  it.each(["PendingCancel", "Canceling", "CancelRejected", "Unknown"] as const)(
    "%s keeps the current status",
    (vendor) => {
      expect(mapStatus(vendor, Status.PARTTRADED)).toBe(Status.PARTTRADED);
      expect(mapStatus(vendor, Status.NOTTRADED)).toBe(Status.NOTTRADED);
    },
  );
});

describe("side, type, market, product", () => {
  it("maps sides both ways in net position mode", () => {
    expect(SIDE_HFT2VT.Bid).toBe(Direction.LONG);
    expect(SIDE_HFT2VT.Ask).toBe(Direction.SHORT);
    expect(SIDE_VT2HFT[Direction.LONG]).toBe("Bid");
    expect(SIDE_VT2HFT[Direction.SHORT]).toBe("Ask");
    expect(SIDE_VT2HFT[Direction.NET]).toBeUndefined();
  });

  it("maps LMT <-> LIMIT, B5TC <-> MARKET, IOC <-> FAK and AON <-> FOK; other vendor types to none", () => {
    expect(ORDERTYPE_HFT2VT.LMT).toBe(OrderType.LIMIT);
    expect(ORDERTYPE_HFT2VT.B5TC).toBe(OrderType.MARKET);
    expect(ORDERTYPE_HFT2VT.IOC).toBe(OrderType.FAK);
    expect(ORDERTYPE_HFT2VT.AON).toBe(OrderType.FOK);
    expect(ORDERTYPE_HFT2VT.B5TL).toBeUndefined();
    expect(ORDERTYPE_VT2HFT[OrderType.LIMIT]).toBe("LMT");
    expect(ORDERTYPE_VT2HFT[OrderType.MARKET]).toBe("B5TC");
    expect(ORDERTYPE_VT2HFT[OrderType.FAK]).toBe("IOC");
    expect(ORDERTYPE_VT2HFT[OrderType.FOK]).toBe("AON");
  });

  it("maps SH <-> SSE and SZ <-> SZSE", () => {
    expect(MARKET_HFT2VT.SH).toBe(Exchange.SSE);
    expect(MARKET_HFT2VT.SZ).toBe(Exchange.SZSE);
    expect(MARKET_VT2HFT[Exchange.SSE]).toBe("SH");
    expect(MARKET_VT2HFT[Exchange.SZSE]).toBe("SZ");
    expect(MARKET_VT2HFT[Exchange.SHFE]).toBeUndefined();
  });

  it("maps security types to products", () => {
    expect([1, 2, 3, 4, 5, 99].map(mapProduct)).toEqual([
      Product.EQUITY,
      Product.FUND,
      Product.ETF,
      Product.BOND,
      Product.INDEX,
      Product.EQUITY,
    ]);
  });

  it("parses and builds vendor symbols", () => {
    expect(parseVendorSymbol("SH.600000")).toEqual({ symbol: "600000", exchange: Exchange.SSE });
    expect(parseVendorSymbol("SZ.000001")).toEqual({ symbol: "000001", exchange: Exchange.SZSE });
    expect(parseVendorSymbol("HK.00700")).toBeUndefined();
    expect(parseVendorSymbol("600000")).toBeUndefined();
    expect(parseVendorSymbol("SH.")).toBeUndefined();
    expect(toVendorSymbol("600000", Exchange.SSE)).toBe("SH.600000");
    expect(toVendorSymbol("IF2501", Exchange.CFFEX)).toBeUndefined();
  });
});

describe("exchangeTime", () => {
  it("reads YYYYMMDD + HHMMSSmmm as China Standard Time", () => {
    expect(exchangeTime(20240103, 93000500).toISOString()).toBe("2024-01-03T01:30:00.500Z");
    expect(exchangeTime(20241231, 150000000).toISOString()).toBe("2024-12-31T07:00:00.000Z");
    // Just after midnight Beijing time is the previous UTC day.
    expect(exchangeTime(20240701, 5001).toISOString()).toBe("2024-06-30T16:00:05.001Z");
  });
});
