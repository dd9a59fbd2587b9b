/**
 * Public data shapes: plain objects with camelCase fields, prices and money in yuan (numbers), vendor
 * enums as string unions. Integers (volumes, sequences, dates) are JavaScript numbers; the protocol
 * guarantees they stay within ±(2^53 − 1).
 */

/** Exchange of a market-data code: SH = Shanghai (SSE), SZ = Shenzhen (SZSE). */
export type Market = "SH" | "SZ";
/** Sides a cash account sends: Bid = buy, Ask = sell. */
export type RequestSide = "Bid" | "Ask";
/**
 * Order or trade side of a report. Besides Bid/Ask, the vendor path may report other vendor sides
 * (融资买入 MarginBid, 融券卖出 MarginAsk, ETF 申购/赎回 EtfCreate/EtfRedeem, 买券还券
 * MarginEnBuyBack, 卖券还款 MarginEnSellBack) and `Unknown` for any other number: never read them as
 * a buy or a sell.
 */
export type Side =
  | RequestSide
  | "MarginBid"
  | "MarginAsk"
  | "EtfCreate"
  | "EtfRedeem"
  | "MarginEnBuyBack"
  | "MarginEnSellBack"
  | "Unknown";
/**
 * Order types a request may use: LMT = limit; the market types (price 0): B5TC = against the best
 * five levels, remainder cancelled (SSE, SZSE); IOC = 即时成交剩余撤销 and AON = 全额成交或撤销
 * (SZSE only: SSE rejects them).
 */
export type RequestOrderType = "LMT" | "B5TC" | "IOC" | "AON";
/**
 * Order type of a report: besides the request types the vendor path may report BOC, BOP, B5TL,
 * MTL, LAON (orders placed elsewhere), and `Unknown` for any other number.
 */
export type OrderType = RequestOrderType | "BOC" | "BOP" | "B5TL" | "MTL" | "LAON" | "Unknown";
/** The vendor's order statuses (HFT_STATUS_*). */
export type OrderStatus =
  | "PendingNew"
  | "New"
  | "PartiallyFilled"
  | "Filled"
  | "PendingCancel"
  | "Canceling"
  | "CancelFilled"
  | "PartiallyCanceled"
  | "Rejected"
  | "CancelRejected"
  | "Unknown";
/** What a query asks for; the record type of each kind is in {@link QueryRecordMap}. */
export type QueryKind = "orders" | "trades" | "positions" | "cash" | "securities";
/** What the library does when its event ring is full (hft_conn_config_t.overflow_policy). */
export type OverflowPolicy = "block" | "dropMarketData";
/**
 * How events cross from the library's threads into JS: "batched" (default: ring + one wake-up, many
 * records per poll) or "perEvent" (one foreign-thread callback per event; for benchmarks only).
 */
export type EventDelivery = "batched" | "perEvent";
/**
 * How batched delivery wakes the JS thread: "descriptor" (default where the library offers it,
 * POSIX: the library's producing thread writes a byte to a pipe that Node's event loop watches,
 * no notifier thread and no foreign-thread callback) or "callback" (the notifier thread calls a
 * wake-up function that blocks it until the JS thread has run it; Windows, and libraries without
 * `hft_*_open_wakeup_fd`).
 */
export type WakeupMode = "descriptor" | "callback";

// ---- connection events (both apis) ----

/** Emitted as `connecting` when the library starts a connect or a reconnect attempt. */
export interface ConnectingEvent {
  /** Reconnect attempt number, 0 for the first connect. */
  attempt: number;
  /** Human-readable description from the library. */
  message: string;
}

/** Emitted as `connected` when the TCP connection is up; the library has sent the login request. */
export interface ConnectedEvent {
  /** Human-readable description from the library. */
  message: string;
}

/** Emitted as `disconnected` when the connection is lost or a connect attempt fails. */
export interface DisconnectedEvent {
  /** errno-style cause (ECONNREFUSED = 111 on Linux), 0 if none. */
  osError: number;
  /** Name of osError when known ("ECONNREFUSED"), else "". */
  osErrorName: string;
  /** Attempt number of the connect that failed or of the connection that was lost. */
  attempt: number;
  /** True if the library will reconnect by itself. */
  willReconnect: boolean;
  /** Protocol or library error code from the event header, 0 if none. */
  errorCode: number;
  /** Human-readable description from the library. */
  message: string;
}

/** Emitted as `error` for an ERROR frame from the server or an error of the library itself. */
export interface ErrorEvent {
  /** Protocol error code (section 7 of docs/protocol.md), or a negative HFT_E_* code from this package. */
  errorCode: number;
  /** Frame seq of the request the error is about, 0 if none. */
  refSeq: number;
  /** Error text. */
  message: string;
}

/** Market data dropped because the ring was full (overflowPolicy "dropMarketData"). */
export interface OverflowEvent {
  /** Market-data events dropped since the previous `overflow` event. */
  dropped: number;
  /** Market-data events dropped since the handle was created. */
  droppedTotal: number;
}

// ---- trading ----

/** Emitted as `login` on the trade side with the login answer, also after each automatic re-login. */
export interface LoginEvent {
  /** True when errorCode is 0. */
  ok: boolean;
  /** 0, or 1001 unknown account, 1002 wrong password, 1003 org code, 1004 branch code, 1005, 1006. */
  errorCode: number;
  /** Reason when the login failed, else "". */
  errorMsg: string;
  /** The account logged in. */
  accountId: string;
  /** Trading day, YYYYMMDD. */
  tradingDay: number;
  /** Highest report sequence of the account so far (0 if none); reports after it are streamed. */
  lastReportSeq: number;
}

/**
 * Emitted as `orderRsp`: the immediate answer to one order request. The `orderStatus` reports that
 * follow are authoritative. Code 2012 means the clOrderId was already used today: `orderId` is then
 * the existing order's and no report follows.
 */
export interface OrderRspEvent {
  /** Client order id of the request. */
  clOrderId: string;
  /** Server order id; "" if the order was rejected before it got one. */
  orderId: string;
  /** 0 accepted, else the rejection code (2001..2015). */
  errorCode: number;
  /** Rejection reason, else "". */
  errorMsg: string;
}

/**
 * Emitted as `cancelRsp`: the answer to one cancel request. An accepted cancel is followed by
 * `orderStatus` reports Canceling, then CancelFilled or PartiallyCanceled.
 */
export interface CancelRspEvent {
  /** Server order id. */
  orderId: string;
  /** Client order id. */
  clOrderId: string;
  /** "Canceling" if accepted, "CancelRejected" if refused. */
  status: OrderStatus;
  /** 0, or 3001 unknown order, 3002 already final, 3003 cancel already pending. */
  errorCode: number;
  /** Reason when refused, else "". */
  errorMsg: string;
}

/**
 * The state of one order: the body of an `orderStatus` report, and the record of an "orders" query.
 * Prices and amounts in yuan, volumes in shares.
 */
export interface OrderReport {
  /** Per-account report sequence; in query records, the sequence of the order's latest report. */
  reportSeq: number;
  /** Server order id. */
  orderId: string;
  /** Client order id. */
  clOrderId: string;
  /** Vendor symbol, e.g. "SH.600000". */
  symbol: string;
  /** Buy or sell. */
  side: Side;
  /** Limit or B5TC. */
  orderType: OrderType;
  /** Current status. */
  status: OrderStatus;
  /** Rejection code, 0 otherwise. */
  errorCode: number;
  /** Limit price in yuan; 0 for B5TC. */
  price: number;
  /** Ordered shares. */
  volume: number;
  /** Cumulative filled shares. */
  filledVolume: number;
  /** Cumulative filled amount in yuan (Σ price × volume). */
  filledAmount: number;
  /** Shares cancelled (volume − filled once cancelled, else 0). */
  canceledVolume: number;
  /** Cash in yuan still frozen for this order (buys), 0 when final. */
  frozenCash: number;
  /** Rejection reason, "" otherwise. */
  errorMsg: string;
  /** Trading day, YYYYMMDD. */
  tradingDay: number;
  /** Creation time, HHMMSSmmm exchange time (UTC+8). */
  createTime: number;
  /** Time of the last change, HHMMSSmmm exchange time (UTC+8). */
  updateTime: number;
}

/**
 * One fill: the body of a `tradeReport` event, and the record of a "trades" query. Prices and
 * amounts in yuan, volumes in shares.
 */
export interface TradeReport {
  /** Per-account report sequence. */
  reportSeq: number;
  /** Trade id, unique per account and trading day. */
  tradeId: string;
  /** Server order id of the filled order. */
  orderId: string;
  /** Client order id of the filled order. */
  clOrderId: string;
  /** Vendor symbol, e.g. "SH.600000". */
  symbol: string;
  /** Buy or sell. */
  side: Side;
  /** Fill price in yuan. */
  price: number;
  /** Filled shares. */
  volume: number;
  /** price × volume, in yuan. */
  amount: number;
  /** Commission + stamp duty + transfer fee of this fill, in yuan, rounded to the cent. */
  fee: number;
  /** Trading day, YYYYMMDD. */
  tradingDay: number;
  /** Fill time, HHMMSSmmm exchange time (UTC+8). */
  tradeTime: number;
}

/** An order report pushed by the server (event "orderStatus"). */
export interface OrderStatusEvent extends OrderReport {
  /** Replayed after a reconnect; still delivered exactly once. */
  replay: boolean;
}

/** A trade report pushed by the server (event "tradeReport"). */
export interface TradeReportEvent extends TradeReport {
  /** Replayed after a reconnect; still delivered exactly once. */
  replay: boolean;
}

/** Emitted as `riskNotify`: a risk notice pushed by the trade server. */
export interface RiskNotifyEvent {
  /** 1 info, 2 warning, 3 critical. */
  level: number;
  /** Notice code. */
  code: number;
  /** Notice text. */
  message: string;
}

/** One holding: the record of a "positions" query. Prices and amounts in yuan, volumes in shares. */
export interface PositionRecord {
  /** Vendor symbol, e.g. "SH.600000". */
  symbol: string;
  /** Total shares held. */
  volume: number;
  /** Shares held since before today (the T+1 sellable base). */
  ydVolume: number;
  /** Sellable now: ydVolume − shares frozen by open sells. */
  availableVolume: number;
  /** Shares frozen by open sell orders. */
  frozenVolume: number;
  /** Shares bought today (not sellable until the next trading day). */
  todayBuyVolume: number;
  /** Total cost including fees, in yuan. */
  costAmount: number;
  /** costAmount / volume in yuan, rounded to 0.0001. */
  costPrice: number;
  /** Last price in yuan. */
  lastPrice: number;
  /** lastPrice × volume, in yuan. */
  marketValue: number;
  /** marketValue − costAmount, in yuan. */
  pnl: number;
}

/** The account's funds: the record of a "cash" query. All amounts in yuan. */
export interface CashRecord {
  /** The account. */
  accountId: string;
  /** Cash balance. */
  balance: number;
  /** balance − frozen. */
  available: number;
  /** Cash frozen by open buys (including their estimated fees). */
  frozen: number;
  /** Σ positions' market value. */
  marketValue: number;
  /** balance + marketValue. */
  totalAsset: number;
  /** Fees paid today. */
  totalFee: number;
}

/** Static data of one instrument: the record of a "securities" query. Prices in yuan. */
export interface SecurityRecord {
  /** Vendor symbol, e.g. "SH.600000". */
  symbol: string;
  /** Security name, e.g. 浦发银行. */
  name: string;
  /** 1 stock, 2 fund, 3 ETF, 4 bond, 5 index. */
  securityType: number;
  /** 1 main, 2 ChiNext, 3 STAR, 4 ST. */
  board: number;
  /** Previous close in yuan. */
  preClose: number;
  /** Upper price limit today, in yuan. */
  limitUp: number;
  /** Lower price limit today, in yuan. */
  limitDown: number;
  /** Minimum price step in yuan (0.01). */
  priceTick: number;
  /** Buy volume step in shares (100; 1 on STAR). */
  lotSize: number;
  /** Minimum buy volume in shares (100; 200 on STAR). */
  minBuyVolume: number;
}

/** One record of a query answer, with the page cursor. */
export interface QueryEvent<R> {
  /** The id returned by `query()` (or used by `queryAll()`), echoed in every event of the answer. */
  requestId: number;
  /** The record, or null for a page without records (HFT_EVF_EMPTY). */
  record: R | null;
  /** Last record of a page: nextPosStr is valid. */
  pageEnd: boolean;
  /** Last record of the whole query. */
  isLast: boolean;
  /** Cursor for the next page (valid with pageEnd). */
  nextPosStr: string;
}

/** Emitted as `queryError` when the server refuses a query page; `queryAll()` then rejects. */
export interface QueryErrorEvent {
  /** The id of the refused query. */
  requestId: number;
  /** 4001 bad queryNum, 4002 bad posStr, 4003 bad kind. */
  errorCode: number;
  /** Reason. */
  errorMsg: string;
}

/** Record type of each query kind. */
export interface QueryRecordMap {
  orders: OrderReport;
  trades: TradeReport;
  positions: PositionRecord;
  cash: CashRecord;
  securities: SecurityRecord;
}

// ---- market data ----

/** Emitted as `login` on the market-data side with the login answer, also after each automatic re-login. */
export interface MdLoginEvent {
  /** True when errorCode is 0. */
  ok: boolean;
  /** 0, or 5001 unknown user, 5002 wrong password, 5005 rejected. */
  errorCode: number;
  /** Reason when the login failed. */
  message: string;
}

/** Emitted as `subscribeRsp`: the answer to one subscribe or unsubscribe chunk (up to 1000 codes). */
export interface SubscribeRspEvent {
  /** Echo of the request. */
  action: "subscribe" | "unsubscribe";
  /** Echo of the request. */
  market: Market;
  /** Codes applied. */
  count: number;
  /** 0, 5003 some codes unknown (the known ones are applied), 5004 bad market. */
  errorCode: number;
  /** Names the unknown codes, else "". */
  errorMsg: string;
}

/** L1 snapshot with five levels; prices in yuan. */
export interface MarketDataEvent {
  /** Per-connection snapshot counter from 1 (loss detection). */
  mdSeq: number;
  /** Exchange of the code. */
  market: Market;
  /** Code, e.g. "600000". */
  code: string;
  /** Trading day, YYYYMMDD. */
  tradingDay: number;
  /** HHMMSSmmm. */
  time: number;
  /** Previous close. */
  preClose: number;
  /** Open price today. */
  open: number;
  /** High today. */
  high: number;
  /** Low today. */
  low: number;
  /** Last price. */
  last: number;
  /** Upper price limit today. */
  limitUp: number;
  /** Lower price limit today. */
  limitDown: number;
  /** Cumulative shares traded today. */
  volume: number;
  /** Cumulative amount traded today, in yuan. */
  turnover: number;
  /** Five bid prices, level 1 first; 0 where the level is empty. */
  bidPrice: number[];
  /** Five bid volumes in shares, level 1 first. */
  bidVolume: number[];
  /** Five ask prices, level 1 first; 0 where the level is empty. */
  askPrice: number[];
  /** Five ask volumes in shares, level 1 first. */
  askVolume: number[];
}

/**
 * Emitted as `baseInfo`: static data of a newly subscribed code, sent once before its first
 * snapshot. Prices in yuan.
 */
export interface BaseInfoEvent {
  /** Exchange of the code. */
  market: Market;
  /** Code, e.g. "600000". */
  code: string;
  /** Security name. */
  name: string;
  /** 1 stock, 2 fund, 3 ETF, 4 bond, 5 index. */
  securityType: number;
  /** Previous close. */
  preClose: number;
  /** Upper price limit today. */
  limitUp: number;
  /** Lower price limit today. */
  limitDown: number;
  /** Price tick in yuan from the exchange's base info; 0 when the feed has none (the simulation library). */
  priceTick: number;
  /** Buy quantities are multiples of this; 0 when unknown. */
  lotSize: number;
  /** Smallest limit buy; 0 when unknown. */
  minBuyVolume: number;
}
