/**
 * Event type names (vnpy's, plus `eGatewayStatus.`) and the typed map from an event type to the
 * data it carries.
 *
 * A type ending in a dot is a prefix: gateways publish each object both under the bare prefix
 * (`eTick.`, every tick) and under the prefix plus an id (`eTick.600000.SSE`, one instrument).
 *
 * @module
 */
import type { AccountData } from "./objects/account.js";
import type { ContractData } from "./objects/contract.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import type { LogData } from "./objects/log.js";
import type { OrderData } from "./objects/order.js";
import type { PositionData } from "./objects/position.js";
import type { TickData } from "./objects/tick.js";
import type { TradeData } from "./objects/trade.js";
import type { RiskSnapshot } from "./risk/risk-snapshot.js";

/** Every tick (`eTick.`); a gateway also publishes `eTick.<vtSymbol>`. Data: {@link TickData}. */
export const EVENT_TICK = "eTick.";
/** Every trade (`eTrade.`); a gateway also publishes `eTrade.<vtSymbol>`. Data: {@link TradeData}. */
export const EVENT_TRADE = "eTrade.";
/** Every order update (`eOrder.`); a gateway also publishes `eOrder.<vtOrderid>`. Data: {@link OrderData}. */
export const EVENT_ORDER = "eOrder.";
/** Every position update (`ePosition.`); a gateway also publishes `ePosition.<vtSymbol>`. Data: {@link PositionData}. */
export const EVENT_POSITION = "ePosition.";
/** Every account update (`eAccount.`); a gateway also publishes `eAccount.<vtAccountid>`. Data: {@link AccountData}. */
export const EVENT_ACCOUNT = "eAccount.";
/** Every contract (`eContract.`). Data: {@link ContractData}. */
export const EVENT_CONTRACT = "eContract.";
/** Log messages (`eLog`). Data: {@link LogData}. */
export const EVENT_LOG = "eLog";
/** Timer (`eTimer`), every `interval` seconds while the event engine runs. Data: `undefined`. */
export const EVENT_TIMER = "eTimer";
/**
 * Gateway connection state changes (`eGatewayStatus.`); a gateway also publishes
 * `eGatewayStatus.<gatewayName>`. Data: {@link GatewayStatusData}.
 */
export const EVENT_GATEWAY_STATUS = "eGatewayStatus.";

/** Risk engine usage and state (`eRisk`), every timer tick and on each state change. Data: {@link RiskSnapshot}. */
export const EVENT_RISK = "eRisk";

/** The event type prefixes that take an id suffix. */
export type EventPrefix =
  | typeof EVENT_TICK
  | typeof EVENT_TRADE
  | typeof EVENT_ORDER
  | typeof EVENT_POSITION
  | typeof EVENT_ACCOUNT
  | typeof EVENT_CONTRACT
  | typeof EVENT_GATEWAY_STATUS;

/**
 * The data type carried by events of type `T`. Known types and their suffixed forms map to their
 * data object (`"eTick."` and `` `eTick.${string}` `` both give {@link TickData}); any other
 * string gives `unknown`, so custom event types are allowed.
 */
export type EventData<T extends string> = T extends `${typeof EVENT_TICK}${string}`
  ? TickData
  : T extends `${typeof EVENT_TRADE}${string}`
    ? TradeData
    : T extends `${typeof EVENT_ORDER}${string}`
      ? OrderData
      : T extends `${typeof EVENT_POSITION}${string}`
        ? PositionData
        : T extends `${typeof EVENT_ACCOUNT}${string}`
          ? AccountData
          : T extends `${typeof EVENT_CONTRACT}${string}`
            ? ContractData
            : T extends `${typeof EVENT_GATEWAY_STATUS}${string}`
              ? GatewayStatusData
              : T extends typeof EVENT_LOG
                ? LogData
                : T extends typeof EVENT_TIMER
                  ? undefined
                  : T extends typeof EVENT_RISK
                    ? RiskSnapshot
                    : unknown;

/**
 * An event: a type name and its data (vnpy `Event`).
 *
 * `Event<typeof EVENT_TICK>` has `data: TickData`; plain `Event` (type `string`) has
 * `data: unknown`.
 */
export interface Event<T extends string = string> {
  /** Event type, e.g. `"eTick."` or `"eTick.600000.SSE"`. */
  readonly type: T;
  /** Payload; its type follows from `type` (see {@link EventData}). */
  readonly data: EventData<T>;
}

/**
 * Builds a suffixed event type whose static type the compiler keeps, so handlers registered on it
 * get typed data. `EVENT_TICK + vtSymbol` is typed `string` by TypeScript (its handler would see
 * `unknown`); `eventType(EVENT_TICK, vtSymbol)` or the template literal
 * `` `${EVENT_TICK}${vtSymbol}` `` are typed `` `eTick.${string}` ``.
 *
 * @example
 * ```ts
 * engine.register(eventType(EVENT_TICK, "600000.SSE"), (event) => event.data.lastPrice);
 * ```
 */
export function eventType<P extends EventPrefix, S extends string>(prefix: P, suffix: S): `${P}${S}` {
  return `${prefix}${suffix}`;
}
