/**
 * Fee parts visible in the mock broker's books: per fill (commission, stamp duty, transfer fee)
 * through `Broker.tradesWithFees` and `control.tradesWithFees`, paid so far through
 * `control.books`, and as the text of the CLI's `books` / `fees` commands.
 */
import { afterEach, describe, expect, it } from "vitest";
import { booksLines, feeLines } from "../src/books-text.js";
import { Side } from "../src/protocol/messages.js";
import type { MockServers } from "../src/server/mock-servers.js";
import { buy, expectOk, makeBroker, sell, y } from "./helpers/broker.js";
import { startServers } from "./helpers/servers.js";

describe("fee parts of each fill", () => {
  it("splits a stock sell into commission, stamp duty and transfer fee, and an ETF sell has no stamp duty", () => {
    const b = makeBroker({
      accounts: [
        {
          accountId: "acc1",
          password: "p",
          cash: 1_000_000,
          positions: [
            { symbol: "SH.600000", volume: 1_000, costPrice: 10 },
            { symbol: "SH.510300", volume: 10_000, costPrice: 4.5 },
          ],
        },
      ],
    });
    const stock = expectOk(b.placeOrder("acc1", sell("SH.600000", 9.21, 1_000)));
    const etf = expectOk(b.placeOrder("acc1", sell("SH.510300", 4.158, 10_000)));
    const fills = b.tradesWithFees("acc1");
    const stockFills = fills.filter((t) => t.orderId === stock);
    const etfFills = fills.filter((t) => t.orderId === etf);
    expect(stockFills.length).toBeGreaterThan(0);
    expect(etfFills.length).toBeGreaterThan(0);
    const reports = new Map(
      b
        .reportsAfter("acc1", 0)
        .flatMap((r) => (r.type === "trade" ? [[r.body.tradeId, r.body.fee] as const] : [])),
    );
    for (const t of fills) {
      // The parts add up to the total the trade report carries.
      expect(t.fees.commission + t.fees.stampDuty + t.fees.transferFee).toBe(t.fees.total);
      expect(reports.get(t.tradeId)).toBe(t.fees.total);
    }
    // Stamp duty 0.05% of the stock amount (half up to the cent, per order), none on the ETF.
    const stockAmount = stockFills.reduce((s, t) => s + t.amount, 0);
    const stampDuty = stockFills.reduce((s, t) => s + t.fees.stampDuty, 0);
    expect(stampDuty).toBe(Math.round((stockAmount * 0.0005) / 100) * 100);
    expect(stampDuty).toBeGreaterThan(0);
    expect(etfFills.every((t) => t.fees.stampDuty === 0)).toBe(true);
    // The account's fees paid are the sum of the fills' parts.
    const paid = b.books("acc1").fees;
    expect(paid.stampDuty).toBe(stampDuty);
    expect(paid.total).toBe(fills.reduce((s, t) => s + t.fees.total, 0));
  });

  it("names an unknown account", () => {
    expect(() => makeBroker().tradesWithFees("nobody")).toThrow('unknown account "nobody"');
  });
});

describe("the CLI's books and fees text", () => {
  it("prints the books with the fees paid by part, and one line per fill with its parts", () => {
    const b = makeBroker();
    expect(feeLines("acc1", b.tradesWithFees("acc1"))).toEqual(["acc1: no trades today"]);
    expectOk(b.placeOrder("acc1", { ...buy("SH.600000", 1, 100), price: y(11.25) }));
    const [line, ...rest] = feeLines("acc1", b.tradesWithFees("acc1"));
    expect(rest).toEqual([]);
    expect(line).toMatch(
      /^acc1 T\S+ 10:00:00 buy 100 SH\.600000 at \d+\.\d\d \(amount \d+\.\d\d\): commission 5\.00, stamp duty 0\.00, transfer fee 0\.01 \(total 5\.01\)$/,
    );
    const books = booksLines("acc1", b.books("acc1"));
    expect(books[1]).toBe("acc1 fees paid: commission 5.00, stamp duty 0.00, transfer fee 0.01 (total 5.01)");
    expect(books.find((l) => l.startsWith("acc1 SH.600000: "))).toMatch(
      /^acc1 SH\.600000: 1100 held \(1000 from yesterday, 100 bought today, 1000 sellable, 0 frozen\)/,
    );
  });
});

describe("control API", () => {
  let mock: MockServers | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it("gives the books and today's fills with fee parts of an account", async () => {
    mock = await startServers();
    const rsp = mock.broker.placeOrder("demo", {
      clOrderId: "fee1",
      symbol: "SH.600000",
      orderType: 2,
      side: Side.Bid,
      volume: 100,
      price: 0,
    });
    expect(rsp.errorCode).toBe(0);
    const fills = mock.control.tradesWithFees("demo");
    expect(fills.length).toBeGreaterThan(0);
    expect(fills[0]?.fees.commission).toBe(y(5));
    expect(mock.control.books("demo").fees.total).toBe(fills.reduce((s, t) => s + t.fees.total, 0));
    expect(() => mock?.control.books("nobody")).toThrow('unknown account "nobody"');
  });
});
