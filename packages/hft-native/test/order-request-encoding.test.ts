/**
 * The order request encoder writes into one reused buffer (issue 22: no buffer, BigInt or C++
 * string call per order): every field is overwritten, so nothing of an earlier order survives, and
 * bad input is still refused naming the field.
 */
import { describe, expect, it } from "vitest";
import { HftArgumentError } from "../src/errors.js";
import { ORDER_REQ } from "../src/layout.js";
import { encodeOrderReq, encodeOrderReqInto, type OrderRequest } from "../src/requests.js";

const f = ORDER_REQ.fields;

function order(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clOrderId: "2612021847001234567890123456789",
    symbol: "SH.600000",
    orderType: "LMT",
    side: "Bid",
    volume: 100,
    price: 11.8,
    ...overrides,
  };
}

/** The field as the library reads it: up to the first NUL, which must be followed by NULs only. */
function text(buf: Buffer, field: { offset: number; size: number }): string {
  const bytes = buf.subarray(field.offset, field.offset + field.size);
  const end = bytes.indexOf(0);
  expect(end).toBeGreaterThanOrEqual(0);
  expect(bytes.subarray(end).every((b) => b === 0)).toBe(true);
  return bytes.subarray(0, end).toString("utf8");
}

describe("encodeOrderReqInto", () => {
  it("a shorter id and symbol after longer ones leave no bytes of the earlier order", () => {
    const buf = Buffer.alloc(ORDER_REQ.size, 0xff);
    encodeOrderReqInto(buf, order());
    encodeOrderReqInto(
      buf,
      order({ clOrderId: "B1", symbol: "SZ.1", orderType: "B5TC", side: "Ask", volume: 7 }),
    );
    expect(buf).toEqual(
      encodeOrderReq(order({ clOrderId: "B1", symbol: "SZ.1", orderType: "B5TC", side: "Ask", volume: 7 })),
    );
    expect(text(buf, f.cl_order_id)).toBe("B1");
    expect(text(buf, f.symbol)).toBe("SZ.1");
    expect(buf.readBigInt64LE(f.price.offset)).toBe(0n);
  });

  it("writes int64 volume and price as the library reads them, up to 2^53 - 1", () => {
    const buf = Buffer.alloc(ORDER_REQ.size);
    for (const [volume, price, scaled] of [
      [1, 0.0001, 1n],
      [2 ** 32 + 5, 429_496.7296, 4_294_967_296n],
      [Number.MAX_SAFE_INTEGER, 10.23, 102_300n],
    ] as const) {
      encodeOrderReqInto(buf, order({ volume, price }));
      expect(buf.readBigInt64LE(f.volume.offset)).toBe(BigInt(volume));
      expect(buf.readBigInt64LE(f.price.offset)).toBe(scaled);
    }
  });

  it("non-ASCII text takes the UTF-8 path, checked by bytes", () => {
    const buf = Buffer.alloc(ORDER_REQ.size, 0xff);
    encodeOrderReqInto(buf, order({ clOrderId: "单号-1" }));
    expect(text(buf, f.cl_order_id)).toBe("单号-1");
    // 11 three-byte characters are 33 bytes: more than char[32] holds, though only 11 UTF-16 units.
    expect(() => encodeOrderReqInto(buf, order({ clOrderId: "单".repeat(11) }))).toThrow(/clOrderId/);
  });

  it("bad input is refused naming the field", () => {
    const buf = Buffer.alloc(ORDER_REQ.size);
    const refused = (o: Partial<OrderRequest>, field: string) => {
      const call = () => encodeOrderReqInto(buf, order(o));
      expect(call).toThrow(HftArgumentError);
      expect(call).toThrow(new RegExp(field));
    };
    refused({ clOrderId: "x".repeat(32) }, "clOrderId");
    refused({ clOrderId: "a\0b" }, "clOrderId");
    refused({ symbol: 42 as unknown as string }, "symbol");
    refused({ orderType: "toString" as never }, "orderType");
    refused({ side: "__proto__" as never }, "side");
    refused({ volume: 0 }, "volume");
    refused({ price: 10.23456 }, "price");
  });
});
