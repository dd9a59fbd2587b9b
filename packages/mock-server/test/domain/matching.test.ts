import { describe, expect, it } from "vitest";
import { ErrorCode, OrderStatus, Side } from "../../src/protocol/messages.js";
import { buy, expectOk, market, orderReports, replayBroker, sell, tradesOf, y } from "../helpers/broker.js";

type Level = [price: number, volume: number];

const HEADER = [
  "market,code,last,volume",
  ...[1, 2, 3, 4, 5].map((i) => `bid${i},bidVol${i}`),
  ...[1, 2, 3, 4, 5].map((i) => `ask${i},askVol${i}`),
].join(",");

/** One SH.600000 replay row with the given book (missing levels empty). */
function row(last: number, volume: number, bids: Level[], asks: Level[]): string {
  const side = (levels: Level[]) =>
    [0, 1, 2, 3, 4].map((i) => (levels[i] ? `${levels[i][0]},${levels[i][1]}` : ",")).join(",");
  return `SH,600000,${last},${volume},${side(bids)},${side(asks)}`;
}

const BOOK: { bids: Level[]; asks: Level[] } = {
  bids: [
    [10.19, 300],
    [10.18, 500],
    [10.17, 700],
    [10.16, 900],
    [10.15, 1_100],
  ],
  asks: [
    [10.2, 200],
    [10.21, 300],
    [10.22, 400],
    [10.23, 500],
    [10.24, 600],
  ],
};

/** A broker whose SH.600000 shows BOOK after one step, then follows `rows`. */
function brokerWith(rows: string[] = [], cancelDelaySteps = 0) {
  const csv = [HEADER, row(10.2, 500, BOOK.bids, BOOK.asks), ...rows].join("\n");
  const broker = replayBroker(csv, { matching: { cancelDelaySteps } });
  broker.stepMarket();
  return broker;
}

const book = (broker: ReturnType<typeof brokerWith>) => broker.snapshot(1, "600000");

describe("matching on arrival", () => {
  it("fills the marketable part at book prices, level by level, and removes it from the book", () => {
    const b = brokerWith();
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.22, 800)));
    expect(tradesOf(b, "acc1", id).map((t) => [t.price, t.volume, t.amount, t.fee])).toEqual([
      [y(10.2), 200, y(2_040), y(5.02)],
      [y(10.21), 300, y(3_063), y(0.03)],
      [y(10.22), 300, y(3_066), y(0.03)],
    ]);
    const statuses = orderReports(b, "acc1", id).map((r) => [r.status, r.filledVolume, r.filledAmount]);
    expect(statuses).toEqual([
      [OrderStatus.PendingNew, 0, 0],
      [OrderStatus.New, 0, 0],
      [OrderStatus.PartiallyFilled, 200, y(2_040)],
      [OrderStatus.PartiallyFilled, 500, y(5_103)],
      [OrderStatus.Filled, 800, y(8_169)],
    ]);
    const snap = book(b);
    expect(snap?.askPrice).toEqual([y(10.22), y(10.23), y(10.24), 0, 0]);
    expect(snap?.askVolume).toEqual([100, 500, 600, 0, 0]);
    expect(snap).toMatchObject({ last: y(10.22), volume: 500 + 800, turnover: y(10.2 * 500) + y(8_169) });
    // 1,000,000 − 8,169.00 − fees 5.08 (commission min 5.00 + transfer 0.08169 → 0.08)
    const { cash, positions } = b.books("acc1");
    expect(cash).toMatchObject({
      balance: y(991_825.92),
      frozen: 0,
      available: y(991_825.92),
      totalFee: y(5.08),
    });
    // diluted cost: 10,000.00 + 8,174.08 over 1,800 shares = 10.096711… → 10.0967
    expect(positions.find((p) => p.symbol === "SH.600000")).toMatchObject({
      volume: 1_800,
      ydVolume: 1_000,
      todayBuyVolume: 800,
      costAmount: y(18_174.08),
      costPrice: y(10.0967),
      lastPrice: y(10.22),
      marketValue: y(10.22 * 1_800),
    });
  });

  it("sells hit the bids level by level", () => {
    const b = brokerWith();
    const id = expectOk(b.placeOrder("acc1", sell("SH.600000", 10.18, 1_000)));
    expect(tradesOf(b, "acc1", id).map((t) => [t.price, t.volume])).toEqual([
      [y(10.19), 300],
      [y(10.18), 500],
    ]);
    expect(orderReports(b, "acc1", id).at(-1)).toMatchObject({
      status: OrderStatus.PartiallyFilled,
      filledVolume: 800,
    });
    expect(b.books("acc1").positions[0]).toMatchObject({
      volume: 200,
      ydVolume: 200,
      frozenVolume: 200,
      availableVolume: 0,
    });
  });

  it("a limit order outside the book rests as New", () => {
    const b = brokerWith();
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 100)));
    expect(tradesOf(b, "acc1", id)).toEqual([]);
    expect(orderReports(b, "acc1", id).at(-1)?.status).toBe(OrderStatus.New);
  });
});

describe("resting orders", () => {
  it("fill at their price when the market trades at or through it, up to the step's volume", () => {
    const b = brokerWith([
      row(10.25, 1_000, [[10.24, 100]], [[10.25, 100]]), // trades above 10.21: nothing
      row(10.21, 300, [[10.2, 100]], [[10.22, 100]]), // trades at 10.21: 300 from the step's volume
      row(
        10.18,
        100,
        [[10.17, 100]],
        [
          [10.19, 100],
          [10.2, 100],
          [10.21, 100],
        ],
      ), // asks crossed the order: they fill it
    ]);
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.21, 1_000)));
    expect(tradesOf(b, "acc1", id).map((t) => t.volume)).toEqual([200, 300]); // on arrival
    b.stepMarket();
    expect(tradesOf(b, "acc1", id)).toHaveLength(2);
    b.stepMarket();
    expect(
      tradesOf(b, "acc1", id)
        .slice(2)
        .map((t) => [t.price, t.volume]),
    ).toEqual([[y(10.21), 300]]);
    expect(orderReports(b, "acc1", id).at(-1)).toMatchObject({
      status: OrderStatus.PartiallyFilled,
      filledVolume: 800,
    });
    const snap = b.stepMarket()[0];
    // one fill per order and step: 200 from the crossed asks at 10.19 and 10.20, at the order's price
    expect(
      tradesOf(b, "acc1", id)
        .slice(3)
        .map((t) => [t.price, t.volume]),
    ).toEqual([[y(10.21), 200]]);
    expect(orderReports(b, "acc1", id).at(-1)).toMatchObject({
      status: OrderStatus.Filled,
      filledVolume: 1_000,
      frozenCash: 0,
    });
    // the crossed asks it took are gone from the snapshot
    expect(snap?.askPrice).toEqual([y(10.21), 0, 0, 0, 0]);
    expect(b.books("acc1").cash.frozen).toBe(0);
  });

  it("share the step's volume in price-time priority", () => {
    const b = brokerWith([row(10.2, 400, [[10.19, 100]], [[10.25, 100]])]);
    const first = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 300)));
    const second = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 300)));
    const better = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.2, 300)));
    // arrival: "better" took the 200 shown at 10.20 and rests with 100
    expect(tradesOf(b, "acc1", better).map((t) => t.volume)).toEqual([200]);
    b.stepMarket(); // last 10.20, 400 traded: "better" (10.20) gets its 100; 10.19 was not traded through
    expect(tradesOf(b, "acc1", better).map((t) => t.volume)).toEqual([200, 100]);
    expect(tradesOf(b, "acc1", first)).toEqual([]);
    expect(tradesOf(b, "acc1", second)).toEqual([]);
  });

  it("serve older orders first at the same price and never exceed the step's volume", () => {
    const b = brokerWith([row(10.18, 400, [[10.17, 100]], [[10.25, 100]])]);
    const first = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 300)));
    const second = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 300)));
    const lower = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.18, 300)));
    b.stepMarket(); // last 10.18 ≤ all three; 400 traded: 300 to first, 100 to second, 0 to lower
    expect(tradesOf(b, "acc1", first).map((t) => [t.price, t.volume])).toEqual([[y(10.19), 300]]);
    expect(tradesOf(b, "acc1", second).map((t) => [t.price, t.volume])).toEqual([[y(10.19), 100]]);
    expect(tradesOf(b, "acc1", lower)).toEqual([]);
  });

  it("resting sells fill when the market trades at or above them", () => {
    const b = brokerWith([
      row(10.29, 500, [[10.28, 100]], [[10.3, 100]]),
      row(10.31, 100, [[10.3, 100]], [[10.32, 100]]),
    ]);
    const id = expectOk(b.placeOrder("acc1", sell("SH.600000", 10.3, 300)));
    b.stepMarket();
    expect(tradesOf(b, "acc1", id)).toEqual([]);
    b.stepMarket();
    // the bid at 10.30 crossed the order (100) and the step traded 100 above it: one fill of 200
    expect(tradesOf(b, "acc1", id).map((t) => [t.price, t.volume])).toEqual([[y(10.3), 200]]);
    expect(b.books("acc1").positions[0]).toMatchObject({
      volume: 800,
      frozenVolume: 100,
      availableVolume: 700,
    });
  });
});

describe("B5TC market orders", () => {
  it("fill against up to five levels", () => {
    const b = brokerWith();
    const id = expectOk(b.placeOrder("acc1", market("SH.600000", Side.Bid, 1_000)));
    expect(tradesOf(b, "acc1", id).map((t) => [t.price, t.volume])).toEqual([
      [y(10.2), 200],
      [y(10.21), 300],
      [y(10.22), 400],
      [y(10.23), 100],
    ]);
    expect(orderReports(b, "acc1", id).at(-1)).toMatchObject({
      status: OrderStatus.Filled,
      price: 0,
      frozenCash: 0,
    });
    expect(b.books("acc1").cash.frozen).toBe(0);
  });

  it("cancel the remainder beyond five levels: PartiallyCanceled", () => {
    const b = brokerWith();
    const before = b.books("acc1").cash.balance;
    const id = expectOk(b.placeOrder("acc1", market("SH.600000", Side.Bid, 2_500)));
    const trades = tradesOf(b, "acc1", id);
    expect(trades.reduce((s, t) => s + t.volume, 0)).toBe(2_000);
    const last = orderReports(b, "acc1", id).at(-1);
    expect(last).toMatchObject({
      status: OrderStatus.PartiallyCanceled,
      filledVolume: 2_000,
      canceledVolume: 500,
      frozenCash: 0,
    });
    const spent = trades.reduce((s, t) => s + t.amount + t.fee, 0);
    expect(b.books("acc1").cash).toMatchObject({ balance: before - spent, frozen: 0 });
    expect(book(b)?.askVolume).toEqual([0, 0, 0, 0, 0]);
  });

  it("cancel everything when the opposite side is empty: CancelFilled", () => {
    const b = brokerWith([row(10.2, 100, [], [[10.21, 100]])]);
    b.stepMarket();
    const id = expectOk(b.placeOrder("acc1", market("SH.600000", Side.Ask, 500)));
    expect(orderReports(b, "acc1", id).map((r) => r.status)).toEqual([
      OrderStatus.PendingNew,
      OrderStatus.New,
      OrderStatus.CancelFilled,
    ]);
    expect(b.books("acc1").positions[0]).toMatchObject({
      volume: 1_000,
      frozenVolume: 0,
      availableVolume: 1_000,
    });
  });
});

describe("cancels", () => {
  it("cancel of a partly filled resting order: Canceling then PartiallyCanceled", () => {
    const b = brokerWith();
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.2, 500, "p1")));
    const rsp = b.cancelOrder("acc1", { orderId: "", clOrderId: "p1" });
    expect(rsp).toEqual({
      orderId: id,
      clOrderId: "p1",
      status: OrderStatus.Canceling,
      errorCode: 0,
      errorMsg: "",
    });
    expect(orderReports(b, "acc1", id).map((r) => [r.status, r.filledVolume, r.canceledVolume])).toEqual([
      [OrderStatus.PendingNew, 0, 0],
      [OrderStatus.New, 0, 0],
      [OrderStatus.PartiallyFilled, 200, 0],
      [OrderStatus.Canceling, 200, 0],
      [OrderStatus.PartiallyCanceled, 200, 300],
    ]);
    expect(b.books("acc1").cash.frozen).toBe(0);
  });

  it("refuses unknown (3001), final (3002) and already pending (3003) cancels", () => {
    const b = brokerWith(
      [row(10.2, 100, [[10.19, 100]], [[10.21, 100]]), row(10.2, 100, [[10.19, 100]], [[10.21, 100]])],
      2,
    );
    expect(b.cancelOrder("acc1", { orderId: "O1", clOrderId: "" })).toMatchObject({
      status: OrderStatus.CancelRejected,
      errorCode: ErrorCode.CANCEL_UNKNOWN_ORDER,
    });
    expect(b.cancelOrder("acc1", { orderId: "", clOrderId: "nope" }).errorCode).toBe(
      ErrorCode.CANCEL_UNKNOWN_ORDER,
    );
    const filled = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.2, 200)));
    expect(b.cancelOrder("acc1", { orderId: filled, clOrderId: "" })).toMatchObject({
      orderId: filled,
      status: OrderStatus.CancelRejected,
      errorCode: ErrorCode.CANCEL_ALREADY_FINAL,
      errorMsg: `order ${filled} is already final (Filled)`,
    });
    // another account cannot see the order
    expect(b.cancelOrder("poor", { orderId: filled, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_UNKNOWN_ORDER,
    );
    const resting = expectOk(b.placeOrder("acc1", buy("SH.600000", 9.5, 100)));
    expect(b.cancelOrder("acc1", { orderId: resting, clOrderId: "" }).errorCode).toBe(0);
    expect(b.cancelOrder("acc1", { orderId: resting, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_ALREADY_PENDING,
    );
    expect(b.books("acc1").cash.frozen).toBeGreaterThan(0); // still frozen while Canceling
    b.stepMarket();
    expect(orderReports(b, "acc1", resting).at(-1)?.status).toBe(OrderStatus.Canceling);
    b.stepMarket();
    expect(orderReports(b, "acc1", resting).at(-1)).toMatchObject({
      status: OrderStatus.CancelFilled,
      canceledVolume: 100,
    });
    expect(b.books("acc1").cash.frozen).toBe(0);
    expect(b.cancelOrder("acc1", { orderId: resting, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_ALREADY_FINAL,
    );
    // rejected orders are final too
    const rejected = b.placeOrder("acc1", buy("SH.600000", 10.2, 150)).orderId;
    expect(b.cancelOrder("acc1", { orderId: rejected, clOrderId: "" }).errorCode).toBe(
      ErrorCode.CANCEL_ALREADY_FINAL,
    );
  });

  it("a delayed cancel still lets the order fill meanwhile", () => {
    const b = brokerWith([row(10.19, 1_000, [[10.18, 100]], [[10.2, 100]])], 1);
    const id = expectOk(b.placeOrder("acc1", buy("SH.600000", 10.19, 300)));
    b.cancelOrder("acc1", { orderId: id, clOrderId: "" });
    b.stepMarket(); // trades at 10.19: fills all 300 before the cancel completes
    expect(orderReports(b, "acc1", id).map((r) => r.status)).toEqual([
      OrderStatus.PendingNew,
      OrderStatus.New,
      OrderStatus.Canceling,
      OrderStatus.Filled,
    ]);
  });
});
