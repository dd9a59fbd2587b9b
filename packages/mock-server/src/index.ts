/**
 * @tsgate/mock-server: a simulated Guotai Junan HFT broker. Trade and market servers speaking
 * the tsgate wire protocol (docs/protocol.md), A-share rules, matching, fault injection, and the
 * TypeScript codec and clients of that protocol.
 *
 * @packageDocumentation
 */

export {
  type BaseClientEvents,
  type ClientOptions,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  RequestError,
  ServerError,
} from "./client/base-client.js";
export { MarketClient, type MarketClientEvents } from "./client/market-client.js";
export {
  DEFAULT_OUTCOME_TIMEOUT_MS,
  FINAL_ORDER_STATUSES,
  type OrderKey,
  placeOrderAndWait,
  type WaitOptions,
  waitForOrderStatus,
} from "./client/order-outcome.js";
export {
  DEFAULT_GAP_TIMEOUT_MS,
  type LoginParams,
  QueryError,
  TradeClient,
  type TradeClientEvents,
  type TradeClientOptions,
} from "./client/trade-client.js";
export {
  type AccountBooks,
  type AccountConfig,
  Broker,
  type BrokerOptions,
  ConfigError,
  type ConfigIssue,
  configSchema,
  demoConfig,
  demoConfigInput,
  type FeeBreakdown,
  type FeeConfig,
  formatYuan,
  type InstrumentConfig,
  type MarketSimConfig,
  type MdUserConfig,
  type MockConfig,
  type MockConfigInput,
  type PositionConfig,
  type ProgrammaticCounts,
  parseMockConfig,
  type RiskNotice,
  type SessionMode,
  type TradeFees,
  yuanToScaled,
} from "./domain/index.js";
export { mulberry32, type Random } from "./domain/prng.js";
export type { CloseReason } from "./net/frame-connection.js";
export * from "./protocol/index.js";
export type { ConnectionInfo, ServerSide } from "./server/framed-server.js";
export {
  type ConnectionFilter,
  type MockControl,
  type MockServerOptions,
  type MockServers,
  startMockServers,
} from "./server/mock-servers.js";
