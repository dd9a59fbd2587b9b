/**
 * Constants of the HFT gateway in one place: default name and ports, vendor code sizes, timing
 * defaults, A-share fallbacks for contracts built from market-data base info.
 *
 * @module
 */

/** Default gateway name (vnpy's `HFT`). */
export const HFT_GATEWAY_NAME = "HFT";

/** Default trade server port (vnpy docs). */
export const DEFAULT_TRADE_PORT = 8000;
/** Default market-data server port (vnpy docs). */
export const DEFAULT_MARKET_PORT = 9000;
/** Default 机构代号 (organisation code) in the vnpy docs. */
export const DEFAULT_ORG_CODE = "0000";
/** Default 营业部代号 (branch code) in the vnpy docs. */
export const DEFAULT_BRANCH_CODE = "9999";
/** Default 网关 (cl_system_id) value. */
export const DEFAULT_SYSTEM_ID = "HFT";

/** Default FFI backend of `@tsgate/hft-native`. */
export const DEFAULT_FFI_BACKEND = "koffi";
/** FFI backends `@tsgate/hft-native` offers. */
export const FFI_BACKENDS = ["koffi", "ffi-napi"] as const;

/** Default of the `orderSend` setting (`@tsgate/hft-native`'s `OrderSend`). */
export const DEFAULT_ORDER_SEND = "direct";

/** Reconnect backoff start (ms); the native library doubles it up to the maximum, with jitter. */
export const DEFAULT_RECONNECT_MIN_MS = 100;
/** Reconnect backoff cap (ms). */
export const DEFAULT_RECONNECT_MAX_MS = 5000;
/** Heartbeat interval (ms): a heartbeat is sent after this long without any other frame. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 1000;
/** Heartbeat timeout (ms): a peer silent for this long is disconnected (then reconnected). */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 5000;
/** TCP connect timeout (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
/** Connect attempts before the first successful login; -1 retries forever. */
export const DEFAULT_CONNECT_RETRIES = 3;
/** Seconds between two account + position refreshes on the event engine's timer. */
export const DEFAULT_ACCOUNT_REFRESH_SECONDS = 2;

/** Longest accepted value for the millisecond settings (what a C `int32_t` holds). */
export const MAX_MS_SETTING = 2_147_483_647;
/** Longest accepted refresh period, one day. */
export const MAX_REFRESH_SECONDS = 86_400;

/**
 * UTF-8 byte capacity (without the NUL) of the fixed-size text fields a setting ends up in: the
 * smaller of our ABI's (`hft_login_req_t`, `hft_conn_config_t`, md login) and the real vendor SDK's
 * (`HFT::AccountInfo`: account_id char16, account_pwd char16, cust_orgid char8, cust_branchid char8,
 * cl_system_id char40 — hft_trader_struct.h, vnpy/vnpy_hft 906fd5a, read 2026-12-02), so a value
 * the broker's SDK cannot take is refused up front on every path instead of failing at login.
 */
export const FIELD_BYTES = {
  host: 63,
  accountId: 16,
  tradePassword: 16,
  orgCode: 8,
  branchCode: 8,
  systemId: 31,
  mdUser: 31,
  /** SIP takes the market-data password inside its JSON config; our md login field is char[64]. */
  mdPassword: 63,
  /** TraderApi::Login's terminal_info is a C string; the exchange format is well under this. */
  terminalInfo: 255,
  /** SetLogConfig's path is a C string; a bound against runaway values. */
  sdkLogPath: 1023,
} as const;

/** Vendor AccountType values (hft_trader_def.h): 1 stock (cash), 2 futures, 3 options, 4 credit. */
export const VENDOR_ACCOUNT_TYPE = { stock: 1, margin: 4 } as const;

/** Length of a client order id field (`char[32]`), without the NUL. */
export const MAX_CL_ORDER_ID_BYTES = 31;

/** Exchange time of the A-share venues: China Standard Time, UTC+8, no daylight saving. */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;

/** A-share round lot, used when a contract is built from market-data base info only. */
export const FALLBACK_LOT_SIZE = 100;
/** STAR board (688xxx) minimum buy and step, for contracts built from base info only. */
export const FALLBACK_STAR_MIN_VOLUME = 200;
export const FALLBACK_STAR_STEP = 1;
/** Price tick of stocks, for contracts built from base info only. */
export const FALLBACK_STOCK_TICK = 0.01;
/** Price tick of funds, ETFs and bonds on the exchanges, for contracts built from base info only. */
export const FALLBACK_FUND_TICK = 0.001;
/** Code prefix of the STAR board. */
export const STAR_CODE_PREFIX = "688";

/** Protocol error code of a duplicate client order id: the answer to an idempotent resend. */
export const ERROR_DUPLICATE_CL_ORDER_ID = 2012;
