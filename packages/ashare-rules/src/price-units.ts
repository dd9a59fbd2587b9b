/**
 * Prices as the exchanges and the wire count them: integers of 0.0001 yuan. Every rule compares
 * these integers, never floats, so 2.01 is on a 0.01 tick although `2.01 * 100` is
 * 200.99999999999997.
 *
 * @module
 */

/** Units per yuan: prices and amounts are integers scaled by 10,000 (4 decimals). */
export const PRICE_SCALE = 10_000;

/**
 * Yuan → price units, or `undefined` when `price` is not finite, is out of the safe-integer range
 * or has more than 4 decimals.
 *
 * `price * 10000` can land next to the integer (2.01 * 10000 = 20099.999999999996), so the product
 * is rounded; the rounding is accepted only within a few ulps of that integer (two roundings, the
 * decimal → double and the product, give at most ~2 ulps), so 10.23456 is refused, not changed.
 */
export function toPriceUnits(price: number): number | undefined {
  if (typeof price !== "number" || !Number.isFinite(price)) return undefined;
  const product = price * PRICE_SCALE;
  const rounded = Math.round(product);
  const tolerance = 4 * Number.EPSILON * Math.max(1, Math.abs(product));
  if (Math.abs(product - rounded) > tolerance || !Number.isSafeInteger(rounded)) return undefined;
  return rounded === 0 ? 0 : rounded;
}

/** Price units → yuan: the double nearest the decimal (an exact division of two exact doubles). */
export function fromPriceUnits(units: number): number {
  return units / PRICE_SCALE;
}

/** Decimals when the tick is unknown: the A-share stock tick is 0.01. */
const DEFAULT_DECIMALS = 2;
/** Prices travel with 4 decimals (scaled by 10,000): never show more. */
const MAX_DECIMALS = 4;

/** Decimals that show a price with this tick: 0.01 → 2, 0.001 → 3; 2 when the tick is unknown. */
export function decimalsOf(pricetick: number | undefined): number {
  if (pricetick === undefined || !(pricetick > 0)) return DEFAULT_DECIMALS;
  return Math.min(MAX_DECIMALS, Math.max(0, Math.ceil(-Math.log10(pricetick) - 1e-9)));
}

/**
 * A price as a person reads it, the one rule for the gateway's messages, the dashboard and the
 * terminal: with the tick's decimals when a tick is given (`formatPrice(11.8, 0.01)` is `"11.80"`,
 * `formatPrice(3.912, 0.001)` is `"3.912"`); without one, at most 4 decimals and no float noise
 * (`formatPrice(0.1 + 0.2)` is `"0.3"`), for a price that may be off the tick (an order's own price
 * in a refusal must be shown as given, not rounded onto the tick).
 */
export function formatPrice(price: number, pricetick?: number): string {
  if (pricetick === undefined) return String(Number(price.toFixed(MAX_DECIMALS)));
  return price.toFixed(decimalsOf(pricetick));
}
