/**
 * The risk engine's configuration: every limit optional, validated with zod, errors naming the
 * field.
 *
 * @module
 */
import { z } from "zod";
import { SettingsError, type SettingsIssue } from "../errors.js";

/**
 * The exchanges' high-frequency thresholds: an account whose orders plus cancels reach 300 in one
 * second, or 20,000 in one day, is classified as high-frequency (SSE and SZSE
 * 《程序化交易管理实施细则》, published 2025-04-03, in force 2025-07-07; BSE's rules of
 * 2024-06-07 use the same figures).
 */
export const EXCHANGE_HIGH_FREQUENCY = Object.freeze({
  /** Orders plus cancels per second that make an account high-frequency. */
  actionsPerSecond: 300,
  /** Orders plus cancels per day that make an account high-frequency. */
  actionsPerDay: 20_000,
  /** The date the thresholds came into force. */
  effectiveDate: "2025-07-07",
} as const);

/**
 * Default orders-plus-cancels limits: below {@link EXCHANGE_HIGH_FREQUENCY} with a margin, because
 * the exchange counts on its own clock and a network burst can bunch orders sent a second apart.
 * An account registered as high-frequency raises them in its config.
 */
export const DEFAULT_RISK_LIMITS = Object.freeze({
  maxActionsPerSecond: 250,
  maxActionsPerDay: 18_000,
} as const);

const count = z.int().positive();
const amount = z.number().positive().finite();

/** The zod schema of {@link RiskConfig}; unknown keys are refused (a misspelt limit would silently be off). */
export const riskConfigSchema = z.strictObject({
  /** Off switch for the limits (default on); the kill switch works either way. */
  enabled: z.boolean().optional(),
  /** New orders per second (sliding window). */
  maxOrdersPerSecond: count.optional(),
  /** New orders per trading day. */
  maxOrdersPerDay: count.optional(),
  /** Cancels per second (sliding window). */
  maxCancelsPerSecond: count.optional(),
  /** Cancels per trading day. */
  maxCancelsPerDay: count.optional(),
  /** Orders plus cancels per second (the exchanges' count); default {@link DEFAULT_RISK_LIMITS}. */
  maxActionsPerSecond: count.optional(),
  /** Orders plus cancels per trading day (the exchanges' count); default {@link DEFAULT_RISK_LIMITS}. */
  maxActionsPerDay: count.optional(),
  /** Shares per order. */
  maxOrderVolume: count.optional(),
  /** Price × volume per order, in the account currency. */
  maxOrderNotional: amount.optional(),
  /** Working orders, all instruments. */
  maxActiveOrders: count.optional(),
  /** Working orders of one instrument. */
  maxActiveOrdersPerSymbol: count.optional(),
  /** Shares of one instrument held, counting every working order as filled. */
  maxPositionPerSymbol: count.optional(),
  /** Shares of all instruments held, counting every working order as filled. */
  maxPositionTotal: count.optional(),
  /** Value of one instrument's position, counting working orders as filled. */
  maxExposurePerSymbol: amount.optional(),
  /** Value of all positions, counting working orders as filled. */
  maxExposureTotal: amount.optional(),
  /** Day's loss (realized + unrealized, fees included) at which the state becomes REDUCING. */
  maxDailyLoss: amount.optional(),
  /** Refuse an order that would cross the account's own working order on the other side (default on). */
  selfTradePrevention: z.boolean().optional(),
});

/** Input of {@link parseRiskConfig}: every field optional. */
export type RiskConfigInput = z.input<typeof riskConfigSchema>;

/** Names of the numeric limits. */
export type RiskLimitName = Exclude<keyof RiskConfigInput, "enabled" | "selfTradePrevention">;

/** A validated configuration: the numeric limits (absent = off), the switches resolved. */
export type RiskConfig = Readonly<Partial<Record<RiskLimitName, number>>> & {
  readonly enabled: boolean;
  readonly selfTradePrevention: boolean;
};

/** Every numeric limit name, in display order. */
export const RISK_LIMIT_NAMES: readonly RiskLimitName[] = Object.freeze(
  Object.keys(riskConfigSchema.shape).filter(
    (key): key is RiskLimitName => key !== "enabled" && key !== "selfTradePrevention",
  ),
);

/**
 * Validates a risk configuration and fills the defaults ({@link DEFAULT_RISK_LIMITS}, engine and
 * self-trade prevention on). A limit left out is off, except the two defaulted ones, which a
 * high-frequency-registered account raises by giving its own figures.
 *
 * @throws {@link SettingsError} listing every bad field by name
 */
export function parseRiskConfig(input: unknown = {}): RiskConfig {
  const result = riskConfigSchema.safeParse(input ?? {});
  if (!result.success) {
    const issues: SettingsIssue[] = result.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.map((key) => ({
            key,
            message: `unknown risk limit; known: ${Object.keys(riskConfigSchema.shape).join(", ")}`,
          }))
        : [{ key: issue.path.map(String).join(".") || "(config)", message: issue.message }],
    );
    throw new SettingsError(issues, "risk config");
  }
  const { enabled, selfTradePrevention, ...limits } = result.data;
  return Object.freeze({
    ...DEFAULT_RISK_LIMITS,
    ...limits,
    enabled: enabled ?? true,
    selfTradePrevention: selfTradePrevention ?? true,
  });
}
