/*
 * trader_double.cpp — the vendor-SDK double's HFT::TraderApi: behaves as the vendor's
 * hft_trader_api.h documents (vnpy/vnpy_hft 906fd5a, read 2026-12-02) over our wire protocol to
 * the mock trade server, through the simulation library's objects (sim_core.h).
 *
 * What it reproduces of the real SDK, because the shim must cope with it:
 *  - SPI callbacks from the SDK's own thread (EventPump), requests that return at once;
 *  - vendor error codes (14xxx) for login failures and "no data" (14020) for empty queries, and one
 *    blank record (no error) as the empty answer to a position query, as some counters give;
 *  - pos_str paging with is_last on the last record of each page and no "whole query done" flag;
 *  - no report sequence numbers: pushes missed while disconnected are never replayed (the
 *    library's resumed reports, flagged HFT_EVF_REPLAY, are dropped here), so a client must
 *    re-query after a reconnect; OnLogin is called again after each automatic re-login;
 *  - order pushes without filled_volume/filled_turnover (empty in pushes on most counters);
 *  - a cancel request is an order of its own: after the original order's cancel report the SDK
 *    pushes the cancel request's status (cancel_flag = CancelFlag_True, orig_order_id set);
 *  - CancelReq must carry the original order's symbol, side, type, volume and price (君睿 counters);
 *  - QuerySecurityBaseInfo needs a symbol; market order types the mock does not match are refused;
 *  - error texts in the SDK's encoding (GBK on Windows), and under a test knob as long as the
 *    SDK's char256 allows (vendor_text.h: TSGATE_VENDOR_DOUBLE_LONG_ERRORS), longer than our wire's;
 *  - under another test knob, rejections with the vendor's own codes instead of the mock's
 *    (double_env.h: TSGATE_VENDOR_DOUBLE_REJECT_CODE).
 */
#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "double_env.h"
#include "event_pump.h"
#include "hft_trader_api.h"
#include "hft_trader_error.h"
#include "instrument_registry.h"
#include "sim_core.h"
#include "vendor_text.h"

namespace {

/* SDK-wide settings (static in the vendor API) */
std::mutex g_settings_mu;
std::string g_log_path;
/* Reconnect intervals are seconds (at least 5) at a real gateway; against the local mock the
 * double waits that many tenths of a second instead, so tests stay fast. */
int g_reconnect_min_ms = 500;
int g_reconnect_max_ms = 600;

/* The mock's login codes (docs/protocol.md section 7) as a real gateway reports them. */
int vendor_login_error(int mock_code) {
  switch (mock_code) {
    case 0: return 0;
    case 1001: return ERR_HFT_TRADER_GW_NO_USER;
    case 1005: return ERR_HFT_TRADER_LOGIN_GW_FAIL;
    default: return ERR_HFT_TRADER_LOGIN_FAIL; /* 1002-1004, 1006: the counter refused the account */
  }
}

/* The order types the mock server matches: our wire's HFT_ORDER_* ↔ the vendor's OrderType. */
struct TypePair {
  int wire;
  int vendor;
};
const TypePair kOrderTypes[] = {
    {HFT_ORDER_LMT, HFT::OrderType_LMT},
    {HFT_ORDER_B5TC, HFT::OrderType_B5TC},
    {HFT_ORDER_IOC, HFT::OrderType_IOC},
    {HFT_ORDER_AON, HFT::OrderType_AON},
};

/* Wire order type -> vendor OrderType (the mock reports only the types it matches). */
int vendor_order_type(int wire) {
  for (const TypePair& t : kOrderTypes)
    if (t.wire == wire) return t.vendor;
  return HFT::OrderType_LMT;
}

/* Vendor OrderType -> wire order type, 0 for a type the mock does not match. */
int wire_order_type(int vendor) {
  for (const TypePair& t : kOrderTypes)
    if (t.vendor == vendor) return t.wire;
  return 0;
}

struct OrderFields {
  std::string symbol;
  int16_t side;
  int16_t order_type;
  int64_t volume;
  int64_t price;
};

class DoubleTraderApi : public HFT::TraderApi {
 public:
  void Release() override {
    pump_.stop();
    if (sim_) simcore_hft_trader_release(sim_);
    sim_ = nullptr;
    delete this;
  }

  HFT::ErrorInfo* GetApiLastError() override { return &last_error_; }

  void RegisterSpi(HFT::TraderSpi* spi) override { spi_.store(spi); }

  int Login(const char* ip, int port, const HFT::AccountInfo* acc, const char* terminal_info) override {
    if (!ip || !ip[0] || port <= 0 || port > 65535 || !acc) return fail(ERR_HFT_TRADER_INVALID_PARAM, "server address or account missing");
    if (!terminal_info || !terminal_info[0])
      return fail(ERR_HFT_TRADER_INVALID_PARAM, "terminal_info is required (exchange terminal information)");
    if (sim_) return fail(ERR_HFT_TRADER_INTERNAL, "Login already called on this TraderApi");
    hft_conn_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    put(cfg.host, ip);
    cfg.port = (uint16_t)port;
    {
      std::lock_guard<std::mutex> lock(g_settings_mu);
      cfg.reconnect_min_ms = g_reconnect_min_ms;
      cfg.reconnect_max_ms = g_reconnect_max_ms;
      log_line("Login account=%s type=%d", acc->account_id, (int)acc->account_type);
    }
    cfg.connect_retries = 5; /* SetLoginRetryCount's default */
    sim_ = simcore_hft_trader_create(&cfg);
    if (!sim_) return fail(ERR_HFT_TRADER_INTERNAL, hft_last_error());
    account_ = *acc;
    pump_.start([this](hft_event_t* out, int32_t n) { return simcore_hft_trader_poll(sim_, out, n); },
                [this] { return simcore_hft_trader_arm(sim_); }, [this](const hft_event_t& ev) { dispatch(ev); });
    simcore_hft_trader_set_wakeup(sim_, &vendor_double::EventPump::wakeup, &pump_);
    hft_login_req_t req;
    memset(&req, 0, sizeof req);
    put(req.account_id, acc->account_id);
    put(req.password, acc->account_pwd);
    put(req.cust_orgid, acc->cust_orgid);
    put(req.cust_branchid, acc->cust_branchid);
    put(req.cl_system_id, acc->cl_system_id);
    req.account_type = acc->account_type;
    int32_t rc = simcore_hft_trader_login(sim_, &req);
    memset(req.password, 0, sizeof req.password);
    return sent(rc);
  }

  int Order(HFT::OrderReq* o, int request_id) override {
    if (!sim_) return fail(ERR_HFT_TRADER_NOT_CONNECT, "not logged in");
    if (!o || !o->symbol[0]) return fail(ERR_HFT_TRADER_INVALID_PARAM, "symbol is required");
    if (o->side != HFT::OrderSide_Bid && o->side != HFT::OrderSide_Ask)
      return fail(ERR_HFT_TRADER_UNSUPPORTED_FUNC, "the double trades Bid and Ask only");
    const int wire_type = wire_order_type(o->order_type);
    if (wire_type == 0)
      return fail(ERR_HFT_TRADER_UNSUPPORTED_FUNC, "the mock server matches LMT, B5TC, IOC and AON only");
    hft_order_req_t r;
    memset(&r, 0, sizeof r);
    put(r.cl_order_id, o->cl_order_id);
    put(r.symbol, o->symbol);
    r.volume = o->volume;
    r.price = o->price;
    r.order_type = wire_type;
    r.side = o->side;
    remember(order_requests_, std::string(r.cl_order_id), request_id);
    return sent(simcore_hft_trader_order(sim_, &r));
  }

  int CancelOrder(HFT::CancelReq* c, int request_id) override {
    if (!sim_) return fail(ERR_HFT_TRADER_NOT_CONNECT, "not logged in");
    if (!c || (!c->order_id[0] && !c->cl_order_id[0])) return fail(ERR_HFT_TRADER_INVALID_PARAM, "order_id is required");
    if (!c->symbol[0] || c->volume <= 0 || c->side == 0 || c->order_type == 0)
      return fail(ERR_HFT_TRADER_INVALID_PARAM,
                  "this counter needs the original order's symbol, side, order_type, volume and price in CancelReq");
    remember(cancel_requests_, std::string(c->order_id), request_id);
    return sent(simcore_hft_trader_cancel_order(sim_, c->order_id, c->cl_order_id));
  }

  int BatchCancelOrder(HFT::CancelReq* cancels, int count, int request_id) override {
    if (!cancels || count < 1 || count > 500) return fail(ERR_HFT_TRADER_EXCEED_MAX_NUM, "1-500 cancels per batch");
    for (int i = 0; i < count; i++)
      if (CancelOrder(&cancels[i], request_id) != 0) return last_error_.err_code;
    return 0;
  }

  int QueryOrders(HFT::QryOrdersReq* q, int request_id) override {
    return q ? query(HFT_QUERY_ORDERS, q->pos_str, q->query_num, "", request_id) : bad_query();
  }
  int QueryTrades(HFT::QryTradesReq* q, int request_id) override {
    return q ? query(HFT_QUERY_TRADES, q->pos_str, q->query_num, "", request_id) : bad_query();
  }
  int QueryPositions(HFT::QryPositionsReq* q, int request_id) override {
    return q ? query(HFT_QUERY_POSITIONS, q->pos_str, q->query_num, "", request_id) : bad_query();
  }
  int QueryCash(HFT::QryCashReq*, int request_id) override { return query(HFT_QUERY_CASH, "", 1, "", request_id); }
  int QuerySecurityBaseInfo(HFT::QryByCodeReq* q, int request_id) override {
    if (!q || !q->symbol[0]) return fail(ERR_HFT_TRADER_INVALID_PARAM, "QryByCodeReq.symbol is required");
    return query(HFT_QUERY_SECURITIES, "", 1, q->symbol, request_id);
  }

 private:
  int fail(int code, const char* text) {
    last_error_.err_code = code;
    put(last_error_.err_msg, text);
    return code;
  }
  int bad_query() { return fail(ERR_HFT_TRADER_INVALID_PARAM, "query request is NULL"); }
  /* What every request returns: 0 once the simulation library queued it, else its error. */
  int sent(int32_t rc) { return rc == HFT_OK ? 0 : fail(ERR_HFT_TRADER_INVALID_PARAM, hft_last_error()); }

  /* Request ids cross from the host's thread to the pump's, so both ends take mu_. */
  template <typename Key, typename Value>
  void remember(std::map<Key, Value>& ids, const Key& key, Value value) {
    std::lock_guard<std::mutex> lock(mu_);
    ids[key] = value;
  }
  /* The request id remembered under `key`, forgotten now that it is answered; 0 when unknown. */
  int take_request_id(std::map<std::string, int>& ids, const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = ids.find(key);
    if (it == ids.end()) return 0;
    int request_id = it->second;
    ids.erase(it);
    return request_id;
  }
  static HFT::ErrorInfo error_info(int code, const char* text) {
    HFT::ErrorInfo e;
    e.err_code = code;
    put_vendor_error(e.err_msg, sizeof e.err_msg, text);
    return e;
  }
  /* The ids an order or cancel answer carries (HFT::OrderRsp and HFT::CancelRsp share them). */
  template <typename Rsp>
  Rsp answer_ids(const char* order_id, const char* cl_order_id) {
    Rsp rsp;
    memset(&rsp, 0, sizeof rsp);
    put(rsp.account_id, account_.account_id);
    put(rsp.order_id, order_id);
    put(rsp.cl_order_id, cl_order_id);
    return rsp;
  }

  /* one line per call in <SetLogConfig path>/hft_double.log: proves the shim configured it */
  static void log_line(const char* fmt, const char* a, int b) {
    if (g_log_path.empty()) return;
    std::string file = g_log_path + "/hft_double.log";
    FILE* f = fopen(file.c_str(), "a");
    if (!f) return;
    fprintf(f, fmt, a, b);
    fputc('\n', f);
    fclose(f);
  }

  int query(int32_t kind, const char* pos_str, int32_t num, const char* symbol, int request_id) {
    if (!sim_) return fail(ERR_HFT_TRADER_NOT_CONNECT, "not logged in");
    if (num < 1 || num > 500) return fail(ERR_HFT_TRADER_EXCEED_MAX_NUM, "query_num must be 1-500");
    hft_query_req_t q;
    memset(&q, 0, sizeof q);
    q.request_id = (uint32_t)request_id;
    q.kind = kind;
    put(q.pos_str, pos_str);
    q.query_num = num;
    put(q.symbol, symbol);
    remember(query_kinds_, request_id, kind);
    return sent(simcore_hft_trader_query(sim_, &q));
  }

  /* ---- events of the simulation library -> SPI callbacks ---- */
  void dispatch(const hft_event_t& ev) {
    spi = spi_.load(); /* one read per event: the host may unregister meanwhile */
    if (!spi) return;
    const bool replay = (ev.header.flags & HFT_EVF_REPLAY) != 0;
    switch (ev.header.type) {
      case HFT_EV_LOGIN: on_login(ev); break;
      case HFT_EV_DISCONNECTED: on_disconnected(ev); break;
      case HFT_EV_ERROR: {
        HFT::ErrorInfo e = error_info(ev.header.error_code, ev.body.error.message);
        spi->OnError(&e, 0);
        break;
      }
      case HFT_EV_ORDER_RSP: on_order_rsp(ev); break;
      case HFT_EV_CANCEL_RSP: on_cancel_rsp(ev); break;
      case HFT_EV_ORDER_STATUS:
        if (!replay) on_order_status(ev.body.order);
        break;
      case HFT_EV_TRADE_REPORT:
        if (!replay) on_trade(ev.body.trade);
        break;
      case HFT_EV_RISK_NOTIFY: {
        HFT::RiskNotify r;
        memset(&r, 0, sizeof r);
        put_vendor_error(r.alarm_msg, sizeof r.alarm_msg, ev.body.risk.message);
        snprintf(r.alarm_status, sizeof r.alarm_status, "%d", (int)ev.body.risk.level);
        spi->OnRiskNotify(&r);
        break;
      }
      case HFT_EV_QUERY_ORDER:
      case HFT_EV_QUERY_TRADE:
      case HFT_EV_QUERY_POSITION:
      case HFT_EV_QUERY_CASH:
      case HFT_EV_QUERY_SECURITY:
      case HFT_EV_QUERY_ERROR: on_query(ev); break;
      default: break; /* CONNECTING/CONNECTED: the vendor SDK does not report them */
    }
  }

  void on_login(const hft_event_t& ev) {
    HFT::ErrorInfo e = error_info(vendor_login_error(ev.header.error_code), ev.body.login.error_msg);
    HFT::LoginRsp rsp;
    memset(&rsp, 0, sizeof rsp);
    put(rsp.account_id, account_.account_id);
    rsp.account_type = account_.account_type;
    put(rsp.cust_orgid, account_.cust_orgid);
    put(rsp.cust_branchid, account_.cust_branchid);
    if (e.err_code == 0) logged_in_ = true;
    else login_failed_ = true;
    if (e.err_code == 0 && !instruments_requested_) {
      instruments_requested_ = true;
      query_instruments("");
    }
    spi->OnLogin(e.err_code == 0 ? &rsp : nullptr, &e);
  }

  void on_disconnected(const hft_event_t& ev) {
    if (logged_in_) {
      logged_in_ = false;
      spi->OnDisconnect();
      return;
    }
    if (ev.body.status.will_reconnect || login_failed_) return; /* still retrying, or already told */
    HFT::ErrorInfo e = error_info(ERR_HFT_TRADER_NOT_CONNECT, ev.body.status.message);
    spi->OnLogin(nullptr, &e);
  }

  void on_order_rsp(const hft_event_t& ev) {
    const hft_order_rsp_t& r = ev.body.order_rsp;
    const int request_id = take_request_id(order_requests_, r.cl_order_id);
    HFT::OrderRsp rsp = answer_ids<HFT::OrderRsp>(r.order_id, r.cl_order_id);
    HFT::ErrorInfo e = error_info(vendor_rejection_code(ev.header.error_code), r.error_msg);
    spi->OnOrderRsp(&rsp, &e, request_id, true);
  }

  void on_cancel_rsp(const hft_event_t& ev) {
    const hft_cancel_rsp_t& r = ev.body.cancel_rsp;
    const int request_id = take_request_id(cancel_requests_, r.order_id);
    if (ev.header.error_code == 0) {
      std::lock_guard<std::mutex> lock(mu_);
      pending_cancels_[r.order_id] = ++cancel_seq_;
    }
    HFT::CancelRsp rsp = answer_ids<HFT::CancelRsp>(r.order_id, r.cl_order_id);
    snprintf(rsp.cancel_id, sizeof rsp.cancel_id, "C%s", r.order_id);
    HFT::ErrorInfo e = error_info(vendor_rejection_code(ev.header.error_code), r.error_msg);
    spi->OnCancelRsp(&rsp, &e, request_id, true);
  }

  /* The fields an order and a trade record share (HFT::OrderDetail, HFT::TradeDetail), the rest zero. */
  template <typename Detail>
  void fill_ids(Detail& d, const char* order_id, const char* cl_order_id, const char* symbol) {
    memset(&d, 0, sizeof d);
    put(d.account_id, account_.account_id);
    d.account_type = account_.account_type;
    put(d.order_id, order_id);
    put(d.cl_order_id, cl_order_id);
    put(d.symbol, symbol);
  }

  void fill_order(HFT::OrderDetail& d, const hft_order_report_t& o) {
    fill_ids(d, o.order_id, o.cl_order_id, o.symbol);
    d.order_status = (int16_t)o.status;
    d.order_type = (int16_t)vendor_order_type(o.order_type);
    d.side = (int16_t)o.side;
    d.volume = o.volume;
    d.price = o.price;
    d.filled_volume = o.filled_volume;
    d.filled_turnover = o.filled_amount;
    d.filled_price = o.filled_volume > 0 ? o.filled_amount / o.filled_volume : 0;
    d.cancel_volume = o.canceled_volume;
    d.cancel_flag = HFT::CancelFlag_False;
    d.order_date = (int32_t)o.trading_day;
    d.order_time = (int32_t)o.update_time;
    d.err_code = vendor_rejection_code(o.error_code);
    put_vendor_error(d.err_msg, sizeof d.err_msg, o.error_msg);
    d.freeze_amount = o.frozen_cash;
  }

  void on_order_status(const hft_order_report_t& o) {
    HFT::OrderDetail d;
    fill_order(d, o);
    d.filled_volume = 0; /* empty in pushes, as on most counters */
    d.filled_turnover = 0;
    d.filled_price = 0;
    spi->OnOrderStatus(&d);
    const bool cancelled = o.status == HFT_STATUS_CANCEL_FILLED || o.status == HFT_STATUS_PARTIALLY_CANCELED;
    if (!cancelled) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (pending_cancels_.erase(o.order_id) == 0) return;
    }
    /* the cancel request's own status: its id, the original's cl_order_id and orig_order_id */
    HFT::OrderDetail c = d;
    snprintf(c.order_id, sizeof c.order_id, "C%s", o.order_id);
    put(c.orig_order_id, o.order_id);
    c.cancel_flag = HFT::CancelFlag_True;
    c.order_status = HFT::OrderStatus_Filled;
    c.volume = o.canceled_volume;
    c.cancel_volume = 0;
    spi->OnOrderStatus(&c);
  }

  void fill_trade(HFT::TradeDetail& d, const hft_trade_report_t& t) {
    fill_ids(d, t.order_id, t.cl_order_id, t.symbol);
    d.order_type = HFT::OrderType_LMT;
    d.side = (int16_t)t.side;
    d.report_type = HFT::TradeReportType_Normal;
    put(d.report_no, t.trade_id);
    d.volume = t.volume;
    d.price = t.price;
    d.turnover = t.amount;
    d.trade_date = (int32_t)t.trading_day;
    d.trade_time = (int32_t)t.trade_time;
  }

  void on_trade(const hft_trade_report_t& t) {
    HFT::TradeDetail d;
    fill_trade(d, t);
    spi->OnTradeReport(&d);
  }

  /* The double's own whole-market securities query (instrument_registry.h), hidden from the SPI. */
  static const int kInstrumentQuery = 0x7FFF0001;
  void query_instruments(const char* pos_str) {
    hft_query_req_t q;
    memset(&q, 0, sizeof q);
    q.request_id = (uint32_t)kInstrumentQuery;
    q.kind = HFT_QUERY_SECURITIES;
    put(q.pos_str, pos_str);
    q.query_num = 500;
    simcore_hft_trader_query(sim_, &q);
  }

  void on_instrument_record(const hft_event_t& ev) {
    if (ev.header.type == HFT_EV_QUERY_SECURITY && !(ev.header.flags & HFT_EVF_EMPTY)) {
      const char* symbol = ev.body.query_security.record.symbol; /* "SH.600000" */
      if (strlen(symbol) > 3 && symbol[2] == '.')
        instruments_.push_back({strncmp(symbol, "SZ", 2) == 0 ? HFT_MARKET_SZ : HFT_MARKET_SH, symbol + 3});
    }
    if (!(ev.header.flags & HFT_EVF_PAGE_END)) return;
    if (ev.header.type == HFT_EV_QUERY_SECURITY && !(ev.header.flags & HFT_EVF_IS_LAST)) {
      query_instruments(ev.body.query_security.page.next_pos_str);
      return;
    }
    vendor_double::publish_instruments(instruments_);
  }

  void on_query(const hft_event_t& ev) {
    const int id = (int)ev.header.request_id;
    if (id == kInstrumentQuery) {
      on_instrument_record(ev);
      return;
    }
    const bool page_end = (ev.header.flags & HFT_EVF_PAGE_END) != 0;
    const bool empty = (ev.header.flags & HFT_EVF_EMPTY) != 0;
    const char* pos = page_end ? ev.body.query_order.page.next_pos_str : "";
    HFT::ErrorInfo ok;
    HFT::ErrorInfo e;
    if (ev.header.type == HFT_EV_QUERY_ERROR) {
      e = error_info(ev.header.error_code, ev.body.query_error.error_msg);
    } else if (empty) {
      e = error_info(ERR_HFT_TRADER_NO_DATA, "no data");
    }
    const bool failed = e.err_code != 0;
    uint16_t type = ev.header.type;
    if (type == HFT_EV_QUERY_ERROR) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = query_kinds_.find(id);
      type = it == query_kinds_.end() ? HFT_EV_QUERY_ORDER : (uint16_t)(HFT_EV_QUERY_ORDER + it->second - HFT_QUERY_ORDERS);
    }
    if (page_end) {
      std::lock_guard<std::mutex> lock(mu_);
      query_kinds_.erase(id);
    }
    switch (type) {
      case HFT_EV_QUERY_ORDER: {
        HFT::OrderDetail d;
        if (!failed) fill_order(d, ev.body.query_order.record);
        spi->OnQueryOrderRsp(failed ? nullptr : &d, failed ? &e : &ok, id, page_end, pos);
        break;
      }
      case HFT_EV_QUERY_TRADE: {
        HFT::TradeDetail d;
        if (!failed) fill_trade(d, ev.body.query_trade.record);
        spi->OnQueryTradeRsp(failed ? nullptr : &d, failed ? &e : &ok, id, page_end, pos);
        break;
      }
      case HFT_EV_QUERY_POSITION: {
        HFT::PositionDetail d;
        memset(&d, 0, sizeof d);
        if (empty) { /* one blank record and no error: the empty answer of some counters */
          spi->OnQueryPositionRsp(&d, &ok, id, true, "");
          break;
        }
        const hft_position_t& p = ev.body.query_position.record;
        if (!failed) {
          put(d.account_id, account_.account_id);
          put(d.symbol, p.symbol);
          d.side = 1;
          d.volume = p.volume;
          d.avail_volume = p.available_volume;
          d.init_volume = p.yd_volume;
          d.market_value = p.market_value;
          d.today_buy_volume = p.today_buy_volume;
          d.cost_price = p.cost_price;
          d.buy_cost = p.cost_amount;
          d.last_price = p.last_price;
          d.income = p.pnl;
          d.freeze_volume = p.frozen_volume;
        }
        spi->OnQueryPositionRsp(failed ? nullptr : &d, failed ? &e : &ok, id, page_end, pos);
        break;
      }
      case HFT_EV_QUERY_CASH: {
        HFT::CashDetail d;
        memset(&d, 0, sizeof d);
        const hft_cash_t& c = ev.body.query_cash.record;
        put(d.account_id, account_.account_id);
        d.currency_type = 1;
        d.total_amount = c.balance;
        d.avail_amount = c.available;
        d.total_asset = c.total_asset;
        d.market_value = c.market_value;
        spi->OnQueryCashRsp(failed ? nullptr : &d, failed ? &e : &ok, id);
        break;
      }
      case HFT_EV_QUERY_SECURITY: {
        HFT::SecurityBaseInfo d;
        memset(&d, 0, sizeof d);
        const hft_security_t& s = ev.body.query_security.record;
        put(d.symbol, s.symbol);
        put_vendor_text(d.name, sizeof d.name, s.name);
        d.security_type = s.security_type == 3   ? HFT::SecurityTypeDetail_GPETF
                          : s.security_type == 4 ? HFT::SecurityTypeDetail_KZZ
                          : s.board == 2         ? HFT::SecurityTypeDetail_CYBG
                                                 : HFT::SecurityTypeDetail_ZBAG;
        d.price_tick = s.price_tick;
        d.limit_up = s.limit_up;
        d.limit_down = s.limit_down;
        d.min_qty = s.min_buy_volume;
        d.buy_tick = s.lot_size * 10000; /* a share count scaled like a price */
        d.sale_tick = 10000;
        d.has_price_limit = 1;
        spi->OnQuerySecurityBaseInfoRsp(failed ? nullptr : &d, failed ? &e : &ok, id, true);
        break;
      }
      default: break;
    }
  }

  std::atomic<HFT::TraderSpi*> spi_{nullptr}; /* set by the host, read by the pump thread */
  HFT::TraderSpi* spi = nullptr;              /* pump thread only: the SPI of the event at hand */
  HFT::ErrorInfo last_error_;
  HFT::AccountInfo account_{};
  hft_trader_t* sim_ = nullptr;
  bool logged_in_ = false;    /* pump thread only */
  bool login_failed_ = false; /* pump thread only: OnLogin already reported the refusal */
  bool instruments_requested_ = false;              /* pump thread only */
  std::vector<vendor_double::Instrument> instruments_; /* pump thread only */
  vendor_double::EventPump pump_;
  std::mutex mu_;
  std::map<std::string, int> order_requests_;  /* cl_order_id -> request_id */
  std::map<std::string, int> cancel_requests_; /* order_id -> request_id */
  std::map<std::string, int> pending_cancels_; /* order_id -> accepted cancel */
  std::map<int, int32_t> query_kinds_;         /* request_id -> HFT_QUERY_* */
  int cancel_seq_ = 0;
};

}  // namespace

namespace HFT {

TraderApi* TraderApi::CreateTraderApi() { return new DoubleTraderApi(); }

void TraderApi::SetLogConfig(const char* log_path, LogLevel) {
  std::lock_guard<std::mutex> lock(g_settings_mu);
  g_log_path = log_path ? log_path : "";
}

void TraderApi::SetReconnectConfig(int, int min_interval, int max_interval) {
  std::lock_guard<std::mutex> lock(g_settings_mu);
  g_reconnect_min_ms = (min_interval < 5 ? 5 : min_interval) * 100;
  g_reconnect_max_ms = (max_interval < 6 ? 6 : max_interval) * 100;
}

}  // namespace HFT
