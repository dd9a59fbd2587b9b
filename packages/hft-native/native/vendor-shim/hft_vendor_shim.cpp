/*
 * hft_vendor_shim.cpp — implements tsgate's flat C ABI (include/hft_api.h) over the vendor's C++
 * SDKs: HFT::TraderApi / HFT::TraderSpi (trading) and api::CSipMdApi / api::CSipMdSpi (market
 * data). SPI callbacks arrive on the SDKs' own threads; they translate each callback into the same
 * fixed-size hft_event_t records the simulation library produces and append them to the handle's
 * event ring (sim/ring.c, shared), so the TypeScript side is identical for both libraries.
 *
 * Verified without the vendor: built against the vendor-SDK double (native/vendor-double/, our
 * declarations written from the vendor headers in vnpy/vnpy_hft 906fd5a, read 2026-12-02) into
 * build/libhftvendor.so and run through the gateway's e2e tests against the mock servers; and
 * compiled against the real headers with g++ and MinGW (docs/real-broker.md). What only a broker
 * can verify is listed there.
 *
 * Differences from the simulation library that the host must know:
 *  - No report sequence numbers in the vendor API: report_seq is always 0 (unsequenced) and
 *    HFT_EVF_REPLAY is never set on reports. The SDK reconnects and logs in again by itself; after
 *    every re-login (HFT_EV_LOGIN with HFT_EVF_REPLAY) the host must re-query orders and trades and
 *    reconcile (trades deduplicated by trade id, order states from the broker's answer).
 *  - Strings from the SDK are GBK on Windows; they are converted to UTF-8 here.
 *  - Field widths differ (vendor char16 account/password = 16 bytes of text): longer values are
 *    rejected with HFT_E_INVALID_ARG naming the field instead of being truncated.
 *  - hft_md_login runs Initialize()+Login() on a worker thread because the SIP Login() call is
 *    synchronous; the result arrives as HFT_EV_MD_LOGIN. SIP has no re-login callback: the first
 *    callback after a disconnect is reported as HFT_EV_CONNECTED + HFT_EV_MD_LOGIN (REPLAY).
 *  - A credit (margin) account is refused at login (HFT_E_INVALID_ARG): its sides and queries are
 *    not mapped.
 */
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hft_trader_api.h"    // vendor: namespace HFT
#include "hft_trader_error.h"  // vendor: error codes
#include "isipuix.h"           // vendor: namespace api

extern "C" {
#include "hft_api.h"
#include "config.h"
#include "last_error.h"
#include "ring.h"
#include "utf8_cut.h"
}

#if defined(_WIN32)
#  include <windows.h>
#endif

namespace {

/* ---- helpers ---- */

/* Length of a vendor text field that may fill its array without a NUL. */
size_t field_len(const char* s, size_t cap) {
  size_t n = 0;
  while (n < cap && s[n]) n++;
  return n;
}

/* GBK (code page 936) on Windows, UTF-8 elsewhere -> UTF-8, NUL-terminated, cut at a character
 * boundary to fit. The event's error texts (HFT_ERROR_MSG_SIZE) hold a whole vendor char256 text;
 * names and other narrower fields are cut. */
void to_utf8(char* dst, size_t dstlen, const char* src, size_t srclen) {
  dst[0] = 0;
  size_t n = field_len(src, srclen);
#if defined(_WIN32)
  wchar_t wide[1024];
  int wn = MultiByteToWideChar(936, 0, src, (int)n, wide, 1023);
  if (wn <= 0) return;
  /* drop whole characters from the end until the UTF-8 fits: WideCharToMultiByte never writes a
   * partial sequence (it fails instead), and a surrogate pair is dropped as one character */
  int un = WideCharToMultiByte(CP_UTF8, 0, wide, wn, dst, (int)dstlen - 1, NULL, NULL);
  while (un == 0 && wn > 0) {
    wn--;
    if (wn > 0 && wide[wn - 1] >= 0xD800 && wide[wn - 1] <= 0xDBFF) wn--;
    un = wn > 0 ? WideCharToMultiByte(CP_UTF8, 0, wide, wn, dst, (int)dstlen - 1, NULL, NULL) : 0;
  }
  dst[un > 0 ? un : 0] = 0;
#else
  size_t m = utf8_cut(src, n, dstlen - 1);
  memcpy(dst, src, m);
  dst[m] = 0;
#endif
}

template <size_t N, size_t M>
void to_utf8(char (&dst)[N], const char (&src)[M]) {
  to_utf8(dst, N, src, M);
}

/* ASCII id/symbol field -> field (both fixed arrays; the destination is always terminated). */
template <size_t N, size_t M>
void copy_field(char (&dst)[N], const char (&src)[M]) {
  size_t n = field_len(src, M);
  if (n > N - 1) n = N - 1;
  memcpy(dst, src, n);
  dst[n] = 0;
}

/* NUL-terminated ABI text -> vendor field; false if it does not fit. */
template <size_t N>
bool put_field(char (&dst)[N], const char* src) {
  size_t n = strlen(src ? src : "");
  if (n > N - 1) return false;
  memcpy(dst, src ? src : "", n);
  dst[n] = 0;
  return true;
}

void event_init(hft_event_t* ev, uint16_t type) {
  memset(ev, 0, sizeof *ev);
  ev->header.type = type;
}

void push(ring_t* ring, const hft_event_t& ev) { ring_push(ring, &ev, 1, NULL); }

/* Today's date on the exchanges' calendar (Beijing time, UTC+8 all year) as YYYYMMDD: neither
 * LoginRsp nor a SIP tick carries a date, and the machine's own time zone need not be China's
 * (on a UTC machine the local date is the day before from 16:00 to 24:00 UTC). */
uint32_t exchange_yyyymmdd() {
  const time_t t = time(NULL) + 8 * 3600;
  struct tm tmv;
#if defined(_WIN32)
  gmtime_s(&tmv, &t);
#else
  gmtime_r(&t, &tmv);
#endif
  return (uint32_t)((tmv.tm_year + 1900) * 10000 + (tmv.tm_mon + 1) * 100 + tmv.tm_mday);
}

/* ---- order types and sides (vendor hft_trader_def.h OrderType / OrderSide) ---- */

/* ABI order type -> vendor OrderType, 0 if the ABI value is unknown. */
int vendor_order_type(int32_t abi) {
  switch (abi) {
    case HFT_ORDER_LMT: return HFT::OrderType_LMT;
    case HFT_ORDER_B5TC: return HFT::OrderType_B5TC;
    case HFT_ORDER_IOC: return HFT::OrderType_IOC;
    case HFT_ORDER_AON: return HFT::OrderType_AON;
    default: return 0;
  }
}

/* Vendor OrderType -> ABI; vendor types without an ABI name pass through as HFT_ORDER_VENDOR_BASE
 * + the vendor number, so the host names them instead of reading them as limit orders. */
int32_t abi_order_type(int vendor) {
  switch (vendor) {
    case HFT::OrderType_LMT: return HFT_ORDER_LMT;
    case HFT::OrderType_B5TC: return HFT_ORDER_B5TC;
    case HFT::OrderType_IOC: return HFT_ORDER_IOC;
    case HFT::OrderType_AON: return HFT_ORDER_AON;
    default: return HFT_ORDER_VENDOR_BASE + vendor;
  }
}

/* Vendor OrderSide -> ABI side: Bid/Ask as such, every other side (融券卖出, 卖券还款, ETF
 * 申购/赎回 ...) as HFT_SIDE_VENDOR_BASE + the vendor number, never as a buy. */
int32_t abi_side(int vendor) {
  switch (vendor) {
    case HFT::OrderSide_Bid: return HFT_SIDE_BID;
    case HFT::OrderSide_Ask: return HFT_SIDE_ASK;
    default: return HFT_SIDE_VENDOR_BASE + vendor;
  }
}

/* SecurityTypeDetail -> ABI security type (1 stock, 2 fund, 3 ETF, 4 bond). */
int32_t abi_security_type(int32_t vendor) {
  if (vendor >= 5 && vendor <= 11) return 4;  /* 国债 ... 证券公司次级债 */
  if (vendor >= 14 && vendor <= 22) return 3; /* ETFs */
  if (vendor >= 23 && vendor <= 26) return 2; /* LOF, graded, closed-end, subscription-only funds */
  return 1;
}

int32_t board_of(const char* code) {
  return strncmp(code, "300", 3) == 0 || strncmp(code, "301", 3) == 0 ? 2 : strncmp(code, "688", 3) == 0 ? 3 : 1;
}

/* HFT::SecurityBaseInfo.buy_tick is the buy unit in shares scaled by 10,000 like a price
 * (hft_trader_struct.h): 100 shares arrive as 1,000,000. */
const int64_t kQuantityScale = 10000;

struct PendingQuery {
  uint32_t user_request_id;
  int32_t kind;
  int32_t query_num;
  int32_t records;
};

/* What a cancel must repeat of the original order (CancelReq's counter-specific fields). */
struct OrderFacts {
  char symbol[33];
  int16_t order_type;
  int16_t side;
  int64_t volume;
  int64_t price;
  int64_t traded; /* from trade reports: pushes may carry no filled_volume */
};

}  // namespace

/* ============================== trading ============================== */

struct hft_trader : public HFT::TraderSpi {
  hft_conn_config_t cfg;
  ring_t* ring = nullptr;
  HFT::TraderApi* api = nullptr;
  std::mutex mu;
  std::map<int, PendingQuery> queries; /* vendor request id -> query */
  std::map<std::string, OrderFacts> orders; /* order_id -> facts */
  std::map<std::string, OrderFacts> sent;   /* cl_order_id -> facts until the order id is known */
  std::atomic<int> next_request_id{1};
  std::atomic<bool> logged_in{false};
  std::atomic<bool> dropped{false};

  /* ---- SPI ---- */
  void OnDisconnect() override {
    logged_in = false;
    dropped = true;
    hft_event_t ev;
    event_init(&ev, HFT_EV_DISCONNECTED);
    ev.body.status.will_reconnect = 1; /* the SDK reconnects by itself */
    snprintf(ev.body.status.message, sizeof ev.body.status.message,
             "trade connection to %s:%u lost (reported by the vendor SDK, which reconnects)", cfg.host,
             (unsigned)cfg.port);
    push(ring, ev);
    event_init(&ev, HFT_EV_CONNECTING);
    ev.body.status.attempt = 1;
    ev.body.status.will_reconnect = 1;
    snprintf(ev.body.status.message, sizeof ev.body.status.message, "reconnecting to trade server %s:%u (vendor SDK)",
             cfg.host, (unsigned)cfg.port);
    push(ring, ev);
  }

  void OnError(HFT::ErrorInfo* e, int request_id) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_ERROR);
    ev.header.error_code = e ? e->err_code : 0;
    ev.body.error.ref_seq = request_id;
    if (e) to_utf8(ev.body.error.message, e->err_msg);
    push(ring, ev);
  }

  void OnRiskNotify(HFT::RiskNotify* r) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_RISK_NOTIFY);
    ev.body.risk.level = 2; /* the SDK gives a status text, not a level */
    if (r) to_utf8(ev.body.risk.message, r->alarm_msg);
    push(ring, ev);
  }

  void OnLogin(HFT::LoginRsp* rsp, HFT::ErrorInfo* e) override {
    const int code = e ? e->err_code : 0;
    const bool relogin = code == 0 && dropped.exchange(false);
    hft_event_t ev;
    if (code == 0) {
      event_init(&ev, HFT_EV_CONNECTED);
      snprintf(ev.body.status.message, sizeof ev.body.status.message, "connected to trade server %s:%u (vendor SDK)",
               cfg.host, (unsigned)cfg.port);
      push(ring, ev);
    }
    event_init(&ev, HFT_EV_LOGIN);
    ev.header.error_code = code;
    /* after a re-login the host must re-query orders and trades: there is no report resume */
    if (relogin) ev.header.flags = HFT_EVF_REPLAY;
    if (e) to_utf8(ev.body.login.error_msg, e->err_msg);
    if (rsp) copy_field(ev.body.login.account_id, rsp->account_id);
    ev.body.login.trading_day = exchange_yyyymmdd(); /* LoginRsp has no trading day */
    if (code == 0) logged_in = true;
    push(ring, ev);
  }

  /* Remembers what a later cancel must repeat; returns the order's traded volume so far. */
  int64_t learn_order(const HFT::OrderDetail& d) {
    std::lock_guard<std::mutex> lock(mu);
    std::string id(d.order_id, field_len(d.order_id, sizeof d.order_id));
    auto it = orders.find(id);
    if (it == orders.end()) {
      OrderFacts f{};
      auto s = sent.find(std::string(d.cl_order_id, field_len(d.cl_order_id, sizeof d.cl_order_id)));
      if (s != sent.end()) {
        f = s->second;
        sent.erase(s);
      }
      copy_field(f.symbol, d.symbol);
      f.order_type = d.order_type;
      f.side = d.side;
      f.volume = d.volume;
      f.price = d.price;
      it = orders.emplace(id, f).first;
    }
    return it->second.traded;
  }

  void fill_order(hft_order_report_t& o, const HFT::OrderDetail& d, int64_t traded) {
    copy_field(o.order_id, d.order_id);
    copy_field(o.cl_order_id, d.cl_order_id);
    copy_field(o.symbol, d.symbol);
    o.side = abi_side(d.side);
    o.order_type = abi_order_type(d.order_type);
    o.status = d.order_status;
    o.price = d.price;
    o.volume = d.volume;
    /* pushes on most counters leave filled_volume/filled_turnover empty (hft_trader_struct.h):
     * fall back to the trade reports seen, and to the whole volume once Filled */
    o.filled_volume = d.filled_volume;
    if (o.filled_volume == 0) o.filled_volume = d.order_status == HFT::OrderStatus_Filled ? d.volume : traded;
    o.filled_amount = d.filled_turnover;
    o.canceled_volume = d.cancel_volume;
    o.frozen_cash = d.freeze_amount;
    o.error_code = d.err_code;
    to_utf8(o.error_msg, d.err_msg);
    o.trading_day = (uint32_t)d.order_date;
    o.create_time = (uint32_t)d.order_time;
    o.update_time = (uint32_t)d.order_time;
  }

  static void fill_trade(hft_trade_report_t& t, const HFT::TradeDetail& d) {
    copy_field(t.trade_id, d.report_no);
    copy_field(t.order_id, d.order_id);
    copy_field(t.cl_order_id, d.cl_order_id);
    copy_field(t.symbol, d.symbol);
    t.side = abi_side(d.side);
    t.price = d.price;
    t.volume = d.volume;
    t.amount = d.turnover;
    t.fee = 0; /* not reported by the SDK */
    t.trading_day = (uint32_t)d.trade_date;
    t.trade_time = (uint32_t)d.trade_time;
  }

  void OnOrderStatus(HFT::OrderDetail* d) override {
    if (!d) return;
    /* a cancel request is an order of its own at the counter; its status says nothing new about
     * the original, which gets its own push (cancel_flag, orig_order_id: hft_trader_struct.h) */
    if (d->cancel_flag == HFT::CancelFlag_True || d->orig_order_id[0]) return;
    const int64_t traded = learn_order(*d);
    hft_event_t ev;
    event_init(&ev, HFT_EV_ORDER_STATUS);
    fill_order(ev.body.order, *d, traded);
    ev.header.error_code = d->err_code;
    push(ring, ev);
  }

  void OnTradeReport(HFT::TradeDetail* d) override {
    if (!d || d->report_type != HFT::TradeReportType_Normal) return; /* cancel/abolish reports: see order status */
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = orders.find(std::string(d->order_id, field_len(d->order_id, sizeof d->order_id)));
      if (it != orders.end()) it->second.traded += d->volume;
    }
    hft_event_t ev;
    event_init(&ev, HFT_EV_TRADE_REPORT);
    fill_trade(ev.body.trade, *d);
    push(ring, ev);
  }

  void OnOrderRsp(HFT::OrderRsp* r, HFT::ErrorInfo* e, int, bool) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_ORDER_RSP);
    ev.header.error_code = e ? e->err_code : 0;
    if (r) {
      copy_field(ev.body.order_rsp.cl_order_id, r->cl_order_id);
      copy_field(ev.body.order_rsp.order_id, r->order_id);
      if (r->order_id[0]) {
        std::lock_guard<std::mutex> lock(mu);
        auto s = sent.find(ev.body.order_rsp.cl_order_id);
        if (s != sent.end()) {
          orders.emplace(ev.body.order_rsp.order_id, s->second);
          sent.erase(s);
        }
      }
    }
    if (e) to_utf8(ev.body.order_rsp.error_msg, e->err_msg);
    push(ring, ev);
  }

  void OnCancelRsp(HFT::CancelRsp* r, HFT::ErrorInfo* e, int, bool) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_CANCEL_RSP);
    ev.header.error_code = e ? e->err_code : 0;
    ev.body.cancel_rsp.status = ev.header.error_code ? HFT_STATUS_CANCEL_REJECTED : HFT_STATUS_CANCELING;
    if (r) {
      copy_field(ev.body.cancel_rsp.order_id, r->order_id);
      copy_field(ev.body.cancel_rsp.cl_order_id, r->cl_order_id);
    }
    if (e) to_utf8(ev.body.cancel_rsp.error_msg, e->err_msg);
    push(ring, ev);
  }

  /* One query callback = one record (or one error). The vendor's is_last ends the page; the query
   * is complete (IS_LAST) when the page held fewer records than asked for. "No data" (14020), and
   * the one blank record some counters send instead, are an empty page. */
  template <typename Fill>
  void query_record(uint16_t type, HFT::ErrorInfo* e, int request_id, bool is_last, const char* pos_str, bool blank,
                    Fill fill) {
    PendingQuery q{};
    {
      std::lock_guard<std::mutex> lock(mu);
      auto it = queries.find(request_id);
      if (it == queries.end()) return;
      q = it->second;
      if (is_last) queries.erase(it);
      else it->second.records++;
    }
    hft_event_t ev;
    event_init(&ev, type);
    ev.header.request_id = q.user_request_id;
    int code = e ? e->err_code : 0;
    if (code == ERR_HFT_TRADER_NO_DATA || (code == 0 && blank)) {
      ev.header.flags = HFT_EVF_EMPTY | HFT_EVF_PAGE_END | HFT_EVF_IS_LAST;
    } else if (code != 0) {
      ev.header.type = HFT_EV_QUERY_ERROR;
      ev.header.error_code = code;
      ev.header.flags = HFT_EVF_PAGE_END | HFT_EVF_IS_LAST;
      to_utf8(ev.body.query_error.error_msg, e->err_msg);
    } else {
      fill(ev);
      if (is_last) {
        ev.header.flags |= HFT_EVF_PAGE_END;
        if (q.records + 1 < q.query_num) ev.header.flags |= HFT_EVF_IS_LAST;
      }
    }
    if (is_last && pos_str && !(ev.header.flags & HFT_EVF_EMPTY)) {
      size_t n = strlen(pos_str);
      if (n >= sizeof ev.body.query_order.page.next_pos_str) n = sizeof ev.body.query_order.page.next_pos_str - 1;
      memcpy(ev.body.query_order.page.next_pos_str, pos_str, n);
    }
    push(ring, ev);
  }

  void OnQueryOrderRsp(HFT::OrderDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    const bool blank = !d || !d->order_id[0];
    if (d && !blank && d->cancel_flag == HFT::CancelFlag_True) {
      /* a cancel request in the order list: not an order of the host's; end the page if it was last */
      if (!last) {
        std::lock_guard<std::mutex> lock(mu);
        auto it = queries.find(id);
        if (it != queries.end()) it->second.records++;
        return;
      }
    }
    query_record(HFT_EV_QUERY_ORDER, e, id, last, pos, blank, [&](hft_event_t& ev) {
      if (d->cancel_flag == HFT::CancelFlag_True) {
        ev.header.flags |= HFT_EVF_EMPTY; /* the last record of the page was a cancel request */
        return;
      }
      fill_order(ev.body.query_order.record, *d, learn_order(*d));
    });
  }

  void OnQueryTradeRsp(HFT::TradeDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    query_record(HFT_EV_QUERY_TRADE, e, id, last, pos, !d || !d->report_no[0],
                 [&](hft_event_t& ev) { fill_trade(ev.body.query_trade.record, *d); });
  }

  void OnQueryPositionRsp(HFT::PositionDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    query_record(HFT_EV_QUERY_POSITION, e, id, last, pos, !d || !d->symbol[0], [&](hft_event_t& ev) {
      hft_position_t& p = ev.body.query_position.record;
      copy_field(p.symbol, d->symbol);
      p.volume = d->volume;
      p.yd_volume = d->init_volume;
      p.available_volume = d->avail_volume;
      p.frozen_volume = d->freeze_volume;
      p.today_buy_volume = d->today_buy_volume;
      p.cost_amount = d->buy_cost;
      p.cost_price = d->cost_price;
      p.last_price = d->last_price;
      p.market_value = d->market_value;
      p.pnl = d->income;
    });
  }

  void OnQueryCashRsp(HFT::CashDetail* d, HFT::ErrorInfo* e, int id) override {
    /* a single record: the page and the query end here */
    query_record(HFT_EV_QUERY_CASH, e, id, true, "", !d, [&](hft_event_t& ev) {
      ev.header.flags |= HFT_EVF_IS_LAST;
      hft_cash_t& c = ev.body.query_cash.record;
      copy_field(c.account_id, d->account_id);
      c.balance = d->total_amount;
      c.available = d->avail_amount;
      c.frozen = d->total_amount - d->avail_amount;
      c.market_value = d->market_value;
      c.total_asset = d->total_asset;
      c.total_fee = 0;
    });
  }

  void OnQuerySecurityBaseInfoRsp(HFT::SecurityBaseInfo* d, HFT::ErrorInfo* e, int id, bool last) override {
    query_record(HFT_EV_QUERY_SECURITY, e, id, last, "", !d || !d->symbol[0], [&](hft_event_t& ev) {
      hft_security_t& s = ev.body.query_security.record;
      copy_field(s.symbol, d->symbol);
      to_utf8(s.name, d->name);
      s.security_type = abi_security_type(d->security_type);
      const char* code = strchr(s.symbol, '.');
      s.board = board_of(code ? code + 1 : s.symbol);
      s.limit_up = d->limit_up;
      s.limit_down = d->limit_down;
      s.price_tick = d->price_tick;
      s.lot_size = d->buy_tick / kQuantityScale;
      s.min_buy_volume = d->min_qty;
      if (last) ev.header.flags |= HFT_EVF_IS_LAST;
    });
  }
};

namespace {

/* The SDK-wide settings of hft_set_vendor_option, applied before the first CreateTraderApi. */
std::mutex g_option_mu;
std::string g_terminal_info;
std::string g_log_path;
bool g_log_config_done = false;

int32_t vendor_error(HFT::TraderApi* api, const char* what) {
  HFT::ErrorInfo* e = api->GetApiLastError();
  char msg[HFT_ERROR_MSG_SIZE];
  if (e) to_utf8(msg, sizeof msg, e->err_msg, sizeof e->err_msg);
  else msg[0] = 0;
  return set_error(HFT_E_SYSTEM, "%s failed: %s (vendor code %d)", what, msg, e ? e->err_code : 0);
}

}  // namespace

extern "C" {

HFT_API int32_t hft_set_vendor_option(const char* name, const char* value) {
  if (!name || !value) return set_error(HFT_E_INVALID_ARG, "option name or value is NULL");
  std::lock_guard<std::mutex> lock(g_option_mu);
  if (strcmp(name, "terminal_info") == 0) g_terminal_info = value;
  else if (strcmp(name, "log_path") == 0) {
    if (g_log_config_done && g_log_path != value)
      return set_error(HFT_E_STATE, "log_path: the vendor SDK takes its log path once per process (already '%s')",
                       g_log_path.c_str());
    g_log_path = value;
  } else
    return set_error(HFT_E_INVALID_ARG, "unknown vendor option '%s' (terminal_info, log_path)", name);
  return HFT_OK;
}

HFT_API hft_trader_t* hft_trader_create(const hft_conn_config_t* config) {
  hft_conn_config_t cfg;
  if (config_resolve(config, &cfg) != HFT_OK) return nullptr;
  hft_trader_t* t = new (std::nothrow) hft_trader_t();
  if (!t) {
    set_error(HFT_E_NOMEM, "out of memory creating the trader handle");
    return nullptr;
  }
  t->cfg = cfg;
  char err[192];
  t->ring = ring_create(cfg.event_capacity, cfg.overflow_policy, err, sizeof err);
  if (!t->ring) {
    set_error(HFT_E_SYSTEM, "%s", err);
    delete t;
    return nullptr;
  }
  {
    /* SetLogConfig: once, before CreateTraderApi (hft_trader_api.h) */
    std::lock_guard<std::mutex> lock(g_option_mu);
    if (!g_log_config_done && !g_log_path.empty()) {
      HFT::TraderApi::SetLogConfig(g_log_path.c_str(), HFT::LogLevel_Info);
      g_log_config_done = true;
    }
  }
  /* SDK-wide settings; seconds, minimum 5 and 6 s in the SDK */
  int min_s = cfg.reconnect_min_ms / 1000 < 5 ? 5 : cfg.reconnect_min_ms / 1000;
  int max_s = cfg.reconnect_max_ms / 1000 < 6 ? 6 : cfg.reconnect_max_ms / 1000;
  HFT::TraderApi::SetReconnectConfig(1000000, min_s, max_s);
  t->api = HFT::TraderApi::CreateTraderApi();
  if (!t->api) {
    set_error(HFT_E_SYSTEM, "HFT::TraderApi::CreateTraderApi failed");
    ring_release(t->ring);
    delete t;
    return nullptr;
  }
  t->api->RegisterSpi(t);
  return t;
}

HFT_API int32_t hft_trader_set_wakeup(hft_trader_t* t, hft_wakeup_fn fn, void* ud) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  ring_set_wakeup(t->ring, fn, ud);
  return HFT_OK;
}

HFT_API int32_t hft_trader_open_wakeup_fd(hft_trader_t* t) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  char err[160];
  int fd = ring_open_wakeup_fd(t->ring, err, sizeof err);
  return fd < 0 ? set_error(HFT_E_SYSTEM, "%s", err) : fd;
}

HFT_API int32_t hft_trader_set_event_callback(hft_trader_t* t, hft_event_fn fn, void* ud) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  ring_set_event_callback(t->ring, fn, ud);
  return HFT_OK;
}

HFT_API int32_t hft_trader_login(hft_trader_t* t, const hft_login_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or login request is NULL");
  if (req->account_type == HFT::AccountType_Margin)
    return set_error(HFT_E_INVALID_ARG,
                     "account_type 4 (credit / margin account) is not supported by this shim: its sides "
                     "(融资买入, 融券卖出 ...) and queries are not mapped");
  if (req->account_type != HFT::AccountType_Stock)
    return set_error(HFT_E_INVALID_ARG, "account_type %d is not supported: use 1 (cash stock account)",
                     (int)req->account_type);
  HFT::AccountInfo acc;
  memset(&acc, 0, sizeof acc);
  /* the vendor's field sizes (AccountInfo in hft_trader_struct.h): 16/16/8/8/40 bytes of text */
  if (!put_field(acc.account_id, req->account_id))
    return set_error(HFT_E_INVALID_ARG, "account_id is longer than the vendor's %d bytes", (int)(sizeof acc.account_id - 1));
  if (!put_field(acc.account_pwd, req->password))
    return set_error(HFT_E_INVALID_ARG, "password is longer than the vendor's %d bytes", (int)(sizeof acc.account_pwd - 1));
  if (!put_field(acc.cust_orgid, req->cust_orgid))
    return set_error(HFT_E_INVALID_ARG, "cust_orgid is longer than the vendor's %d bytes", (int)(sizeof acc.cust_orgid - 1));
  if (!put_field(acc.cust_branchid, req->cust_branchid))
    return set_error(HFT_E_INVALID_ARG, "cust_branchid is longer than the vendor's %d bytes",
                     (int)(sizeof acc.cust_branchid - 1));
  if (!put_field(acc.cl_system_id, req->cl_system_id))
    return set_error(HFT_E_INVALID_ARG, "cl_system_id is longer than the vendor's %d bytes",
                     (int)(sizeof acc.cl_system_id - 1));
  acc.account_type = (int16_t)req->account_type;
  /* terminal_info: the exchange-mandated "PC;IIP=...;LIP=...;MAC=...;HD=...;CPU=...@App;V1.0"
   * string (穿透式监管), UTF-8; from hft_set_vendor_option("terminal_info"), else the environment
   * variable TSGATE_HFT_TERMINAL_INFO */
  std::string terminal;
  {
    std::lock_guard<std::mutex> lock(g_option_mu);
    terminal = g_terminal_info;
  }
  if (terminal.empty()) {
    const char* env = getenv("TSGATE_HFT_TERMINAL_INFO");
    terminal = env ? env : "";
  }
  t->dropped = false;
  int rc = t->api->Login(t->cfg.host, t->cfg.port, &acc, terminal.c_str());
  volatile char* p = acc.account_pwd;
  for (size_t i = 0; i < sizeof acc.account_pwd; i++) p[i] = 0;
  if (rc != 0) return vendor_error(t->api, "TraderApi::Login");
  hft_event_t ev;
  event_init(&ev, HFT_EV_CONNECTING);
  snprintf(ev.body.status.message, sizeof ev.body.status.message, "connecting to trade server %s:%u (vendor SDK)",
           t->cfg.host, (unsigned)t->cfg.port);
  push(t->ring, ev);
  return HFT_OK;
}

HFT_API int32_t hft_trader_order(hft_trader_t* t, const hft_order_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or order request is NULL");
  if (check_text(req->cl_order_id, sizeof req->cl_order_id, 1, "cl_order_id") ||
      check_text(req->symbol, sizeof req->symbol, 1, "symbol"))
    return HFT_E_INVALID_ARG;
  const int type = vendor_order_type(req->order_type);
  if (type == 0) return set_error(HFT_E_INVALID_ARG, "order_type %d is not an HFT_ORDER_* value", (int)req->order_type);
  if (req->side != HFT_SIDE_BID && req->side != HFT_SIDE_ASK)
    return set_error(HFT_E_INVALID_ARG, "side %d: a cash account sends HFT_SIDE_BID or HFT_SIDE_ASK", (int)req->side);
  HFT::OrderReq o;
  memset(&o, 0, sizeof o);
  put_field(o.cl_order_id, req->cl_order_id);
  put_field(o.symbol, req->symbol);
  o.order_type = (int16_t)type;
  o.side = (int16_t)(req->side == HFT_SIDE_BID ? HFT::OrderSide_Bid : HFT::OrderSide_Ask);
  o.volume = req->volume;
  o.price = req->price;
  {
    OrderFacts f{};
    put_field(f.symbol, req->symbol);
    f.order_type = o.order_type;
    f.side = o.side;
    f.volume = o.volume;
    f.price = o.price;
    std::lock_guard<std::mutex> lock(t->mu);
    t->sent[req->cl_order_id] = f;
  }
  int rc = t->api->Order(&o, t->next_request_id++);
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::Order");
}

/* The vendor SDK's Order() hands the order to the SDK's own threads; there is no send of ours to
 * defer, so a deferred order is an order, and a flush has nothing left to send (hft_api.h). */
HFT_API int32_t hft_trader_order_deferred(hft_trader_t* t, const hft_order_req_t* req) {
  return hft_trader_order(t, req);
}

HFT_API int32_t hft_trader_flush(hft_trader_t* t) {
  return t ? HFT_OK : set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
}

HFT_API int32_t hft_trader_cancel_order(hft_trader_t* t, const char* order_id, const char* cl_order_id) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  HFT::CancelReq c;
  memset(&c, 0, sizeof c);
  if (!put_field(c.order_id, order_id) || !put_field(c.cl_order_id, cl_order_id))
    return set_error(HFT_E_INVALID_ARG, "order_id or cl_order_id is longer than the vendor's 32 bytes");
  if (!c.order_id[0]) return set_error(HFT_E_INVALID_ARG, "order_id: the vendor SDK cancels by the counter's order id");
  {
    /* the original order's fields, which some counters require in CancelReq */
    std::lock_guard<std::mutex> lock(t->mu);
    auto it = t->orders.find(c.order_id);
    if (it != t->orders.end()) {
      put_field(c.symbol, it->second.symbol);
      c.order_type = it->second.order_type;
      c.side = it->second.side;
      c.volume = it->second.volume;
      c.price = it->second.price;
    }
  }
  int rc = t->api->CancelOrder(&c, t->next_request_id++);
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::CancelOrder");
}

HFT_API int32_t hft_trader_cancel_orders(hft_trader_t* t, const char* order_ids, int32_t count) {
  if (!t || !order_ids) return set_error(HFT_E_INVALID_ARG, "trader handle or order_ids is NULL");
  if (count < 1 || count > HFT_BATCH_CANCEL_MAX)
    return set_error(HFT_E_INVALID_ARG, "count must be 1-%d, got %d", HFT_BATCH_CANCEL_MAX, (int)count);
  std::vector<HFT::CancelReq> cancels((size_t)count);
  {
    std::lock_guard<std::mutex> lock(t->mu);
    for (int32_t i = 0; i < count; i++) {
      const char* id = order_ids + (size_t)i * 32;
      const size_t n = field_len(id, 32);
      if (n == 0 || n >= 32) return set_error(HFT_E_INVALID_ARG, "order_ids[%d] is empty or not terminated", (int)i);
      HFT::CancelReq& c = cancels[(size_t)i];
      memset(&c, 0, sizeof c);
      memcpy(c.order_id, id, n);
      auto it = t->orders.find(std::string(id, n));
      if (it != t->orders.end()) {
        put_field(c.symbol, it->second.symbol);
        c.order_type = it->second.order_type;
        c.side = it->second.side;
        c.volume = it->second.volume;
        c.price = it->second.price;
      }
    }
  }
  int rc = t->api->BatchCancelOrder(cancels.data(), count, t->next_request_id++);
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::BatchCancelOrder");
}

HFT_API int32_t hft_trader_query(hft_trader_t* t, const hft_query_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or query request is NULL");
  if (req->query_num < 1 || req->query_num > HFT_QUERY_MAX_NUM)
    return set_error(HFT_E_INVALID_ARG, "query_num must be 1-%d", HFT_QUERY_MAX_NUM);
  if (check_text(req->pos_str, sizeof req->pos_str, 0, "pos_str") || check_text(req->symbol, sizeof req->symbol, 0, "symbol"))
    return HFT_E_INVALID_ARG;
  int id = t->next_request_id++;
  {
    std::lock_guard<std::mutex> lock(t->mu);
    t->queries[id] = PendingQuery{req->request_id, req->kind, req->query_num, 0};
  }
  int rc = -1;
  switch (req->kind) {
    case HFT_QUERY_ORDERS: {
      HFT::QryOrdersReq q;
      memset(&q, 0, sizeof q);
      put_field(q.pos_str, req->pos_str);
      q.query_num = req->query_num;
      rc = t->api->QueryOrders(&q, id);
      break;
    }
    case HFT_QUERY_TRADES: {
      HFT::QryTradesReq q;
      memset(&q, 0, sizeof q);
      put_field(q.pos_str, req->pos_str);
      q.query_num = req->query_num;
      rc = t->api->QueryTrades(&q, id);
      break;
    }
    case HFT_QUERY_POSITIONS: {
      HFT::QryPositionsReq q;
      memset(&q, 0, sizeof q);
      put_field(q.pos_str, req->pos_str);
      q.query_num = req->query_num;
      rc = t->api->QueryPositions(&q, id);
      break;
    }
    case HFT_QUERY_CASH: {
      HFT::QryCashReq q;
      memset(&q, 0, sizeof q);
      rc = t->api->QueryCash(&q, id);
      break;
    }
    case HFT_QUERY_SECURITIES: {
      if (!req->symbol[0]) {
        std::lock_guard<std::mutex> lock(t->mu);
        t->queries.erase(id);
        return set_error(HFT_E_UNSUPPORTED,
                         "symbol: the vendor SDK queries security info one symbol at a time (whole-market base "
                         "info comes from the market-data side)");
      }
      HFT::QryByCodeReq q;
      memset(&q, 0, sizeof q);
      put_field(q.symbol, req->symbol);
      rc = t->api->QuerySecurityBaseInfo(&q, id);
      break;
    }
    default: {
      std::lock_guard<std::mutex> lock(t->mu);
      t->queries.erase(id);
      return set_error(HFT_E_INVALID_ARG, "unknown query kind %d", (int)req->kind);
    }
  }
  if (rc != 0) {
    std::lock_guard<std::mutex> lock(t->mu);
    t->queries.erase(id);
    return vendor_error(t->api, "TraderApi query");
  }
  return HFT_OK;
}

HFT_API int32_t hft_trader_poll(hft_trader_t* t, hft_event_t* out, int32_t max) {
  if (!t || !out || max < 1) return set_error(HFT_E_INVALID_ARG, "bad poll arguments");
  return ring_poll(t->ring, out, max);
}

HFT_API int32_t hft_trader_arm(hft_trader_t* t) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  return ring_arm(t->ring);
}

HFT_API void hft_trader_release(hft_trader_t* t) {
  if (!t) return;
  ring_close(t->ring);       /* SPI threads blocked on a full ring return */
  t->api->RegisterSpi(nullptr);
  t->api->Release();         /* stops the SDK's threads (vendor: "delete the interface object") */
  ring_release(t->ring);
  delete t;
}

}  // extern "C"

/* ============================== market data ============================== */

namespace {

/* A JSON string literal of `s` (quotes, backslashes and control characters escaped). */
std::string json_string(const char* s) {
  std::string out = "\"";
  for (const char* p = s ? s : ""; *p; p++) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += (char)c;
    } else if (c < 0x20) {
      char esc[8];
      snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else {
      out += (char)c;
    }
  }
  return out + "\"";
}

/* SZSE securities file, table 3-2 (tszopmarket.h) -> ABI security type. */
int32_t abi_sz_security_type(unsigned vendor) {
  if ((vendor >= 5 && vendor <= 11) || vendor == 34 || vendor == 35) return 4;
  if (vendor >= 14 && vendor <= 22) return 3;
  if (vendor >= 23 && vendor <= 26) return 2;
  return 1;
}

}  // namespace

struct hft_md : public api::CSipMdSpi {
  hft_conn_config_t cfg;
  ring_t* ring = nullptr;
  api::CSipMdApi* api = nullptr;
  std::thread login_thread;
  std::thread emit_thread;
  std::atomic<bool> closing{false};
  std::atomic<bool> logged_in{false};
  std::atomic<bool> dropped{false};
  std::atomic<uint64_t> md_seq{0};
  uint32_t trading_day = 0;

  /* SIP has no re-login callback (isipuix.h): data after a disconnect proves the SDK is back. */
  void back_after_drop() {
    if (!dropped.exchange(false)) return;
    hft_event_t ev;
    event_init(&ev, HFT_EV_CONNECTED);
    snprintf(ev.body.status.message, sizeof ev.body.status.message,
             "market data from %s:%u flows again (the SIP SDK reconnected)", cfg.host, (unsigned)cfg.port);
    push(ring, ev);
    event_init(&ev, HFT_EV_MD_LOGIN);
    ev.header.flags = HFT_EVF_REPLAY;
    push(ring, ev);
  }

  void OnDisconnect(int32_t chn) override {
    if (!logged_in) return; /* during Login(): its return code reports the failure */
    dropped = true;
    hft_event_t ev;
    event_init(&ev, HFT_EV_DISCONNECTED);
    ev.body.status.will_reconnect = 1;
    snprintf(ev.body.status.message, sizeof ev.body.status.message,
             "market-data connection to %s:%u lost (channel %d, reported by the SIP SDK, which reconnects)",
             cfg.host, (unsigned)cfg.port, (int)chn);
    push(ring, ev);
  }

  void sub_rsp(ErrMsg* m, int32_t action) {
    back_after_drop();
    hft_event_t ev;
    event_init(&ev, HFT_EV_MD_SUBSCRIBE_RSP);
    ev.body.sub_rsp.action = action;
    if (m) {
      ev.header.error_code = m->errcode;
      to_utf8(ev.body.sub_rsp.error_msg, m->errstr);
    }
    push(ring, ev);
  }

  void OnSubscribe(ErrMsg* m) override { sub_rsp(m, 1); }
  void OnUnSubscribe(ErrMsg* m) override { sub_rsp(m, 2); }

  void OnMarketData(MKtype mk, char* code, StockMarketDataL1* d) override {
    if (!d || !code) return;
    back_after_drop();
    hft_event_t ev;
    event_init(&ev, HFT_EV_MARKET_DATA);
    hft_market_data_t& m = ev.body.md;
    m.md_seq = ++md_seq;
    m.market = (int32_t)mk; /* MKtype_SH = 1, MKtype_SZ = 2, as in the ABI */
    snprintf(m.code, sizeof m.code, "%.7s", code);
    m.trading_day = trading_day;
    m.time = (uint32_t)d->nTime / 10; /* SIP HHMMSSmmmm (tshmarket.h) -> ABI HHMMSSmmm */
    /* SIP prices are u32 x10,000 like the ABI (vnpy_hft divides them by 10,000) */
    m.pre_close = d->uPreClose;
    m.open = d->uOpen;
    m.high = d->uHigh;
    m.low = d->uLow;
    m.last = d->uMatch;
    m.limit_up = d->uHighLimited;
    m.limit_down = d->uLowLimited;
    m.volume = d->iVolume;
    m.turnover = d->iTurnover; /* UNVERIFIED unit: yuan or yuan x10,000? check against a live feed */
    for (int i = 0; i < 5; i++) {
      m.bid_price[i] = d->uBidPrice[i];
      m.bid_volume[i] = d->uBidVol[i];
      m.ask_price[i] = d->uAskPrice[i];
      m.ask_volume[i] = d->uAskVol[i];
    }
    push(ring, ev);
  }

  void OnSHBaseInfo(char* code, T_SH_BaseInfo* b) override {
    if (!b || !code) return;
    back_after_drop();
    hft_event_t ev;
    event_init(&ev, HFT_EV_BASE_INFO);
    hft_base_info_t& i = ev.body.base_info;
    i.market = HFT_MARKET_SH;
    snprintf(i.code, sizeof i.code, "%.7s", code);
    /* the long name when the SDK fills it, else the 8-byte short one */
    if (b->szStkNameZNLong[0]) to_utf8(i.name, b->szStkNameZNLong);
    else to_utf8(i.name, b->szStkNameZN);
    /* szStkClass: "ES" stock, "EU" fund, "D" bond (tshmarket.h) */
    i.security_type = b->szStkClass[0] == 'E' && b->szStkClass[1] == 'U' ? 2 : b->szStkClass[0] == 'D' ? 4 : 1;
    /* N(3) prices scaled x10,000 per the SIP header comment */
    i.pre_close = b->i64PreClosePrice;
    i.limit_up = b->i64UpLimitsPrice;
    i.limit_down = b->i64LowerLimitPrice;
    i.price_tick = b->i64PriceLevel;          /* N11(3): x10,000 */
    i.lot_size = b->i64BuyNumUnit;            /* N12: shares */
    i.min_buy_volume = b->i64DecalaredLowestNum; /* 限价申报数量下限, N12: shares */
    push(ring, ev);
  }

  void OnSZBaseInfo(char* code, t_SZ_BaseInfo* b) override {
    if (!b || !code) return;
    back_after_drop();
    hft_event_t ev;
    event_init(&ev, HFT_EV_BASE_INFO);
    hft_base_info_t& i = ev.body.base_info;
    i.market = HFT_MARKET_SZ;
    snprintf(i.code, sizeof i.code, "%.7s", code);
    to_utf8(i.name, b->tBase.sSymbol);
    i.security_type = abi_sz_security_type(b->tBase.usSecurityType);
    i.pre_close = b->tBase.i64PrevClosePx; /* N13(4), x10,000 */
    /* SZSE quantities are scaled x10,000 (tszopmarket.h says so for i64QtyUnit; read alike) */
    i.price_tick = b->tCashParams.i64PriceTick; /* N13(4): x10,000 */
    i.lot_size = b->tCashParams.i64BuyQtyUnit / kQuantityScale;
    i.min_buy_volume = i.lot_size; /* SZSE: a buy is a positive multiple of the buy unit */
    for (const auto& limit : b->tCashParams.tPriceLimitElement) {
      if (limit.cType == 'T' && limit.cHasPriceLimit == 'Y' && limit.cLimitType == '2') {
        i.limit_up = limit.i64LimitUpAbsolute;
        i.limit_down = limit.i64LimitDownAbsolute;
      }
    }
    push(ring, ev);
  }
};

extern "C" {

HFT_API hft_md_t* hft_md_create(const hft_conn_config_t* config) {
  hft_conn_config_t cfg;
  if (config_resolve(config, &cfg) != HFT_OK) return nullptr;
  hft_md_t* m = new (std::nothrow) hft_md_t();
  if (!m) {
    set_error(HFT_E_NOMEM, "out of memory creating the market-data handle");
    return nullptr;
  }
  m->cfg = cfg;
  m->trading_day = exchange_yyyymmdd();
  char err[192];
  m->ring = ring_create(cfg.event_capacity, cfg.overflow_policy, err, sizeof err);
  if (!m->ring) {
    set_error(HFT_E_SYSTEM, "%s", err);
    delete m;
    return nullptr;
  }
  m->api = api::CSipMdApi::Register(m);
  if (!m->api) {
    set_error(HFT_E_SYSTEM, "api::CSipMdApi::Register failed");
    ring_release(m->ring);
    delete m;
    return nullptr;
  }
  return m;
}

HFT_API int32_t hft_md_set_wakeup(hft_md_t* m, hft_wakeup_fn fn, void* ud) {
  if (!m) return set_error(HFT_E_INVALID_ARG, "market-data handle is NULL");
  ring_set_wakeup(m->ring, fn, ud);
  return HFT_OK;
}

HFT_API int32_t hft_md_open_wakeup_fd(hft_md_t* m) {
  if (!m) return set_error(HFT_E_INVALID_ARG, "market-data handle is NULL");
  char err[160];
  int fd = ring_open_wakeup_fd(m->ring, err, sizeof err);
  return fd < 0 ? set_error(HFT_E_SYSTEM, "%s", err) : fd;
}

HFT_API int32_t hft_md_set_event_callback(hft_md_t* m, hft_event_fn fn, void* ud) {
  if (!m) return set_error(HFT_E_INVALID_ARG, "market-data handle is NULL");
  ring_set_event_callback(m->ring, fn, ud);
  return HFT_OK;
}

/* Why a synchronous SIP Login() failed, for the user (isipuix.h SIPE_* codes). */
const char* sip_error_text(int32_t rc) {
  switch (rc) {
    case SIPE_ERR: return "refused (user or password, or the account has no market-data right)";
    case SIPE_CONSVRFAIL: return "cannot connect to the server (the SDK keeps retrying)";
    case SIPE_NOCONFIG: return "configuration missing or malformed";
    case SIPE_SOCKETINITERR: return "socket initialisation failed";
    case SIPE_NOLOGININFO: return "address, port, user or password missing";
    default: return "unknown SIP error";
  }
}

HFT_API int32_t hft_md_login(hft_md_t* m, const char* user, const char* password) {
  if (!m || !user) return set_error(HFT_E_INVALID_ARG, "market-data handle or user is NULL");
  if (!user[0]) return set_error(HFT_E_INVALID_ARG, "user is empty");
  if (m->login_thread.joinable()) return set_error(HFT_E_STATE, "login already requested");
  /* the configuration as vnpy_hft builds it, json.dumps(..., separators=("|", ":")), with every
   * string a JSON string literal so a password with '"' or '\' cannot break it */
  std::string cfg = "{\"ip0\":" + json_string(m->cfg.host) + "|\"port0\":" + std::to_string(m->cfg.port) +
                    "|\"connect_mode\":\"NR\"|\"username\":" + json_string(user) +
                    "|\"password\":" + json_string(password) + "}";
  hft_event_t connecting;
  event_init(&connecting, HFT_EV_CONNECTING);
  snprintf(connecting.body.status.message, sizeof connecting.body.status.message,
           "connecting to market-data server %s:%u (SIP SDK)", m->cfg.host, (unsigned)m->cfg.port);
  push(m->ring, connecting);
  m->login_thread = std::thread([m, cfg]() mutable {
    int32_t rc = m->api->Initialize(cfg.c_str());
    if (rc == 0) rc = m->api->Login();
    std::fill(cfg.begin(), cfg.end(), '\0'); /* holds the password */
    /* base info of the whole market (isipuix.h: 订阅全市场基础信息), so every code has a contract
     * before it is subscribed: the trade API's QuerySecurityBaseInfo takes one symbol at a time */
    if (rc == 0) rc = m->api->SubscribeBaseInfo(MKtype_SH);
    if (rc == 0) rc = m->api->SubscribeBaseInfo(MKtype_SZ);
    hft_event_t ev;
    if (rc == 0) {
      m->logged_in = true;
      event_init(&ev, HFT_EV_CONNECTED);
      snprintf(ev.body.status.message, sizeof ev.body.status.message, "connected to market-data server %s:%u (SIP SDK)",
               m->cfg.host, (unsigned)m->cfg.port);
      push(m->ring, ev);
    }
    event_init(&ev, HFT_EV_MD_LOGIN);
    ev.header.error_code = rc;
    if (rc != 0)
      textf(ev.body.error.message, sizeof ev.body.error.message, "SIP login to %s:%u failed: %s (SIP code %d)",
               m->cfg.host, (unsigned)m->cfg.port, sip_error_text(rc), (int)rc);
    push(m->ring, ev);
  });
  return HFT_OK;
}

static int32_t md_sub(hft_md_t* m, bool subscribe, int32_t market, const char* codes, int32_t count) {
  if (!m || !codes || count < 1 || count > 1000) return set_error(HFT_E_INVALID_ARG, "bad subscribe arguments");
  if (market != HFT_MARKET_SH && market != HFT_MARKET_SZ)
    return set_error(HFT_E_INVALID_ARG, "market must be 1 (SH) or 2 (SZ), got %d", (int)market);
  std::vector<std::string> storage(count);
  std::vector<char*> ptrs(count);
  for (int32_t i = 0; i < count; i++) {
    storage[i].assign(codes + 8 * i, field_len(codes + 8 * i, 8));
    ptrs[i] = &storage[i][0];
  }
  MKtype mk = (MKtype)market;
  int32_t rc = subscribe ? m->api->SubscribeMarketData(mk, ptrs.data(), (unsigned)count)
                         : m->api->UnSubscribeMarketData(mk, ptrs.data(), (unsigned)count);
  if (rc == 0 && subscribe) rc = m->api->SubscribeBaseInfo(mk, ptrs.data(), (unsigned)count);
  return rc == 0 ? HFT_OK : set_error(HFT_E_SYSTEM, "SIP subscribe failed with code %d", (int)rc);
}

HFT_API int32_t hft_md_subscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count) {
  return md_sub(m, true, market, codes, count);
}

HFT_API int32_t hft_md_unsubscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count) {
  return md_sub(m, false, market, codes, count);
}

HFT_API int32_t hft_md_poll(hft_md_t* m, hft_event_t* out, int32_t max) {
  if (!m || !out || max < 1) return set_error(HFT_E_INVALID_ARG, "bad poll arguments");
  return ring_poll(m->ring, out, max);
}

HFT_API int32_t hft_md_arm(hft_md_t* m) {
  if (!m) return set_error(HFT_E_INVALID_ARG, "market-data handle is NULL");
  return ring_arm(m->ring);
}

HFT_API int32_t hft_md_test_emit(hft_md_t* m, uint32_t count) {
  if (!m || count == 0) return set_error(HFT_E_INVALID_ARG, "bad test_emit arguments");
  if (m->emit_thread.joinable()) m->emit_thread.join();
  m->emit_thread = std::thread([m, count]() {
    for (uint32_t i = 1; i <= count && !m->closing; i++) {
      hft_event_t ev;
      event_init(&ev, HFT_EV_MARKET_DATA);
      ev.body.md.md_seq = i;
      ev.body.md.market = HFT_MARKET_SH;
      snprintf(ev.body.md.code, sizeof ev.body.md.code, "BENCH");
      if (ring_push(m->ring, &ev, 1, NULL) != 0) break;
    }
  });
  return HFT_OK;
}

HFT_API void hft_md_release(hft_md_t* m) {
  if (!m) return;
  m->closing = true;
  ring_close(m->ring);
  if (m->login_thread.joinable()) m->login_thread.join(); /* Login() may take the SDK's connect timeout */
  if (m->emit_thread.joinable()) m->emit_thread.join();
  m->api->Stop();
  m->api->Release();
  ring_release(m->ring);
  delete m;
}

}  // extern "C"
