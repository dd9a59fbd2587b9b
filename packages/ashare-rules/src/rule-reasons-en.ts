/**
 * The en reasons of the order rules: the same `rule.<code>` entries and parameters as
 * `rule-reasons-zh-cn.ts`.
 *
 * @module
 */
import type { Board } from "./boards.js";
import type { ruleReasonsZhCN } from "./rule-reasons-zh-cn.js";

const BOARD: Record<Board, string> = { main: "main board", chinext: "ChiNext", star: "STAR" };
const HELD = " (the exchange holds it until the cage reaches it)";

/** Each rule's reason in English. */
export const ruleReasonsEn: typeof ruleReasonsZhCN = {
  "rule.volume": (p) => `volume ${p.volume} is not a positive whole number of shares`,
  "rule.max-volume": (p) =>
    `volume ${p.volume} is above the maximum of ${p.cap} shares per ${p.board === undefined ? "order" : `${p.kind} order on ${BOARD[p.board]}`}`,
  "rule.min-buy": (p) => `buy volume ${p.volume} is below the minimum of ${p.min} shares for ${p.vtSymbol}`,
  "rule.lot": (p) =>
    p.step === p.min
      ? `buy volume ${p.volume} is not a multiple of the lot (${p.step} shares)`
      : `buy volume ${p.volume} must be ${p.min} shares plus steps of ${p.step}`,
  "rule.price": (p) => `limit price ${p.price} is not a positive price with at most 4 decimals`,
  "rule.tick": (p) => `price ${p.price} is not a multiple of the tick ${p.tick}`,
  "rule.limit-up": (p) => `price ${p.price} is above the limit-up price ${p.limit} of ${p.vtSymbol}`,
  "rule.limit-down": (p) => `price ${p.price} is below the limit-down price ${p.limit} of ${p.vtSymbol}`,
  "rule.cage-buy": (p) =>
    `buy price ${p.price} is above the price cage ${p.cage} of ${p.vtSymbol}${p.held ? HELD : ""}`,
  "rule.cage-sell": (p) =>
    `sell price ${p.price} is below the price cage ${p.cage} of ${p.vtSymbol}${p.held ? HELD : ""}`,
};
