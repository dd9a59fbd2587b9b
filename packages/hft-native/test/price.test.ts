import { describe, expect, it } from "vitest";
import { HftArgumentError } from "../src/errors.js";
import { fromScaled, toScaled } from "../src/price.js";

describe("price scaling at the edge", () => {
  it("scaled → yuan gives the double nearest to the decimal", () => {
    expect(fromScaled(102300)).toBe(10.23);
    expect(fromScaled(1)).toBe(0.0001);
    expect(fromScaled(-55)).toBe(-0.0055);
    expect(String(fromScaled(123456789))).toBe("12345.6789");
    // every 4-decimal price up to 1,000 yuan in steps of 0.0001 near a few values
    for (let s = 0; s < 200_000; s += 7)
      expect(fromScaled(s)).toBe(Number(`${Math.trunc(s / 10000)}.${String(s % 10000).padStart(4, "0")}`));
  });

  it("yuan → scaled rounds float noise but refuses a 5th decimal", () => {
    expect(2.01 * 10000).toBe(20099.999999999996); // the float noise this guards against
    expect(toScaled("price", 2.01)).toBe(20100);
    expect(toScaled("price", 0.57)).toBe(5700);
    expect(toScaled("price", 1.005)).toBe(10050);
    expect(toScaled("price", 10.23)).toBe(102300);
    expect(toScaled("price", 0.1 + 0.2)).toBe(3000);
    expect(toScaled("price", 1.1)).toBe(11000);
    expect(toScaled("price", 0)).toBe(0);
    expect(toScaled("price", -0)).toBe(0);
    expect(toScaled("price", 99999.9999)).toBe(999999999);
    for (let s = 0; s < 200_000; s += 7) expect(toScaled("price", fromScaled(s))).toBe(s);
    expect(() => toScaled("price", 10.23456)).toThrow(HftArgumentError);
    expect(() => toScaled("price", Number.NaN)).toThrow(/price: expected a finite number/);
    expect(() => toScaled("price", 1e15)).toThrow(/out of range/);
  });
});
