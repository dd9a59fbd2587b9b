/**
 * `@tsgate/core`: the plugin contract every tsgate gateway implements, and the engines that run
 * them.
 *
 * - Constants: {@link Exchange}, {@link Direction}, {@link Offset}, {@link OrderType},
 *   {@link Status}, {@link Product}, {@link LogLevel}, {@link GatewaySide}, {@link ConnectionState}.
 * - Data objects (frozen snapshots made by factories): {@link TickData}, {@link OrderData},
 *   {@link TradeData}, {@link PositionData}, {@link AccountData}, {@link ContractData},
 *   {@link LogData}, {@link GatewayStatusData} and the requests.
 * - {@link EventEngine} and the event types ({@link EVENT_TICK}, ...).
 * - {@link BaseGateway}, the class a gateway extends, and settings validation
 *   ({@link validateSettings}).
 * - {@link MainEngine} and {@link OmsEngine}, both readable through {@link OmsReader}.
 *
 * @packageDocumentation
 */

export {
  ACTIVE_STATUSES,
  ConnectionState,
  Direction,
  Exchange,
  GatewaySide,
  LogLevel,
  Offset,
  OrderType,
  Product,
  Status,
} from "./constants.js";
export {
  type CoreErrorCode,
  EngineClosedError,
  GatewayExistsError,
  GatewayNotFoundError,
  GatewayNotReadyError,
  InvalidArgumentError,
  InvalidFieldError,
  SettingsError,
  type SettingsIssue,
  TsgateError,
} from "./errors.js";
export {
  DEFAULT_TIMER_INTERVAL,
  EventEngine,
  type EventEngineOptions,
  type EventHandler,
  type HandlerErrorReporter,
} from "./event-engine.js";
export {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_RISK,
  EVENT_TICK,
  EVENT_TIMER,
  EVENT_TRADE,
  type Event,
  type EventData,
  type EventPrefix,
  eventType,
} from "./event-types.js";
export { BaseGateway, type GatewayClass, type GatewaySetting } from "./gateway.js";
export {
  type JournalContents,
  type JournalOrder,
  type JournalOrderIds,
  MemoryJournal,
  type OrderJournal,
} from "./journal.js";
export { LABELS_ZH } from "./labels.js";
export {
  DEFAULT_GATEWAY_CLOSE_TIMEOUT_MS,
  DEFAULT_READY_TIMEOUT_MS,
  MAIN_ENGINE_NAME,
  MainEngine,
  type MainEngineOptions,
} from "./main-engine.js";
export { type AccountData, type AccountInit, createAccount } from "./objects/account.js";
export { type ContractData, type ContractInit, createContract } from "./objects/contract.js";
export {
  createGatewayStatus,
  type GatewayStatusData,
  type GatewayStatusInit,
} from "./objects/gateway-status.js";
export { createLog, type LogData, type LogInit } from "./objects/log.js";
export {
  createOrder,
  createOrderData,
  isActiveOrder,
  type OrderChanges,
  type OrderData,
  type OrderInit,
  updateOrder,
} from "./objects/order.js";
export { createPosition, type PositionData, type PositionInit } from "./objects/position.js";
export {
  type CancelRequest,
  type CancelRequestInit,
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  type OrderRequest,
  type OrderRequestInit,
  type SubscribeRequest,
  type SubscribeRequestInit,
} from "./objects/requests.js";
export { createTick, freezeTick, type TickData, type TickInit } from "./objects/tick.js";
export { createTrade, type TradeData, type TradeInit } from "./objects/trade.js";
export { DEFAULT_MAX_LOGS, OmsEngine, type OmsEngineOptions } from "./oms.js";
export { OmsForwarder } from "./oms-forwarder.js";
export type { OmsReader } from "./oms-reader.js";
export { waitForGatewayReady } from "./ready-wait.js";
export { chinaDayKey } from "./risk/china-day.js";
export type { BookOrder, GatewayHolding, RiskBook, SymbolBook } from "./risk/risk-book.js";
export {
  DEFAULT_RISK_LIMITS,
  EXCHANGE_HIGH_FREQUENCY,
  parseRiskConfig,
  RISK_LIMIT_NAMES,
  type RiskConfig,
  type RiskConfigInput,
  type RiskLimitName,
  riskConfigSchema,
} from "./risk/risk-config.js";
export {
  RiskCore,
  type RiskDayCounts,
  type RiskLimitUsage,
  type RiskStateChange,
} from "./risk/risk-core.js";
export { MemoryRiskCountStore, type RiskCountStore } from "./risk/risk-count-store.js";
export {
  type HaltResult,
  isRiskRefusal,
  RISK_ENGINE_NAME,
  RISK_ORDERID_PREFIX,
  RiskEngine,
  type RiskEngineHost,
  type RiskEngineOptions,
} from "./risk/risk-engine.js";
export type { RiskRefusal, RiskRule } from "./risk/risk-refusal.js";
export type { RiskSnapshot } from "./risk/risk-snapshot.js";
export { isTradingState, TradingState } from "./risk/trading-state.js";
export {
  buildSettingsSchema,
  isSecretSettingKey,
  type SettingDefaults,
  type SettingRefinements,
  type SettingRule,
  type SettingValue,
  type SettingValues,
  type ValidateSettingsOptions,
  validateSettings,
  type WidenSetting,
} from "./settings.js";
export {
  isExchange,
  parseVtSymbol,
  toVtAccountid,
  toVtOrderid,
  toVtPositionid,
  toVtSymbol,
  toVtTradeid,
} from "./vt-ids.js";
