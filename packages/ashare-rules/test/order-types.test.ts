import { describe, expect, it } from "vitest";
import { ORDER_TYPES_ACCEPTED, orderTypeAccepted } from "../src/order-types.js";

describe("order types by exchange", () => {
  it("SZSE takes IOC and AON, SSE neither; both take LMT and B5TC; B5TL is SSE's", () => {
    for (const exchange of ["SSE", "SZSE"] as const) {
      expect(orderTypeAccepted(exchange, "LMT")).toBe(true);
      expect(orderTypeAccepted(exchange, "B5TC")).toBe(true);
    }
    expect(orderTypeAccepted("SZSE", "IOC")).toBe(true);
    expect(orderTypeAccepted("SZSE", "AON")).toBe(true);
    expect(orderTypeAccepted("SSE", "IOC")).toBe(false);
    expect(orderTypeAccepted("SSE", "AON")).toBe(false);
    expect(orderTypeAccepted("SSE", "B5TL")).toBe(true);
    expect(orderTypeAccepted("SZSE", "B5TL")).toBe(false);
    expect(new Set(ORDER_TYPES_ACCEPTED.SZSE).size).toBe(ORDER_TYPES_ACCEPTED.SZSE.length);
  });
});
