/**
 * The price scale has three homes by design, one per side of a package boundary no runtime import
 * may cross (scripts/check-boundaries.mjs, DESIGN §2): the simulator's wire protocol
 * (mock-server), the C ABI's TypeScript edge (hft-native) and the browser-safe order rules
 * (ashare-rules). hft-gateway sees all three, so it holds them together here. The same holds
 * for the login codes: the simulator defines them (`ErrorCode`), hft-native's `LOGIN_CODES` says
 * what each means for C and TypeScript.
 */

import { PRICE_SCALE as RULES_PRICE_SCALE } from "@tsgate/ashare-rules";
import { PRICE_SCALE as ABI_PRICE_SCALE, LOGIN_CODES } from "@tsgate/hft-native";
import { ErrorCode, PRICE_SCALE as WIRE_PRICE_SCALE } from "@tsgate/mock-server";
import { describe, expect, it } from "vitest";

describe("wire units", () => {
  it("one price scale on the wire, in the C ABI and in the order rules: yuan × 10,000", () => {
    // hft_api.h: "Prices and money amounts are int64 scaled by 10,000 (10.23 yuan -> 102300)".
    expect(WIRE_PRICE_SCALE).toBe(10_000);
    expect(ABI_PRICE_SCALE).toBe(WIRE_PRICE_SCALE);
    expect(RULES_PRICE_SCALE).toBe(WIRE_PRICE_SCALE);
  });

  it("every login code of the simulator has one entry in hft-native's table, with its value", () => {
    const simulatorLogin = Object.entries(ErrorCode).filter(([name]) => /^(MD_)?LOGIN_/.test(name));
    const side = (name: string) => (name.startsWith("MD_") ? "market" : "trade");
    expect(simulatorLogin.length).toBeGreaterThan(0);
    for (const [name, value] of simulatorLogin) {
      const entries = LOGIN_CODES.filter((e) => e.name === name);
      expect(entries, name).toHaveLength(1);
      expect(entries[0], name).toMatchObject({ code: value, side: side(name) });
    }
  });
});
