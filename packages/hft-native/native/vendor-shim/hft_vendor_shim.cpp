/*
 * ============================================================================================
 *  UNTESTED — this file has never been compiled. It needs the vendor SDKs (HFT trader API
 *  `libhft_trader_api` and SIP market data `sipuix`) and Windows/MSVC, none of which exist where
 *  tsgate is developed and tested. Treat it as a documented starting point, not a working
 *  adapter. See README.md in this folder for what is known to be unverified.
 * ============================================================================================
 *
 * hft_vendor_shim.cpp — implements tsgate's flat C ABI (include/hft_api.h) over the vendor's C++
 * SDKs: HFT::TraderApi / HFT::TraderSpi (trading) and api::CSipMdApi / api::CSipMdSpi (market
 * data). SPI callbacks arrive on the SDKs' own threads; they translate each callback into the same
 * fixed-size hft_event_t records the simulation library produces and append them to the handle's
 * event ring (sim/ring.c, shared), so the TypeScript side is identical for both libraries.
 *
 * Differences from the simulation library that the host must know:
 *  - The vendor SDK reconnects and re-logs in by itself (TraderApi::SetReconnectConfig); there is
 *    no report sequence number, so HFT_EVF_REPLAY and report_seq (always 0) are not available and
 *    exactly-once delivery across reconnects is whatever the SDK provides.
 *  - Strings from the SDK are GBK on Windows; they are converted to UTF-8 here.
 *  - Field widths differ (vendor char16 account/password = 16 bytes of text): longer values are
 *    rejected with HFT_E_INVALID_ARG instead of being truncated.
 *  - hft_md_login runs Initialize()+Login() on a worker thread because the SIP Login() call is
 *    synchronous; the result arrives as HFT_EV_MD_LOGIN.
 *  - Vendor order type B5TC is 4 (OrderType_B5TC); the ABI's HFT_ORDER_B5TC is 2 — mapped here.
 */
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hft_trader_api.h"  // vendor: namespace HFT
#include "isipuix.h"         // vendor: namespace api

extern "C" {
#include "hft_api.h"
#include "config.h"
#include "last_error.h"
#include "ring.h"
}

#if defined(_WIN32)
#  include <windows.h>
#endif

namespace {

/* ---- helpers ---- */

/* GBK (code page 936) -> UTF-8, NUL-terminated, cut at a character boundary to fit. */
void gbk_to_utf8(char* dst, size_t dstlen, const char* src, size_t srclen) {
  dst[0] = 0;
  size_t n = 0;
  while (n < srclen && src[n]) n++; /* vendor fields may fill their array without a NUL */
#if defined(_WIN32)
  wchar_t wide[1024];
  int wn = MultiByteToWideChar(936, 0, src, (int)n, wide, 1023);
  if (wn <= 0) return;
  int un = WideCharToMultiByte(CP_UTF8, 0, wide, wn, dst, (int)dstlen - 1, NULL, NULL);
  while (un == 0 && wn > 0) un = WideCharToMultiByte(CP_UTF8, 0, wide, --wn, dst, (int)dstlen - 1, NULL, NULL);
  dst[un > 0 ? un : 0] = 0;
#else
  size_t m = n < dstlen - 1 ? n : dstlen - 1;
  memcpy(dst, src, m);
  dst[m] = 0;
#endif
}

template <size_t N>
void copy_text(char (&dst)[N], const char* src) {
  snprintf(dst, N, "%s", src ? src : "");
}

template <size_t N>
bool fits(const char* s, const char (&)[N]) {
  return strlen(s) < N;
}

void event_init(hft_event_t* ev, uint16_t type) {
  memset(ev, 0, sizeof *ev);
  ev->header.type = type;
}

void push(ring_t* ring, const hft_event_t& ev) { ring_push(ring, &ev, 1, NULL); }

uint32_t today_yyyymmdd() {
  time_t t = time(NULL);
  struct tm tmv;
#if defined(_WIN32)
  localtime_s(&tmv, &t);
#else
  localtime_r(&t, &tmv);
#endif
  return (uint32_t)((tmv.tm_year + 1900) * 10000 + (tmv.tm_mon + 1) * 100 + tmv.tm_mday);
}

int32_t abi_order_type(int vendor) { return vendor == HFT::OrderType_B5TC ? HFT_ORDER_B5TC : vendor; }
int vendor_order_type(int32_t abi) { return abi == HFT_ORDER_B5TC ? HFT::OrderType_B5TC : abi; }

/* the vendor's "no more data" answer to a query (vnpy_hft ignores it the same way) */
const int kNoDataError = 14020;

struct PendingQuery {
  uint32_t user_request_id;
  int32_t kind;
  int32_t query_num;
  int32_t records;
};

}  // namespace

/* ============================== trading ============================== */

struct hft_trader : public HFT::TraderSpi {
  hft_conn_config_t cfg;
  ring_t* ring = nullptr;
  HFT::TraderApi* api = nullptr;
  std::mutex mu;
  std::map<int, PendingQuery> queries; /* vendor request id -> query */
  std::atomic<int> next_request_id{1};

  /* ---- SPI ---- */
  void OnDisconnect() override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_DISCONNECTED);
    ev.body.status.will_reconnect = 1; /* the SDK reconnects by itself */
    snprintf(ev.body.status.message, sizeof ev.body.status.message,
             "trade connection to %s:%u lost (reported by the vendor SDK, which reconnects)", cfg.host,
             (unsigned)cfg.port);
    push(ring, ev);
  }

  void OnError(HFT::ErrorInfo* e, int request_id) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_ERROR);
    ev.header.error_code = e ? e->err_code : 0;
    ev.body.error.ref_seq = request_id;
    if (e) gbk_to_utf8(ev.body.error.message, sizeof ev.body.error.message, e->err_msg, sizeof e->err_msg);
    push(ring, ev);
  }

  void OnRiskNotify(HFT::RiskNotify* r) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_RISK_NOTIFY);
    ev.body.risk.level = 2; /* the SDK gives a status text, not a level */
    if (r) gbk_to_utf8(ev.body.risk.message, sizeof ev.body.risk.message, r->alarm_msg, sizeof r->alarm_msg);
    push(ring, ev);
  }

  void OnLogin(HFT::LoginRsp* rsp, HFT::ErrorInfo* e) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_LOGIN);
    ev.header.error_code = e ? e->err_code : 0;
    if (e) gbk_to_utf8(ev.body.login.error_msg, sizeof ev.body.login.error_msg, e->err_msg, sizeof e->err_msg);
    if (rsp) copy_text(ev.body.login.account_id, rsp->account_id);
    ev.body.login.trading_day = today_yyyymmdd(); /* LoginRsp has no trading day */
    push(ring, ev);
  }

  static void fill_order(hft_order_report_t& o, const HFT::OrderDetail& d) {
    copy_text(o.order_id, d.order_id);
    copy_text(o.cl_order_id, d.cl_order_id);
    copy_text(o.symbol, d.symbol);
    o.side = d.side;
    o.order_type = abi_order_type(d.order_type);
    o.status = d.order_status;
    o.price = d.price;
    o.volume = d.volume;
    o.filled_volume = d.filled_volume;
    o.filled_amount = d.filled_turnover;
    o.canceled_volume = d.cancel_volume;
    o.frozen_cash = d.freeze_amount;
    o.error_code = d.err_code;
    gbk_to_utf8(o.error_msg, sizeof o.error_msg, d.err_msg, sizeof d.err_msg);
    o.trading_day = (uint32_t)d.order_date;
    o.create_time = (uint32_t)d.order_time;
    o.update_time = (uint32_t)d.order_time;
  }

  static void fill_trade(hft_trade_report_t& t, const HFT::TradeDetail& d) {
    copy_text(t.trade_id, d.report_no);
    copy_text(t.order_id, d.order_id);
    copy_text(t.cl_order_id, d.cl_order_id);
    copy_text(t.symbol, d.symbol);
    t.side = d.side;
    t.price = d.price;
    t.volume = d.volume;
    t.amount = d.turnover;
    t.fee = 0; /* not reported by the SDK */
    t.trading_day = (uint32_t)d.trade_date;
    t.trade_time = (uint32_t)d.trade_time;
  }

  void OnOrderStatus(HFT::OrderDetail* d) override {
    if (!d) return;
    hft_event_t ev;
    event_init(&ev, HFT_EV_ORDER_STATUS);
    fill_order(ev.body.order, *d);
    ev.header.error_code = d->err_code;
    push(ring, ev);
  }

  void OnTradeReport(HFT::TradeDetail* d) override {
    if (!d || d->report_type != HFT::TradeReportType_Normal) return; /* cancel/abolish reports: see order status */
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
      copy_text(ev.body.order_rsp.cl_order_id, r->cl_order_id);
      copy_text(ev.body.order_rsp.order_id, r->order_id);
    }
    if (e) gbk_to_utf8(ev.body.order_rsp.error_msg, sizeof ev.body.order_rsp.error_msg, e->err_msg, sizeof e->err_msg);
    push(ring, ev);
  }

  void OnCancelRsp(HFT::CancelRsp* r, HFT::ErrorInfo* e, int, bool) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_CANCEL_RSP);
    ev.header.error_code = e ? e->err_code : 0;
    ev.body.cancel_rsp.status = ev.header.error_code ? HFT_STATUS_CANCEL_REJECTED : HFT_STATUS_CANCELING;
    if (r) {
      copy_text(ev.body.cancel_rsp.order_id, r->order_id);
      copy_text(ev.body.cancel_rsp.cl_order_id, r->cl_order_id);
    }
    if (e) gbk_to_utf8(ev.body.cancel_rsp.error_msg, sizeof ev.body.cancel_rsp.error_msg, e->err_msg, sizeof e->err_msg);
    push(ring, ev);
  }

  /* One query callback = one record (or one error). The vendor's is_last ends the page; the query
   * is complete (IS_LAST) when the page held fewer records than asked for. */
  template <typename Fill>
  void query_record(uint16_t type, HFT::ErrorInfo* e, int request_id, bool is_last, const char* pos_str, Fill fill) {
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
    if (code == kNoDataError) {
      ev.header.flags = HFT_EVF_EMPTY | HFT_EVF_PAGE_END | HFT_EVF_IS_LAST;
    } else if (code != 0) {
      ev.header.type = HFT_EV_QUERY_ERROR;
      ev.header.error_code = code;
      ev.header.flags = HFT_EVF_PAGE_END | HFT_EVF_IS_LAST;
      gbk_to_utf8(ev.body.query_error.error_msg, sizeof ev.body.query_error.error_msg, e->err_msg, sizeof e->err_msg);
    } else {
      fill(ev);
      if (is_last) {
        ev.header.flags |= HFT_EVF_PAGE_END;
        if (q.records + 1 < q.query_num) ev.header.flags |= HFT_EVF_IS_LAST;
      }
    }
    if (is_last && pos_str) copy_text(ev.body.query_order.page.next_pos_str, pos_str);
    push(ring, ev);
  }

  void OnQueryOrderRsp(HFT::OrderDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    query_record(HFT_EV_QUERY_ORDER, e, id, last, pos, [&](hft_event_t& ev) { if (d) fill_order(ev.body.query_order.record, *d); });
  }

  void OnQueryTradeRsp(HFT::TradeDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    query_record(HFT_EV_QUERY_TRADE, e, id, last, pos, [&](hft_event_t& ev) { if (d) fill_trade(ev.body.query_trade.record, *d); });
  }

  void OnQueryPositionRsp(HFT::PositionDetail* d, HFT::ErrorInfo* e, int id, bool last, const char* pos) override {
    query_record(HFT_EV_QUERY_POSITION, e, id, last, pos, [&](hft_event_t& ev) {
      if (!d) return;
      hft_position_t& p = ev.body.query_position.record;
      copy_text(p.symbol, d->symbol);
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
    query_record(HFT_EV_QUERY_CASH, e, id, true, "", [&](hft_event_t& ev) {
      ev.header.flags |= HFT_EVF_IS_LAST;
      if (!d) return;
      hft_cash_t& c = ev.body.query_cash.record;
      copy_text(c.account_id, d->account_id);
      c.balance = d->total_amount;
      c.available = d->avail_amount;
      c.frozen = d->total_amount - d->avail_amount;
      c.market_value = d->market_value;
      c.total_asset = d->total_asset;
      c.total_fee = 0;
    });
  }

  void OnQuerySecurityBaseInfoRsp(HFT::SecurityBaseInfo* d, HFT::ErrorInfo* e, int id, bool last) override {
    query_record(HFT_EV_QUERY_SECURITY, e, id, last, "", [&](hft_event_t& ev) {
      if (!d) return;
      hft_security_t& s = ev.body.query_security.record;
      copy_text(s.symbol, d->symbol);
      gbk_to_utf8(s.name, sizeof s.name, d->name, sizeof d->name);
      s.security_type = 1; /* SecurityTypeDetail has ~50 values; refine when the SDK is available */
      const char* code = strchr(s.symbol, '.');
      code = code ? code + 1 : s.symbol;
      s.board = strncmp(code, "300", 3) == 0 ? 2 : strncmp(code, "688", 3) == 0 ? 3 : 1;
      s.limit_up = d->limit_up;
      s.limit_down = d->limit_down;
      s.price_tick = d->price_tick;
      s.lot_size = d->buy_tick;
      s.min_buy_volume = d->min_qty;
      if (last) ev.header.flags |= HFT_EVF_IS_LAST;
    });
  }
};

extern "C" {

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
  /* SDK-wide settings; seconds, minimum 5 s in the SDK */
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

static int32_t vendor_error(HFT::TraderApi* api, const char* what) {
  HFT::ErrorInfo* e = api->GetApiLastError();
  char msg[160];
  if (e) gbk_to_utf8(msg, sizeof msg, e->err_msg, sizeof e->err_msg);
  else msg[0] = 0;
  return set_error(HFT_E_SYSTEM, "%s failed: %s (vendor code %d)", what, msg, e ? e->err_code : 0);
}

HFT_API int32_t hft_trader_login(hft_trader_t* t, const hft_login_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or login request is NULL");
  HFT::AccountInfo acc;
  memset(&acc, 0, sizeof acc);
  if (!fits(req->account_id, acc.account_id) || !fits(req->password, acc.account_pwd) ||
      !fits(req->cust_orgid, acc.cust_orgid) || !fits(req->cust_branchid, acc.cust_branchid) ||
      !fits(req->cl_system_id, acc.cl_system_id))
    return set_error(HFT_E_INVALID_ARG, "a login field is longer than the vendor SDK allows");
  copy_text(acc.account_id, req->account_id);
  copy_text(acc.account_pwd, req->password);
  copy_text(acc.cust_orgid, req->cust_orgid);
  copy_text(acc.cust_branchid, req->cust_branchid);
  copy_text(acc.cl_system_id, req->cl_system_id);
  acc.account_type = (int16_t)req->account_type;
  /* terminal_info: the exchange-mandated "PC;IIP=...;LIP=...;MAC=...;HD=...;CPU=...@App;V1.0"
   * string; taken from TSGATE_HFT_TERMINAL_INFO (vnpy_hft builds it from the machine). */
  const char* terminal = getenv("TSGATE_HFT_TERMINAL_INFO");
  int rc = t->api->Login(t->cfg.host, t->cfg.port, &acc, terminal ? terminal : "");
  volatile char* p = acc.account_pwd;
  for (size_t i = 0; i < sizeof acc.account_pwd; i++) p[i] = 0;
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::Login");
}

HFT_API int32_t hft_trader_order(hft_trader_t* t, const hft_order_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or order request is NULL");
  if (check_text(req->cl_order_id, sizeof req->cl_order_id, 1, "cl_order_id") ||
      check_text(req->symbol, sizeof req->symbol, 1, "symbol"))
    return HFT_E_INVALID_ARG;
  HFT::OrderReq o;
  memset(&o, 0, sizeof o);
  copy_text(o.cl_order_id, req->cl_order_id);
  copy_text(o.symbol, req->symbol);
  o.order_type = (int16_t)vendor_order_type(req->order_type);
  o.side = (int16_t)req->side; /* HFT_SIDE_BID/ASK = OrderSide_Bid/Ask */
  o.volume = req->volume;
  o.price = req->price;
  int rc = t->api->Order(&o, t->next_request_id++);
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::Order");
}

HFT_API int32_t hft_trader_cancel_order(hft_trader_t* t, const char* order_id, const char* cl_order_id) {
  if (!t) return set_error(HFT_E_INVALID_ARG, "trader handle is NULL");
  HFT::CancelReq c;
  memset(&c, 0, sizeof c);
  copy_text(c.order_id, order_id);
  copy_text(c.cl_order_id, cl_order_id);
  if (!c.order_id[0] && !c.cl_order_id[0]) return set_error(HFT_E_INVALID_ARG, "give order_id or cl_order_id");
  int rc = t->api->CancelOrder(&c, t->next_request_id++);
  return rc == 0 ? HFT_OK : vendor_error(t->api, "TraderApi::CancelOrder");
}

HFT_API int32_t hft_trader_query(hft_trader_t* t, const hft_query_req_t* req) {
  if (!t || !req) return set_error(HFT_E_INVALID_ARG, "trader handle or query request is NULL");
  if (req->query_num < 1 || req->query_num > HFT_QUERY_MAX_NUM)
    return set_error(HFT_E_INVALID_ARG, "query_num must be 1-%d", HFT_QUERY_MAX_NUM);
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
      copy_text(q.pos_str, req->pos_str);
      q.query_num = req->query_num;
      rc = t->api->QueryOrders(&q, id);
      break;
    }
    case HFT_QUERY_TRADES: {
      HFT::QryTradesReq q;
      memset(&q, 0, sizeof q);
      copy_text(q.pos_str, req->pos_str);
      q.query_num = req->query_num;
      rc = t->api->QueryTrades(&q, id);
      break;
    }
    case HFT_QUERY_POSITIONS: {
      HFT::QryPositionsReq q;
      memset(&q, 0, sizeof q);
      copy_text(q.pos_str, req->pos_str);
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
        return set_error(HFT_E_INVALID_ARG, "the vendor SDK queries security info one symbol at a time: set symbol");
      }
      HFT::QryByCodeReq q;
      memset(&q, 0, sizeof q);
      copy_text(q.symbol, req->symbol);
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

struct hft_md : public api::CSipMdSpi {
  hft_conn_config_t cfg;
  ring_t* ring = nullptr;
  api::CSipMdApi* api = nullptr;
  std::thread login_thread;
  std::thread emit_thread;
  std::atomic<bool> closing{false};
  std::atomic<uint64_t> md_seq{0};
  uint32_t trading_day = 0;

  void OnDisconnect(int32_t chn) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_DISCONNECTED);
    ev.body.status.will_reconnect = 1;
    snprintf(ev.body.status.message, sizeof ev.body.status.message,
             "market-data connection to %s:%u lost (channel %d, reported by the SIP SDK)", cfg.host,
             (unsigned)cfg.port, (int)chn);
    push(ring, ev);
  }

  void OnSubscribe(ErrMsg* m) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_MD_SUBSCRIBE_RSP);
    ev.body.sub_rsp.action = 1;
    if (m) {
      ev.header.error_code = m->errcode;
      gbk_to_utf8(ev.body.sub_rsp.error_msg, sizeof ev.body.sub_rsp.error_msg, m->errstr, sizeof m->errstr);
    }
    push(ring, ev);
  }

  void OnUnSubscribe(ErrMsg* m) override {
    hft_event_t ev;
    event_init(&ev, HFT_EV_MD_SUBSCRIBE_RSP);
    ev.body.sub_rsp.action = 2;
    if (m) {
      ev.header.error_code = m->errcode;
      gbk_to_utf8(ev.body.sub_rsp.error_msg, sizeof ev.body.sub_rsp.error_msg, m->errstr, sizeof m->errstr);
    }
    push(ring, ev);
  }

  void OnMarketData(MKtype mk, char* code, StockMarketDataL1* d) override {
    if (!d) return;
    hft_event_t ev;
    event_init(&ev, HFT_EV_MARKET_DATA);
    hft_market_data_t& m = ev.body.md;
    m.md_seq = ++md_seq;
    m.market = (int32_t)mk; /* MKtype_SH = 1, MKtype_SZ = 2, as in the ABI */
    copy_text(m.code, code);
    m.trading_day = trading_day;
    m.time = (uint32_t)d->nTime;
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
    if (!b) return;
    hft_event_t ev;
    event_init(&ev, HFT_EV_BASE_INFO);
    hft_base_info_t& i = ev.body.base_info;
    i.market = HFT_MARKET_SH;
    copy_text(i.code, code);
    gbk_to_utf8(i.name, sizeof i.name, b->szStkNameZN, sizeof b->szStkNameZN);
    i.security_type = b->szStkClass[0] == 'E' && b->szStkClass[1] == 'U' ? 2 : b->szStkClass[0] == 'D' ? 4 : 1;
    /* N(X) fields are scaled x10,000 per the SIP header comment */
    i.pre_close = b->i64PreClosePrice;
    i.limit_up = b->i64UpLimitsPrice;
    i.limit_down = b->i64LowerLimitPrice;
    push(ring, ev);
  }

  void OnSZBaseInfo(char* code, t_SZ_BaseInfo* b) override {
    if (!b) return;
    hft_event_t ev;
    event_init(&ev, HFT_EV_BASE_INFO);
    hft_base_info_t& i = ev.body.base_info;
    i.market = HFT_MARKET_SZ;
    copy_text(i.code, code);
    gbk_to_utf8(i.name, sizeof i.name, b->tBase.sSymbol, sizeof b->tBase.sSymbol);
    i.security_type = 1;
    i.pre_close = b->tBase.i64PrevClosePx; /* UNVERIFIED scale */
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
  m->trading_day = today_yyyymmdd();
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

HFT_API int32_t hft_md_login(hft_md_t* m, const char* user, const char* password) {
  if (!m || !user) return set_error(HFT_E_INVALID_ARG, "market-data handle or user is NULL");
  if (m->login_thread.joinable()) return set_error(HFT_E_STATE, "login already requested");
  /* the configuration string exactly as vnpy_hft builds it: json.dumps(..., separators=("|", ":")) */
  std::string cfg = std::string("{\"ip0\":\"") + m->cfg.host + "\"|\"port0\":" + std::to_string(m->cfg.port) +
                    "|\"connect_mode\":\"NR\"|\"username\":\"" + user + "\"|\"password\":\"" +
                    (password ? password : "") + "\"}";
  m->login_thread = std::thread([m, cfg]() mutable {
    int32_t rc = m->api->Initialize(cfg.c_str());
    if (rc == 0) rc = m->api->Login();
    std::fill(cfg.begin(), cfg.end(), '\0'); /* holds the password */
    hft_event_t ev;
    event_init(&ev, HFT_EV_MD_LOGIN);
    ev.header.error_code = rc;
    if (rc != 0)
      snprintf(ev.body.error.message, sizeof ev.body.error.message,
               "SIP login to %s:%u failed with code %d%s", m->cfg.host, (unsigned)m->cfg.port, (int)rc,
               rc == SIPE_USERAUTH ? " (user or password)" : "");
    push(m->ring, ev);
  });
  return HFT_OK;
}

static int32_t md_sub(hft_md_t* m, bool subscribe, int32_t market, const char* codes, int32_t count) {
  if (!m || !codes || count < 1 || count > 1000) return set_error(HFT_E_INVALID_ARG, "bad subscribe arguments");
  std::vector<std::string> storage(count);
  std::vector<char*> ptrs(count);
  for (int32_t i = 0; i < count; i++) {
    storage[i].assign(codes + 8 * i, strnlen(codes + 8 * i, 8));
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
      copy_text(ev.body.md.code, "BENCH");
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
