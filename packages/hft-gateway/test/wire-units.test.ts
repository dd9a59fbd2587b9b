/**
 * The price scale has three homes by design, one per side of a package boundary no runtime import
 * may cross (scripts/check-boundaries.mjs, DESIGN §2): the simulator's wire protocol
 * (mock-server), the C ABI's TypeScript edge (hft-native) and the browser-safe order rules
 * (ashare-rules). hft-gateway sees all three, so it holds them together here.
 */

import { PRICE_SCALE as RULES_PRICE_SCALE } from "@tsgate/ashare-rules";
import { PRICE_SCALE as ABI_PRICE_SCALE } from "@tsgate/hft-native";
import { PRICE_SCALE as WIRE_PRICE_SCALE } from "@tsgate/mock-server";
import { describe, expect, it } from "vitest";

describe("wire units", () => {
  it("one price scale on the wire, in the C ABI and in the order rules: yuan × 10,000", () => {
    // hft_api.h: "Prices and money amounts are int64 scaled by 10,000 (10.23 yuan -> 102300)".
    expect(WIRE_PRICE_SCALE).toBe(10_000);
    expect(ABI_PRICE_SCALE).toBe(WIRE_PRICE_SCALE);
    expect(RULES_PRICE_SCALE).toBe(WIRE_PRICE_SCALE);
  });
});
