/* test_session.c — the trade and market-data handles over TCP against a scripted C peer
 * (fake_server.c): login, reports exactly once and in order (duplicates, reordering, gap refill),
 * queries with page flags, reconnect with re-login / report resume / in-flight resend, credential
 * errors stop reconnecting, refused connects, heartbeat timeout, unanswered requests (one-way loss),
 * market-data resubscribe, ring overflow policies, wake-up/arm, release waits for a wake-up call in
 * progress, argument checks, queue bound.
 */
#if !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "evlog.h"
#include "fake_server.h"
#include "hft_api.h"
#include "net_compat.h"
#include "wire_codec.h"


static hft_conn_config_t config(uint16_t port) {
  hft_conn_config_t c;
  memset(&c, 0, sizeof c);
  strcpy(c.host, "127.0.0.1");
  c.port = port;
  c.heartbeat_interval_ms = 100;
  c.heartbeat_timeout_ms = 2000;
  c.connect_timeout_ms = 1000;
  c.reconnect_min_ms = 20;
  c.reconnect_max_ms = 100;
  return c;
}

static hft_login_req_t login_req(void) {
  hft_login_req_t r;
  memset(&r, 0, sizeof r);
  strcpy(r.account_id, "demo001");
  strcpy(r.password, PASSWORD);
  strcpy(r.cust_orgid, "0000");
  strcpy(r.cust_branchid, "9999");
  strcpy(r.cl_system_id, "HFT");
  r.account_type = HFT_ACCOUNT_STOCK;
  return r;
}

/* ---- a tiny scripted broker ---- */
#define MAX_REPORTS 256
typedef struct broker {
  pthread_mutex_t mu;
  int32_t login_error;     /* LOGIN_RSP error code */
  uint64_t last_report_seq_at_login;
  int live;                /* report stream subscribed on this connection */
  uint64_t after_seqs[16];
  int n_after;
  /* stored reports: type + struct */
  struct {
    uint16_t type;
    hft_order_report_t order;
    hft_trade_report_t trade;
  } reports[MAX_REPORTS];
  int n_reports;
  char seen_cl_ids[64][32];
  char seen_order_ids[64][32];
  int n_seen;
  int answer_orders;       /* answer ORDER_REQ with ORDER_RSP */
  int orders_received;
  char last_password[64];
  int withhold_seq;        /* when replaying, skip this sequence (to create gaps) */
  int login_delay_ms;      /* answer LOGIN_REQ this late */
} broker_t;

static uint64_t report_seq(broker_t* b, int i) {
  return b->reports[i].type == MSG_TRADE_REPORT ? b->reports[i].trade.report_seq : b->reports[i].order.report_seq;
}

static void send_report(fake_server_t* fs, broker_t* b, int i) {
  if (b->reports[i].type == MSG_TRADE_REPORT) fs_send(fs, MSG_TRADE_REPORT, &b->reports[i].trade);
  else fs_send(fs, MSG_ORDER_REPORT, &b->reports[i].order);
}

static int add_order_report(broker_t* b, uint64_t seq, const char* order_id_in, const char* cl_id_in, int status) {
  char order_id[32], cl_id[32];
  snprintf(order_id, sizeof order_id, "%s", order_id_in);
  snprintf(cl_id, sizeof cl_id, "%s", cl_id_in);
  int i = b->n_reports++;
  memset(&b->reports[i], 0, sizeof b->reports[i]);
  b->reports[i].type = MSG_ORDER_REPORT;
  hft_order_report_t* o = &b->reports[i].order;
  o->report_seq = seq;
  snprintf(o->order_id, sizeof o->order_id, "%s", order_id);
  snprintf(o->cl_order_id, sizeof o->cl_order_id, "%s", cl_id);
  strcpy(o->symbol, "SH.600000");
  o->side = 1;
  o->order_type = 1;
  o->status = status;
  o->price = 102300;
  o->volume = 1000;
  o->trading_day = 20260126;
  return i;
}

static int add_trade_report(broker_t* b, uint64_t seq, const char* order_id_in, const char* cl_id_in) {
  char order_id[32], cl_id[32];
  snprintf(order_id, sizeof order_id, "%s", order_id_in);
  snprintf(cl_id, sizeof cl_id, "%s", cl_id_in);
  int i = b->n_reports++;
  memset(&b->reports[i], 0, sizeof b->reports[i]);
  b->reports[i].type = MSG_TRADE_REPORT;
  hft_trade_report_t* t = &b->reports[i].trade;
  t->report_seq = seq;
  snprintf(t->trade_id, sizeof t->trade_id, "T%llu", (unsigned long long)seq);
  snprintf(t->order_id, sizeof t->order_id, "%s", order_id);
  snprintf(t->cl_order_id, sizeof t->cl_order_id, "%s", cl_id);
  strcpy(t->symbol, "SH.600000");
  t->side = 1;
  t->price = 102300;
  t->volume = 1000;
  t->amount = 102300000;
  t->trading_day = 20260126;
  return i;
}

static void broker_handler(fake_server_t* fs, uint16_t type, const wire_msg_t* msg, void* ud) {
  broker_t* b = (broker_t*)ud;
  pthread_mutex_lock(&b->mu);
  switch (type) {
    case MSG_LOGIN_REQ: {
      memcpy(b->last_password, msg->login_req.password, sizeof b->last_password);
      if (b->login_delay_ms) usleep((useconds_t)b->login_delay_ms * 1000);
      b->live = 0;
      wire_login_rsp_t r;
      memset(&r, 0, sizeof r);
      r.error_code = b->login_error;
      if (b->login_error) snprintf(r.rsp.error_msg, sizeof r.rsp.error_msg, "wrong password for account demo001");
      strcpy(r.rsp.account_id, msg->login_req.account_id);
      r.rsp.trading_day = 20260126;
      r.rsp.last_report_seq = b->n_reports ? report_seq(b, b->n_reports - 1) : b->last_report_seq_at_login;
      fs_send(fs, MSG_LOGIN_RSP, &r);
      break;
    }
    case MSG_REPORT_SUBSCRIBE_REQ:
      if (b->n_after < 16) b->after_seqs[b->n_after++] = msg->report_sub.after_seq;
      b->live = 1;
      for (int i = 0; i < b->n_reports; i++)
        if (report_seq(b, i) > msg->report_sub.after_seq && (int)report_seq(b, i) != b->withhold_seq)
          send_report(fs, b, i);
      break;
    case MSG_ORDER_REQ: {
      b->orders_received++;
      if (!b->answer_orders) break;
      wire_order_rsp_t r;
      memset(&r, 0, sizeof r);
      strcpy(r.rsp.cl_order_id, msg->order_req.cl_order_id);
      int dup = -1;
      for (int i = 0; i < b->n_seen; i++)
        if (strcmp(b->seen_cl_ids[i], msg->order_req.cl_order_id) == 0) dup = i;
      if (dup >= 0) {
        r.error_code = 2012;
        strcpy(r.rsp.order_id, b->seen_order_ids[dup]);
        strcpy(r.rsp.error_msg, "duplicate client order id");
        fs_send(fs, MSG_ORDER_RSP, &r);
        break;
      }
      int k = b->n_seen++;
      strcpy(b->seen_cl_ids[k], msg->order_req.cl_order_id);
      snprintf(b->seen_order_ids[k], 32, "O%d", k + 1);
      strcpy(r.rsp.order_id, b->seen_order_ids[k]);
      fs_send(fs, MSG_ORDER_RSP, &r);
      uint64_t seq = b->n_reports ? report_seq(b, b->n_reports - 1) : b->last_report_seq_at_login;
      int i1 = add_order_report(b, seq + 1, b->seen_order_ids[k], msg->order_req.cl_order_id, HFT_STATUS_PENDING_NEW);
      int i2 = add_order_report(b, seq + 2, b->seen_order_ids[k], msg->order_req.cl_order_id, HFT_STATUS_NEW);
      int i3 = add_trade_report(b, seq + 3, b->seen_order_ids[k], msg->order_req.cl_order_id);
      int i4 = add_order_report(b, seq + 4, b->seen_order_ids[k], msg->order_req.cl_order_id, HFT_STATUS_FILLED);
      if (b->live) {
        send_report(fs, b, i1);
        send_report(fs, b, i2);
        send_report(fs, b, i3);
        send_report(fs, b, i4);
      }
      break;
    }
    case MSG_CANCEL_REQ: {
      wire_cancel_rsp_t r;
      memset(&r, 0, sizeof r);
      strcpy(r.rsp.order_id, msg->cancel_req.order_id);
      strcpy(r.rsp.cl_order_id, msg->cancel_req.cl_order_id);
      r.rsp.status = HFT_STATUS_CANCEL_REJECTED;
      r.error_code = 3002;
      strcpy(r.rsp.error_msg, "already final");
      fs_send(fs, MSG_CANCEL_RSP, &r);
      break;
    }
    case MSG_QUERY_REQ: {
      wire_query_rsp_t q;
      memset(&q, 0, sizeof q);
      q.request_id = msg->query_req.request_id;
      q.kind = msg->query_req.kind;
      if (q.kind == HFT_QUERY_POSITIONS) {
        static hft_position_t pos[3];
        memset(pos, 0, sizeof pos);
        for (int i = 0; i < 3; i++) {
          memcpy(pos[i].symbol, "SH.600000", 10);
          pos[i].symbol[8] = (char)('0' + i);
          pos[i].volume = 100 * (i + 1);
        }
        q.count = 3;
        q.encode_records = pos;
        strcpy(q.next_pos_str, "3");
        q.is_last = 0;
      } else if (q.kind == HFT_QUERY_TRADES) {
        q.count = 0;
        q.is_last = 1;
      } else {
        q.error_code = 4003;
        strcpy(q.error_msg, "query kind is not one of 1-5");
        q.is_last = 1;
      }
      fs_send(fs, MSG_QUERY_RSP, &q);
      break;
    }
    default:
      break;
  }
  pthread_mutex_unlock(&b->mu);
}

static broker_t* broker_new(void) {
  broker_t* b = (broker_t*)calloc(1, sizeof *b);
  pthread_mutex_init(&b->mu, NULL);
  b->answer_orders = 1;
  b->last_report_seq_at_login = 41;
  return b;
}
static void broker_free(broker_t* b) {
  pthread_mutex_destroy(&b->mu);
  free(b);
}

static hft_order_req_t order_req(const char* cl_id) {
  hft_order_req_t o;
  memset(&o, 0, sizeof o);
  strcpy(o.cl_order_id, cl_id);
  strcpy(o.symbol, "SH.600000");
  o.order_type = HFT_ORDER_LMT;
  o.side = HFT_SIDE_BID;
  o.volume = 1000;
  o.price = 102300;
  return o;
}

/* collects report sequences delivered (ORDER_STATUS / TRADE_REPORT) */
static int report_seqs(const evlog_t* l, uint64_t* out, int cap) {
  int n = 0;
  for (int i = 0; i < l->n && n < cap; i++) {
    if (l->evs[i].header.type == HFT_EV_ORDER_STATUS) out[n++] = l->evs[i].body.order.report_seq;
    if (l->evs[i].header.type == HFT_EV_TRADE_REPORT) out[n++] = l->evs[i].body.trade.report_seq;
  }
  return n;
}

/* ---- tests ---- */
static void test_login_order_reports_query(void) {
  printf("- login, order flow, reports, queries\n");
  broker_t* b = broker_new();
  fake_server_t* fs = fs_start(broker_handler, b);
  fs_set_heartbeat(fs, 100);
  hft_conn_config_t cfg = config(fs_port(fs));
  hft_trader_t* t = hft_trader_create(&cfg);
  REQUIRE(t != NULL, "create: %s", hft_last_error());
  evlog_t l;
  log_init(&l);
  hft_order_req_t o = order_req("A1");
  CHECK(hft_trader_order(t, &o) == HFT_E_STATE, "order before login must be HFT_E_STATE");
  hft_login_req_t lr = login_req();
  CHECK(hft_trader_login(t, &lr) == HFT_OK, "login: %s", hft_last_error());
  CHECK(hft_trader_login(t, &lr) == HFT_E_STATE, "second login while active");
  /* queued before the login answer: sent after it */
  CHECK(hft_trader_order(t, &o) == HFT_OK, "order: %s", hft_last_error());
  int from = 0;
  int i = wait_for(t, poll_trader, &l, HFT_EV_CONNECTING, &from, 2000);
  CHECK(i >= 0 && l.evs[i].body.status.attempt == 0, "CONNECTING attempt 0");
  i = wait_for(t, poll_trader, &l, HFT_EV_CONNECTED, &from, 2000);
  CHECK(i >= 0, "CONNECTED");
  i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000);
  REQUIRE(i >= 0, "LOGIN event");
  CHECK(l.evs[i].header.error_code == 0 && l.evs[i].body.login.last_report_seq == 41 &&
            l.evs[i].body.login.trading_day == 20260126 && strcmp(l.evs[i].body.login.account_id, "demo001") == 0,
        "login body");
  CHECK(strcmp(b->last_password, PASSWORD) == 0, "password reached the server");
  CHECK(fs_wait_received(fs, MSG_REPORT_SUBSCRIBE_REQ, 1, 2000), "REPORT_SUBSCRIBE_REQ sent");
  CHECK(b->after_seqs[0] == 41, "afterSeq = lastReportSeq (41), got %llu", (unsigned long long)b->after_seqs[0]);
  i = wait_for(t, poll_trader, &l, HFT_EV_ORDER_RSP, &from, 2000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 0 && strcmp(l.evs[i].body.order_rsp.order_id, "O1") == 0 &&
            strcmp(l.evs[i].body.order_rsp.cl_order_id, "A1") == 0, "ORDER_RSP");
  int64_t end = now_ms() + 2000;
  uint64_t seqs[64];
  while (report_seqs(&l, seqs, 64) < 4 && now_ms() < end) {
    drain(t, poll_trader, &l);
    usleep(2000);
  }
  int n = report_seqs(&l, seqs, 64);
  CHECK(n == 4 && seqs[0] == 42 && seqs[1] == 43 && seqs[2] == 44 && seqs[3] == 45, "reports 42..45 (got %d)", n);
  CHECK(count_type(&l, HFT_EV_TRADE_REPORT) == 1, "one trade report");

  /* duplicates and reordering from the server are hidden: 47 46 46 48 47 -> 46 47 48 */
  pthread_mutex_lock(&b->mu);
  int r46 = add_order_report(b, 46, "O9", "A9", HFT_STATUS_NEW);
  int r47 = add_order_report(b, 47, "O9", "A9", HFT_STATUS_PARTIALLY_FILLED);
  int r48 = add_order_report(b, 48, "O9", "A9", HFT_STATUS_FILLED);
  send_report(fs, b, r47);
  send_report(fs, b, r46);
  send_report(fs, b, r46);
  send_report(fs, b, r48);
  send_report(fs, b, r47);
  send_report(fs, b, r46);
  pthread_mutex_unlock(&b->mu);
  end = now_ms() + 2000;
  while (report_seqs(&l, seqs, 64) < 7 && now_ms() < end) {
    drain(t, poll_trader, &l);
    usleep(2000);
  }
  usleep(50000);
  drain(t, poll_trader, &l);
  n = report_seqs(&l, seqs, 64);
  CHECK(n == 7 && seqs[4] == 46 && seqs[5] == 47 && seqs[6] == 48, "dedup/reorder: %d reports", n);

  /* a gap (49 missing) is refilled by a re-subscribe after ~1 s */
  pthread_mutex_lock(&b->mu);
  int r49 = add_order_report(b, 49, "O10", "A10", HFT_STATUS_NEW);
  int r50 = add_order_report(b, 50, "O10", "A10", HFT_STATUS_CANCELING);
  (void)r49;
  send_report(fs, b, r50);
  pthread_mutex_unlock(&b->mu);
  int64_t t0 = now_ms();
  CHECK(fs_wait_received(fs, MSG_REPORT_SUBSCRIBE_REQ, 2, 3000), "gap re-subscribe sent");
  int64_t waited = now_ms() - t0;
  CHECK(waited >= 900 && waited < 4000, "re-subscribe after ~1 s (took %lld ms)", (long long)waited);
  CHECK(b->after_seqs[1] == 48, "gap afterSeq 48, got %llu", (unsigned long long)b->after_seqs[1]);
  end = now_ms() + 2000;
  while (report_seqs(&l, seqs, 64) < 9 && now_ms() < end) {
    drain(t, poll_trader, &l);
    usleep(2000);
  }
  n = report_seqs(&l, seqs, 64);
  CHECK(n == 9 && seqs[7] == 49 && seqs[8] == 50, "gap filled: %d reports", n);

  /* queries: 3 records with PAGE_END on the last; empty page; error */
  hft_query_req_t q;
  memset(&q, 0, sizeof q);
  q.request_id = 77;
  q.kind = HFT_QUERY_POSITIONS;
  q.query_num = 3;
  CHECK(hft_trader_query(t, &q) == HFT_OK, "query");
  q.request_id = 78;
  q.kind = HFT_QUERY_TRADES;
  CHECK(hft_trader_query(t, &q) == HFT_OK, "query 2");
  q.request_id = 79;
  q.kind = 9;
  CHECK(hft_trader_query(t, &q) == HFT_OK, "query 3 (bad kind goes to the server)");
  int e = wait_for(t, poll_trader, &l, HFT_EV_QUERY_ERROR, &from, 2000);
  CHECK(e >= 0 && l.evs[e].header.error_code == 4003 && l.evs[e].header.request_id == 79 &&
            (l.evs[e].header.flags & HFT_EVF_IS_LAST), "query error event");
  int npos = 0, page_end = -1, empty = -1;
  for (int k = 0; k < l.n; k++) {
    const hft_event_t* ev = &l.evs[k];
    if (ev->header.type == HFT_EV_QUERY_POSITION) {
      CHECK(ev->header.request_id == 77, "request id echoed");
      CHECK(ev->body.query_position.record.volume == 100 * (npos + 1), "position record %d", npos);
      if (ev->header.flags & HFT_EVF_PAGE_END) page_end = npos;
      npos++;
      if (npos == 3) {
        CHECK(strcmp(ev->body.query_position.page.next_pos_str, "3") == 0, "next_pos_str on the page end");
        CHECK(!(ev->header.flags & HFT_EVF_IS_LAST), "not the last page");
      }
    }
    if (ev->header.type == HFT_EV_QUERY_TRADE) {
      empty = (ev->header.flags & (HFT_EVF_EMPTY | HFT_EVF_PAGE_END | HFT_EVF_IS_LAST)) ==
              (HFT_EVF_EMPTY | HFT_EVF_PAGE_END | HFT_EVF_IS_LAST);
      CHECK(ev->header.request_id == 78, "empty query request id");
    }
  }
  CHECK(npos == 3 && page_end == 2, "3 position records, PAGE_END on the last (%d, %d)", npos, page_end);
  CHECK(empty == 1, "empty page flags");

  /* cancel answer passes through */
  CHECK(hft_trader_cancel_order(t, "O1", NULL) == HFT_OK, "cancel");
  i = wait_for(t, poll_trader, &l, HFT_EV_CANCEL_RSP, &from, 2000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 3002 && l.evs[i].body.cancel_rsp.status == HFT_STATUS_CANCEL_REJECTED,
        "cancel rsp");

  /* client heartbeats flow (interval 100 ms) */
  CHECK(fs_wait_received(fs, MSG_HEARTBEAT, 3, 2000), "client heartbeats");
  CHECK(l.seq_errors == 0, "event_seq contiguous");
  hft_trader_release(t);
  fs_stop(fs);
  broker_free(b);
  log_free(&l);
}

static void test_reconnect_resend(void) {
  printf("- drop, reconnect, re-login, resume reports, resend in-flight order\n");
  broker_t* b = broker_new();
  fake_server_t* fs = fs_start(broker_handler, b);
  fs_set_heartbeat(fs, 100);
  hft_conn_config_t cfg = config(fs_port(fs));
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  int from = 0;
  REQUIRE(wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000) >= 0, "login");
  hft_order_req_t o = order_req("A1");
  hft_trader_order(t, &o);
  uint64_t seqs[64];
  int64_t end = now_ms() + 2000;
  while (report_seqs(&l, seqs, 64) < 4 && now_ms() < end) {
    drain(t, poll_trader, &l);
    usleep(2000);
  }
  /* the server takes order A2 (stores its reports) but the connection drops before any answer */
  pthread_mutex_lock(&b->mu);
  b->answer_orders = 0;
  pthread_mutex_unlock(&b->mu);
  o = order_req("A2");
  hft_trader_order(t, &o);
  REQUIRE(fs_wait_received(fs, MSG_ORDER_REQ, 2, 2000), "A2 reached the server");
  pthread_mutex_lock(&b->mu);
  /* accept A2 as if answered, but do not send anything */
  int k = b->n_seen++;
  strcpy(b->seen_cl_ids[k], "A2");
  strcpy(b->seen_order_ids[k], "O2");
  add_order_report(b, 46, "O2", "A2", HFT_STATUS_PENDING_NEW);
  add_order_report(b, 47, "O2", "A2", HFT_STATUS_NEW);
  b->answer_orders = 1;
  pthread_mutex_unlock(&b->mu);
  fs_drop(fs);
  int i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 3000);
  REQUIRE(i >= 0, "DISCONNECTED");
  CHECK(l.evs[i].body.status.will_reconnect == 1, "will reconnect");
  CHECK(strstr(l.evs[i].body.status.message, "closed by peer") != NULL, "message: %s", l.evs[i].body.status.message);
  char peer[64];
  snprintf(peer, sizeof peer, "127.0.0.1:%u", (unsigned)fs_port(fs));
  CHECK(strstr(l.evs[i].body.status.message, peer) != NULL, "message names the peer: %s", l.evs[i].body.status.message);
  i = wait_for(t, poll_trader, &l, HFT_EV_CONNECTING, &from, 3000);
  CHECK(i >= 0 && l.evs[i].body.status.attempt == 1, "reconnect attempt 1");
  i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 3000);
  CHECK(i >= 0 && (l.evs[i].header.flags & HFT_EVF_REPLAY), "re-login (REPLAY flag)");
  CHECK(fs_wait_received(fs, MSG_REPORT_SUBSCRIBE_REQ, 2, 2000), "resubscribed to reports");
  CHECK(b->after_seqs[1] == 45, "resume afterSeq = delivered 45, got %llu", (unsigned long long)b->after_seqs[1]);
  i = wait_for(t, poll_trader, &l, HFT_EV_ORDER_RSP, &from, 3000);
  CHECK(i >= 0 && strcmp(l.evs[i].body.order_rsp.cl_order_id, "A2") == 0, "A2 answered after resend");
  if (i >= 0) {
    CHECK(l.evs[i].header.error_code == 0 && strcmp(l.evs[i].body.order_rsp.order_id, "O2") == 0 &&
              (l.evs[i].header.flags & HFT_EVF_REPLAY), "resent order: 2012 reported as accepted with REPLAY (code %d)",
          l.evs[i].header.error_code);
  }
  CHECK(b->orders_received == 3, "A2 resent once (orders received %d)", b->orders_received);
  end = now_ms() + 2000;
  while (report_seqs(&l, seqs, 64) < 6 && now_ms() < end) {
    drain(t, poll_trader, &l);
    usleep(2000);
  }
  usleep(50000);
  drain(t, poll_trader, &l);
  int n = report_seqs(&l, seqs, 64);
  CHECK(n == 6 && seqs[4] == 46 && seqs[5] == 47, "replayed reports 46, 47 once (%d reports)", n);
  for (int x = 0; x < l.n; x++)
    if (l.evs[x].header.type == HFT_EV_ORDER_STATUS && l.evs[x].body.order.report_seq >= 46)
      CHECK(l.evs[x].header.flags & HFT_EVF_REPLAY, "replayed report flagged");
  CHECK(l.seq_errors == 0, "event_seq contiguous");
  hft_trader_release(t);
  fs_stop(fs);
  broker_free(b);
  log_free(&l);
}

static void test_credential_error(void) {
  printf("- credential error stops reconnecting\n");
  broker_t* b = broker_new();
  b->login_error = 1002;
  b->login_delay_ms = 100; /* so the order below is queued before the refusal */
  fake_server_t* fs = fs_start(broker_handler, b);
  hft_conn_config_t cfg = config(fs_port(fs));
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  hft_order_req_t o = order_req("Z1");
  CHECK(hft_trader_order(t, &o) == HFT_OK, "queued order");
  int from = 0;
  int i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 1002, "login failure event");
  i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 2000);
  CHECK(i >= 0 && l.evs[i].body.status.will_reconnect == 0, "no reconnect after 1002");
  if (i >= 0) CHECK(strstr(l.evs[i].body.status.message, "1002") != NULL, "message: %s", l.evs[i].body.status.message);
  usleep(300000);
  drain(t, poll_trader, &l);
  CHECK(fs_accepted(fs) == 1, "one connection only (%d)", fs_accepted(fs));
  CHECK(count_type(&l, HFT_EV_ERROR) == 1, "queued order discarded with an error event (%d errors, %d events)", count_type(&l, HFT_EV_ERROR), l.n);
  /* login may be retried (e.g. with a corrected password) */
  pthread_mutex_lock(&b->mu);
  b->login_error = 0;
  pthread_mutex_unlock(&b->mu);
  CHECK(hft_trader_login(t, &lr) == HFT_OK, "login again after a credential error: %s", hft_last_error());
  i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 0, "second login ok");
  hft_trader_release(t);
  fs_stop(fs);
  broker_free(b);
  log_free(&l);
}

static void test_refused_and_retries(void) {
  printf("- refused connect, retries, then giving up\n");
  fake_server_t* fs = fs_start(NULL, NULL);
  uint16_t port = fs_port(fs);
  fs_stop(fs); /* nothing listens there now */
  hft_conn_config_t cfg = config(port);
  cfg.connect_retries = 2;
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  int from = 0, last = -1;
  for (int k = 0; k < 3; k++) {
    int i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 3000);
    CHECK(i >= 0, "DISCONNECTED %d", k);
    if (i < 0) break;
    const hft_status_info_t* s = &l.evs[i].body.status;
    CHECK(s->os_error == ECONNREFUSED, "os_error ECONNREFUSED (%d)", s->os_error);
    CHECK(s->attempt == k, "attempt %d (%d)", k, s->attempt);
    CHECK(strstr(s->message, "refused") != NULL, "message: %s", s->message);
    last = i;
  }
  if (last >= 0) CHECK(l.evs[last].body.status.will_reconnect == 0, "gives up after connect_retries");
  usleep(200000);
  drain(t, poll_trader, &l);
  CHECK(count_type(&l, HFT_EV_CONNECTING) == 3, "3 attempts (%d)", count_type(&l, HFT_EV_CONNECTING));
  hft_trader_release(t);
  log_free(&l);
}

static void test_heartbeat_timeout(void) {
  printf("- heartbeat timeout\n");
  broker_t* b = broker_new();
  fake_server_t* fs = fs_start(broker_handler, b); /* sends no heartbeats */
  hft_conn_config_t cfg = config(fs_port(fs));
  cfg.heartbeat_timeout_ms = 300;
  cfg.reconnect_min_ms = 5000;
  cfg.reconnect_max_ms = 5000;
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  int from = 0;
  CHECK(wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000) >= 0, "login");
  int64_t t0 = now_ms();
  int i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 3000);
  CHECK(i >= 0, "DISCONNECTED");
  if (i >= 0) {
    CHECK(l.evs[i].body.status.os_error == ETIMEDOUT && strstr(l.evs[i].body.status.message, "heartbeat timeout"),
          "heartbeat timeout: %s", l.evs[i].body.status.message);
    CHECK(now_ms() - t0 < 3000, "detected in time (%lld ms)", (long long)(now_ms() - t0));
    CHECK(l.evs[i].body.status.will_reconnect == 1, "will reconnect");
  }
  /* release during the 2.5-5 s backoff sleep must be prompt */
  int64_t r0 = now_ms();
  hft_trader_release(t);
  CHECK(now_ms() - r0 < 2000, "release during backoff took %lld ms", (long long)(now_ms() - r0));
  fs_stop(fs);
  broker_free(b);
  log_free(&l);
}

/* Issue 18.6: client -> server bytes are lost while the server keeps sending heartbeats. Received
 * traffic alone cannot show it; the unanswered order must (within heartbeat_timeout_ms), and the
 * reconnect must resend it. */
static void test_unanswered_request_reconnects(void) {
  printf("- one-way loss: an unanswered order fails the connection, the reconnect resends it\n");
  broker_t* b = broker_new();
  b->answer_orders = 0; /* the order vanishes, as if the bytes never arrived */
  fake_server_t* fs = fs_start(broker_handler, b);
  fs_set_heartbeat(fs, 50); /* ... while the server side looks perfectly alive */
  hft_conn_config_t cfg = config(fs_port(fs));
  cfg.heartbeat_timeout_ms = 600;
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  int from = 0;
  REQUIRE(wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 2000) >= 0, "login");
  hft_order_req_t o = order_req("C-LOST");
  int64_t t0 = now_ms();
  CHECK(hft_trader_order(t, &o) == HFT_OK, "order: %s", hft_last_error());
  CHECK(fs_wait_received(fs, MSG_ORDER_REQ, 1, 2000), "the server got the order and kept quiet");
  int i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 5000);
  int64_t took = now_ms() - t0;
  CHECK(i >= 0, "DISCONNECTED although heartbeats kept arriving");
  if (i >= 0) {
    const char* msg = l.evs[i].body.status.message;
    CHECK(strstr(msg, "no answer") && strstr(msg, "ORDER_REQ") && strstr(msg, "reconnecting"), "reason: %s", msg);
    CHECK(l.evs[i].body.status.os_error == ETIMEDOUT, "os_error %d", l.evs[i].body.status.os_error);
    CHECK(took >= cfg.heartbeat_timeout_ms, "not before the bound (%lld ms)", (long long)took);
    CHECK(took < cfg.heartbeat_timeout_ms + 2000, "detected within the bound + slack (%lld ms)", (long long)took);
  }
  pthread_mutex_lock(&b->mu);
  b->answer_orders = 1;
  pthread_mutex_unlock(&b->mu);
  i = wait_for(t, poll_trader, &l, HFT_EV_ORDER_RSP, &from, 5000);
  CHECK(i >= 0, "ORDER_RSP after the reconnect");
  if (i >= 0) {
    CHECK(strcmp(l.evs[i].body.order_rsp.cl_order_id, "C-LOST") == 0, "cl_order_id %s",
          l.evs[i].body.order_rsp.cl_order_id);
    CHECK(l.evs[i].header.error_code == 0, "accepted (%d)", l.evs[i].header.error_code);
    CHECK(l.evs[i].header.flags & HFT_EVF_REPLAY, "marked as a resend");
  }
  CHECK(fs_received(fs, MSG_ORDER_REQ) == 2, "sent twice (%d)", fs_received(fs, MSG_ORDER_REQ));
  hft_trader_release(t);
  fs_stop(fs);
  broker_free(b);
  log_free(&l);
}

/* ---- market data ---- */
typedef struct mdsrv {
  pthread_mutex_t mu;
  int32_t login_error;
  int sub_frames;
  char codes[64][8];
  int ncodes;
  uint64_t md_seq;
} mdsrv_t;

static void md_handler(fake_server_t* fs, uint16_t type, const wire_msg_t* msg, void* ud) {
  mdsrv_t* s = (mdsrv_t*)ud;
  pthread_mutex_lock(&s->mu);
  if (type == MSG_MD_LOGIN_REQ) {
    wire_md_login_rsp_t r;
    memset(&r, 0, sizeof r);
    r.error_code = s->login_error;
    if (r.error_code) strcpy(r.error_msg, "wrong market-data password");
    s->md_seq = 0;
    fs_send(fs, MSG_MD_LOGIN_RSP, &r);
  } else if (type == MSG_MD_SUBSCRIBE_REQ) {
    s->sub_frames++;
    const wire_md_sub_req_t* q = &msg->md_sub_req;
    for (uint32_t i = 0; i < q->count && s->ncodes < 64; i++) memcpy(s->codes[s->ncodes++], q->codes + 8 * i, 8);
    wire_md_sub_rsp_t r;
    memset(&r, 0, sizeof r);
    r.rsp.action = q->action;
    r.rsp.market = q->market;
    r.rsp.count = (int32_t)q->count;
    fs_send(fs, MSG_MD_SUBSCRIBE_RSP, &r);
    for (uint32_t i = 0; i < q->count && q->action == 1; i++) {
      hft_base_info_t bi;
      memset(&bi, 0, sizeof bi);
      bi.market = q->market;
      memcpy(bi.code, q->codes + 8 * i, 8);
      strcpy(bi.name, "浦发银行");
      bi.security_type = 1;
      fs_send(fs, MSG_BASE_INFO, &bi);
      hft_market_data_t md;
      memset(&md, 0, sizeof md);
      md.md_seq = ++s->md_seq;
      md.market = q->market;
      memcpy(md.code, q->codes + 8 * i, 8);
      md.last = 102300;
      md.bid_price[0] = 102200;
      md.ask_volume[4] = 500;
      fs_send(fs, MSG_MARKET_DATA, &md);
    }
  }
  pthread_mutex_unlock(&s->mu);
}

static void test_md_resubscribe(void) {
  printf("- market data: login, subscribe, drop, resubscribe; credential error\n");
  mdsrv_t* s = (mdsrv_t*)calloc(1, sizeof *s);
  pthread_mutex_init(&s->mu, NULL);
  fake_server_t* fs = fs_start(md_handler, s);
  fs_set_heartbeat(fs, 100);
  hft_conn_config_t cfg = config(fs_port(fs));
  hft_md_t* m = hft_md_create(&cfg);
  evlog_t l;
  log_init(&l);
  char codes[16] = "600000\0\0" "600519\0";
  CHECK(hft_md_subscribe(m, HFT_MARKET_SH, codes, 2) == HFT_OK, "subscribe before login is queued");
  CHECK(hft_md_login(m, "md001", PASSWORD) == HFT_OK, "md login");
  int from = 0;
  int i = wait_for(m, poll_md, &l, HFT_EV_MD_LOGIN, &from, 2000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 0, "MD_LOGIN ok");
  i = wait_for(m, poll_md, &l, HFT_EV_MD_SUBSCRIBE_RSP, &from, 2000);
  CHECK(i >= 0 && l.evs[i].body.sub_rsp.count == 2 && !(l.evs[i].header.flags & HFT_EVF_REPLAY), "sub rsp");
  int bi = wait_for(m, poll_md, &l, HFT_EV_BASE_INFO, &from, 2000);
  CHECK(bi >= 0 && strcmp(l.evs[bi].body.base_info.name, "浦发银行") == 0, "base info");
  i = wait_for(m, poll_md, &l, HFT_EV_MARKET_DATA, &from, 2000);
  CHECK(i >= 0 && l.evs[i].body.md.last == 102300 && l.evs[i].body.md.ask_volume[4] == 500 &&
            strcmp(l.evs[i].body.md.code, "600000") == 0, "market data");
  char one[8] = "600519";
  CHECK(hft_md_unsubscribe(m, HFT_MARKET_SH, one, 1) == HFT_OK, "unsubscribe");
  CHECK(fs_wait_received(fs, MSG_MD_SUBSCRIBE_REQ, 2, 2000), "unsubscribe sent");
  usleep(50000);
  pthread_mutex_lock(&s->mu);
  s->ncodes = 0;
  pthread_mutex_unlock(&s->mu);
  fs_drop(fs);
  i = wait_for(m, poll_md, &l, HFT_EV_DISCONNECTED, &from, 3000);
  CHECK(i >= 0 && l.evs[i].body.status.will_reconnect == 1, "md disconnected, will reconnect");
  CHECK(fs_wait_received(fs, MSG_MD_SUBSCRIBE_REQ, 3, 3000), "resubscribed after reconnect");
  i = wait_for(m, poll_md, &l, HFT_EV_MD_SUBSCRIBE_RSP, &from, 2000);
  CHECK(i >= 0 && (l.evs[i].header.flags & HFT_EVF_REPLAY), "resubscribe answer flagged REPLAY");
  pthread_mutex_lock(&s->mu);
  CHECK(s->ncodes == 1 && strcmp(s->codes[0], "600000") == 0, "resubscribed exactly the set {600000} (%d codes)",
        s->ncodes);
  pthread_mutex_unlock(&s->mu);
  CHECK(l.seq_errors == 0, "event_seq contiguous");
  hft_md_release(m);

  /* wrong password: no reconnect */
  pthread_mutex_lock(&s->mu);
  s->login_error = 5002;
  pthread_mutex_unlock(&s->mu);
  int before = fs_accepted(fs);
  m = hft_md_create(&cfg);
  log_free(&l);
  log_init(&l);
  from = 0;
  hft_md_login(m, "md001", "wrong");
  i = wait_for(m, poll_md, &l, HFT_EV_DISCONNECTED, &from, 2000);
  CHECK(i >= 0 && l.evs[i].body.status.will_reconnect == 0, "5002 stops reconnecting");
  usleep(200000);
  CHECK(fs_accepted(fs) == before + 1, "one md connection");
  hft_md_release(m);
  fs_stop(fs);
  pthread_mutex_destroy(&s->mu);
  free(s);
  log_free(&l);
}

/* ---- ring: overflow, wake-up/arm ---- */
static void test_overflow_drop(void) {
  printf("- DROP_MARKET_DATA overflow\n");
  hft_conn_config_t cfg = config(1);
  cfg.event_capacity = 16;
  cfg.overflow_policy = HFT_OVERFLOW_DROP_MARKET_DATA;
  hft_md_t* m = hft_md_create(&cfg);
  REQUIRE(m, "create");
  CHECK(hft_md_test_emit(m, 1000) == HFT_OK, "emit");
  usleep(200000); /* the producer fills 16 and drops the rest without blocking */
  hft_event_t evs[64];
  uint64_t delivered = 0, dropped = 0, last_md = 0, last_ev = 0;
  int overflow_events = 0, order_ok = 1, seq_ok = 1;
  int64_t end = now_ms() + 3000;
  while (delivered + dropped < 1000 && now_ms() < end) {
    int n = hft_md_poll(m, evs, 64);
    for (int i = 0; i < n; i++) {
      if (evs[i].header.event_seq != last_ev + 1) seq_ok = 0;
      last_ev = evs[i].header.event_seq;
      if (evs[i].header.type == HFT_EV_MARKET_DATA) {
        if (evs[i].body.md.md_seq <= last_md) order_ok = 0;
        last_md = evs[i].body.md.md_seq;
        delivered++;
      } else if (evs[i].header.type == HFT_EV_OVERFLOW) {
        overflow_events++;
        dropped += evs[i].body.overflow.dropped;
        CHECK(evs[i].body.overflow.dropped_total == dropped, "dropped_total %llu",
              (unsigned long long)evs[i].body.overflow.dropped_total);
      }
    }
    if (n == 0) usleep(1000);
  }
  CHECK(delivered + dropped == 1000, "delivered %llu + dropped %llu == 1000", (unsigned long long)delivered,
        (unsigned long long)dropped);
  CHECK(dropped > 0 && overflow_events >= 1, "overflow reported (%d events)", overflow_events);
  CHECK(order_ok && seq_ok, "md_seq increasing and event_seq contiguous");
  hft_md_release(m);
}

typedef struct waker {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int wakes;
} waker_t;

static void on_wake(void* ud) {
  waker_t* w = (waker_t*)ud;
  pthread_mutex_lock(&w->mu);
  w->wakes++;
  pthread_cond_signal(&w->cv);
  pthread_mutex_unlock(&w->mu);
}

static void test_block_and_wakeup(void) {
  printf("- BLOCK policy with a small ring, wake-up/arm protocol\n");
  hft_conn_config_t cfg = config(1);
  cfg.event_capacity = 16;
  hft_md_t* m = hft_md_create(&cfg);
  waker_t w;
  memset(&w, 0, sizeof w);
  pthread_mutex_init(&w.mu, NULL);
  pthread_cond_init(&w.cv, NULL);
  CHECK(hft_md_arm(m) == 0, "arm on an empty ring");
  hft_md_set_wakeup(m, on_wake, &w);
  const uint32_t N = 100000;
  hft_md_test_emit(m, N);
  hft_event_t evs[7];
  uint64_t got = 0, expect_md = 1;
  int ok = 1;
  int64_t end = now_ms() + 10000;
  while (got < N && now_ms() < end) {
    pthread_mutex_lock(&w.mu);
    int seen = w.wakes;
    pthread_mutex_unlock(&w.mu);
    int n;
    while ((n = hft_md_poll(m, evs, 7)) > 0) {
      for (int i = 0; i < n; i++) {
        if (evs[i].header.type != HFT_EV_MARKET_DATA || evs[i].body.md.md_seq != expect_md) ok = 0;
        expect_md++;
      }
      got += (uint64_t)n;
    }
    if (hft_md_arm(m) > 0) continue;
    pthread_mutex_lock(&w.mu);
    while (w.wakes == seen && got < N) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_sec += 2;
      if (pthread_cond_timedwait(&w.cv, &w.mu, &ts) == ETIMEDOUT) break;
    }
    pthread_mutex_unlock(&w.mu);
  }
  CHECK(got == N && ok, "BLOCK: all %u events in order through a 16-record ring (got %llu)", N, (unsigned long long)got);
  CHECK(w.wakes > 0, "wake-ups happened (%d)", w.wakes);
  /* release while the producer is blocked on a full ring */
  hft_md_test_emit(m, 1000);
  usleep(50000);
  int64_t r0 = now_ms();
  hft_md_release(m);
  CHECK(now_ms() - r0 < 2000, "release with a blocked producer took %lld ms", (long long)(now_ms() - r0));
  pthread_cond_destroy(&w.cv);
  pthread_mutex_destroy(&w.mu);
}

/* release on another thread while the notifier is inside the wake-up function, which (like a koffi
 * callback) waits until the host's own thread runs it. release must return only after that call
 * returned: a notifier left inside it would call into the host after release, and a host that is
 * exiting then crashes (the exit test's child died by SIGSEGV once in a few hundred runs). */
typedef struct blocking_host {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  hft_md_t* m;
  int in_call;              /* 1 while the wake-up waits for the host thread, 2 once it returned */
  int served;               /* the host thread ran the queued call */
  int released;             /* hft_md_release returned */
  int call_done_at_release; /* in_call was 2 when it returned */
  int calls_after_release;
} blocking_host_t;

static void on_wake_blocking(void* ud) {
  blocking_host_t* h = (blocking_host_t*)ud;
  pthread_mutex_lock(&h->mu);
  if (h->released) h->calls_after_release++;
  h->in_call = 1;
  pthread_cond_broadcast(&h->cv);
  while (!h->served) pthread_cond_wait(&h->cv, &h->mu);
  h->in_call = 2;
  pthread_cond_broadcast(&h->cv);
  pthread_mutex_unlock(&h->mu);
}

static void* release_blocking_host(void* arg) {
  blocking_host_t* h = (blocking_host_t*)arg;
  hft_md_release(h->m);
  pthread_mutex_lock(&h->mu);
  h->released = 1;
  h->call_done_at_release = h->in_call == 2;
  pthread_cond_broadcast(&h->cv);
  pthread_mutex_unlock(&h->mu);
  return NULL;
}

static void test_release_waits_for_wakeup_call(void) {
  printf("- release on another thread waits for a wake-up call that waits for the host thread\n");
  hft_conn_config_t cfg = config(1);
  static blocking_host_t h;
  pthread_mutex_init(&h.mu, NULL);
  pthread_cond_init(&h.cv, NULL);
  h.m = hft_md_create(&cfg);
  REQUIRE(h.m != NULL, "create: %s", hft_last_error());
  hft_md_set_wakeup(h.m, on_wake_blocking, &h);
  hft_md_test_emit(h.m, 10);
  pthread_mutex_lock(&h.mu);
  while (!h.in_call) pthread_cond_wait(&h.cv, &h.mu);
  pthread_mutex_unlock(&h.mu);
  pthread_t releaser;
  REQUIRE(pthread_create(&releaser, NULL, release_blocking_host, &h) == 0, "releaser thread");
  /* The host thread is busy for a while before it runs the queued call, as a JS thread may be.
   * Waiting longer only makes the check stricter: a correct release cannot return meanwhile. */
  struct timespec busy_until;
  clock_gettime(CLOCK_REALTIME, &busy_until);
  busy_until.tv_nsec += 300 * 1000000L;
  busy_until.tv_sec += busy_until.tv_nsec / 1000000000L;
  busy_until.tv_nsec %= 1000000000L;
  pthread_mutex_lock(&h.mu);
  int rc = 0;
  while (!h.released && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&h.cv, &h.mu, &busy_until);
  CHECK(!h.released, "release returned while the notifier was still inside the wake-up function");
  h.served = 1;
  pthread_cond_broadcast(&h.cv);
  pthread_mutex_unlock(&h.mu);
  pthread_join(releaser, NULL);
  CHECK(h.call_done_at_release, "release returned before the wake-up call did");
  CHECK(h.calls_after_release == 0, "%d wake-up calls after release", h.calls_after_release);
  /* before the fix the notifier outlived release; let it leave before the host state goes */
  pthread_mutex_lock(&h.mu);
  while (h.in_call != 2) pthread_cond_wait(&h.cv, &h.mu);
  pthread_mutex_unlock(&h.mu);
}

static void test_arguments_and_queue(void) {
  printf("- argument checks, last error, queue bound, struct sizes\n");
  CHECK(hft_abi_version() == HFT_ABI_VERSION, "abi");
  char abi_text[16];
  snprintf(abi_text, sizeof abi_text, "abi %d", HFT_ABI_VERSION);
  CHECK(strstr(hft_library_info(), abi_text) != NULL, "info: %s", hft_library_info());
  CHECK(hft_struct_size("hft_event_t") == HFT_EVENT_SIZE && hft_struct_size("hft_order_report_t") == 560 && hft_struct_size("hft_market_data_t") == 264 &&
            hft_struct_size("hft_conn_config_t") == 104 && hft_struct_size("nope") == -1 && hft_struct_size(NULL) == -1,
        "struct sizes");
  CHECK(hft_noop(41) == 41, "noop");
  CHECK(hft_trader_create(NULL) == NULL && strstr(hft_last_error(), "config") != NULL, "NULL config: %s",
        hft_last_error());
  hft_conn_config_t cfg = config(0);
  CHECK(hft_trader_create(&cfg) == NULL && strstr(hft_last_error(), "port") != NULL, "port 0");
  cfg = config(1);
  memset(cfg.host, 'x', sizeof cfg.host);
  CHECK(hft_md_create(&cfg) == NULL && strstr(hft_last_error(), "host") != NULL, "unterminated host");
  cfg = config(1);
  cfg.overflow_policy = 7;
  CHECK(hft_md_create(&cfg) == NULL, "bad policy");
  cfg = config(1); /* nothing listens on port 1: connects are refused, retried forever */
  cfg.connect_retries = -1;
  cfg.reconnect_min_ms = 1000;
  hft_trader_t* t = hft_trader_create(&cfg);
  REQUIRE(t, "create");
  hft_login_req_t lr = login_req();
  memset(lr.account_id, 'a', sizeof lr.account_id);
  CHECK(hft_trader_login(t, &lr) == HFT_E_INVALID_ARG && strstr(hft_last_error(), "account_id"), "long account");
  lr = login_req();
  CHECK(hft_trader_login(t, &lr) == HFT_OK, "login");
  hft_order_req_t o = order_req("");
  CHECK(hft_trader_order(t, &o) == HFT_E_INVALID_ARG, "empty cl_order_id");
  CHECK(hft_trader_cancel_order(t, NULL, NULL) == HFT_E_INVALID_ARG, "cancel without ids");
  hft_query_req_t q;
  memset(&q, 0, sizeof q);
  q.kind = 1;
  CHECK(hft_trader_query(t, &q) == HFT_E_INVALID_ARG && strstr(hft_last_error(), "query_num"), "query_num 0");
  q.query_num = 501;
  CHECK(hft_trader_query(t, &q) == HFT_E_INVALID_ARG, "query_num 501");
  hft_event_t ev;
  CHECK(hft_trader_poll(t, &ev, 0) == HFT_E_INVALID_ARG, "poll max 0");
  CHECK(hft_trader_poll(NULL, &ev, 1) == HFT_E_INVALID_ARG, "poll NULL");
  o = order_req("Q");
  int32_t rc = HFT_OK;
  int accepted = 0;
  for (int i = 0; i < HFT_REQUEST_QUEUE_CAPACITY + 10 && rc == HFT_OK; i++) {
    snprintf(o.cl_order_id, sizeof o.cl_order_id, "Q%d", i);
    rc = hft_trader_order(t, &o);
    if (rc == HFT_OK) accepted++;
  }
  CHECK(rc == HFT_E_QUEUE_FULL && accepted == HFT_REQUEST_QUEUE_CAPACITY, "queue bound (%d accepted, rc %d)", accepted,
        rc);
  hft_trader_release(t);
  hft_md_t* m = hft_md_create(&cfg);
  char bad[8];
  memset(bad, '9', 8);
  CHECK(hft_md_subscribe(m, 1, bad, 1) == HFT_E_INVALID_ARG, "unterminated code");
  CHECK(hft_md_subscribe(m, 1, "600000\0", 0) == HFT_E_INVALID_ARG, "count 0");
  CHECK(hft_md_login(m, "", "x") == HFT_E_INVALID_ARG, "empty user");
  hft_md_release(m);
  hft_trader_release(NULL);
  hft_md_release(NULL);
}

/* connect timeout: a listener with a full accept queue drops the SYN, so connect() hangs */
static void test_connect_timeout_and_release_while_connecting(void) {
  printf("- connect timeout; release while connecting\n");
  net_socket_t lfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(lfd, (struct sockaddr*)&a, sizeof a) == 0 && listen(lfd, 0) == 0, "listener");
  socklen_t al = sizeof a;
  getsockname(lfd, (struct sockaddr*)&a, &al);
  net_socket_t fillers[4];
  for (int i = 0; i < 4; i++) {
    fillers[i] = socket(AF_INET, SOCK_STREAM, 0);
    net_set_nonblock(fillers[i]);
    if (connect(fillers[i], (struct sockaddr*)&a, sizeof a) != 0) { /* in progress: fills the queue */
    }
  }
  usleep(50000);
  hft_conn_config_t cfg = config(ntohs(a.sin_port));
  cfg.connect_timeout_ms = 300;
  cfg.connect_retries = 1;
  hft_trader_t* t = hft_trader_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_login_req_t lr = login_req();
  hft_trader_login(t, &lr);
  int from = 0;
  int i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 3000);
  CHECK(i >= 0, "DISCONNECTED after a connect timeout");
  if (i >= 0)
    CHECK(l.evs[i].body.status.os_error == ETIMEDOUT && strstr(l.evs[i].body.status.message, "timed out after 300 ms"),
          "timeout text: %s (os_error %d)", l.evs[i].body.status.message, l.evs[i].body.status.os_error);
  hft_trader_release(t);

  cfg.connect_timeout_ms = 10000;
  t = hft_trader_create(&cfg);
  hft_trader_login(t, &lr);
  from = 0;
  l.n = 0;
  l.last_event_seq = 0;
  CHECK(wait_for(t, poll_trader, &l, HFT_EV_CONNECTING, &from, 2000) >= 0, "connecting");
  usleep(100000);
  int64_t r0 = now_ms();
  hft_trader_release(t);
  CHECK(now_ms() - r0 < 2000, "release during a 10 s connect took %lld ms", (long long)(now_ms() - r0));
  for (int k = 0; k < 4; k++) net_close(fillers[k]);
  net_close(lfd);
  log_free(&l);
}

/* BLOCK: while the host does not drain a full ring for longer than the heartbeat timeout, the
 * connection stays up (waiting does not count as peer silence) and nothing is lost */
static void test_block_does_not_time_out(void) {
  printf("- BLOCK: a host that stops polling does not cause a heartbeat timeout\n");
  mdsrv_t* s = (mdsrv_t*)calloc(1, sizeof *s);
  pthread_mutex_init(&s->mu, NULL);
  fake_server_t* fs = fs_start(md_handler, s);
  fs_set_heartbeat(fs, 50);
  hft_conn_config_t cfg = config(fs_port(fs));
  cfg.event_capacity = 16;
  cfg.heartbeat_timeout_ms = 300;
  hft_md_t* m = hft_md_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_md_login(m, "md001", PASSWORD);
  int from = 0;
  REQUIRE(wait_for(m, poll_md, &l, HFT_EV_MD_LOGIN, &from, 2000) >= 0, "md login");
  const int N = 400;
  for (int k = 1; k <= N; k++) {
    hft_market_data_t md;
    memset(&md, 0, sizeof md);
    md.md_seq = (uint64_t)k;
    md.market = 1;
    strcpy(md.code, "600000");
    fs_send(fs, MSG_MARKET_DATA, &md);
  }
  usleep(1000000); /* > 3 heartbeat timeouts without polling */
  int64_t end = now_ms() + 3000;
  while (count_type(&l, HFT_EV_MARKET_DATA) < N && now_ms() < end) {
    drain(m, poll_md, &l);
    usleep(1000);
  }
  usleep(100000);
  drain(m, poll_md, &l);
  int n = 0, ordered = 1;
  for (int k = 0; k < l.n; k++)
    if (l.evs[k].header.type == HFT_EV_MARKET_DATA) {
      n++;
      if (l.evs[k].body.md.md_seq != (uint64_t)n) ordered = 0;
    }
  CHECK(n == N && ordered, "%d of %d snapshots, in order", n, N);
  CHECK(count_type(&l, HFT_EV_DISCONNECTED) == 0, "no disconnect while the host was not polling");
  CHECK(l.seq_errors == 0, "event_seq contiguous");
  hft_md_release(m);
  fs_stop(fs);
  pthread_mutex_destroy(&s->mu);
  free(s);
  log_free(&l);
}

/* writes under TCP backpressure: the direct path's partial sends and the writer's blocking sends
 * keep the byte stream intact (the server decodes every frame) */
static void test_backpressure_stream_integrity(void) {
  printf("- requests under TCP backpressure stay intact\n");
  mdsrv_t* s = (mdsrv_t*)calloc(1, sizeof *s);
  pthread_mutex_init(&s->mu, NULL);
  fake_server_t* fs = fs_start(md_handler, s);
  fs_set_heartbeat(fs, 50);
  hft_conn_config_t cfg = config(fs_port(fs));
  cfg.heartbeat_timeout_ms = 5000;
  hft_md_t* m = hft_md_create(&cfg);
  evlog_t l;
  log_init(&l);
  hft_md_login(m, "md001", PASSWORD);
  int from = 0;
  REQUIRE(wait_for(m, poll_md, &l, HFT_EV_MD_LOGIN, &from, 2000) >= 0, "md login");
  fs_set_reading(fs, 0);
  static char codes[1000 * 8];
  memset(codes, 0, sizeof codes);
  for (int i = 0; i < 1000; i++) {
    char* c = codes + 8 * i;
    c[0] = 'X';
    c[1] = (char)('0' + i / 100);
    c[2] = (char)('0' + i / 10 % 10);
    c[3] = (char)('0' + i % 10);
  }
  const int N = 1000; /* 1000 x 8 KB = 8 MB: far more than the loopback socket buffers hold */
  int sent = 0;
  for (int k = 0; k < N; k++) sent += hft_md_unsubscribe(m, HFT_MARKET_SH, codes, 1000) == HFT_OK;
  CHECK(sent == N, "all %d requests accepted without blocking", N);
  usleep(200000);
  fs_set_reading(fs, 1);
  CHECK(fs_wait_received(fs, MSG_MD_SUBSCRIBE_REQ, N, 10000), "server decoded all %d frames (%d)", N,
        fs_received(fs, MSG_MD_SUBSCRIBE_REQ));
  drain(m, poll_md, &l);
  CHECK(count_type(&l, HFT_EV_DISCONNECTED) == 0, "no disconnect");
  hft_md_release(m);
  fs_stop(fs);
  pthread_mutex_destroy(&s->mu);
  free(s);
  log_free(&l);
}

int main(void) {
  test_arguments_and_queue();
  test_overflow_drop();
  test_block_and_wakeup();
  test_release_waits_for_wakeup_call();
  test_login_order_reports_query();
  test_reconnect_resend();
  test_credential_error();
  test_refused_and_retries();
  test_heartbeat_timeout();
  test_unanswered_request_reconnects();
  test_md_resubscribe();
  test_connect_timeout_and_release_while_connecting();
  test_block_does_not_time_out();
  test_backpressure_stream_integrity();
  return check_summary("test_session");
}
