/**
 * Constants of the C ABI (native/include/hft_api.h) and of this package's defaults, in one place.
 * The numbers mirror the header; the layout test checks the struct offsets against a C compiler.
 */

/** The ABI version this package was written against (`HFT_ABI_VERSION`). */
export const HFT_ABI_VERSION = 4;

/** `HFT_BATCH_CANCEL_MAX`: order ids per {@link TraderApi.cancelOrders} call (the vendor's BatchCancelOrder limit). */
export const HFT_BATCH_CANCEL_MAX = 500;

/** Size of one event record (`HFT_EVENT_SIZE`). */
export const HFT_EVENT_SIZE = 640;

/** Size of every error text field of an event, NUL included (`HFT_ERROR_MSG_SIZE`): the vendor's 256-byte texts in UTF-8. */
export const HFT_ERROR_MSG_SIZE = 392;

/** Maximum records per query page (`HFT_QUERY_MAX_NUM`). */
export const HFT_QUERY_MAX_NUM = 500;

/** Maximum codes per hft_md_subscribe call. */
export const HFT_MD_MAX_CODES_PER_CALL = 1000;

/** Prices and money amounts are integers scaled by this factor in the ABI. */
export const PRICE_SCALE = 10_000;

/** Return codes (`HFT_OK`, `HFT_E_*`). */
export const HftReturnCode = {
  OK: 0,
  INVALID_ARG: -1,
  STATE: -2,
  QUEUE_FULL: -3,
  NOMEM: -4,
  SYSTEM: -5,
  UNSUPPORTED: -6,
} as const;

/** Event types (`HFT_EV_*`). */
export const EventType = {
  CONNECTING: 1,
  CONNECTED: 2,
  DISCONNECTED: 3,
  LOGIN: 4,
  ERROR: 5,
  ORDER_RSP: 10,
  CANCEL_RSP: 11,
  ORDER_STATUS: 12,
  TRADE_REPORT: 13,
  RISK_NOTIFY: 14,
  QUERY_ORDER: 20,
  QUERY_TRADE: 21,
  QUERY_POSITION: 22,
  QUERY_CASH: 23,
  QUERY_SECURITY: 24,
  QUERY_ERROR: 25,
  MD_LOGIN: 30,
  MD_SUBSCRIBE_RSP: 31,
  MARKET_DATA: 32,
  BASE_INFO: 33,
  OVERFLOW: 40,
} as const;

/** Event header flags (`HFT_EVF_*`). */
export const EventFlag = {
  PAGE_END: 0x1,
  IS_LAST: 0x2,
  EMPTY: 0x4,
  REPLAY: 0x8,
} as const;

export const HFT_ACCOUNT_STOCK = 1;

export const OverflowPolicyCode = { block: 0, dropMarketData: 1 } as const;

export const QueryKindCode = { orders: 1, trades: 2, positions: 3, cash: 4, securities: 5 } as const;

export const MarketCode = { SH: 1, SZ: 2 } as const;

export const SideCode = { Bid: 1, Ask: 2 } as const;

export const OrderTypeCode = { LMT: 1, B5TC: 2, IOC: 3, AON: 4 } as const;

/**
 * `HFT_SIDE_VENDOR_BASE` / `HFT_ORDER_VENDOR_BASE`: the vendor shim reports a vendor side or order
 * type without an ABI name as this base + the vendor's number (hft_api.h).
 */
export const VENDOR_CODE_BASE = 1000;

/**
 * Vendor sides a report may carry besides Bid/Ask, by the vendor's OrderSide number
 * (hft_trader_def.h in vnpy/vnpy_hft 906fd5a, read 2026-12-02).
 */
export const VENDOR_SIDE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  13: "MarginBid", // 融资买入
  14: "MarginAsk", // 融券卖出
  17: "EtfCreate", // ETF 申购
  18: "EtfRedeem", // ETF 赎回
  20: "MarginEnBuyBack", // 买券还券
  21: "MarginEnSellBack", // 卖券还款
});

/** Vendor order types without an ABI code, by the vendor's OrderType number (same source). */
export const VENDOR_ORDER_TYPE_NAMES: Readonly<Record<number, string>> = Object.freeze({
  2: "BOC", // best price of the opposite side (SZ)
  3: "BOP", // best price of one's own side (SZ)
  5: "B5TL", // best five, rest as a limit order (SH)
  14: "MTL", // market, rest as a limit order (SH)
  15: "LAON", // limit price, all or nothing
});

/** `HFT_STATUS_*`, index = code. */
export const ORDER_STATUS_NAMES = [
  "Unknown",
  "PendingNew",
  "New",
  "PartiallyFilled",
  "Filled",
  "PendingCancel",
  "Canceling",
  "CancelFilled",
  "PartiallyCanceled",
  "Rejected",
  "CancelRejected",
] as const;

/** Records polled per hft_*_poll call: one preallocated buffer of this many × HFT_EVENT_SIZE bytes per handle. */
export const DEFAULT_POLL_BATCH = 1024;

/**
 * Polls per event-loop turn before yielding with setImmediate, so a flood of market data cannot
 * starve timers and I/O. One (issue 22): the listeners' microtasks (EventEngine delivery) run only
 * when the turn ends, so every record of a turn stays alive until then; with 16 polls of 1,024
 * records the gateway's ticks outlived a scavenge and were promoted (major GCs). Measured with the
 * C peer flooding (hft-gateway bench/tick-rate.ts, same load): 16 → 140,617 ticks/s with 2.6 major
 * GCs and 171 ms of GC per 100k ticks; 1 → 241,546 ticks/s, no major GC, 58 ms.
 */
export const DEFAULT_MAX_POLLS_PER_TURN = 1;

/**
 * Busy-poll mode: how long one spin of the JS thread polls the rings without finding a record
 * before it yields to the event loop (timers, sockets, other handles) for one turn. Bounds what
 * busy polling adds to the latency of everything else on the thread (issue 22).
 */
export const BUSY_POLL_SLICE_MS = 0.1;

/** Environment variable naming the library to load. */
export const HFT_LIB_ENV = "TSGATE_HFT_LIB";

/** Environment variable that lets local test runs skip the ffi-napi backend when it is not installed. */
export const SKIP_FFI_NAPI_ENV = "TSGATE_SKIP_FFI_NAPI";

/** The bundled simulation library's file name without extension, under `build/`. */
export const BUNDLED_LIBRARY_BASENAME = "libhftsim";

/**
 * The test build of the simulation library (same sources with `HFTSIM_TEST_HOOKS`), under `build/`:
 * it adds `hft_md_test_emit` for tests and benchmarks. Never the default library.
 */
export const TEST_LIBRARY_BASENAME = "libhftsim-test";

/**
 * Where the Windows DLLs of the simulation library are, under `build/` (MinGW cross-build:
 * `node scripts/build-native.mjs --target win32-x64`, whose output directory this is).
 */
export const WIN32_BUILD_DIR = "win32-x64";

/** The npm package name, used to find the package root from dist/ or src/. */
export const PACKAGE_NAME = "@tsgate/hft-native";

/** The command that builds the bundled library, quoted in "library not found" errors. */
export const BUILD_COMMAND = "npm run build -w @tsgate/hft-native";

/**
 * The "ffi-napi" backend's packages: the maintained fork of ffi-napi/ref-napi (same API; the
 * original 4.0.3 is unmaintained and does not compile on Node 20 without -fpermissive).
 */
export const FFI_NAPI_PACKAGE = "@2060.io/ffi-napi";
export const REF_NAPI_PACKAGE = "@2060.io/ref-napi";

/** How the ffi-napi backend is installed, quoted in "backend unavailable" errors. */
export const FFI_NAPI_INSTALL_COMMAND = `npm install ${FFI_NAPI_PACKAGE} ${REF_NAPI_PACKAGE}`;
