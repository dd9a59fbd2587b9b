/* test_interop.c — the library against the real TypeScript mock server (@tsgate/mock-server),
 * driven by scripts/interop-c.mjs, which starts the servers with the demo config, passes the
 * ports, and applies faults when this program asks on stdout ("FAULT drop", "FAULT dupreorder").
 *
 * Usage: test_interop <trade-port> <market-port>   (reads "OK" on stdin after each FAULT line)
 */
#define _GNU_SOURCE
#define PASSWORD "demo123"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "evlog.h"
#include "hft_api.h"

static hft_conn_config_t config(int port) {
  hft_conn_config_t c;
  memset(&c, 0, sizeof c);
  strcpy(c.host, "127.0.0.1");
  c.port = (uint16_t)port;
  c.heartbeat_interval_ms = 200;
  c.heartbeat_timeout_ms = 3000;
  c.reconnect_min_ms = 50;
  c.reconnect_max_ms = 200;
  return c;
}

static void fault(const char* what) {
  printf("FAULT %s\n", what);
  fflush(stdout);
  char line[64];
  if (!fgets(line, sizeof line, stdin)) exit(2);
}

/* delivered report sequences must be strictly consecutive */
static int check_reports(const evlog_t* l, uint64_t* last) {
  int n = 0;
  for (int i = 0; i < l->n; i++) {
    uint64_t s = 0;
    if (l->evs[i].header.type == HFT_EV_ORDER_STATUS) s = l->evs[i].body.order.report_seq;
    else if (l->evs[i].header.type == HFT_EV_TRADE_REPORT) s = l->evs[i].body.trade.report_seq;
    else continue;
    CHECK(*last == 0 || s == *last + 1, "report %llu after %llu", (unsigned long long)s, (unsigned long long)*last);
    *last = s;
    n++;
  }
  return n;
}

static int wait_filled(hft_trader_t* t, evlog_t* l, const char* cl_id, int ms) {
  int64_t end = now_ms() + ms;
  while (now_ms() < end) {
    drain(t, poll_trader, l);
    for (int i = 0; i < l->n; i++)
      if (l->evs[i].header.type == HFT_EV_ORDER_STATUS && strcmp(l->evs[i].body.order.cl_order_id, cl_id) == 0 &&
          l->evs[i].body.order.status == HFT_STATUS_FILLED)
        return 1;
    usleep(5000);
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 3) return 2;
  int tport = atoi(argv[1]), mport = atoi(argv[2]);
  hft_conn_config_t tc = config(tport), mc = config(mport);
  evlog_t l, ml;
  log_init(&l);
  log_init(&ml);

  /* wrong password: one login failure, no reconnect */
  hft_trader_t* bad = hft_trader_create(&tc);
  hft_login_req_t lr;
  memset(&lr, 0, sizeof lr);
  strcpy(lr.account_id, "demo");
  strcpy(lr.password, "nope");
  strcpy(lr.cust_orgid, "0000");
  strcpy(lr.cust_branchid, "9999");
  strcpy(lr.cl_system_id, "HFT");
  lr.account_type = 1;
  hft_trader_login(bad, &lr);
  int from = 0;
  int i = wait_for(bad, poll_trader, &l, HFT_EV_LOGIN, &from, 3000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 1002, "wrong password -> 1002 (%d)", i >= 0 ? l.evs[i].header.error_code : 0);
  i = wait_for(bad, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 3000);
  CHECK(i >= 0 && l.evs[i].body.status.will_reconnect == 0, "no reconnect after 1002");
  hft_trader_release(bad);
  l.n = 0;
  l.last_event_seq = 0;

  hft_trader_t* t = hft_trader_create(&tc);
  strcpy(lr.password, PASSWORD);
  REQUIRE(hft_trader_login(t, &lr) == HFT_OK, "login");
  from = 0;
  i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 3000);
  REQUIRE(i >= 0 && l.evs[i].header.error_code == 0, "demo login: %s", i >= 0 ? l.evs[i].body.login.error_msg : "timeout");
  printf("login ok: trading day %u, last report seq %llu\n", l.evs[i].body.login.trading_day,
         (unsigned long long)l.evs[i].body.login.last_report_seq);

  /* securities, 3 per page, following next_pos_str */
  hft_query_req_t q;
  memset(&q, 0, sizeof q);
  q.kind = HFT_QUERY_SECURITIES;
  q.query_num = 3;
  int securities = 0, pages = 0, done = 0;
  int64_t limit_up_600000 = 0;
  while (!done && pages < 10) {
    q.request_id = (uint32_t)(100 + pages);
    REQUIRE(hft_trader_query(t, &q) == HFT_OK, "query");
    int64_t end = now_ms() + 3000;
    int page_done = 0;
    while (!page_done && now_ms() < end) {
      int idx = wait_for(t, poll_trader, &l, HFT_EV_QUERY_SECURITY, &from, 200);
      if (idx < 0) continue;
      const hft_event_t* ev = &l.evs[idx];
      CHECK(ev->header.request_id == q.request_id, "request id");
      if (!(ev->header.flags & HFT_EVF_EMPTY)) {
        securities++;
        if (strcmp(ev->body.query_security.record.symbol, "SH.600000") == 0)
          limit_up_600000 = ev->body.query_security.record.limit_up;
      }
      if (ev->header.flags & HFT_EVF_PAGE_END) {
        page_done = 1;
        pages++;
        strcpy(q.pos_str, ev->body.query_security.page.next_pos_str);
        done = (ev->header.flags & HFT_EVF_IS_LAST) != 0;
      }
    }
    REQUIRE(page_done, "page %d answered", pages);
  }
  CHECK(securities == 8 && pages == 3 && done, "8 securities in 3 pages (%d, %d)", securities, pages);
  CHECK(limit_up_600000 == 129800, "600000 limit-up 12.98 (%lld)", (long long)limit_up_600000);

  /* market data */
  hft_md_t* m = hft_md_create(&mc);
  hft_md_login(m, "demo", PASSWORD);
  char codes[8] = "600000";
  hft_md_subscribe(m, HFT_MARKET_SH, codes, 1);
  int mfrom = 0;
  i = wait_for(m, poll_md, &ml, HFT_EV_BASE_INFO, &mfrom, 3000);
  CHECK(i >= 0 && strcmp(ml.evs[i].body.base_info.name, "浦发银行") == 0, "base info 浦发银行");
  for (int k = 0; k < 3; k++) CHECK(wait_for(m, poll_md, &ml, HFT_EV_MARKET_DATA, &mfrom, 3000) >= 0, "snapshot %d", k);

  /* a marketable buy fills */
  hft_order_req_t o;
  memset(&o, 0, sizeof o);
  strcpy(o.cl_order_id, "C-INTEROP-1");
  strcpy(o.symbol, "SH.600000");
  o.order_type = HFT_ORDER_LMT;
  o.side = HFT_SIDE_BID;
  o.volume = 100;
  o.price = limit_up_600000;
  REQUIRE(hft_trader_order(t, &o) == HFT_OK, "order");
  i = wait_for(t, poll_trader, &l, HFT_EV_ORDER_RSP, &from, 3000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 0 && l.evs[i].body.order_rsp.order_id[0], "order accepted: %s",
        i >= 0 ? l.evs[i].body.order_rsp.error_msg : "timeout");
  CHECK(wait_filled(t, &l, "C-INTEROP-1", 5000), "order 1 filled");

  /* drop both connections: reconnect, re-login, resubscribe; then duplicated + reordered reports */
  fault("drop");
  i = wait_for(t, poll_trader, &l, HFT_EV_DISCONNECTED, &from, 5000);
  CHECK(i >= 0 && l.evs[i].body.status.will_reconnect == 1, "trade drop seen: %s", i >= 0 ? l.evs[i].body.status.message : "");
  if (i >= 0) printf("trade: %s\n", l.evs[i].body.status.message);
  i = wait_for(t, poll_trader, &l, HFT_EV_LOGIN, &from, 5000);
  CHECK(i >= 0 && l.evs[i].header.error_code == 0, "trade re-login");
  i = wait_for(m, poll_md, &ml, HFT_EV_DISCONNECTED, &mfrom, 5000);
  CHECK(i >= 0, "md drop seen");
  i = wait_for(m, poll_md, &ml, HFT_EV_MD_SUBSCRIBE_RSP, &mfrom, 5000);
  CHECK(i >= 0 && (ml.evs[i].header.flags & HFT_EVF_REPLAY) && ml.evs[i].body.sub_rsp.count == 1, "md resubscribed");
  CHECK(wait_for(m, poll_md, &ml, HFT_EV_MARKET_DATA, &mfrom, 3000) >= 0, "snapshots after reconnect");

  fault("dupreorder");
  for (int k = 2; k <= 4; k++) {
    snprintf(o.cl_order_id, sizeof o.cl_order_id, "C-INTEROP-%d", k);
    REQUIRE(hft_trader_order(t, &o) == HFT_OK, "order %d", k);
    CHECK(wait_filled(t, &l, o.cl_order_id, 5000), "order %d filled", k);
  }
  usleep(300000);
  drain(t, poll_trader, &l);
  uint64_t last = 0;
  int reports = check_reports(&l, &last);
  CHECK(reports >= 16, "4 orders x (PendingNew, New, trade, Filled) = %d reports, each once, in order", reports);
  CHECK(l.seq_errors == 0 && ml.seq_errors == 0, "event_seq contiguous");
  printf("interop: %d reports delivered, last seq %llu\n", reports, (unsigned long long)last);
  hft_md_release(m);
  hft_trader_release(t);
  log_free(&l);
  log_free(&ml);
  return check_summary("test_interop");
}
