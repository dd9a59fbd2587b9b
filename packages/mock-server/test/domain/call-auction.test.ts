import { describe, expect, it } from "vitest";
import { type AuctionOrder, allocate, uncross } from "../../src/domain/call-auction.js";
import { Side } from "../../src/protocol/messages.js";

let rank = 0;
const bid = (price: number, volume: number, key = `b${price}/${volume}`): AuctionOrder<string> => ({
  key,
  side: Side.Bid,
  price,
  volume,
  rank: rank++,
});
const ask = (price: number, volume: number, key = `a${price}/${volume}`): AuctionOrder<string> => ({
  key,
  side: Side.Ask,
  price,
  volume,
  rank: rank++,
});
const SSE = { exchange: "SSE", reference: 1_000, tick: 100 } as const;
const SZSE = { exchange: "SZSE", reference: 1_000, tick: 100 } as const;

describe("uncross", () => {
  it("takes the price of the largest executable volume", () => {
    // At 10: buys ≥10 = 500, sells ≤10 = 300 → 300; at 11: 200 vs 600 → 200; at 9: 700 vs 100 → 100.
    const orders = [
      bid(1_100, 200),
      bid(1_000, 300),
      bid(900, 200),
      ask(900, 100),
      ask(1_000, 200),
      ask(1_100, 300),
    ];
    expect(uncross(orders, SSE)).toEqual({ price: 1_000, volume: 300 });
  });

  it("then the smallest imbalance", () => {
    // 10 and 11 both execute 300; at 10: 500 buy vs 300 sell (200 left); at 11: 300 vs 400 (100 left).
    const orders = [bid(1_100, 300), bid(1_000, 200), ask(1_000, 300), ask(1_100, 100)];
    expect(uncross(orders, SSE)).toEqual({ price: 1_100, volume: 300 });
  });

  it("then SSE takes the middle price, half up to the tick; SZSE the price nearest the reference", () => {
    // Buy 100 at 12, sell 100 at 10: every price 10..12 executes 100 with no imbalance.
    const orders = [bid(1_200, 100), ask(1_000, 100)];
    // Only order prices are candidates: 10 and 12; the middle is 11.
    expect(uncross(orders, SSE)).toEqual({ price: 1_100, volume: 100 });
    expect(uncross(orders, { ...SZSE, reference: 1_150 })).toEqual({ price: 1_200, volume: 100 });
    expect(uncross(orders, { ...SZSE, reference: 1_000 })).toEqual({ price: 1_000, volume: 100 });
    // Equally near: the higher.
    expect(uncross(orders, { ...SZSE, reference: 1_100 })).toEqual({ price: 1_200, volume: 100 });
    // Middle of 10.00 and 10.05 on a 0.01 tick: 10.025 → 10.03 (half up).
    expect(uncross([bid(100_500, 100), ask(100_000, 100)], { ...SSE, tick: 100 })?.price).toBe(100_300);
  });

  it("is undefined when nothing crosses", () => {
    expect(uncross([bid(900, 100), ask(1_000, 100)], SSE)).toBeUndefined();
    expect(uncross([], SSE)).toBeUndefined();
  });
});

describe("allocate", () => {
  it("fills by price, then time, up to the volume on each side", () => {
    const orders = [
      bid(1_100, 100, "B1"),
      bid(1_000, 300, "B2 early"),
      bid(1_000, 300, "B3 late"),
      ask(900, 200, "A1"),
      ask(1_000, 300, "A2"),
    ];
    const result = uncross(orders, SSE);
    expect(result).toEqual({ price: 1_000, volume: 500 });
    expect(Object.fromEntries(allocate(orders, result ?? { price: 0, volume: 0 }))).toEqual({
      B1: 100,
      "B2 early": 300,
      "B3 late": 100,
      A1: 200,
      A2: 300,
    });
  });
});
