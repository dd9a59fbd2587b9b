import { Direction } from "@tsgate/core";
import { expect, it } from "vitest";
import { ASHARE_FEES, feeOf, orderFeeOf } from "../src/backtest/fees.js";

it("rounds each fee part half up to the fen, as the mock broker does", () => {
  // 730 yuan sold: commission 0.1825 → minimum 5; stamp duty 0.365 → 0.37; transfer 0.0073 → 0.01.
  expect(feeOf(ASHARE_FEES, Direction.SHORT, 7.3, 100)).toBe(5.38);
  // 100,000 yuan bought: commission 25; transfer 1.
  expect(orderFeeOf(ASHARE_FEES, Direction.LONG, 100_000)).toBe(26);
  expect(orderFeeOf(ASHARE_FEES, Direction.LONG, 0)).toBe(0);
});
