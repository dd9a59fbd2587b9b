/* trader.c — the trade handle: hft_trader_* over the trade service of the wire protocol. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "conn.h"
#include "handle.h"
#include "last_error.h"
#include "latency_stamps.h"
#include "login_codes.h"
#include "reports.h"
#include "sync.h"
#include "wire_codec.h"

struct hft_trader {
  handle_base_t h; /* first: (handle_base_t*)t */
  /* guarded by the conn lock */
  int login_requested;
  hft_login_req_t login; /* credentials for re-login; wiped on release */
  int reset_reports;     /* a login for another account: forget the report watermark */
  reports_t reports;     /* network thread only */
};

/* ---- session callbacks (network / writer threads) ---- */
static void on_connected(void* ctx, conn_t* c) {
  hft_trader_t* t = (hft_trader_t*)ctx;
  req_node_t* n = req_node_new(MSG_LOGIN_REQ, 0);
  if (!n) {
    conn_fail(c, 1, 0, "out of memory queueing the login request");
    return;
  }
  conn_lock(c);
  n->u.login = t->login;
  int reset = t->reset_reports;
  t->reset_reports = 0;
  conn_unlock(c);
  if (reset) {
    reports_free(&t->reports);
    reports_init(&t->reports);
  }
  conn_send_control(c, n);
}

static void emit_report(void* ctx, const hft_event_t* ev) { conn_emit((conn_t*)ctx, ev); }

static int match_order(const req_node_t* n, const void* key) {
  return n->type == MSG_ORDER_REQ && strcmp(n->u.order.cl_order_id, (const char*)key) == 0;
}

static int match_cancel(const req_node_t* n, const void* key) {
  const hft_cancel_rsp_t* r = (const hft_cancel_rsp_t*)key;
  if (n->type != MSG_CANCEL_REQ) return 0;
  if (n->u.cancel.order_id[0]) return strcmp(n->u.cancel.order_id, r->order_id) == 0;
  return strcmp(n->u.cancel.cl_order_id, r->cl_order_id) == 0;
}

static int match_query(const req_node_t* n, const void* key) {
  return n->type == MSG_QUERY_REQ && n->u.query.request_id == *(const uint32_t*)key;
}

static void handle_login_rsp(hft_trader_t* t, conn_t* c, const wire_login_rsp_t* r) {
  hft_event_t ev;
  event_init(&ev, HFT_EV_LOGIN);
  ev.header.error_code = r->error_code;
  ev.body.login = r->rsp;
  if (conn_login_count(c) > 0) ev.header.flags |= HFT_EVF_REPLAY;
  conn_emit(c, &ev);
  if (r->error_code != 0) {
    if (hft_trade_login_is_final(r->error_code))
      conn_fail(c, 0, 0, "trade login to %s refused: %s (code %d)", conn_peer(c), r->rsp.error_msg,
                (int)r->error_code);
    else
      conn_fail(c, 1, 0, "trade login to %s failed: %s (code %d)", conn_peer(c), r->rsp.error_msg,
                (int)r->error_code);
    return;
  }
  int reset = 0;
  char warn[128];
  uint64_t after = reports_on_login(&t->reports, r->rsp.trading_day, r->rsp.last_report_seq,
                                    sync_now_ms(), &reset, warn, sizeof warn);
  if (reset) {
    event_init(&ev, HFT_EV_ERROR);
    textf(ev.body.error.message, sizeof ev.body.error.message, "%s", warn);
    conn_emit(c, &ev);
  }
  req_node_t* n = req_node_new(MSG_REPORT_SUBSCRIBE_REQ, 0);
  conn_lock(c);
  if (n) {
    n->u.after_seq = after;
    conn_send_control_locked(c, n);
  }
  conn_set_ready_locked(c); /* unanswered requests were put back in front of the queue */
  conn_unlock(c);
  if (!n) conn_fail(c, 1, 0, "out of memory subscribing to reports");
}

static void handle_query_rsp(conn_t* c, const wire_query_rsp_t* q) {
  conn_lock(c);
  req_node_t* n = conn_take_in_flight_locked(c, match_query, &q->request_id);
  conn_unlock(c);
  uint16_t flags_replay = (n && n->resent) ? HFT_EVF_REPLAY : 0;
  req_node_free(n);
  hft_event_t ev;
  if (q->error_code != 0) {
    event_init(&ev, HFT_EV_QUERY_ERROR);
    ev.header.error_code = q->error_code;
    ev.header.request_id = q->request_id;
    ev.header.flags = HFT_EVF_PAGE_END | HFT_EVF_IS_LAST | flags_replay;
    memcpy(ev.body.query_error.page.next_pos_str, q->next_pos_str, 32);
    memcpy(ev.body.query_error.error_msg, q->error_msg, sizeof ev.body.query_error.error_msg);
    conn_emit(c, &ev);
    return;
  }
  static const uint16_t types[] = { 0, HFT_EV_QUERY_ORDER, HFT_EV_QUERY_TRADE, HFT_EV_QUERY_POSITION,
                                    HFT_EV_QUERY_CASH, HFT_EV_QUERY_SECURITY };
  if (q->kind < 1 || q->kind > 5) {
    /* only possible with count 0 (the decoder checked): nothing to deliver as records */
    event_init(&ev, HFT_EV_QUERY_ERROR);
    ev.header.error_code = 4003;
    ev.header.request_id = q->request_id;
    ev.header.flags = HFT_EVF_PAGE_END | HFT_EVF_IS_LAST | flags_replay;
    textf(ev.body.query_error.error_msg, sizeof ev.body.query_error.error_msg, "query answer with invalid kind %d", (int)q->kind);
    conn_emit(c, &ev);
    return;
  }
  uint16_t end_flags = HFT_EVF_PAGE_END | (q->is_last ? HFT_EVF_IS_LAST : 0);
  if (q->count == 0) {
    event_init(&ev, types[q->kind]);
    ev.header.request_id = q->request_id;
    ev.header.flags = end_flags | HFT_EVF_EMPTY | flags_replay;
    memcpy(ev.body.query_order.page.next_pos_str, q->next_pos_str, 32);
    conn_emit(c, &ev);
    return;
  }
  for (uint32_t i = 0; i < q->count; i++) {
    wire_record_t rec;
    wire_decode_record(q, i, &rec);
    event_init(&ev, types[q->kind]);
    ev.header.request_id = q->request_id;
    ev.header.flags = flags_replay;
    if (i + 1 == q->count) {
      ev.header.flags |= end_flags;
      /* every query body starts with the page cursor */
      memcpy(ev.body.query_order.page.next_pos_str, q->next_pos_str, 32);
    }
    switch (q->kind) {
      case HFT_QUERY_ORDERS: ev.body.query_order.record = rec.order; break;
      case HFT_QUERY_TRADES: ev.body.query_trade.record = rec.trade; break;
      case HFT_QUERY_POSITIONS: ev.body.query_position.record = rec.position; break;
      case HFT_QUERY_CASH: ev.body.query_cash.record = rec.cash; break;
      default: ev.body.query_security.record = rec.security; break;
    }
    conn_emit(c, &ev);
  }
}

static int on_frame(void* ctx, conn_t* c, const wire_frame_t* f) {
  hft_trader_t* t = (hft_trader_t*)ctx;
  wire_msg_t msg;
  if (handle_decode_frame(c, f, 0x0200, 0x0300, "trade", &msg) != 0) return -1;
  hft_event_t ev;
  switch (f->type) {
    case MSG_HEARTBEAT:
      return 0;
    case MSG_ERROR:
      handle_emit_error(c, &msg.error);
      return 0;
    case MSG_LOGIN_RSP:
      handle_login_rsp(t, c, &msg.login_rsp);
      return 0;
    case MSG_ORDER_RSP: {
      conn_lock(c);
      req_node_t* n = conn_take_in_flight_locked(c, match_order, msg.order_rsp.rsp.cl_order_id);
      conn_unlock(c);
      event_init(&ev, HFT_EV_ORDER_RSP);
      ev.header.error_code = msg.order_rsp.error_code;
      ev.body.order_rsp = msg.order_rsp.rsp;
      if (n && n->resent) {
        ev.header.flags |= HFT_EVF_REPLAY;
        /* the first write reached the server before the drop: 2012 means "already accepted" */
        if (msg.order_rsp.error_code == 2012 && msg.order_rsp.rsp.order_id[0]) {
          ev.header.error_code = 0;
          memset(ev.body.order_rsp.error_msg, 0, sizeof ev.body.order_rsp.error_msg);
        }
      }
      req_node_free(n);
      conn_emit(c, &ev);
      return 0;
    }
    case MSG_CANCEL_RSP: {
      conn_lock(c);
      req_node_t* n = conn_take_in_flight_locked(c, match_cancel, &msg.cancel_rsp.rsp);
      conn_unlock(c);
      event_init(&ev, HFT_EV_CANCEL_RSP);
      ev.header.error_code = msg.cancel_rsp.error_code;
      ev.body.cancel_rsp = msg.cancel_rsp.rsp;
      if (n && n->resent) ev.header.flags |= HFT_EVF_REPLAY;
      req_node_free(n);
      conn_emit(c, &ev);
      return 0;
    }
    case MSG_ORDER_REPORT:
      event_init(&ev, HFT_EV_ORDER_STATUS);
      ev.header.error_code = msg.order_report.error_code;
      ev.body.order = msg.order_report;
      reports_on_report(&t->reports, &ev, sync_now_ms(), emit_report, c);
      return 0;
    case MSG_TRADE_REPORT:
      event_init(&ev, HFT_EV_TRADE_REPORT);
      ev.body.trade = msg.trade_report;
      reports_on_report(&t->reports, &ev, sync_now_ms(), emit_report, c);
      return 0;
    case MSG_RISK_NOTIFY:
      event_init(&ev, HFT_EV_RISK_NOTIFY);
      ev.header.error_code = msg.risk.code;
      ev.body.risk = msg.risk;
      conn_emit(c, &ev);
      return 0;
    case MSG_QUERY_RSP:
      handle_query_rsp(c, &msg.query_rsp);
      return 0;
    default:
      conn_fail(c, 1, 0, "protocol error from %s: unexpected %s (0x%04x) from the trade server (code 9003)",
                conn_peer(c), wire_type_name(f->type), f->type);
      return -1;
  }
}

static void on_disconnected(void* ctx, conn_t* c) {
  (void)ctx;
  (void)c;
}

static void on_tick(void* ctx, conn_t* c, int64_t now_ms) {
  hft_trader_t* t = (hft_trader_t*)ctx;
  uint64_t after;
  conn_lock(c);
  int ready = conn_state_locked(c) == CONN_READY;
  conn_unlock(c);
  if (!ready || !reports_check_gap(&t->reports, now_ms, &after)) return;
  req_node_t* n = req_node_new(MSG_REPORT_SUBSCRIBE_REQ, 0);
  if (!n) return;
  n->u.after_seq = after;
  conn_send_control(c, n);
}

static int keep_in_flight(void* ctx, req_node_t* n) {
  (void)ctx;
  return n->type == MSG_ORDER_REQ || n->type == MSG_CANCEL_REQ || n->type == MSG_QUERY_REQ;
}

static const conn_ops_t k_ops = { on_connected, on_frame, on_disconnected, on_tick, keep_in_flight };

/* ---- API ---- */
#define TRADER_KIND "trader handle"

HFT_API hft_trader_t* hft_trader_create(const hft_conn_config_t* config) {
  hft_trader_t* t = (hft_trader_t*)handle_create(sizeof *t, config, TRADER_KIND);
  if (!t) return NULL;
  reports_init(&t->reports);
  if (handle_connect(&t->h, &k_ops, t, CONN_NAME_TRADE) != HFT_OK) {
    reports_free(&t->reports);
    free(t);
    return NULL;
  }
  return t;
}

HFT_API int32_t hft_trader_set_wakeup(hft_trader_t* t, hft_wakeup_fn fn, void* user_data) {
  return handle_set_wakeup((handle_base_t*)t, TRADER_KIND, fn, user_data);
}

HFT_API int32_t hft_trader_open_wakeup_fd(hft_trader_t* t) {
  return handle_open_wakeup_fd((handle_base_t*)t, TRADER_KIND);
}

HFT_API int32_t hft_trader_set_event_callback(hft_trader_t* t, hft_event_fn fn, void* user_data) {
  return handle_set_event_callback((handle_base_t*)t, TRADER_KIND, fn, user_data);
}

HFT_API int32_t hft_trader_login(hft_trader_t* t, const hft_login_req_t* req) {
  if (!t) return set_error(HFT_E_INVALID_ARG, TRADER_KIND " is NULL");
  if (!req) return set_error(HFT_E_INVALID_ARG, "login request is NULL");
  if (check_text(req->account_id, sizeof req->account_id, 1, "account_id") ||
      check_text(req->password, sizeof req->password, 0, "password") ||
      check_text(req->cust_orgid, sizeof req->cust_orgid, 0, "cust_orgid") ||
      check_text(req->cust_branchid, sizeof req->cust_branchid, 0, "cust_branchid") ||
      check_text(req->cl_system_id, sizeof req->cl_system_id, 0, "cl_system_id"))
    return HFT_E_INVALID_ARG;
  if (req->account_type < 0 || req->account_type > 255)
    return set_error(HFT_E_INVALID_ARG, "account_type must be 0-255 (HFT_ACCOUNT_STOCK = 1), got %d",
                     (int)req->account_type);
  conn_lock(t->h.conn);
  conn_state_t st = conn_state_locked(t->h.conn);
  if (st != CONN_IDLE) {
    conn_unlock(t->h.conn);
    return set_error(HFT_E_STATE, "login already requested (the trade connection is active)");
  }
  if (t->login_requested && strcmp(t->login.account_id, req->account_id) != 0) t->reset_reports = 1;
  t->login = *req;
  t->login_requested = 1;
  conn_unlock(t->h.conn);
  return conn_start(t->h.conn);
}

static int32_t require_login(hft_trader_t* t) {
  conn_lock(t->h.conn);
  int requested = t->login_requested;
  conn_unlock(t->h.conn);
  if (!requested) return set_error(HFT_E_STATE, "call hft_trader_login before sending requests");
  return HFT_OK;
}

/* Checks an order request and queues it with `enqueue` (direct or deferred). */
static int32_t queue_order(hft_trader_t* t, const hft_order_req_t* req,
                           int32_t (*enqueue)(conn_t*, req_node_t*)) {
  if (!t) return set_error(HFT_E_INVALID_ARG, TRADER_KIND " is NULL");
  if (!req) return set_error(HFT_E_INVALID_ARG, "order request is NULL");
  if (check_text(req->cl_order_id, sizeof req->cl_order_id, 1, "cl_order_id") ||
      check_text(req->symbol, sizeof req->symbol, 1, "symbol"))
    return HFT_E_INVALID_ARG;
  if (req->order_type < 0 || req->order_type > 255)
    return set_error(HFT_E_INVALID_ARG, "order_type must be 0-255 (HFT_ORDER_LMT/B5TC/IOC/AON), got %d",
                     (int)req->order_type);
  if (req->side < 0 || req->side > 255)
    return set_error(HFT_E_INVALID_ARG, "side must be 0-255 (HFT_SIDE_BID/ASK), got %d", (int)req->side);
  if (req->volume < -WIRE_MAX_SAFE_INT || req->volume > WIRE_MAX_SAFE_INT ||
      req->price < -WIRE_MAX_SAFE_INT || req->price > WIRE_MAX_SAFE_INT)
    return set_error(HFT_E_INVALID_ARG, "volume and price must be within +-(2^53-1)");
  if (require_login(t)) return HFT_E_STATE;
  req_node_t* n = req_node_new(MSG_ORDER_REQ, 0);
  if (!n) return set_error(HFT_E_NOMEM, "out of memory queueing the order");
  n->u.order = *req;
  int32_t rc = enqueue(t->h.conn, n);
  if (rc != HFT_OK) req_node_free(n);
  return rc;
}

HFT_API int32_t hft_trader_order(hft_trader_t* t, const hft_order_req_t* req) {
  LATENCY_STAMP(LATENCY_ORDER_CALL);
  return queue_order(t, req, conn_enqueue);
}

HFT_API int32_t hft_trader_order_deferred(hft_trader_t* t, const hft_order_req_t* req) {
  return queue_order(t, req, conn_enqueue_deferred);
}

HFT_API int32_t hft_trader_flush(hft_trader_t* t) {
  LATENCY_STAMP(LATENCY_ORDER_CALL);
  if (!t) return set_error(HFT_E_INVALID_ARG, TRADER_KIND " is NULL");
  conn_flush(t->h.conn);
  return HFT_OK;
}

HFT_API int32_t hft_trader_cancel_order(hft_trader_t* t, const char* order_id, const char* cl_order_id) {
  if (!t) return set_error(HFT_E_INVALID_ARG, TRADER_KIND " is NULL");
  const char* oid = order_id ? order_id : "";
  const char* cid = cl_order_id ? cl_order_id : "";
  if (strnlen(oid, 32) >= 32) return set_error(HFT_E_INVALID_ARG, "order_id is longer than 31 bytes");
  if (strnlen(cid, 32) >= 32) return set_error(HFT_E_INVALID_ARG, "cl_order_id is longer than 31 bytes");
  if (!oid[0] && !cid[0]) return set_error(HFT_E_INVALID_ARG, "give order_id or cl_order_id");
  if (require_login(t)) return HFT_E_STATE;
  req_node_t* n = req_node_new(MSG_CANCEL_REQ, 0);
  if (!n) return set_error(HFT_E_NOMEM, "out of memory queueing the cancel");
  strcpy(n->u.cancel.order_id, oid);
  strcpy(n->u.cancel.cl_order_id, cid);
  int32_t rc = conn_enqueue(t->h.conn, n);
  if (rc != HFT_OK) req_node_free(n);
  return rc;
}

HFT_API int32_t hft_trader_query(hft_trader_t* t, const hft_query_req_t* req) {
  if (!t) return set_error(HFT_E_INVALID_ARG, TRADER_KIND " is NULL");
  if (!req) return set_error(HFT_E_INVALID_ARG, "query request is NULL");
  if (req->kind < 0 || req->kind > 255)
    return set_error(HFT_E_INVALID_ARG, "kind must be 0-255 (HFT_QUERY_ORDERS..SECURITIES), got %d", (int)req->kind);
  if (req->query_num < 1 || req->query_num > HFT_QUERY_MAX_NUM)
    return set_error(HFT_E_INVALID_ARG, "query_num must be 1-%d, got %d", HFT_QUERY_MAX_NUM, (int)req->query_num);
  if (check_text(req->pos_str, sizeof req->pos_str, 0, "pos_str") ||
      check_text(req->symbol, sizeof req->symbol, 0, "symbol"))
    return HFT_E_INVALID_ARG;
  if (require_login(t)) return HFT_E_STATE;
  req_node_t* n = req_node_new(MSG_QUERY_REQ, 0);
  if (!n) return set_error(HFT_E_NOMEM, "out of memory queueing the query");
  n->u.query = *req;
  int32_t rc = conn_enqueue(t->h.conn, n);
  if (rc != HFT_OK) req_node_free(n);
  return rc;
}

HFT_API int32_t hft_trader_poll(hft_trader_t* t, hft_event_t* out, int32_t max_events) {
  return handle_poll((handle_base_t*)t, TRADER_KIND, out, max_events);
}

HFT_API int32_t hft_trader_arm(hft_trader_t* t) { return handle_arm((handle_base_t*)t, TRADER_KIND); }

HFT_API void hft_trader_release(hft_trader_t* t) {
  if (!t) return;
  handle_release(&t->h);
  reports_free(&t->reports);
  handle_wipe(&t->login, sizeof t->login);
  free(t);
}
