/**
 * Vendor sides and order types other than Bid/Ask and LMT/B5TC (reported by the vendor shim as
 * HFT_SIDE_VENDOR_BASE / HFT_ORDER_VENDOR_BASE + the vendor's number) decode to their own names,
 * never to a buy or a limit order.
 */
import { describe, expect, it } from "vitest";
import { VENDOR_CODE_BASE } from "../src/constants.js";
import { orderTypeName, sideName } from "../src/event-decoder.js";

describe("vendor sides and order types", () => {
  it("decodes Bid/Ask and names the vendor's other sides", () => {
    expect(sideName(1)).toBe("Bid");
    expect(sideName(2)).toBe("Ask");
    expect(sideName(VENDOR_CODE_BASE + 14)).toBe("MarginAsk"); // 融券卖出
    expect(sideName(VENDOR_CODE_BASE + 21)).toBe("MarginEnSellBack"); // 卖券还款
    expect(sideName(VENDOR_CODE_BASE + 18)).toBe("EtfRedeem");
    expect(sideName(VENDOR_CODE_BASE + 99)).toBe("Unknown");
    expect(sideName(0)).toBe("Unknown");
    expect(sideName(3)).toBe("Unknown");
  });

  it("names vendor order types and never reads an unknown one as a limit order", () => {
    expect(orderTypeName(1)).toBe("LMT");
    expect(orderTypeName(2)).toBe("B5TC");
    // ABI 3: IOC and AON have ABI codes (the shim maps the vendor's 6 and 7 to them)
    expect(orderTypeName(3)).toBe("IOC");
    expect(orderTypeName(4)).toBe("AON");
    expect(orderTypeName(VENDOR_CODE_BASE + 3)).toBe("BOP");
    expect(orderTypeName(VENDOR_CODE_BASE + 15)).toBe("LAON");
    expect(orderTypeName(9)).toBe("Unknown");
  });
});
