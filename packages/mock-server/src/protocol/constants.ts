/** Sizes, limits and defaults of the wire protocol (`docs/protocol.md`), in one place. */

/** Protocol version carried in every frame header. */
export const PROTOCOL_VERSION = 1;

/** Bytes of the `length` field that starts every frame. */
export const LENGTH_FIELD_SIZE = 4;
/** Bytes of the whole frame header: `u32 length | u16 type | u16 version | u32 seq`. */
export const HEADER_SIZE = 12;
/** Smallest legal `length` value (type + version + seq, empty payload). */
export const MIN_FRAME_LENGTH = HEADER_SIZE - LENGTH_FIELD_SIZE;
/** Largest legal `length` value: 1 MiB. */
export const MAX_FRAME_LENGTH = 1_048_576;

/** Prices and money amounts travel as integers: yuan × 10,000. */
export const PRICE_SCALE = 10_000;
/** Records per query page: 1–500. */
export const MAX_QUERY_NUM = 500;
/** Codes per `MD_SUBSCRIBE_REQ`: 1–1000. */
export const MAX_SUBSCRIBE_CODES = 1000;
/** Number of depth levels in a snapshot. */
export const DEPTH_LEVELS = 5;

/** Send a heartbeat after this long without sending anything. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
/** Close after this long without receiving anything. */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 5_000;

/** Default port of the trade server, as in the vendor's examples. */
export const DEFAULT_TRADE_PORT = 8000;
/** Default port of the market server, as in the vendor's examples. */
export const DEFAULT_MARKET_PORT = 9000;
/** Servers bind loopback unless told otherwise. */
export const DEFAULT_HOST = "127.0.0.1";

/** Sizes of the text fields (`char[N]`, N includes the terminating NUL). */
export const TextSize = {
  accountId: 32,
  password: 64,
  orgId: 16,
  branchId: 16,
  systemId: 32,
  message: 128,
  orderId: 32,
  clOrderId: 32,
  tradeId: 32,
  symbol: 16,
  posStr: 32,
  code: 8,
  name: 64,
  mdUser: 32,
} as const;

/** Fixed payload sizes (bytes) of each message type and query record. */
export const PayloadSize = {
  HEARTBEAT: 0,
  ERROR: 136,
  LOGIN_REQ: 161,
  LOGIN_RSP: 176,
  REPORT_SUBSCRIBE_REQ: 8,
  ORDER_REQ: 66,
  ORDER_RSP: 196,
  CANCEL_REQ: 64,
  CANCEL_RSP: 197,
  ORDER_REPORT: 283,
  TRADE_REPORT: 161,
  RISK_NOTIFY: 133,
  QUERY_REQ: 57,
  /** Fixed part of `QUERY_RSP`, before the records. */
  QUERY_RSP_HEADER: 174,
  MD_LOGIN_REQ: 96,
  MD_LOGIN_RSP: 132,
  /** Fixed part of `MD_SUBSCRIBE_REQ`, before the codes. */
  MD_SUBSCRIBE_REQ_HEADER: 4,
  MD_SUBSCRIBE_RSP: 136,
  MARKET_DATA: 257,
  BASE_INFO: 98,
  POSITION_RECORD: 96,
  CASH_RECORD: 80,
  SECURITY_RECORD: 130,
} as const;
