/**
 * Exact fixed-point arithmetic for prices and money: conversion from the decimal numbers users
 * write (yuan, rates) to scaled integers, rounding half up, and formatting back to yuan.
 */
import { PRICE_SCALE } from "./constants.js";

const TEN = 10n;

/**
 * Converts a decimal number to an integer scaled by 10^decimals, rounding half up (away from
 * zero) on the decimal the number prints as. `10.23` → `102300` at 4 decimals, where
 * `Math.round(10.23 * 10000)` only works by luck of the float error. Throws on non-finite input or
 * a result outside the safe-integer range.
 */
export function decimalToScaled(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const negative = value < 0;
  // The shortest string that round-trips is the decimal the user wrote (e.g. "10.23", "1e-7").
  const [mantissa = "0", exponent = "0"] = Math.abs(value).toString().split("e");
  const [intPart = "0", fracPart = ""] = mantissa.split(".");
  const digits = BigInt(intPart + fracPart);
  const shift = Number(exponent) - fracPart.length + decimals;
  let scaled: bigint;
  if (shift >= 0) {
    scaled = digits * TEN ** BigInt(shift);
  } else {
    const divisor = TEN ** BigInt(-shift);
    scaled = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) scaled += 1n;
  }
  const result = Number(negative ? -scaled : scaled);
  if (!Number.isSafeInteger(result)) throw new RangeError(`out of range: ${value}`);
  return result === 0 ? 0 : result;
}

/** Yuan to scaled units (×10,000), exact, half up at the 4th decimal. */
export function yuanToScaled(yuan: number): number {
  return decimalToScaled(yuan, 4);
}

/** `numerator / denominator` rounded half up (toward +∞), exactly, for integers; denominator > 0. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const twice = numerator * 2n + denominator;
  const divisor = denominator * 2n;
  // floor division for possibly negative numerators (BigInt division truncates toward zero).
  const q = twice / divisor;
  return twice % divisor !== 0n && twice < 0n ? q - 1n : q;
}

/** Scaled units to a yuan string for messages: 2 decimals, or 4 when not a whole cent. */
export function formatYuan(scaled: number): string {
  const sign = scaled < 0 ? "-" : "";
  const abs = Math.abs(scaled);
  const whole = Math.floor(abs / PRICE_SCALE);
  const frac = abs % PRICE_SCALE;
  const frac4 = String(frac).padStart(4, "0");
  const fracText = frac4.endsWith("00") ? frac4.slice(0, 2) : frac4;
  return `${sign}${whole}.${fracText}`;
}
