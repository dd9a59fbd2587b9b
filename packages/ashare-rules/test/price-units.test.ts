import { describe, expect, it } from "vitest";
import { formatPrice, toPriceUnits } from "../src/index.js";

describe("toPriceUnits", () => {
  it("scales exactly despite float noise and refuses a fifth decimal", () => {
    expect(toPriceUnits(2.01)).toBe(20_100);
    expect(toPriceUnits(0.1 + 0.2 + 11)).toBe(113_000);
    expect(toPriceUnits(1458.0001)).toBe(14_580_001);
    expect(toPriceUnits(4.621)).toBe(46_210);
    expect(toPriceUnits(1.00001)).toBeUndefined();
    expect(toPriceUnits(Number.NaN)).toBeUndefined();
    expect(toPriceUnits(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(toPriceUnits(-0)).toBe(0);
  });

  it("formats without noise", () => {
    expect(formatPrice(0.1 + 0.2)).toBe("0.3");
  });
});
