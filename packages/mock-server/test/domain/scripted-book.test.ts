import { describe, expect, it } from "vitest";
import { parseMockConfig } from "../../src/domain/index.js";
import { buy, expectOk, makeBroker, tradesOf, y } from "../helpers/broker.js";

const BOOK: { symbol: string; bids: [number, number][]; asks: [number, number][]; last: number } = {
  symbol: "SH.600000",
  bids: [
    [10.2, 300],
    [10.19, 500],
  ],
  asks: [
    [10.21, 200],
    [10.22, 1_000],
  ],
  last: 10.2,
};

describe("scripted market (fixed books in the config)", () => {
  it("shows the book as written, fills against it, and restores it on every step", () => {
    const b = makeBroker({ market: { mode: "scripted", books: [BOOK] } });
    const snap = b.snapshot(1, "600000");
    expect(snap).toMatchObject({
      last: y(10.2),
      bidPrice: [y(10.2), y(10.19), 0, 0, 0],
      bidVolume: [300, 500, 0, 0, 0],
      askPrice: [y(10.21), y(10.22), 0, 0, 0],
      askVolume: [200, 1_000, 0, 0, 0],
    });
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.22, 500)));
    expect(tradesOf(b, "acc1", id).map((t) => [t.price, t.volume])).toEqual([
      [y(10.21), 200],
      [y(10.22), 300],
    ]);
    b.stepMarket();
    expect(b.snapshot(1, "600000")?.askVolume).toEqual([200, 1_000, 0, 0, 0]);
    // Without a book: empty, at the previous close, and the market trades nothing by itself.
    expect(b.snapshot(2, "000001")).toMatchObject({ last: y(11.52), bidPrice: [0, 0, 0, 0, 0], volume: 0 });
    const resting = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.2, 100)));
    for (let i = 0; i < 10; i++) b.stepMarket();
    expect(tradesOf(b, "acc1", resting)).toEqual([]);
  });

  it("names the field of a bad book", () => {
    const issues = (books: unknown) => {
      try {
        parseMockConfig({
          instruments: [{ code: "600000", market: "SH", name: "x", preClose: 10 }],
          market: { mode: "scripted", books },
        });
        return [];
      } catch (e) {
        return (e as { issues: { path: string; message: string }[] }).issues.map(
          (i) => `${i.path}: ${i.message}`,
        );
      }
    };
    expect(issues([{ symbol: "SH.600001", bids: [[10, 100]] }])).toEqual([
      "market.books[0].symbol: unknown instrument SH.600001 (not in instruments)",
    ]);
    expect(
      issues([
        {
          symbol: "SH.600000",
          bids: [
            [10, 100],
            [10.01, 100],
          ],
        },
      ]),
    ).toEqual(["market.books[0].bids: expected bid prices falling, best first"]);
    expect(issues([{ symbol: "SH.600000", bids: [[10, 100]], asks: [[10, 100]] }])).toEqual([
      "market.books[0].asks[0]: expected the best ask above the best bid 10",
    ]);
    expect(issues([{ symbol: "SH.600000", bids: [[10, 0]] }])[0]).toMatch(
      /^market\.books\[0\]\.bids\[0\]\[1\]/,
    );
  });
});
