/**
 * Prices as a person reads them: with as many decimals as the instrument's tick has (0.01 → 2,
 * 0.001 → 3), the same in the dashboard, the terminal and the order checks' messages.
 *
 * Pure functions, shared by the browser and the terminal mode.
 *
 * @module
 */

/** Decimals when the tick is unknown: the A-share stock tick is 0.01. */
const DEFAULT_DECIMALS = 2;
/** Prices travel with 4 decimals (scaled by 10,000 on the wire): never show more. */
const MAX_DECIMALS = 4;

/** Decimals that show a price with this tick: 0.01 → 2, 0.001 → 3; 2 when the tick is unknown. */
export function decimalsOf(pricetick: number | undefined): number {
  if (pricetick === undefined || !(pricetick > 0)) return DEFAULT_DECIMALS;
  return Math.min(MAX_DECIMALS, Math.max(0, Math.ceil(-Math.log10(pricetick) - 1e-9)));
}

/**
 * A price with the tick's decimals, e.g. `formatPrice(11.8, 0.01)` is `"11.80"`,
 * `formatPrice(3.912, 0.001)` is `"3.912"`. Without a tick: at most 4 decimals and no float noise
 * (`formatPrice(0.1 + 0.2)` is `"0.3"`), for numbers that are not an instrument's price.
 */
export function formatPrice(price: number, pricetick?: number): string {
  if (pricetick === undefined) return String(Number(price.toFixed(MAX_DECIMALS)));
  return price.toFixed(decimalsOf(pricetick));
}
