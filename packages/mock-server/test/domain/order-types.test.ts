/**
 * Order types per exchange (src/domain/order-types.ts): SZSE takes IOC (即时成交剩余撤销) and AON
 * (全额成交或撤销), SSE refuses both by name (2013); IOC fills what the book offers and cancels the
 * rest, AON fills in full or is cancelled whole.
 */
import { describe, expect, it } from "vitest";
import { ErrorCode, OrderStatus, OrderType, Side } from "../../src/protocol/messages.js";
import { expectOk, orderReports, replayBroker, tradesOf } from "../helpers/broker.js";

const HEADER = [
  "market,code,last,volume",
  ...[1, 2, 3, 4, 5].map((i) => `bid${i},bidVol${i}`),
  ...[1, 2, 3, 4, 5].map((i) => `ask${i},askVol${i}`),
].join(",");
/** SZ.000001 and SH.600000 each offering 100 + 200 shares on two ask levels. */
const ROWS = [
  "SZ,000001,11.5,100,11.49,300,,,,,,,,,11.5,100,11.51,200,,,,,,",
  "SH,600000,10.2,100,10.19,300,,,,,,,,,10.2,100,10.21,200,,,,,,",
];

function broker() {
  const b = replayBroker([HEADER, ...ROWS].join("\n"));
  b.stepMarket();
  return b;
}

const order = (symbol: string, orderType: OrderType, volume: number, cl: string) => ({
  clOrderId: cl,
  symbol,
  orderType,
  side: Side.Bid,
  volume,
  price: 0,
});

describe("order types by exchange", () => {
  it("SZSE IOC fills what the book offers and cancels the rest", () => {
    const b = broker();
    const id = expectOk(b.placeOrder("acc1", order("SZ.000001", OrderType.IOC, 500, "i1")));
    expect(tradesOf(b, "acc1", id).map((t) => t.volume)).toEqual([100, 200]);
    expect(orderReports(b, "acc1", id).at(-1)).toMatchObject({
      status: OrderStatus.PartiallyCanceled,
      orderType: OrderType.IOC,
      filledVolume: 300,
      canceledVolume: 200,
      frozenCash: 0,
    });
    expect(b.books("acc1").cash.frozen).toBe(0);
  });

  it("SZSE AON fills in full when the book covers it, else is cancelled whole", () => {
    const b = broker();
    const short = expectOk(b.placeOrder("acc1", order("SZ.000001", OrderType.AON, 400, "a1")));
    expect(tradesOf(b, "acc1", short)).toEqual([]);
    expect(orderReports(b, "acc1", short).at(-1)).toMatchObject({
      status: OrderStatus.CancelFilled,
      canceledVolume: 400,
    });
    expect(b.snapshot(2, "000001")?.askVolume.slice(0, 2)).toEqual([100, 200]);
    const full = expectOk(b.placeOrder("acc1", order("SZ.000001", OrderType.AON, 300, "a2")));
    expect(tradesOf(b, "acc1", full).map((t) => t.volume)).toEqual([100, 200]);
    expect(orderReports(b, "acc1", full).at(-1)).toMatchObject({ status: OrderStatus.Filled });
  });

  it.each([OrderType.IOC, OrderType.AON])("SSE refuses order type %i by name (2013)", (type) => {
    const b = broker();
    const rsp = b.placeOrder("acc1", order("SH.600000", type, 100, `s${type}`));
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_INVALID_TYPE_OR_SIDE);
    expect(rsp.errorMsg).toMatch(/not accepted by SSE for SH\.600000: SSE takes LMT, B5TC/);
    expect(orderReports(b, "acc1", rsp.orderId).at(-1)?.status).toBe(OrderStatus.Rejected);
  });

  it("still refuses a type the wire does not know, naming the accepted ones", () => {
    const rsp = broker().placeOrder("acc1", order("SZ.000001", 9 as OrderType, 100, "u1"));
    expect(rsp.errorCode).toBe(ErrorCode.ORDER_INVALID_TYPE_OR_SIDE);
    expect(rsp.errorMsg).toMatch(/invalid order type 9: expected 1 .* 3 \(IOC\) or 4 \(AON\)/);
  });
});
