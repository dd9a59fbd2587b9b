/**
 * The checks the order entry makes before it sends anything: volume (in lots, within the board's
 * order cap), price on the tick and inside the daily limits, from the contract alone. They are the
 * gateway's own checks, from the one rules module `@tsgate/ashare-rules`, so the user reads the
 * reason next to the form instead of in a REJECTED order; the gateway and the broker still check
 * everything (cash, holdings, T+1, hours, the price cage) and their reason is shown when they refuse.
 *
 * Pure functions, shared by the browser and the terminal mode.
 *
 * @module
 */
import {
  type ContractRules,
  checkOrderRules,
  type OrderDraft,
  type RuleCode,
  ruleReason,
  toPriceUnits,
} from "@tsgate/ashare-rules";
import { type LabelLanguage, label } from "./labels/labels.js";

export { formatPrice } from "@tsgate/ashare-rules";
export type { ContractRules, OrderDraft };

/** Price scaled by 10,000 as an integer, or `undefined` when it is not finite or has more than 4 decimals. */
export function scalePrice(price: number): number | undefined {
  return toPriceUnits(price);
}

/** Which field of the order form a problem is about. */
export type OrderField = "instrument" | "volume" | "price";

/** One reason the draft cannot be sent: the field it concerns and the words, in one language. */
export interface OrderProblem {
  readonly field: OrderField;
  readonly text: string;
}

const FIELD_OF: Readonly<Record<RuleCode, OrderField>> = {
  volume: "volume",
  "max-volume": "volume",
  "min-buy": "volume",
  lot: "volume",
  price: "price",
  tick: "price",
  "limit-up": "price",
  "limit-down": "price",
  "cage-buy": "price",
  "cage-sell": "price",
};

/**
 * Checks an order draft against its contract.
 *
 * @returns the problems in `language`, in words a user can act on; empty when the draft may be sent
 */
export function checkOrder(
  draft: OrderDraft,
  contract: ContractRules | undefined,
  language: LabelLanguage,
): OrderProblem[] {
  if (contract === undefined) return [{ field: "instrument", text: label(language, "entry.noContract") }];
  return checkOrderRules(draft, contract).map((v) => ({
    field: FIELD_OF[v.code],
    text: ruleReason(language, v),
  }));
}
