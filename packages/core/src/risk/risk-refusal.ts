/**
 * Why the risk engine refused an order or a cancel: the limit, its value and the current figure.
 *
 * @module
 */
import type { RiskLimitName } from "./risk-config.js";

/** What refused: a numeric limit, or one of the rules that has no figure. */
export type RiskRule = RiskLimitName | "tradingState" | "selfTradePrevention" | "referencePrice";

/** One refusal. */
export interface RiskRefusal {
  /** The limit or rule that refused. */
  readonly rule: RiskRule;
  /** The limit's configured value (a figure, or the state / price that applied). */
  readonly limit: number | string;
  /** The figure the request would have reached, or what it met. */
  readonly current: number | string;
  /** One line for users and logs, naming all three, e.g. `risk maxOrdersPerSecond: limit 50, would be 51`. */
  readonly message: string;
}

/** Builds a {@link RiskRefusal} whose message names the rule, its value and the figure. */
export function refusal(
  rule: RiskRule,
  limit: number | string,
  current: number | string,
  why = "",
): RiskRefusal {
  const tail = why === "" ? "" : ` (${why})`;
  return Object.freeze({
    rule,
    limit,
    current,
    message: `risk ${rule}: limit ${formatFigure(limit)}, would be ${formatFigure(current)}${tail}`,
  });
}

function formatFigure(value: number | string): string {
  if (typeof value === "string") return value;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
