import { describe, expect, it } from "vitest";
import { BridgeError } from "../src/errors.js";
import { parseCancelRequest, parseOrderRequest, parseSubscribeRequest } from "../src/protocol.js";

const buy = { symbol: "600000", exchange: "SSE", direction: "LONG", type: "LIMIT", volume: 100, price: 7.3 };

function badRequest(parse: () => unknown): BridgeError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(BridgeError);
    return error as BridgeError;
  }
  throw new Error("expected a BridgeError");
}

describe("requests from the wire", () => {
  it("what the core factories refuse is a BAD_REQUEST naming the field", () => {
    const negative = badRequest(() => parseOrderRequest({ ...buy, volume: -1 }));
    expect(negative.code).toBe("BAD_REQUEST");
    expect(negative.message).toBe("createOrderRequest: volume: expected a positive integer, got -1");
    expect(badRequest(() => parseOrderRequest({ ...buy, price: 0 })).message).toMatch(
      /price: expected a finite number > 0/,
    );
    expect(
      badRequest(() => parseSubscribeRequest({ symbol: "600000.SSE", exchange: "SSE" })).message,
    ).toMatch(/createSubscribeRequest: symbol: /);
    expect(
      badRequest(() => parseCancelRequest({ orderid: "1", symbol: "600000.SH", exchange: "SSE" })).code,
    ).toBe("BAD_REQUEST");
  });

  it("valid requests are rebuilt as frozen core objects", () => {
    const req = parseOrderRequest(buy);
    expect(req.vtSymbol).toBe("600000.SSE");
    expect(Object.isFrozen(req)).toBe(true);
  });
});
