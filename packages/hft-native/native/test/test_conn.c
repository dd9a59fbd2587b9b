/* test_conn.c — the connection layer (native/sim/conn*.c) through its own API and test hooks:
 * an on_frame that answers -1 closes the connection (conn.h), and a writer buffer that cannot be
 * allocated is reported as an HFT_EV_ERROR instead of a silent wait. Against the scripted C peer
 * (fake_server.c) on loopback. Links the test-hook objects (HFTSIM_TEST_HOOKS). */
#define _GNU_SOURCE
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "conn_internal.h"
#include "evlog.h"
#include "fake_server.h"
#include "hft_api.h"
#include "latency_stamps.h"
#include "ring.h"

static hft_conn_config_t config(uint16_t port) {
  hft_conn_config_t in;
  memset(&in, 0, sizeof in);
  strcpy(in.host, "127.0.0.1");
  in.port = port;
  in.heartbeat_interval_ms = 100;
  in.heartbeat_timeout_ms = 5000;
  in.reconnect_min_ms = 5000; /* one connection per test: no reconnect within its bound */
  in.reconnect_max_ms = 5000;
  hft_conn_config_t out;
  REQUIRE(config_resolve(&in, &out) == HFT_OK, "config");
  return out;
}

/* ---- a protocol that refuses every frame without naming a reason ---- */
static atomic_int refused_frames;

static void refuse_connected(void* ctx, conn_t* c) {
  (void)ctx;
  (void)c;
}
static int refuse_frame(void* ctx, conn_t* c, const wire_frame_t* f) {
  (void)ctx;
  (void)c;
  (void)f;
  atomic_fetch_add(&refused_frames, 1);
  return -1; /* close, without conn_fail */
}
static void refuse_disconnected(void* ctx, conn_t* c) {
  (void)ctx;
  (void)c;
}
static void refuse_tick(void* ctx, conn_t* c, int64_t now_ms) {
  (void)ctx;
  (void)c;
  (void)now_ms;
}
static int refuse_keep(void* ctx, req_node_t* n) {
  (void)ctx;
  (void)n;
  return 0;
}
static const conn_ops_t k_refusing = { refuse_connected, refuse_frame, refuse_disconnected, refuse_tick,
                                       refuse_keep };

static void ignore_frames(fake_server_t* fs, uint16_t type, const wire_msg_t* msg, void* ud) {
  (void)fs;
  (void)type;
  (void)msg;
  (void)ud;
}

static int32_t poll_ring(void* h, hft_event_t* out, int32_t max) { return ring_poll((ring_t*)h, out, max); }

static void test_on_frame_refusal_closes(void) {
  printf("- on_frame returning -1 closes the connection\n");
  fake_server_t* fs = fs_start(ignore_frames, NULL);
  fs_set_heartbeat(fs, 50); /* frames for the client to refuse */
  hft_conn_config_t cfg = config(fs_port(fs));
  char err[128];
  ring_t* ring = ring_create(1024, HFT_OVERFLOW_BLOCK, err, sizeof err);
  REQUIRE(ring, "ring: %s", err);
  conn_t* c = conn_create(&cfg, ring, &k_refusing, NULL, "trade", err, sizeof err);
  REQUIRE(c, "conn: %s", err);
  REQUIRE(conn_start(c) == HFT_OK, "start");
  evlog_t l;
  log_init(&l);
  int from = 0;
  int i = wait_for(ring, poll_ring, &l, HFT_EV_DISCONNECTED, &from, 3000);
  CHECK(i >= 0, "DISCONNECTED after the first refused frame (refused %d frames)", atomic_load(&refused_frames));
  if (i >= 0) {
    const char* msg = l.evs[i].body.status.message;
    CHECK(strstr(msg, "closed the connection") && strstr(msg, "0x0001"), "reason names the message: %s", msg);
    CHECK(atomic_load(&refused_frames) == 1, "no frame handled after the refusal (%d)", atomic_load(&refused_frames));
  }
  ring_close(ring);
  conn_release(c);
  ring_release(ring);
  fs_stop(fs);
  log_free(&l);
}

static void test_writer_out_of_memory_reported(void) {
  printf("- writer buffer out of memory: error event, then working after the retry\n");
  conn_test_fail_writer_allocs(1);
  fake_server_t* fs = fs_start(ignore_frames, NULL);
  hft_conn_config_t cfg = config(fs_port(fs));
  hft_trader_t* t = hft_trader_create(&cfg);
  REQUIRE(t, "trader: %s", hft_last_error());
  evlog_t l;
  log_init(&l);
  int from = 0;
  int i = wait_for(t, poll_trader, &l, HFT_EV_ERROR, &from, 3000);
  CHECK(i >= 0, "HFT_EV_ERROR for the failed allocation");
  if (i >= 0) {
    CHECK(l.evs[i].header.error_code == HFT_E_NOMEM, "code %d", l.evs[i].header.error_code);
    CHECK(strstr(l.evs[i].body.error.message, "out of memory") && strstr(l.evs[i].body.error.message, "trade writer"),
          "message: %s", l.evs[i].body.error.message);
  }
  /* the retry allocates: the login request reaches the server */
  hft_login_req_t lr;
  memset(&lr, 0, sizeof lr);
  strcpy(lr.account_id, "demo001");
  strcpy(lr.password, PASSWORD);
  strcpy(lr.cust_orgid, "0000");
  strcpy(lr.cust_branchid, "9999");
  strcpy(lr.cl_system_id, "HFT");
  lr.account_type = HFT_ACCOUNT_STOCK;
  CHECK(hft_trader_login(t, &lr) == HFT_OK, "login: %s", hft_last_error());
  CHECK(fs_wait_received(fs, MSG_LOGIN_REQ, 1, 5000), "login request sent after the allocation retry");
  hft_trader_release(t);
  fs_stop(fs);
  log_free(&l);
}

/* ---- a broker that answers logins and orders ---- */
static void answer_login_and_orders(fake_server_t* fs, uint16_t type, const wire_msg_t* msg, void* ud) {
  (void)ud;
  if (type == MSG_LOGIN_REQ) {
    wire_login_rsp_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.rsp.account_id, msg->login_req.account_id);
    r.rsp.trading_day = 20261202;
    fs_send(fs, MSG_LOGIN_RSP, &r);
  } else if (type == MSG_ORDER_REQ) {
    wire_order_rsp_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.rsp.cl_order_id, msg->order_req.cl_order_id);
    strcpy(r.rsp.order_id, msg->order_req.cl_order_id);
    fs_send(fs, MSG_ORDER_RSP, &r);
  }
}

/* A trader logged in to `fs` whose writer then idles: its heartbeat wait outlasts any test (the
 * report subscription it sends after the login has arrived). */
static hft_trader_t* idle_logged_in_trader(fake_server_t* fs, evlog_t* l, int* from) {
  hft_conn_config_t in = config(fs_port(fs));
  in.heartbeat_interval_ms = 60000;
  in.heartbeat_timeout_ms = 120000;
  hft_conn_config_t cfg;
  REQUIRE(config_resolve(&in, &cfg) == HFT_OK, "config");
  hft_trader_t* t = hft_trader_create(&cfg);
  REQUIRE(t, "trader: %s", hft_last_error());
  hft_login_req_t lr;
  memset(&lr, 0, sizeof lr);
  strcpy(lr.account_id, "demo001");
  strcpy(lr.password, PASSWORD);
  strcpy(lr.cust_orgid, "0000");
  strcpy(lr.cust_branchid, "9999");
  strcpy(lr.cl_system_id, "HFT");
  lr.account_type = HFT_ACCOUNT_STOCK;
  REQUIRE(hft_trader_login(t, &lr) == HFT_OK, "login: %s", hft_last_error());
  REQUIRE(wait_for(t, poll_trader, l, HFT_EV_LOGIN, from, 5000) >= 0, "LOGIN event");
  REQUIRE(fs_wait_received(fs, MSG_REPORT_SUBSCRIBE_REQ, 1, 5000), "REPORT_SUBSCRIBE_REQ");
  return t;
}

/* A fake server answering logins and orders, and an idle logged-in trader on it. */
typedef struct {
  fake_server_t* fs;
  evlog_t l;
  int from;
  hft_trader_t* t;
} order_session_t;

static void order_session_open(order_session_t* s) {
  s->fs = fs_start(answer_login_and_orders, NULL);
  log_init(&s->l);
  s->from = 0;
  s->t = idle_logged_in_trader(s->fs, &s->l, &s->from);
}

static void order_session_close(order_session_t* s) {
  hft_trader_release(s->t);
  fs_stop(s->fs);
  log_free(&s->l);
}

/* A 100-share limit buy of SH.600000 at 10.00, client order id `<tag><k>`. */
static hft_order_req_t buy_100(char tag, int k) {
  hft_order_req_t o;
  memset(&o, 0, sizeof o);
  snprintf(o.cl_order_id, sizeof o.cl_order_id, "%c%d", tag, k);
  strcpy(o.symbol, "SH.600000");
  o.volume = 100;
  o.price = 100000;
  o.order_type = HFT_ORDER_LMT;
  o.side = HFT_SIDE_BID;
  return o;
}

/* Sends `n` orders one at a time, each answered before the next: the connection is idle for each
 * one, so every order takes the direct path. */
static void send_direct_orders(hft_trader_t* t, evlog_t* l, int* from, char tag, int n) {
  for (int k = 0; k < n; k++) {
    hft_order_req_t o = buy_100(tag, k);
    REQUIRE(hft_trader_order(t, &o) == HFT_OK, "order %c%d: %s", tag, k, hft_last_error());
    REQUIRE(wait_for(t, poll_trader, l, HFT_EV_ORDER_RSP, from, 5000) >= 0, "ORDER_RSP %c%d", tag, k);
  }
}

#define DIRECT_ORDERS 20

/* Issue 22: an order sent on the direct path needs nothing from the writer thread, so it must not
 * wake it (a futex round trip and a thread on the other vCPU, for every order). */
static void test_direct_send_leaves_writer_asleep(void) {
  printf("- an order sent directly does not wake the idle writer\n");
  order_session_t s;
  order_session_open(&s);
  int before = conn_test_idle_writer_wakeups();
  send_direct_orders(s.t, &s.l, &s.from, 'D', DIRECT_ORDERS);
  int woken = conn_test_idle_writer_wakeups() - before;
  /* the network thread may wake it for its own reasons (none expected here); not once per order */
  CHECK(woken < DIRECT_ORDERS / 4, "the idle writer was woken %d times for %d direct orders", woken, DIRECT_ORDERS);
  order_session_close(&s);
}

#define DEFERRED_ORDERS 5

/* Issue 22: hft_trader_order_deferred queues without a system call and without waking the writer;
 * hft_trader_flush sends the queue from the calling thread. */
static void test_deferred_orders_wait_for_flush(void) {
  printf("- deferred orders are sent by hft_trader_flush, not before, and wake no writer\n");
  order_session_t s;
  order_session_open(&s);
  int before = conn_test_idle_writer_wakeups();
  for (int k = 0; k < DEFERRED_ORDERS; k++) {
    hft_order_req_t o = buy_100('Q', k);
    REQUIRE(hft_trader_order_deferred(s.t, &o) == HFT_OK, "deferred order %d: %s", k, hft_last_error());
  }
  hft_order_req_t bad;
  memset(&bad, 0, sizeof bad);
  strcpy(bad.symbol, "SH.600000");
  CHECK(hft_trader_order_deferred(s.t, &bad) == HFT_E_INVALID_ARG, "an order without cl_order_id is refused at once");
  /* A direct send would reach the peer within microseconds; nothing may arrive before the flush. */
  CHECK(!fs_wait_received(s.fs, MSG_ORDER_REQ, 1, 200), "an order went out before hft_trader_flush");
  CHECK(hft_trader_flush(s.t) == HFT_OK, "flush: %s", hft_last_error());
  CHECK(fs_wait_received(s.fs, MSG_ORDER_REQ, DEFERRED_ORDERS, 5000), "the flush sent %d of %d orders",
        fs_received(s.fs, MSG_ORDER_REQ), DEFERRED_ORDERS);
  for (int k = 0; k < DEFERRED_ORDERS; k++)
    REQUIRE(wait_for(s.t, poll_trader, &s.l, HFT_EV_ORDER_RSP, &s.from, 5000) >= 0, "ORDER_RSP %d", k);
  int woken = conn_test_idle_writer_wakeups() - before;
  CHECK(woken == 0, "the idle writer was woken %d times for %d deferred orders", woken, DEFERRED_ORDERS);
  CHECK(hft_trader_flush(NULL) == HFT_E_INVALID_ARG, "flush(NULL) is refused");
  order_session_close(&s);
}

/* ---- the pipe wake-up (issue 22): written by the producer, same arm protocol ---- */
#if !defined(_WIN32)
#  include <poll.h>

static atomic_int wake_fn_calls;
static void count_wake(void* ud) {
  (void)ud;
  atomic_fetch_add(&wake_fn_calls, 1);
}

/* 1 if fd becomes readable within ms; the byte is read away. */
static int readable_within(int fd, int ms) {
  struct pollfd p = {.fd = fd, .events = POLLIN, .revents = 0};
  if (poll(&p, 1, ms) != 1) return 0;
  char buf[16];
  return read(fd, buf, sizeof buf) > 0;
}

static void test_wakeup_fd_protocol(void) {
  printf("- the wake-up descriptor: readable when armed records arrive, silent while disarmed\n");
  char err[160];
  ring_t* ring = ring_create(64, HFT_OVERFLOW_BLOCK, err, sizeof err);
  REQUIRE(ring, "ring: %s", err);
  ring_set_wakeup(ring, count_wake, NULL);
  int fd = ring_open_wakeup_fd(ring, err, sizeof err);
  REQUIRE(fd >= 0, "open_wakeup_fd: %s", err);
  CHECK(!readable_within(fd, 50), "nothing to read while the ring is empty");
  hft_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.header.type = HFT_EV_MARKET_DATA;
  REQUIRE(ring_push(ring, &ev, 1, NULL) == 0, "push");
  CHECK(readable_within(fd, 5000), "readable after the first record");
  REQUIRE(ring_push(ring, &ev, 1, NULL) == 0, "push while disarmed");
  CHECK(!readable_within(fd, 50), "no second byte while disarmed");
  hft_event_t out[4];
  CHECK(ring_poll(ring, out, 4) == 2, "both records polled");
  CHECK(ring_arm(ring) == 0, "armed");
  REQUIRE(ring_push(ring, &ev, 1, NULL) == 0, "push after arm");
  CHECK(readable_within(fd, 5000), "readable again after arm");
  CHECK(atomic_load(&wake_fn_calls) == 0, "the wake-up function is no longer called (%d)",
        atomic_load(&wake_fn_calls));
  close(fd);
  ring_release(ring);
}
#endif

#define STAMPED_ORDERS 5

/* Issue 22: the test library stamps the hops of a direct order (the latency benchmark's
 * breakdown): each order's call, the start and the end of its send(), in that order. */
static void test_direct_order_hops_stamped(void) {
  printf("- a direct order's hops are stamped in order: call, send() start, send() end\n");
  order_session_t s;
  order_session_open(&s);
  hft_test_latency_reset();
  send_direct_orders(s.t, &s.l, &s.from, 'S', STAMPED_ORDERS);
  int64_t call[STAMPED_ORDERS + 1], start[STAMPED_ORDERS + 1], end[STAMPED_ORDERS + 1];
  int nc = hft_test_latency_stamps(LATENCY_ORDER_CALL, call, STAMPED_ORDERS + 1);
  int ns = hft_test_latency_stamps(LATENCY_SEND_START, start, STAMPED_ORDERS + 1);
  int ne = hft_test_latency_stamps(LATENCY_SEND_END, end, STAMPED_ORDERS + 1);
  CHECK(nc == STAMPED_ORDERS && ns == STAMPED_ORDERS && ne == STAMPED_ORDERS,
        "stamps: %d calls, %d send starts, %d send ends for %d orders", nc, ns, ne, STAMPED_ORDERS);
  for (int k = 0; k < STAMPED_ORDERS && k < nc && k < ns && k < ne; k++)
    CHECK(call[k] > 0 && call[k] <= start[k] && start[k] <= end[k] && (k == 0 || end[k - 1] <= call[k]),
          "order %d: call %lld, send %lld..%lld", k, (long long)call[k], (long long)start[k], (long long)end[k]);
  CHECK(hft_test_latency_stamps(LATENCY_HOPS, call, 1) == HFT_E_INVALID_ARG, "an unknown hop is refused");
  CHECK(hft_test_latency_stamps(LATENCY_ORDER_CALL, NULL, 1) == HFT_E_INVALID_ARG, "NULL out is refused");
  hft_test_latency_reset();
  CHECK(hft_test_latency_stamps(LATENCY_ORDER_CALL, call, 1) == 0, "reset forgets the stamps");
  order_session_close(&s);
}

int main(void) {
#if !defined(_WIN32)
  test_wakeup_fd_protocol();
#endif
  test_on_frame_refusal_closes();
  test_writer_out_of_memory_reported();
  test_direct_send_leaves_writer_asleep();
  test_deferred_orders_wait_for_flush();
  test_direct_order_hops_stamped();
  return check_summary("test_conn");
}
