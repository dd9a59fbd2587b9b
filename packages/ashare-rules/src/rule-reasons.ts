/**
 * The order rules' reasons by language, and {@link ruleReason} to render a violation. The gateway
 * spreads these catalogues into its own (same `rule.<code>` codes), so its log lines and the
 * dashboard's order form say the same words in the same language.
 *
 * @module
 */
import type { RuleViolation } from "./order-rules.js";
import { ruleReasonsEn } from "./rule-reasons-en.js";
import { ruleReasonsZhCN } from "./rule-reasons-zh-cn.js";

/** The reason catalogues by language: the languages of the gateway's message catalogues. */
export const RULE_REASONS = Object.freeze({ "zh-CN": ruleReasonsZhCN, en: ruleReasonsEn });

/** A language the rules' reasons are written in. */
export type RuleLanguage = keyof typeof RULE_REASONS;

/** A rule reason's code, `rule.<RuleCode>`. */
export type RuleReasonCode = keyof typeof ruleReasonsZhCN;

/** `violation`'s reason in `language`, a sentence a user can act on. */
export function ruleReason(language: RuleLanguage, violation: RuleViolation): string {
  const render = RULE_REASONS[language][`rule.${violation.code}`] as (params: unknown) => string;
  return render(violation.params);
}
