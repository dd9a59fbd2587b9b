/**
 * What the trade and market sides push into: the gateway's pushers, log and status, so that the
 * sides never hold the gateway itself.
 *
 * @module
 */
import type {
  AccountData,
  ConnectionState,
  ContractData,
  GatewaySide,
  LogLevel,
  OrderData,
  PositionData,
  TickData,
  TradeData,
} from "@tsgate/core";
import type { GatewayMessages } from "./messages.js";
import type { SubscribeFailure } from "./subscribe-failure.js";

/** The gateway as seen by its sides. */
export interface GatewaySink {
  readonly gatewayName: string;
  /** The gateway's log and status texts, in its `language` setting's language. */
  readonly msg: GatewayMessages;
  onTick(tick: TickData): void;
  onOrder(order: OrderData): void;
  onTrade(trade: TradeData): void;
  onPosition(position: PositionData): void;
  onAccount(account: AccountData): void;
  onContract(contract: ContractData): void;
  /** Publishes a refused subscription (besides the log line saying why). */
  onSubscribeFailed(failure: Omit<SubscribeFailure, "gatewayName">): void;
  writeLog(msg: string, level?: LogLevel): void;
  writeStatus(side: GatewaySide, state: ConnectionState, msg?: string): void;
  /** READY: the start-up data is loaded (see `BaseGateway.writeReady`). */
  writeReady(msg?: string): void;
}

/** The message of anything thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
