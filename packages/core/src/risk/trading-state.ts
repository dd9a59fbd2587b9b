/**
 * The risk engine's trading states (nautilus_trader's `TradingState`).
 *
 * @module
 */

/**
 * What the risk engine lets through.
 *
 * @enum
 */
export const TradingState = Object.freeze({
  /** Every order within the limits. */
  ACTIVE: "ACTIVE",
  /** Only orders that reduce a position (entered by the daily loss limit, or by hand). */
  REDUCING: "REDUCING",
  /** No new order; cancels only (entered by the kill switch, or by hand). */
  HALTED: "HALTED",
} as const);
/** A trading state; one of the values of {@link TradingState}. */
export type TradingState = (typeof TradingState)[keyof typeof TradingState];

/** True when `value` names a {@link TradingState}. */
export function isTradingState(value: unknown): value is TradingState {
  return value === TradingState.ACTIVE || value === TradingState.REDUCING || value === TradingState.HALTED;
}
