/**
 * `@tsgate/ashare-rules`: the SSE/SZSE order rules with their effective dates, browser-safe (no
 * Node APIs, no dependencies). Prices are integers of 0.0001 yuan ("units") unless a name says yuan.
 *
 * - boards and kinds: {@link boardOfCode}, {@link isRiskWarningName};
 * - dated rules: {@link limitPercent} / {@link dailyLimits}, {@link cageRuleOf}, {@link maxOrderVolume};
 * - ticks, lots and fees: {@link priceTickUnits}, {@link buyLotOf}, {@link paysStampDuty};
 * - contract checks for gateways and order forms: {@link checkOrderRules}, their reasons in zh-CN
 *   and en: {@link ruleReason};
 * - trading sessions: {@link SESSION_SCHEDULE}, {@link sessionPhaseAt};
 * - order types by exchange: {@link orderTypeAccepted};
 * - exact price scaling: {@link toPriceUnits}, {@link formatPrice}.
 *
 * @module
 */

export {
  type Board,
  boardOfCode,
  type ExchangeName,
  isRiskWarningName,
  type SecurityKind,
  type SecurityProfile,
} from "./boards.js";
export { maxOrderVolume, ORDER_CAPS, type OrderKind } from "./order-caps.js";
export {
  type CageCheck,
  type ContractRules,
  checkOrderRules,
  type OrderDraft,
  type RuleCode,
  type RuleParams,
  type RuleViolation,
} from "./order-rules.js";
export {
  type ExchangeOrderType,
  ORDER_TYPE_TEXT,
  ORDER_TYPES_ACCEPTED,
  orderTypeAccepted,
} from "./order-types.js";
export {
  buyReference,
  CAGE_PERCENT,
  CAGE_TICKS,
  type CageAction,
  type CageQuote,
  type CageRule,
  cageBounds,
  cageRuleOf,
  isInsideCage,
  sellReference,
} from "./price-cage.js";
export { dailyLimits, type LimitPrices, limitPercent, limitPricesOf } from "./price-limits.js";
export { decimalsOf, formatPrice, fromPriceUnits, PRICE_SCALE, toPriceUnits } from "./price-units.js";
export { RULE_REASONS, type RuleLanguage, type RuleReasonCode, ruleReason } from "./rule-reasons.js";
export {
  SESSION_SCHEDULE,
  type SessionBoundary,
  SessionPhase,
  sessionPhaseAt,
  sessionStart,
} from "./sessions.js";
export {
  type BuyLot,
  buyLotOf,
  FUND_TICK_UNITS,
  paysStampDuty,
  priceTickUnits,
  ROUND_LOT,
  STAR_BUY_STEP,
  STAR_MIN_BUY,
  STOCK_TICK_UNITS,
} from "./ticks.js";
export {
  CHINEXT_CAGE_FROM,
  isTradingDayValue,
  MAIN_BOARD_CAGE_FROM,
  MAIN_ST_TEN_PERCENT_FROM,
  PROGRAMMATIC_RULES_FROM,
  STAR_CAGE_FROM,
  type TradingDay,
} from "./trading-day.js";
