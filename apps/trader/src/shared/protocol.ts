/**
 * The dashboard's wire format: what the REST API and the WebSocket send, shared by the server
 * (src/server) and the browser (web/src). Type-only; no runtime code, so the browser bundle pulls
 * nothing from Node or from `@tsgate/core` through it.
 *
 * Data objects travel as JSON: `Date` fields become ISO strings, `undefined` fields disappear.
 *
 * @module
 */
import type {
  AccountData,
  ContractData,
  GatewayStatusData,
  LogData,
  OrderData,
  PositionData,
  RiskSnapshot,
  TickData,
  TradeData,
} from "@tsgate/core";
import type { BacktestResult } from "@tsgate/strategy";
import type { LabelText } from "./labels/labels.js";

/** `T` as it arrives after `JSON.stringify` / `JSON.parse`. */
export type Wire<T> = {
  readonly [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | undefined
      ? string | undefined
      : T[K];
};

export type WireTick = Wire<TickData>;
export type WireOrder = Wire<OrderData>;
export type WireTrade = Wire<TradeData>;
export type WirePosition = Wire<PositionData>;
export type WireAccount = Wire<AccountData>;
export type WireContract = Wire<ContractData>;
export type WireLog = Wire<LogData>;
export type WireStatus = Wire<GatewayStatusData>;
/** The risk engine's state and usage (the `eRisk` event's data). */
export type WireRisk = Wire<RiskSnapshot>;

/** One point of the price chart: epoch milliseconds and last price. */
export type PricePoint = readonly [time: number, price: number];

/**
 * The gateway settings as shown to the page: every value except the passwords, which are
 * replaced by `""` (and listed in `secretsSet` when a value is stored).
 */
export interface MaskedSettings {
  /** The setting keys of the connect form, in the gateway's order (交易用户名 … 行情端口). */
  readonly keys: readonly string[];
  /** Current values; secret keys are always `""`. */
  readonly values: Readonly<Record<string, string | number | boolean>>;
  /** Keys whose values are secret (rendered as password inputs). */
  readonly secretKeys: readonly string[];
  /** Secret keys that have a stored value (the form may be submitted with them empty to keep it). */
  readonly secretsSet: readonly string[];
}

/** Where the gateway is connected. */
export type TraderMode = "simulator" | "external";

/** Everything a dashboard needs when it connects. */
export interface Snapshot {
  readonly gatewayName: string;
  readonly mode: TraderMode;
  readonly ticks: readonly WireTick[];
  readonly orders: readonly WireOrder[];
  readonly trades: readonly WireTrade[];
  readonly positions: readonly WirePosition[];
  readonly accounts: readonly WireAccount[];
  readonly contracts: readonly WireContract[];
  readonly logs: readonly WireLog[];
  readonly statuses: readonly WireStatus[];
  readonly subscriptions: readonly string[];
  /** Subscriptions the gateway or the market server refused: the reason by vtSymbol. */
  readonly subscriptionFailures: Readonly<Record<string, string>>;
  readonly history: Readonly<Record<string, readonly PricePoint[]>>;
  readonly settings: MaskedSettings;
  /** The risk engine's state and usage. */
  readonly risk: WireRisk;
  /** The strategies the trader hosts, and the strategy files it could not load. */
  readonly strategies: StrategiesView;
}

/**
 * Where a hosted strategy is: added (not inited yet), initing (waiting for its contracts),
 * inited, started (trading) or stopped.
 */
export type StrategyStateName = "added" | "initing" | "inited" | "started" | "stopped";

/** A parameter or variable value of a strategy. */
export type StrategyValueWire = string | number | boolean;

/** One strategy as the dashboard lists it. */
export interface WireStrategy {
  /** The instance's unique name. */
  readonly name: string;
  /** The StrategyTemplate subclass. */
  readonly className: string;
  /** The class's `author`. */
  readonly author: string;
  /** The file the class was loaded from. */
  readonly file: string;
  readonly vtSymbols: readonly string[];
  readonly state: StrategyStateName;
  readonly parameters: Readonly<Record<string, StrategyValueWire>>;
  readonly variables: Readonly<Record<string, StrategyValueWire>>;
  /** The strategy's own net position by vtSymbol. */
  readonly pos: Readonly<Record<string, number>>;
  /** Its fills so far. */
  readonly tradeCount: number;
  /** Cash flow of its fills, less their reported fees, plus its positions at the last prices, yuan. */
  readonly pnl: number;
  /**
   * The last init/start/stop failure, or the error a hook (onTick, onBar, onOrder, onTrade) threw,
   * which also stopped the strategy; cleared by the next successful action. A catalogue text as
   * data: the page renders it in its language.
   */
  readonly error?: LabelText;
}

/** Every hosted strategy, and the strategy inputs that could not be loaded (the app runs on without them). */
export interface StrategiesView {
  readonly strategies: readonly WireStrategy[];
  /**
   * One reason per file or setting that failed, naming it and why: catalogue texts as data, which
   * the page renders in its own language (`labelText`).
   */
  readonly loadErrors: readonly LabelText[];
}

/** Body of `POST /api/strategy`. */
export interface StrategyActionBody {
  /** The strategy's name. */
  readonly name: string;
  readonly action: "init" | "start" | "stop";
}

/** A backtest result as `resultToJson` (`@tsgate/strategy`) writes it: dates as ISO strings. */
export type WireBacktestResult = Omit<BacktestResult, "trades"> & { readonly trades: readonly WireTrade[] };

/** Answer of `GET /api/backtest-report`: the report the trader was given (`--backtest-report`). */
export type BacktestReportAnswer =
  | { readonly state: "none" }
  | { readonly state: "loaded"; readonly file: string; readonly report: WireBacktestResult }
  | {
      readonly state: "error";
      readonly file: string;
      /** Why the file cannot be shown, as data (the page renders it in its language). */
      readonly reason: LabelText;
      /** The reason in the request's language (`x-tsgate-language`, else the trader's). */
      readonly error: string;
    };

/** The backtest report as the trader keeps it: the answer before a request's language is known. */
export type BacktestReportState =
  | Exclude<BacktestReportAnswer, { state: "error" }>
  | Omit<Extract<BacktestReportAnswer, { state: "error" }>, "error">;

/** A message on the dashboard WebSocket (server → page). The page sends nothing. */
export type ServerMessage =
  | { readonly kind: "snapshot"; readonly data: Snapshot }
  | { readonly kind: "tick"; readonly data: WireTick }
  | { readonly kind: "order"; readonly data: WireOrder }
  | { readonly kind: "trade"; readonly data: WireTrade }
  | { readonly kind: "position"; readonly data: WirePosition }
  | { readonly kind: "account"; readonly data: WireAccount }
  | { readonly kind: "contract"; readonly data: WireContract }
  | { readonly kind: "log"; readonly data: WireLog }
  | { readonly kind: "status"; readonly data: WireStatus }
  | { readonly kind: "subscriptions"; readonly data: readonly string[] }
  | { readonly kind: "subscriptionFailures"; readonly data: Readonly<Record<string, string>> }
  | { readonly kind: "risk"; readonly data: WireRisk }
  | { readonly kind: "strategies"; readonly data: StrategiesView }
  | {
      readonly kind: "settings";
      readonly data: { readonly settings: MaskedSettings; readonly mode: TraderMode };
    };

/** Body of `POST /api/order`. */
export interface OrderBody {
  readonly symbol: string;
  readonly exchange: string;
  /** "LONG" (buy) or "SHORT" (sell). */
  readonly direction: string;
  /** "LIMIT" or "MARKET". */
  readonly type: string;
  /** Limit price; ignored for market orders. */
  readonly price: number;
  readonly volume: number;
}

/** Answer of `POST /api/order`. */
export interface OrderAnswer {
  readonly vtOrderid: string;
}

/** Body of `POST /api/cancel`. */
export interface CancelBody {
  readonly vtOrderid: string;
}

/** Body of `POST /api/subscribe`. */
export interface SubscribeBody {
  readonly vtSymbol: string;
}

/** Body of `POST /api/connect`: the setting values (an empty secret keeps the stored one). */
export interface ConnectBody {
  readonly setting: Readonly<Record<string, unknown>>;
}

/** Body of `POST /api/halt` (the kill switch). */
export interface HaltBody {
  /** Why, for the log (default: who pressed it). */
  readonly reason?: string;
}

/** Answer of `POST /api/halt`. */
export interface HaltAnswer {
  /** The trading state afterwards: `"HALTED"`. */
  readonly state: string;
  /** Cancels sent, one per working order. */
  readonly cancelsSent: number;
  /** Cancels the gateway refused to send (see the log). */
  readonly cancelsFailed: number;
}

/** Body of `POST /api/risk-state`: set the trading state by hand (e.g. back to `"ACTIVE"`). */
export interface RiskStateBody {
  /** `"ACTIVE"`, `"REDUCING"` or `"HALTED"`. */
  readonly state: string;
}

/** Error answer of every endpoint: a message, and per-key problems for settings. */
/**
 * Request header naming the language (`zh-CN`, `en`) the API's error texts should come in: the
 * page's language, or the CLI's. Without it (or with another value) they follow the trader's.
 */
export const LANGUAGE_HEADER = "x-tsgate-language";

export interface ErrorAnswer {
  readonly error: string;
  readonly issues?: readonly { readonly key: string; readonly message: string }[];
}

/** Answer of the unauthenticated `GET /api/status` (used by `tsgate status`). */
export interface StatusAnswer {
  readonly app: "tsgate-trader";
  readonly gatewayName: string;
  readonly mode: TraderMode;
  readonly statuses: readonly { readonly side: string; readonly state: string }[];
  readonly subscriptions: number;
}
