/**
 * The simulated broker's trading domain (no sockets): config, A-share rules, fees, accounts,
 * matching, market simulation, report journal and queries, behind the {@link Broker} facade.
 */

export { LedgerError } from "./accounts.js";
export type { AccountBooks, BrokerOptions } from "./broker.js";
export { Broker } from "./broker.js";
export type {
  AccountConfig,
  ConfigIssue,
  FeeConfig,
  InstrumentConfig,
  MarketSimConfig,
  MdUserConfig,
  MockConfig,
  MockConfigInput,
  PositionConfig,
  RandomWalkConfig,
  ReplayConfig,
} from "./config.js";
export { ConfigError, configSchema, parseMockConfig } from "./config.js";
export {
  DEFAULT_FEES,
  LOT_SIZE,
  MAX_ORDER_VOLUME,
  PRICE_SCALE,
  PRICE_TICK,
  STAR_MIN_BUY_VOLUME,
} from "./constants.js";
export { ReplayCsvError } from "./csv-replay.js";
export { demoConfig, demoConfigInput } from "./demo-config.js";
export type { FeeBreakdown, TradeFees } from "./fees.js";
export { FeeSchedule } from "./fees.js";
export { limitPrices } from "./instruments.js";
export { formatYuan, yuanToScaled } from "./money.js";
export type { ProgrammaticCounts, RiskNotice } from "./programmatic-counters.js";
export type { SessionMode } from "./sessions.js";
export { isMarketOpen, phaseAt, TradingPhase } from "./sessions.js";
