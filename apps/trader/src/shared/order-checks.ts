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
import { type ContractRules, checkOrderRules, type OrderDraft, toPriceUnits } from "@tsgate/ashare-rules";

export { formatPrice } from "@tsgate/ashare-rules";
export type { ContractRules, OrderDraft };

/** Price scaled by 10,000 as an integer, or `undefined` when it is not finite or has more than 4 decimals. */
export function scalePrice(price: number): number | undefined {
  return toPriceUnits(price);
}

/**
 * Checks an order draft against its contract.
 *
 * @returns the problems in words a user can act on; empty when the draft may be sent
 */
export function checkOrder(draft: OrderDraft, contract: ContractRules | undefined): string[] {
  if (contract === undefined) {
    return ["unknown instrument: pick one from the tick monitor (contracts load after the trade login)"];
  }
  return checkOrderRules(draft, contract).map((v) => v.reason);
}
