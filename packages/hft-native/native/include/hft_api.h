/*
 * hft_api.h — tsgate's flat C ABI for the Guotai Junan HFT trading API and the SIP market-data API.
 *
 * Why a C ABI: the vendor ships C++ classes (HFT::TraderApi/TraderSpi, CSipMdApi/CSipMdSpi) that an
 * FFI cannot call. This header uses the vendor's vocabulary so that a shim over the real SDK
 * (native/vendor-shim/) is a thin mapping, and our simulation library (native/sim/) implements the
 * same ABI over the tsgate wire protocol (docs/protocol.md) against @tsgate/mock-server.
 *
 * ---------------------------------------------------------------------------------------------
 * CONVENTIONS
 *  - Prices and money amounts are int64 scaled by 10,000 (10.23 yuan -> 102300), as the vendor does.
 *  - Strings are fixed-size char[] fields, UTF-8, NUL-terminated (at most N-1 bytes of text).
 *    Trade symbols use the vendor form "SH.600000" / "SZ.000001"; market-data codes are "600000"
 *    with a separate market (1 = SH, 2 = SZ).
 *  - Structs have natural C alignment with explicit padding fields; their sizes are fixed by
 *    static asserts below, so an FFI can decode them at fixed offsets.
 *  - Every function returns an int32 error code (HFT_OK = 0, negative = failure) unless noted; the
 *    text of the calling thread's last error is hft_last_error().
 *  - Handles are opaque. hft_*_release() may be called once; the handle is invalid afterwards.
 *
 * THREADING CONTRACT
 *  - Requests (login, order, cancel, query, subscribe) never block on the network: they validate
 *    their arguments, copy them, queue them for the handle's writer thread and return.
 *    HFT_E_QUEUE_FULL is returned if the request queue (HFT_REQUEST_QUEUE_CAPACITY) is full.
 *  - Each handle owns its own threads: a network thread (connect, read, heartbeats, reconnect),
 *    a writer thread, and a notifier thread. Events are produced on those threads and written as
 *    fixed-size records (hft_event_t) into the handle's event ring.
 *  - Events cross into the host language in BATCHES: the caller drains the ring with
 *    hft_*_poll(), many records per call. To avoid busy polling, the caller registers a wake-up
 *    function (hft_*_set_wakeup). The notifier thread calls it when the ring becomes non-empty
 *    while the handle is "armed"; each call disarms the handle. After draining, the caller calls
 *    hft_*_arm(): if that returns > 0, events arrived in between and the caller must poll again
 *    (no lost wake-ups). Instead of the function, a POSIX host may watch a descriptor
 *    (hft_*_open_wakeup_fd): the producing thread writes one byte to it under the same protocol,
 *    with no notifier hop. The network threads never call into the host language, so a slow host
 *    does not stall heartbeats; batching happens naturally while the host is busy.
 *  - Ring full: controlled by hft_conn_config_t.overflow_policy.
 *      HFT_OVERFLOW_BLOCK (default): the producing thread waits until the host drains the ring.
 *        Nothing is lost; backpressure propagates to TCP. Time spent waiting does not count as
 *        peer silence for the heartbeat timeout.
 *      HFT_OVERFLOW_DROP_MARKET_DATA: market-data events (HFT_EV_MARKET_DATA) are dropped and
 *        counted; when space returns one HFT_EV_OVERFLOW event carries the number dropped. Every
 *        other event still blocks, so reports, responses and connection events are never lost.
 *  - hft_*_poll() and hft_*_arm() must be called from one thread at a time (the host's thread).
 *  - hft_*_release() stops and joins all the handle's threads, closes sockets and frees memory.
 *    It must not be called from inside the wake-up function. If the notifier is inside the
 *    wake-up (or event) function, release waits until that call returns, so no thread of the
 *    handle calls into the host after release: a host whose callbacks wait for the thread that
 *    calls release (an FFI that runs foreign-thread calls on the JS thread, as koffi and ffi-napi
 *    do) must call release from another thread.
 *
 * RECONNECT
 *  - After a login succeeded once, a dropped connection (peer closed, read error, heartbeat
 *    timeout, or a login/order/cancel/query unanswered for heartbeat_timeout_ms: a one-way loss
 *    of client -> server bytes) is followed by HFT_EV_DISCONNECTED (will_reconnect = 1) and automatic reconnects with
 *    exponential backoff (reconnect_min_ms doubling to reconnect_max_ms, with jitter), each
 *    announced by HFT_EV_CONNECTING. On reconnect the library logs in again with the same
 *    credentials, resubscribes market data, and resumes the trade report stream after the last
 *    report sequence it delivered. Reports are delivered exactly once and in reportSeq order
 *    (docs/protocol.md section 6). A login refused with a credential error stops reconnecting.
 *  - Before the first successful login, a failed connect (refused, unreachable, timeout) is
 *    reported as HFT_EV_DISCONNECTED with os_error and text, and retried with the same backoff
 *    unless connect_retries is exhausted.
 *  - Requests queued while disconnected are sent after re-login. A request written but not answered
 *    before the drop is resent after re-login (orders are idempotent by cl_order_id).
 * ---------------------------------------------------------------------------------------------
 */
#ifndef TSGATE_HFT_API_H
#define TSGATE_HFT_API_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define HFT_API __declspec(dllexport)
#else
#  define HFT_API __attribute__((visibility("default")))
#endif

/* ABI version: bumped on any incompatible change of a signature, struct or constant. */
#define HFT_ABI_VERSION 4 /* 2: hft_trader_cancel_orders; tick, lot and minimum in hft_base_info_t; 3: HFT_ORDER_IOC/AON;
                           4: HFT_ERROR_MSG_SIZE error texts, 640-byte event record */

/* ---- error codes (return values) ---- */
#define HFT_OK 0
#define HFT_E_INVALID_ARG (-1)   /* NULL pointer, string too long, value out of range */
#define HFT_E_STATE (-2)         /* e.g. order before login was requested, or handle released */
#define HFT_E_QUEUE_FULL (-3)    /* request queue full; try again later */
#define HFT_E_NOMEM (-4)
#define HFT_E_SYSTEM (-5)        /* thread or socket creation failed; see hft_last_error() */
#define HFT_E_UNSUPPORTED (-6)   /* not offered by this library (e.g. a whole-market securities query
                                    on the vendor SDK, whose base info comes from the market side) */

/* ---- enumerations (same numbers as the wire protocol) ---- */
#define HFT_ACCOUNT_STOCK 1

#define HFT_MARKET_SH 1
#define HFT_MARKET_SZ 2

#define HFT_SIDE_BID 1 /* buy */
#define HFT_SIDE_ASK 2 /* sell */
/* Reports only (vendor shim): a vendor side other than Bid/Ask (融券卖出 14, 卖券还款 21, ETF 申购
 * 17 / 赎回 18 ... : OrderSide in the vendor's hft_trader_def.h) arrives as this base + the vendor
 * number, so a host can name it and never reads it as a buy. Never valid in a request. */
#define HFT_SIDE_VENDOR_BASE 1000

#define HFT_ORDER_LMT 1  /* limit */
#define HFT_ORDER_B5TC 2 /* market: best five levels, then cancel the remainder (SSE, SZSE)   */
/* ABI 3: SZSE's market orders 即时成交剩余撤销 (IOC: against every opposite queue, the rest
 * cancelled) and 全额成交或撤销 (AON: filled in full at once, else cancelled whole); price 0.
 * SSE accepts neither (the broker rejects them). */
#define HFT_ORDER_IOC 3
#define HFT_ORDER_AON 4
/* Reports only (vendor shim): a vendor order type without an HFT_ORDER_* name (BOC 2, BOP 3,
 * B5TL 5 ...: OrderType in hft_trader_def.h) arrives as this base + the vendor number instead of
 * being read as a limit order. */
#define HFT_ORDER_VENDOR_BASE 1000

#define HFT_STATUS_PENDING_NEW 1
#define HFT_STATUS_NEW 2
#define HFT_STATUS_PARTIALLY_FILLED 3
#define HFT_STATUS_FILLED 4
#define HFT_STATUS_PENDING_CANCEL 5
#define HFT_STATUS_CANCELING 6
#define HFT_STATUS_CANCEL_FILLED 7
#define HFT_STATUS_PARTIALLY_CANCELED 8
#define HFT_STATUS_REJECTED 9
#define HFT_STATUS_CANCEL_REJECTED 10

#define HFT_QUERY_ORDERS 1
#define HFT_QUERY_TRADES 2
#define HFT_QUERY_POSITIONS 3
#define HFT_QUERY_CASH 4
#define HFT_QUERY_SECURITIES 5
#define HFT_QUERY_MAX_NUM 500
#define HFT_BATCH_CANCEL_MAX 500 /* the vendor's BatchCancelOrder limit */

#define HFT_OVERFLOW_BLOCK 0
#define HFT_OVERFLOW_DROP_MARKET_DATA 1

#define HFT_REQUEST_QUEUE_CAPACITY 65536

/* Size of every error text field of an event (error_msg, error and risk message), NUL included.
 * The vendor's texts are char256 = char[257] (hft_trader_common.h, vnpy/vnpy_hft 906fd5a, read
 * 2026-12-02): up to 256 bytes, GBK on Windows. 256 GBK bytes are at most 128 two-byte characters,
 * 3 bytes each in UTF-8 (4-byte GB18030 sequences stay 4 bytes), so 384 bytes of UTF-8 + NUL hold
 * any vendor text; rounded up to 392 so the 8-byte members after it need no hidden padding. Our
 * wire protocol's text fields stay 128 bytes (docs/protocol.md, WIRE_TEXT_SIZE in the sim). */
#define HFT_ERROR_MSG_SIZE 392

/* ---- event types ---- */
#define HFT_EV_CONNECTING 1       /* connecting or reconnecting (attempt number in .status)       */
#define HFT_EV_CONNECTED 2        /* TCP connected; login request sent                            */
#define HFT_EV_DISCONNECTED 3     /* connection lost or connect failed (.status)                  */
#define HFT_EV_LOGIN 4            /* trade login response (.login); header.error_code != 0 = fail */
#define HFT_EV_ERROR 5            /* error frame or library error (.error)                        */
#define HFT_EV_ORDER_RSP 10       /* immediate order answer (.order_rsp)                          */
#define HFT_EV_CANCEL_RSP 11      /* immediate cancel answer (.cancel_rsp)                        */
#define HFT_EV_ORDER_STATUS 12    /* order report, sequenced (.order)                             */
#define HFT_EV_TRADE_REPORT 13    /* trade report, sequenced (.trade)                             */
#define HFT_EV_RISK_NOTIFY 14     /* (.risk)                                                      */
#define HFT_EV_QUERY_ORDER 20     /* one record of an order query (.query_order)                  */
#define HFT_EV_QUERY_TRADE 21     /* (.query_trade)                                               */
#define HFT_EV_QUERY_POSITION 22  /* (.query_position)                                            */
#define HFT_EV_QUERY_CASH 23      /* (.query_cash)                                                */
#define HFT_EV_QUERY_SECURITY 24  /* (.query_security)                                            */
#define HFT_EV_QUERY_ERROR 25     /* a query failed (.query_error)                                */
#define HFT_EV_MD_LOGIN 30        /* market-data login response (.error carries the message)      */
#define HFT_EV_MD_SUBSCRIBE_RSP 31 /* (.sub_rsp)                                                  */
#define HFT_EV_MARKET_DATA 32     /* L1 snapshot with 5 levels (.md)                              */
#define HFT_EV_BASE_INFO 33       /* (.base_info)                                                 */
#define HFT_EV_OVERFLOW 40        /* market data dropped because the ring was full (.overflow)    */

/* header.flags */
#define HFT_EVF_PAGE_END 0x1 /* last record of a query page (next_pos_str is valid)                */
#define HFT_EVF_IS_LAST 0x2  /* last record of the whole query (server said is_last)               */
#define HFT_EVF_EMPTY 0x4    /* query page with no records: the record body is all zero            */
#define HFT_EVF_REPLAY 0x8   /* report replayed after a reconnect (still delivered exactly once)   */

/* ---- configuration ---- */
typedef struct hft_conn_config {
  char host[64];                 /* IPv4 address or host name                                     */
  uint16_t port;
  uint16_t _pad0;
  int32_t heartbeat_interval_ms; /* 0 = default 1000                                              */
  int32_t heartbeat_timeout_ms;  /* 0 = default 5000                                              */
  int32_t connect_timeout_ms;    /* 0 = default 3000                                              */
  int32_t reconnect_min_ms;      /* 0 = default 100                                               */
  int32_t reconnect_max_ms;      /* 0 = default 5000                                              */
  int32_t connect_retries;       /* before the first login: -1 = forever, 0 = default 3            */
  uint32_t event_capacity;       /* ring records, rounded up to a power of two; 0 = default 65536 */
  int32_t overflow_policy;       /* HFT_OVERFLOW_*                                                */
  int32_t _pad1;
} hft_conn_config_t; /* 104 bytes */

/* ---- requests ---- */
typedef struct hft_login_req {
  char account_id[32];    /* 交易用户名                                                       */
  char password[64];      /* 交易密码; the library never logs or echoes it                    */
  char cust_orgid[16];    /* 机构代号                                                         */
  char cust_branchid[16]; /* 营业部代号                                                       */
  char cl_system_id[32];  /* 网关                                                             */
  int32_t account_type;   /* HFT_ACCOUNT_STOCK                                                */
  int32_t _pad0;
} hft_login_req_t; /* 168 bytes */

typedef struct hft_order_req {
  char cl_order_id[32];
  char symbol[16];        /* SH.600000                                                        */
  int64_t volume;
  int64_t price;          /* x10,000; 0 for the market types (B5TC, IOC, AON)                  */
  int32_t order_type;     /* HFT_ORDER_*                                                      */
  int32_t side;           /* HFT_SIDE_*                                                       */
} hft_order_req_t; /* 72 bytes */

typedef struct hft_query_req {
  uint32_t request_id;    /* echoed in every event of this query                              */
  int32_t kind;           /* HFT_QUERY_*                                                      */
  char pos_str[32];       /* "" for the first page                                            */
  int32_t query_num;      /* 1..HFT_QUERY_MAX_NUM                                             */
  char symbol[16];        /* filter, "" for all                                               */
  int32_t _pad0;
} hft_query_req_t; /* 64 bytes */

/* ---- event payloads ---- */
typedef struct hft_status_info {
  int32_t os_error;       /* errno-style code of the cause (ECONNREFUSED...), 0 if none        */
  int32_t attempt;        /* reconnect attempt number, 0 for the first connect                 */
  int32_t will_reconnect; /* 1 if the library will retry                                       */
  int32_t _pad0;
  char message[192];      /* e.g. "connect to 127.0.0.1:8000 refused (ECONNREFUSED)"            */
} hft_status_info_t; /* 208 bytes */

typedef struct hft_error_info {
  int32_t ref_seq;
  int32_t _pad0;
  char message[HFT_ERROR_MSG_SIZE];
} hft_error_info_t; /* 400 bytes */

typedef struct hft_login_rsp {
  char error_msg[HFT_ERROR_MSG_SIZE];
  char account_id[32];
  uint32_t trading_day;   /* YYYYMMDD                                                          */
  uint32_t _pad0;
  uint64_t last_report_seq;
} hft_login_rsp_t; /* 440 bytes */

typedef struct hft_order_rsp {
  char cl_order_id[32];
  char order_id[32];
  char error_msg[HFT_ERROR_MSG_SIZE]; /* header.error_code is the rejection code               */
} hft_order_rsp_t; /* 456 bytes */

typedef struct hft_cancel_rsp {
  char order_id[32];
  char cl_order_id[32];
  char error_msg[HFT_ERROR_MSG_SIZE];
  int32_t status;         /* HFT_STATUS_CANCELING or HFT_STATUS_CANCEL_REJECTED                 */
  int32_t _pad0;
} hft_cancel_rsp_t; /* 464 bytes */

typedef struct hft_order_report {
  uint64_t report_seq;
  char order_id[32];
  char cl_order_id[32];
  char symbol[16];
  int32_t side;
  int32_t order_type;
  int32_t status;         /* HFT_STATUS_*                                                      */
  int32_t error_code;
  int64_t price;
  int64_t volume;
  int64_t filled_volume;
  int64_t filled_amount;
  int64_t canceled_volume;
  int64_t frozen_cash;
  char error_msg[HFT_ERROR_MSG_SIZE];
  uint32_t trading_day;
  uint32_t create_time;   /* HHMMSSmmm                                                         */
  uint32_t update_time;
  uint32_t _pad0;
} hft_order_report_t; /* 560 bytes */

typedef struct hft_trade_report {
  uint64_t report_seq;
  char trade_id[32];
  char order_id[32];
  char cl_order_id[32];
  char symbol[16];
  int32_t side;
  int32_t _pad0;
  int64_t price;
  int64_t volume;
  int64_t amount;
  int64_t fee;
  uint32_t trading_day;
  uint32_t trade_time;
} hft_trade_report_t; /* 168 bytes */

typedef struct hft_risk_notify {
  int32_t level;
  int32_t code;
  char message[HFT_ERROR_MSG_SIZE];
} hft_risk_notify_t; /* 400 bytes */

typedef struct hft_position {
  char symbol[16];
  int64_t volume;
  int64_t yd_volume;
  int64_t available_volume;
  int64_t frozen_volume;
  int64_t today_buy_volume;
  int64_t cost_amount;
  int64_t cost_price;
  int64_t last_price;
  int64_t market_value;
  int64_t pnl;
} hft_position_t; /* 96 bytes */

typedef struct hft_cash {
  char account_id[32];
  int64_t balance;
  int64_t available;
  int64_t frozen;
  int64_t market_value;
  int64_t total_asset;
  int64_t total_fee;
} hft_cash_t; /* 80 bytes */

typedef struct hft_security {
  char symbol[16];
  char name[64];
  int32_t security_type;  /* 1 stock, 2 fund, 3 ETF, 4 bond, 5 index                           */
  int32_t board;          /* 1 main, 2 ChiNext, 3 STAR, 4 ST                                   */
  int64_t pre_close;
  int64_t limit_up;
  int64_t limit_down;
  int64_t price_tick;
  int64_t lot_size;
  int64_t min_buy_volume;
} hft_security_t; /* 136 bytes */

/* Every query event carries the page cursor; records of one kind follow in the union. */
typedef struct hft_query_page {
  char next_pos_str[32];  /* valid with HFT_EVF_PAGE_END                                       */
} hft_query_page_t;

typedef struct hft_sub_rsp {
  int32_t action;         /* 1 subscribe, 2 unsubscribe                                        */
  int32_t market;
  int32_t count;          /* codes applied                                                     */
  int32_t _pad0;
  char error_msg[HFT_ERROR_MSG_SIZE];
} hft_sub_rsp_t; /* 408 bytes */

typedef struct hft_market_data {
  uint64_t md_seq;
  int32_t market;
  char code[8];
  uint32_t trading_day;
  uint32_t time;          /* HHMMSSmmm                                                         */
  uint32_t _pad0;
  int64_t pre_close;
  int64_t open;
  int64_t high;
  int64_t low;
  int64_t last;
  int64_t limit_up;
  int64_t limit_down;
  int64_t volume;
  int64_t turnover;
  int64_t bid_price[5];
  int64_t bid_volume[5];
  int64_t ask_price[5];
  int64_t ask_volume[5];
} hft_market_data_t; /* 264 bytes */

typedef struct hft_base_info {
  int32_t market;
  char code[8];
  char name[64];
  int32_t security_type;
  int64_t pre_close;
  int64_t limit_up;
  int64_t limit_down;
  /* ABI 2, from the exchange's base info where the feed has it (vendor SIP: SSE cpxx, SZSE
   * cash-auction parameters); 0 = not known (the simulation library's wire has none) */
  int64_t price_tick;     /* x10,000                                                           */
  int64_t lot_size;       /* buy quantities are multiples of this                               */
  int64_t min_buy_volume; /* smallest limit buy                                                 */
} hft_base_info_t; /* 128 bytes */

typedef struct hft_overflow_info {
  uint64_t dropped;       /* market-data events dropped since the previous overflow event       */
  uint64_t dropped_total;
} hft_overflow_info_t; /* 16 bytes */

/* ---- the event record ---- */
/* A multiple of 64 (cache lines) that holds the largest body, query_order (32 + 560), after the
 * 24-byte header. */
#define HFT_EVENT_SIZE 640

typedef struct hft_event_header {
  uint16_t type;          /* HFT_EV_*                                                          */
  uint16_t flags;         /* HFT_EVF_*                                                         */
  int32_t error_code;     /* 0, or the protocol / library error code                           */
  uint32_t request_id;    /* query request id, else 0                                          */
  uint32_t _pad0;
  uint64_t event_seq;     /* per-handle counter from 1: a gap means a bug, never expected       */
} hft_event_header_t; /* 24 bytes */

typedef struct hft_event {
  hft_event_header_t header;
  union {
    hft_status_info_t status;
    hft_error_info_t error;
    hft_login_rsp_t login;
    hft_order_rsp_t order_rsp;
    hft_cancel_rsp_t cancel_rsp;
    hft_order_report_t order;
    hft_trade_report_t trade;
    hft_risk_notify_t risk;
    struct { hft_query_page_t page; hft_order_report_t record; } query_order;
    struct { hft_query_page_t page; hft_trade_report_t record; } query_trade;
    struct { hft_query_page_t page; hft_position_t record; } query_position;
    struct { hft_query_page_t page; hft_cash_t record; } query_cash;
    struct { hft_query_page_t page; hft_security_t record; } query_security;
    struct { hft_query_page_t page; char error_msg[HFT_ERROR_MSG_SIZE]; } query_error;
    hft_sub_rsp_t sub_rsp;
    hft_market_data_t md;
    hft_base_info_t base_info;
    hft_overflow_info_t overflow;
    uint8_t raw[HFT_EVENT_SIZE - sizeof(hft_event_header_t)];
  } body;
} hft_event_t;

/* ---- library ---- */
HFT_API int32_t hft_abi_version(void);            /* returns HFT_ABI_VERSION of the build          */
HFT_API const char* hft_library_info(void);       /* e.g. "tsgate-sim 0.1.0 (abi 1)"               */
HFT_API const char* hft_last_error(void);         /* calling thread's last error text, never NULL  */
/* Size of each struct by name ("hft_event_t", "hft_market_data_t", ...), -1 if unknown, so an FFI
 * can check its layout at load time. */
HFT_API int32_t hft_struct_size(const char* name);

typedef void (*hft_wakeup_fn)(void* user_data);
/* Benchmark/comparison mode only: called once per event from the notifier thread, instead of
 * the ring + wake-up. The pointer is valid only during the call. */
typedef void (*hft_event_fn)(const hft_event_t* event, void* user_data);

/* Vendor shim only (the simulation library does not export it): process-wide SDK settings, set
 * before the first hft_trader_create. "terminal_info": the exchange-format terminal information
 * string passed to TraderApi::Login (穿透式监管); "log_path": the SDK's log directory
 * (TraderApi::SetLogConfig, once per process). HFT_E_INVALID_ARG for an unknown name. */
HFT_API int32_t hft_set_vendor_option(const char* name, const char* value);

/* ---- trading ---- */
typedef struct hft_trader hft_trader_t;

HFT_API hft_trader_t* hft_trader_create(const hft_conn_config_t* config); /* NULL on error          */
HFT_API int32_t hft_trader_set_wakeup(hft_trader_t* t, hft_wakeup_fn fn, void* user_data);
/* Wake-up without a callback (POSIX; issue 22): returns a descriptor that becomes readable when
 * the ring becomes non-empty while armed, written by the producing thread itself (no notifier
 * thread, no host call from a foreign thread). Same arm protocol as set_wakeup; from then on the
 * wake-up function is not called. The caller owns the descriptor (closes it; the bytes carry no
 * meaning, just read them away). >= 0: the descriptor; HFT_E_SYSTEM where unsupported (Windows). */
HFT_API int32_t hft_trader_open_wakeup_fd(hft_trader_t* t);
HFT_API int32_t hft_trader_set_event_callback(hft_trader_t* t, hft_event_fn fn, void* user_data);
HFT_API int32_t hft_trader_login(hft_trader_t* t, const hft_login_req_t* req); /* connect + login  */
HFT_API int32_t hft_trader_order(hft_trader_t* t, const hft_order_req_t* req);
/* Latency (issue 22): hft_trader_order_deferred checks and queues an order like hft_trader_order
 * (same return codes) but sends nothing and wakes no thread; hft_trader_flush then sends every
 * queued request on the calling thread (one non-blocking send each, as hft_trader_order does when
 * the connection is idle) and hands what it cannot send to the writer thread. A host calls flush
 * once after a burst (e.g. after the handlers of one batch of events ran), so the order call
 * itself costs no system call. Unflushed requests go out on the writer's next round (at the
 * latest after heartbeat_interval_ms). Older libraries lack them; the vendor shim's deferred order
 * is its order (the SDK's threads send it) and its flush does nothing. */
HFT_API int32_t hft_trader_order_deferred(hft_trader_t* t, const hft_order_req_t* req);
HFT_API int32_t hft_trader_flush(hft_trader_t* t);
HFT_API int32_t hft_trader_cancel_order(hft_trader_t* t, const char* order_id, const char* cl_order_id);
/* Batch cancel (TraderApi::BatchCancelOrder on the vendor path): `count` (1..HFT_BATCH_CANCEL_MAX)
 * consecutive char[32] server order ids. Every id is checked before any is sent; each answer is its
 * own HFT_EV_CANCEL_RSP. Cancel-all for a cash account is a batch of its active orders (the
 * vendor's BatchCancelAllOrder is for credit accounts only). */
HFT_API int32_t hft_trader_cancel_orders(hft_trader_t* t, const char* order_ids, int32_t count);
HFT_API int32_t hft_trader_query(hft_trader_t* t, const hft_query_req_t* req);
HFT_API int32_t hft_trader_poll(hft_trader_t* t, hft_event_t* out, int32_t max_events); /* >= 0: count */
HFT_API int32_t hft_trader_arm(hft_trader_t* t);  /* >= 0: events pending (poll again if > 0)     */
HFT_API void hft_trader_release(hft_trader_t* t);

/* ---- market data ---- */
typedef struct hft_md hft_md_t;

HFT_API hft_md_t* hft_md_create(const hft_conn_config_t* config);
HFT_API int32_t hft_md_set_wakeup(hft_md_t* m, hft_wakeup_fn fn, void* user_data);
HFT_API int32_t hft_md_open_wakeup_fd(hft_md_t* m); /* as hft_trader_open_wakeup_fd */
HFT_API int32_t hft_md_set_event_callback(hft_md_t* m, hft_event_fn fn, void* user_data);
HFT_API int32_t hft_md_login(hft_md_t* m, const char* user, const char* password);
/* codes: `count` consecutive char[8] codes ("600000\0\0"), 1..1000 per call */
HFT_API int32_t hft_md_subscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count);
HFT_API int32_t hft_md_unsubscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count);
HFT_API int32_t hft_md_poll(hft_md_t* m, hft_event_t* out, int32_t max_events);
HFT_API int32_t hft_md_arm(hft_md_t* m);
HFT_API void hft_md_release(hft_md_t* m);

/* ---- test and benchmark hooks (not part of the vendor mapping) ---- */
/* Makes the handle's producer thread emit `count` synthetic HFT_EV_MARKET_DATA events (md_seq
 * 1..count, code "BENCH") as fast as the ring allows, so native -> host delivery can be measured
 * without a network. Exported only by the test build of the simulation library
 * (build/libhftsim-test.so, compiled with HFTSIM_TEST_HOOKS), never by the production library. */
HFT_API int32_t hft_md_test_emit(hft_md_t* m, uint32_t count);
/* A trivial call for measuring the FFI's per-call cost. */
HFT_API int32_t hft_noop(int32_t x);

#ifdef __cplusplus
} /* extern "C" */
#endif

/* ---- layout checks ---- */
#ifndef __cplusplus
_Static_assert(sizeof(hft_conn_config_t) == 104, "hft_conn_config_t size");
_Static_assert(sizeof(hft_login_req_t) == 168, "hft_login_req_t size");
_Static_assert(sizeof(hft_order_req_t) == 72, "hft_order_req_t size");
_Static_assert(sizeof(hft_query_req_t) == 64, "hft_query_req_t size");
_Static_assert(sizeof(hft_status_info_t) == 208, "hft_status_info_t size");
_Static_assert(sizeof(hft_error_info_t) == 400, "hft_error_info_t size");
_Static_assert(sizeof(hft_login_rsp_t) == 440, "hft_login_rsp_t size");
_Static_assert(sizeof(hft_order_rsp_t) == 456, "hft_order_rsp_t size");
_Static_assert(sizeof(hft_cancel_rsp_t) == 464, "hft_cancel_rsp_t size");
_Static_assert(sizeof(hft_order_report_t) == 560, "hft_order_report_t size");
_Static_assert(sizeof(hft_risk_notify_t) == 400, "hft_risk_notify_t size");
_Static_assert(sizeof(hft_sub_rsp_t) == 408, "hft_sub_rsp_t size");
_Static_assert(sizeof(hft_trade_report_t) == 168, "hft_trade_report_t size");
_Static_assert(sizeof(hft_position_t) == 96, "hft_position_t size");
_Static_assert(sizeof(hft_cash_t) == 80, "hft_cash_t size");
_Static_assert(sizeof(hft_security_t) == 136, "hft_security_t size");
_Static_assert(sizeof(hft_market_data_t) == 264, "hft_market_data_t size");
_Static_assert(sizeof(hft_base_info_t) == 128, "hft_base_info_t size");
_Static_assert(sizeof(hft_event_header_t) == 24, "hft_event_header_t size");
_Static_assert(sizeof(hft_event_t) == HFT_EVENT_SIZE, "hft_event_t size");
_Static_assert(HFT_EVENT_SIZE % 64 == 0, "event records are whole cache lines");
#endif

#endif /* TSGATE_HFT_API_H */
