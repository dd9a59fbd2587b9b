/**
 * Enumerations shared by every gateway: exchanges, order sides, offsets, order types,
 * order statuses, products and log levels.
 *
 * Each enumeration is a frozen `const` object plus a string-union type of the same name, so
 * `Exchange.SSE` is a value and `Exchange` is also the type `"SSE" | "SZSE" | ...`.
 *
 * Values: exchange codes are vnpy's own value strings (`Exchange.SSE === "SSE"`), so a
 * `vtSymbol` such as `600000.SSE` reads the same in tsgate and vnpy. For the other enumerations
 * vnpy's values are Chinese display words (`Direction.LONG = "多"`); tsgate uses the member name
 * as the value instead (`Direction.LONG === "LONG"`), which keeps JSON, logs and wire mappings
 * language-neutral and greppable. vnpy's Chinese words live in {@link LABELS_ZH} for display.
 *
 * @module
 */

/**
 * Exchanges (trading venues). Values equal vnpy's `Exchange` values.
 *
 * @example
 * ```ts
 * const vtSymbol = `600000.${Exchange.SSE}`; // "600000.SSE"
 * ```
 *
 * @enum
 */
export const Exchange = Object.freeze({
  /** Shanghai Stock Exchange (上海证券交易所). */
  SSE: "SSE",
  /** Shenzhen Stock Exchange (深圳证券交易所). */
  SZSE: "SZSE",
  /** Beijing Stock Exchange (北京证券交易所). */
  BSE: "BSE",
  /** Shanghai Futures Exchange (上海期货交易所). */
  SHFE: "SHFE",
  /** China Financial Futures Exchange (中国金融期货交易所). */
  CFFEX: "CFFEX",
  /** Dalian Commodity Exchange (大连商品交易所). */
  DCE: "DCE",
  /** Zhengzhou Commodity Exchange (郑州商品交易所). */
  CZCE: "CZCE",
  /** Shanghai International Energy Exchange (上海国际能源交易中心). */
  INE: "INE",
  /** Guangzhou Futures Exchange (广州期货交易所). */
  GFEX: "GFEX",
  /** Stock Exchange of Hong Kong. */
  SEHK: "SEHK",
  /** Locally generated data (synthetic instruments, spreads); never routed to a venue. */
  LOCAL: "LOCAL",
} as const);
/** An exchange code; one of the values of {@link Exchange}. */
export type Exchange = (typeof Exchange)[keyof typeof Exchange];

/**
 * Direction of an order, a trade or a position.
 *
 * @enum
 */
export const Direction = Object.freeze({
  /** Buy, or a long position (多). */
  LONG: "LONG",
  /** Sell, or a short position (空). */
  SHORT: "SHORT",
  /** Net position (净): long and short netted into one signed quantity, as for A-share cash accounts. */
  NET: "NET",
} as const);
/** A direction; one of the values of {@link Direction}. */
export type Direction = (typeof Direction)[keyof typeof Direction];

/**
 * Open/close flag of an order or a trade. Cash equities use {@link Offset.NONE}.
 *
 * @enum
 */
export const Offset = Object.freeze({
  /** No offset (cash equities, net positions). */
  NONE: "NONE",
  /** Open a position (开). */
  OPEN: "OPEN",
  /** Close a position (平). */
  CLOSE: "CLOSE",
  /** Close today's position (平今), for exchanges that distinguish it. */
  CLOSETODAY: "CLOSETODAY",
  /** Close yesterday's position (平昨), for exchanges that distinguish it. */
  CLOSEYESTERDAY: "CLOSEYESTERDAY",
} as const);
/** An offset; one of the values of {@link Offset}. */
export type Offset = (typeof Offset)[keyof typeof Offset];

/**
 * Order type.
 *
 * @enum
 */
export const OrderType = Object.freeze({
  /** Limit order (限价). */
  LIMIT: "LIMIT",
  /** Market order (市价); the gateway maps it to the venue's market-order flavour. */
  MARKET: "MARKET",
  /** Fill and kill: fill what is possible at once, cancel the rest. */
  FAK: "FAK",
  /** Fill or kill: fill everything at once or nothing. */
  FOK: "FOK",
} as const);
/** An order type; one of the values of {@link OrderType}. */
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/**
 * Order status. {@link ACTIVE_STATUSES} lists the statuses of an order that can still trade.
 *
 * @enum
 */
export const Status = Object.freeze({
  /** Sent by the gateway, not yet acknowledged by the broker (提交中). */
  SUBMITTING: "SUBMITTING",
  /** Accepted, nothing traded yet (未成交). */
  NOTTRADED: "NOTTRADED",
  /** Partly traded, the rest still working (部分成交). */
  PARTTRADED: "PARTTRADED",
  /** Fully traded (全部成交). Terminal. */
  ALLTRADED: "ALLTRADED",
  /** Cancelled, possibly after partial fills (已撤销). Terminal. */
  CANCELLED: "CANCELLED",
  /** Rejected by the gateway, the broker or the exchange (拒单). Terminal; see `OrderData.statusMsg`. */
  REJECTED: "REJECTED",
} as const);
/** An order status; one of the values of {@link Status}. */
export type Status = (typeof Status)[keyof typeof Status];

/** Statuses of an order that is still working (can trade or be cancelled). */
export const ACTIVE_STATUSES: ReadonlySet<Status> = new Set<Status>([
  Status.SUBMITTING,
  Status.NOTTRADED,
  Status.PARTTRADED,
]);

/**
 * Product class of a contract.
 *
 * @enum
 */
export const Product = Object.freeze({
  /** Stock (股票). */
  EQUITY: "EQUITY",
  /** Mutual fund (基金). */
  FUND: "FUND",
  /** Exchange-traded fund. */
  ETF: "ETF",
  /** Bond, including convertible bonds (债券). */
  BOND: "BOND",
  /** Index; quoted, not tradable (指数). */
  INDEX: "INDEX",
  /** Option (期权). */
  OPTION: "OPTION",
  /** Futures (期货). */
  FUTURES: "FUTURES",
  /** Warrant (权证). */
  WARRANT: "WARRANT",
  /** Spot (现货). */
  SPOT: "SPOT",
  /** Spread (价差). */
  SPREAD: "SPREAD",
} as const);
/** A product class; one of the values of {@link Product}. */
export type Product = (typeof Product)[keyof typeof Product];

/**
 * Severity of a log message. vnpy uses Python's integer logging levels; tsgate uses names,
 * which read better in JSON and in the dashboard.
 *
 * @enum
 */
export const LogLevel = Object.freeze({
  /** Diagnostic detail. */
  DEBUG: "DEBUG",
  /** Normal operation (the default). */
  INFO: "INFO",
  /** Something unexpected that the gateway recovered from. */
  WARNING: "WARNING",
  /** Something failed and needs attention. */
  ERROR: "ERROR",
} as const);
/** A log level; one of the values of {@link LogLevel}. */
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/**
 * One side of a gateway's connection: the trading session or the market-data session.
 *
 * @enum
 */
export const GatewaySide = Object.freeze({
  /** Trading session: orders, trades, account, positions. */
  TRADE: "TRADE",
  /** Market-data session: ticks, contracts. */
  MARKET: "MARKET",
} as const);
/** A gateway side; one of the values of {@link GatewaySide}. */
export type GatewaySide = (typeof GatewaySide)[keyof typeof GatewaySide];

/**
 * Connection state of one side of a gateway.
 *
 * @enum
 */
export const ConnectionState = Object.freeze({
  /** Not connected, and not trying (initial state, or after `close()` or a fatal error). */
  DISCONNECTED: "DISCONNECTED",
  /** First connection attempt in progress (including login). */
  CONNECTING: "CONNECTING",
  /** Connected and logged in. */
  CONNECTED: "CONNECTED",
  /** The connection was lost; the gateway is trying again. */
  RECONNECTING: "RECONNECTING",
} as const);
/** A connection state; one of the values of {@link ConnectionState}. */
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];
