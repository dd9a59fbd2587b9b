import { PRICE_SCALE } from "./constants.js";
import { HftArgumentError } from "./errors.js";

/**
 * Scaled integer (yuan × 10,000) → yuan.
 *
 * Why a plain division is exact enough: both operands are exact doubles (|scaled| < 2^53 and 10,000),
 * and IEEE 754 division is correctly rounded, so the result is the double nearest to the decimal value
 * scaled / 10,000. 102300 → 10.23 is the same double as the literal `10.23`, so `=== 10.23` holds and
 * printing gives "10.23". Multiplying by 0.0001 would not have this property (0.0001 is inexact).
 */
export function fromScaled(scaled: number): number {
  return scaled / PRICE_SCALE;
}

/**
 * Yuan → scaled integer (yuan × 10,000), for requests.
 *
 * `price * 10000` can land next to the integer (2.01 * 10000 = 20099.999999999996), so the product is
 * rounded; the rounding is accepted only when the product is within a few ulps of that integer, so a
 * price with more than four decimals (10.23456) is refused rather than silently changed.
 */
export function toScaled(field: string, price: number): number {
  if (!Number.isFinite(price)) throw new HftArgumentError(field, `expected a finite number, got ${price}`);
  const product = price * PRICE_SCALE;
  const rounded = Math.round(product);
  // Two roundings (the decimal → double of `price`, then the product) give at most ~2 ulps of error.
  const tolerance = 4 * Number.EPSILON * Math.max(1, Math.abs(product));
  if (Math.abs(product - rounded) > tolerance) {
    throw new HftArgumentError(
      field,
      `${price} has more than 4 decimal places (the ABI unit is 0.0001 yuan)`,
    );
  }
  if (!Number.isSafeInteger(rounded)) throw new HftArgumentError(field, `${price} is out of range`);
  // Normalise -0 to 0.
  return rounded === 0 ? 0 : rounded;
}
