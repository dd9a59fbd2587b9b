/**
 * The risk engine during the soak: limits the strategy reaches now and then (so refusals happen
 * under faults, reconnects and restarts), and the checks that its book ends equal to the OMS.
 */
import type { MainEngine, RiskConfigInput } from "@tsgate/core";

/** Limits on during the soak: tight enough to refuse some of the strategy's orders. */
export const SOAK_RISK: RiskConfigInput = {
  maxOrdersPerSecond: 30,
  maxActionsPerSecond: 60,
  maxOrderVolume: 3000,
  maxActiveOrders: 8,
  maxActiveOrdersPerSymbol: 3,
  selfTradePrevention: true,
};

/** After settling: the risk engine sees no working order (as the OMS), and its refusal counts. */
export function checkRisk(main: MainEngine): { mismatches: string[]; figures: Record<string, number> } {
  const risk = main.risk;
  if (risk === undefined)
    return { mismatches: ["risk: the soak's MainEngine has no risk engine"], figures: {} };
  const mismatches: string[] = [];
  const active = risk.core.book.activeCount;
  if (active !== main.getAllActiveOrders().length)
    mismatches.push(
      `risk: ${active} working orders on its book, ${main.getAllActiveOrders().length} in the OMS`,
    );
  const refusals = risk.snapshot().refusals;
  const figures: Record<string, number> = { riskRefused: refusals.total };
  for (const [rule, n] of Object.entries(refusals.byRule)) figures[`risk.${rule}`] = n;
  return { mismatches, figures };
}
