/* test_fuzz_net.c — the trade and market-data handles against a hostile peer, over loopback TCP
 * (issue 7, "Bad input, everywhere"). The test thread is the server: it accepts each connection
 * the library makes, reads its login request and answers with seeded garbage — random bytes,
 * truncated frames, oversized and undersized lengths, bad versions, frames of the other service
 * or of the wrong direction, mutated valid frames, valid frames followed by noise, a whole 1 MiB
 * frame, a 1 MiB header only — sometimes after a valid login answer, split over several writes.
 *
 * For every hostile connection the library must report HFT_EV_DISCONNECTED (will_reconnect = 1)
 * with the reason, and reconnect:
 *   - bytes holding a malformed frame (the verdict of the library's own frame reader and decoder,
 *     which test_codec/test_fuzz check in isolation; by construction for most kinds): "protocol
 *     error ... (code N)" with the right N;
 *   - a valid login answer with an error code: "login ... failed";
 *   - only valid frames or a truncated one, then the peer half-closes: "closed by peer";
 *   - phase B (short heartbeat timeout): a truncated frame or valid frames, then silence:
 *     "heartbeat timeout" (the library does not wait forever for the rest of a frame).
 * Every few rounds, and at the end, the peer behaves: the library logs in again and works (an
 * order is answered; market data flows after the automatic resubscribe).
 * No crash (run under ASan/UBSan by run-c-tests), no hang (every wait is bounded and alarm()
 * kills a stuck run), event_seq contiguous, no event carries the password.
 *
 * Usage: test_fuzz_net [seed] [rounds per handle]
 */
#if !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fuzz_rand.h"
#include "evlog.h"
#include "hft_api.h"
#include "net_compat.h"
#include "wire_codec.h"

#define WAIT_MS 10000 /* failure guard for every wait; never a timing assertion */

static uint64_t g_seed;
static int g_verbose; /* FUZZ_NET_VERBOSE=1: one line per round */
#define rnd fuzz_rnd
#define rnd_below fuzz_rnd_below

/* ---- byte buffers ---- */
typedef struct bytes {
  uint8_t* p;
  size_t n, cap;
} bytes_t;

static void b_add(bytes_t* b, const void* p, size_t n) {
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + n) cap *= 2;
    b->p = (uint8_t*)realloc(b->p, cap);
    REQUIRE(b->p != NULL, "out of memory");
    b->cap = cap;
  }
  if (n) memcpy(b->p + b->n, p, n);
  b->n += n;
}
static void b_random(bytes_t* b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint8_t x = (uint8_t)rnd();
    b_add(b, &x, 1);
  }
}
static void b_free(bytes_t* b) {
  free(b->p);
  memset(b, 0, sizeof *b);
}
static void wr_u16(uint8_t* p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static void wr_u32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void b_header(bytes_t* b, uint32_t length, uint16_t type, uint16_t version) {
  uint8_t h[WIRE_HEADER_SIZE];
  wr_u32(h, length);
  wr_u16(h + 4, type);
  wr_u16(h + 6, version);
  wr_u32(h + 8, 1);
  b_add(b, h, sizeof h);
}

/* ---- valid server -> client frames ---- */
#define MAX_VALID 16
typedef struct frame_set {
  bytes_t f[MAX_VALID];
  int n;
} frame_set_t;

static void add_frame(frame_set_t* s, uint16_t type, const void* msg) {
  static uint8_t buf[64 * 1024];
  size_t len = 0;
  wire_err_t err;
  REQUIRE(wire_encode(type, (uint32_t)(s->n + 2), msg, buf, sizeof buf, &len, &err) == WIRE_OK, "encode %s: %s",
          wire_type_name(type), err.reason);
  REQUIRE(s->n < MAX_VALID, "too many valid frames");
  memset(&s->f[s->n], 0, sizeof s->f[s->n]);
  b_add(&s->f[s->n++], buf, len);
}

static void login_ok_frame(bytes_t* out, int md) {
  frame_set_t s = { .n = 0 };
  if (md) {
    wire_md_login_rsp_t r;
    memset(&r, 0, sizeof r);
    add_frame(&s, MSG_MD_LOGIN_RSP, &r);
  } else {
    wire_login_rsp_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.rsp.account_id, "demo001");
    r.rsp.trading_day = 20260126;
    r.rsp.last_report_seq = 0;
    add_frame(&s, MSG_LOGIN_RSP, &r);
  }
  *out = s.f[0];
}

static void trade_frames(frame_set_t* s) {
  s->n = 0;
  add_frame(s, MSG_HEARTBEAT, NULL);
  wire_error_t e;
  memset(&e, 0, sizeof e);
  e.code = 1007;
  strcpy(e.message, "before login");
  add_frame(s, MSG_ERROR, &e);
  bytes_t l;
  login_ok_frame(&l, 0);
  s->f[s->n++] = l;
  wire_order_rsp_t o;
  memset(&o, 0, sizeof o);
  strcpy(o.rsp.cl_order_id, "c1");
  strcpy(o.rsp.order_id, "O1");
  add_frame(s, MSG_ORDER_RSP, &o);
  wire_cancel_rsp_t c;
  memset(&c, 0, sizeof c);
  strcpy(c.rsp.order_id, "O1");
  c.rsp.status = HFT_STATUS_CANCELING;
  add_frame(s, MSG_CANCEL_RSP, &c);
  hft_order_report_t r;
  memset(&r, 0, sizeof r);
  r.report_seq = 1;
  strcpy(r.order_id, "O1");
  strcpy(r.cl_order_id, "c1");
  strcpy(r.symbol, "SH.600000");
  r.side = HFT_SIDE_BID;
  r.order_type = HFT_ORDER_LMT;
  r.status = HFT_STATUS_NEW;
  r.price = 102300;
  r.volume = 100;
  add_frame(s, MSG_ORDER_REPORT, &r);
  hft_trade_report_t t;
  memset(&t, 0, sizeof t);
  t.report_seq = 2;
  strcpy(t.trade_id, "T1");
  strcpy(t.order_id, "O1");
  strcpy(t.symbol, "SH.600000");
  t.side = HFT_SIDE_BID;
  t.price = 102300;
  t.volume = 100;
  add_frame(s, MSG_TRADE_REPORT, &t);
  hft_risk_notify_t k;
  memset(&k, 0, sizeof k);
  k.level = 2;
  k.code = 7;
  strcpy(k.message, "careful");
  add_frame(s, MSG_RISK_NOTIFY, &k);
  hft_position_t pos[2];
  memset(pos, 0, sizeof pos);
  strcpy(pos[0].symbol, "SH.600000");
  strcpy(pos[1].symbol, "SZ.000001");
  pos[0].volume = pos[1].volume = 1000;
  wire_query_rsp_t q;
  memset(&q, 0, sizeof q);
  q.request_id = 9;
  q.kind = HFT_QUERY_POSITIONS;
  q.is_last = 1;
  q.count = 2;
  q.encode_records = pos;
  add_frame(s, MSG_QUERY_RSP, &q);
  q.count = 0;
  q.encode_records = NULL;
  add_frame(s, MSG_QUERY_RSP, &q);
}

static void md_frames(frame_set_t* s) {
  s->n = 0;
  add_frame(s, MSG_HEARTBEAT, NULL);
  wire_error_t e;
  memset(&e, 0, sizeof e);
  e.code = 1007;
  add_frame(s, MSG_ERROR, &e);
  bytes_t l;
  login_ok_frame(&l, 1);
  s->f[s->n++] = l;
  wire_md_sub_rsp_t r;
  memset(&r, 0, sizeof r);
  r.rsp.action = 1;
  r.rsp.market = 1;
  r.rsp.count = 1;
  add_frame(s, MSG_MD_SUBSCRIBE_RSP, &r);
  hft_market_data_t md;
  memset(&md, 0, sizeof md);
  md.md_seq = 1;
  md.market = HFT_MARKET_SH;
  strcpy(md.code, "600000");
  md.last = 102300;
  add_frame(s, MSG_MARKET_DATA, &md);
  hft_base_info_t bi;
  memset(&bi, 0, sizeof bi);
  bi.market = HFT_MARKET_SH;
  strcpy(bi.code, "600000");
  strcpy(bi.name, "浦发银行");
  bi.security_type = 1;
  add_frame(s, MSG_BASE_INFO, &bi);
}

static void free_frames(frame_set_t* s) {
  for (int i = 0; i < s->n; i++) b_free(&s->f[i]);
  s->n = 0;
}

/* client -> server frames (the wrong direction for the library) */
static void wrong_direction_frame(bytes_t* out, int md) {
  frame_set_t s = { .n = 0 };
  if (md) {
    wire_md_login_req_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.user, "u");
    add_frame(&s, MSG_MD_LOGIN_REQ, &r);
  } else {
    hft_order_req_t o;
    memset(&o, 0, sizeof o);
    strcpy(o.cl_order_id, "x");
    strcpy(o.symbol, "SH.600000");
    o.order_type = 1;
    o.side = 1;
    o.volume = 100;
    add_frame(&s, MSG_ORDER_REQ, &o);
  }
  *out = s.f[0];
}

/* ---- the verdict: what the library must make of a byte stream (its own reader + decoder, and the
 * session rules of trader.c / md.c as specified in protocol.md) ---- */
enum { V_NONE = 0, V_PROTOCOL, V_LOGIN_FAILED, V_CREDENTIAL };
typedef struct verdict {
  int kind;
  int code; /* protocol error code, or the login error code */
} verdict_t;

static int is_credential(int md, int32_t code) {
  if (md) return code == 5001 || code == 5002;
  return (code >= 1001 && code <= 1004) || code == 1006;
}

static int frame_verdict(int md, const wire_frame_t* f, verdict_t* v) {
  if (md && f->type == MSG_HEARTBEAT && f->len == 0) return 0;
  uint16_t lo = md ? 0x0100 : 0x0200;
  if (f->type >= lo && f->type < lo + 0x100) {
    v->kind = V_PROTOCOL;
    v->code = WIRE_E_UNKNOWN_TYPE;
    return 1;
  }
  wire_msg_t msg;
  wire_err_t err;
  if (wire_decode(f, &msg, &err) != WIRE_OK) {
    v->kind = V_PROTOCOL;
    v->code = err.code;
    return 1;
  }
  int32_t login_code = 0;
  switch (f->type) {
    case MSG_HEARTBEAT:
    case MSG_ERROR:
      return 0;
    case MSG_LOGIN_RSP:
      if (md) break;
      login_code = msg.login_rsp.error_code;
      goto login;
    case MSG_MD_LOGIN_RSP:
      if (!md) break;
      login_code = msg.md_login_rsp.error_code;
      goto login;
    case MSG_ORDER_RSP:
    case MSG_CANCEL_RSP:
    case MSG_ORDER_REPORT:
    case MSG_TRADE_REPORT:
    case MSG_RISK_NOTIFY:
    case MSG_QUERY_RSP:
      if (md) break;
      return 0;
    case MSG_MD_SUBSCRIBE_RSP:
    case MSG_MARKET_DATA:
    case MSG_BASE_INFO:
      if (!md) break;
      return 0;
    default:
      break;
  }
  v->kind = V_PROTOCOL;
  v->code = WIRE_E_UNKNOWN_TYPE;
  return 1;
login:
  if (login_code == 0) return 0;
  v->kind = is_credential(md, login_code) ? V_CREDENTIAL : V_LOGIN_FAILED;
  v->code = login_code;
  return 1;
}

static verdict_t verdict_of(int md, const bytes_t* data) {
  verdict_t v = { V_NONE, 0 };
  frame_reader_t r;
  REQUIRE(frame_reader_init(&r) == 0, "frame reader");
  size_t at = 0;
  int done = 0;
  while (!done && at < data->n) {
    size_t avail = 0;
    uint8_t* space = frame_reader_space(&r, &avail);
    REQUIRE(space != NULL, "frame reader space");
    size_t k = data->n - at < avail ? data->n - at : avail;
    memcpy(space, data->p + at, k);
    frame_reader_commit(&r, k);
    at += k;
    wire_frame_t f;
    wire_err_t err;
    int rc;
    while ((rc = frame_reader_next(&r, &f, &err)) == 1) {
      if (frame_verdict(md, &f, &v)) {
        done = 1;
        break;
      }
    }
    if (!done && rc < 0) {
      v.kind = V_PROTOCOL;
      v.code = err.code;
      done = 1;
    }
  }
  frame_reader_free(&r);
  return v;
}

static size_t record_csize(int kind) {
  switch (kind) {
    case 1: return sizeof(hft_order_report_t);
    case 2: return sizeof(hft_trade_report_t);
    case 3: return sizeof(hft_position_t);
    case 4: return sizeof(hft_cash_t);
    default: return sizeof(hft_security_t);
  }
}

/* A valid server -> client message of this service with random field values. */
static void random_valid_frame(bytes_t* out, int md) {
  static const uint16_t trade_types[] = { MSG_ERROR, MSG_LOGIN_RSP, MSG_ORDER_RSP, MSG_CANCEL_RSP, MSG_ORDER_REPORT,
                                          MSG_TRADE_REPORT, MSG_RISK_NOTIFY, MSG_QUERY_RSP, MSG_HEARTBEAT };
  static const uint16_t md_types[] = { MSG_ERROR, MSG_MD_LOGIN_RSP, MSG_MD_SUBSCRIBE_RSP, MSG_MARKET_DATA,
                                       MSG_BASE_INFO, MSG_HEARTBEAT };
  static uint8_t records[20 * sizeof(hft_order_report_t)];
  static uint8_t buf[64 * 1024];
  uint16_t type = md ? md_types[rnd_below(sizeof md_types / sizeof md_types[0])]
                     : trade_types[rnd_below(sizeof trade_types / sizeof trade_types[0])];
  wire_msg_t msg;
  memset(&msg, 0, sizeof msg);
  fuzz_random_fields(wire_layout(type), (uint8_t*)&msg, 1);
  if (type == MSG_QUERY_RSP) {
    msg.query_rsp.kind = 1 + (int32_t)rnd_below(5);
    uint32_t n = rnd_below(20);
    memset(records, 0, sizeof records);
    for (uint32_t i = 0; i < n; i++)
      fuzz_random_fields(wire_record_layout(msg.query_rsp.kind), records + i * record_csize(msg.query_rsp.kind), 1);
    msg.query_rsp.count = n;
    msg.query_rsp.encode_records = records;
  }
  size_t len = 0;
  wire_err_t err;
  REQUIRE(wire_encode(type, (uint32_t)rnd(), &msg, buf, sizeof buf, &len, &err) == WIRE_OK, "random %s: %s",
          wire_type_name(type), err.reason);
  b_add(out, buf, len);
}

/* ---- garbage ---- */
typedef struct garbage {
  const char* kind;
  bytes_t data;
  int constructed; /* protocol error code known by construction, or 0 */
} garbage_t;

/* `phase_b`: only streams that leave the library waiting (truncated or valid frames) are wanted. */
static garbage_t make_garbage(int md, const frame_set_t* valid, int phase_b) {
  garbage_t g;
  memset(&g, 0, sizeof g);
  const bytes_t* pick = &valid->f[rnd_below((uint32_t)valid->n)];
  static const int silent_kinds[] = { 1, 5, 11 }; /* truncated, valid frames, 1 MiB header only */
  int kind = phase_b ? silent_kinds[rnd_below(3)] : (int)rnd_below(13);
  switch (kind) {
    case 0:
      g.kind = "noise";
      b_random(&g.data, 1 + rnd_below(300));
      break;
    case 1:
      g.kind = "truncated";
      b_add(&g.data, pick->p, rnd_below((uint32_t)pick->n));
      break;
    case 2:
      g.kind = "oversized";
    {
      /* one rnd() per statement: the same seed gives the same bytes whatever the compiler */
      uint32_t length = WIRE_MAX_LENGTH + 1 + rnd_below(0xfff00000u);
      uint16_t type = (uint16_t)rnd();
      uint16_t version = (uint16_t)rnd();
      b_header(&g.data, length, type, version);
    }
      b_random(&g.data, rnd_below(32));
      g.constructed = WIRE_E_OVERSIZED;
      break;
    case 3: {
      g.kind = "mutated";
      b_add(&g.data, pick->p, pick->n);
      int k = 1 + (int)rnd_below(4);
      for (int i = 0; i < k; i++) {
        uint32_t at = rnd_below((uint32_t)g.data.n);
        g.data.p[at] = (uint8_t)rnd();
      }
      break;
    }
    case 4: {
      g.kind = "random-payload";
      static const uint16_t types[] = { MSG_HEARTBEAT, MSG_ERROR, MSG_LOGIN_RSP, MSG_ORDER_RSP, MSG_CANCEL_RSP,
                                        MSG_ORDER_REPORT, MSG_TRADE_REPORT, MSG_RISK_NOTIFY, MSG_QUERY_RSP,
                                        MSG_MD_LOGIN_RSP, MSG_MD_SUBSCRIBE_RSP, MSG_MARKET_DATA, MSG_BASE_INFO,
                                        0x7777, 0 };
      uint32_t plen = rnd_below(400);
      b_header(&g.data, 8 + plen, types[rnd_below(sizeof types / sizeof types[0])], 1);
      b_random(&g.data, plen);
      break;
    }
    case 5:
      g.kind = phase_b ? "valid-then-silent" : "valid+noise";
      b_add(&g.data, pick->p, pick->n);
      pick = &valid->f[rnd_below((uint32_t)valid->n)];
      b_add(&g.data, pick->p, pick->n);
      if (!phase_b) b_random(&g.data, 1 + rnd_below(64));
      break;
    case 6:
      g.kind = "bad-version";
      b_add(&g.data, pick->p, pick->n);
      wr_u16(g.data.p + 6, (uint16_t)(2 + rnd_below(0xfffd)));
      g.constructed = WIRE_E_VERSION;
      break;
    case 7:
      g.kind = "undersized-length";
      b_add(&g.data, pick->p, pick->n);
      wr_u32(g.data.p, rnd_below(8));
      g.constructed = WIRE_E_MALFORMED;
      break;
    case 8: {
      /* the largest legal frame: a HEARTBEAT with a 1 MiB payload, read whole, then refused */
      g.kind = "1MiB-heartbeat";
      b_header(&g.data, WIRE_MAX_LENGTH, MSG_HEARTBEAT, 1);
      uint8_t* zeros = (uint8_t*)calloc(1, WIRE_MAX_LENGTH - 8);
      REQUIRE(zeros != NULL, "out of memory");
      b_add(&g.data, zeros, WIRE_MAX_LENGTH - 8);
      free(zeros);
      g.constructed = WIRE_E_MALFORMED;
      break;
    }
    case 9: {
      /* valid frames, then one of the other service */
      g.kind = "valid+other-service";
      b_add(&g.data, pick->p, pick->n);
      b_header(&g.data, 8, md ? MSG_ORDER_RSP : MSG_MARKET_DATA, 1);
      g.constructed = WIRE_E_UNKNOWN_TYPE;
      break;
    }
    case 10: {
      g.kind = "valid+wrong-direction";
      b_add(&g.data, pick->p, pick->n);
      bytes_t w;
      wrong_direction_frame(&w, md);
      b_add(&g.data, w.p, w.n);
      b_free(&w);
      g.constructed = WIRE_E_UNKNOWN_TYPE;
      break;
    }
    case 12: {
      /* valid messages with random contents (report sequences, login codes, query pages...) */
      g.kind = "random-valid";
      int k = 1 + (int)rnd_below(6);
      for (int i = 0; i < k; i++) random_valid_frame(&g.data, md);
      break;
    }
    default:
      /* a 1 MiB frame's header only: the library holds a partial frame */
      g.kind = "1MiB-header-only";
      b_header(&g.data, WIRE_MAX_LENGTH, md ? MSG_MARKET_DATA : MSG_ORDER_REPORT, 1);
      b_random(&g.data, rnd_below(64));
      break;
  }
  return g;
}

/* ---- the hostile server (runs on the test thread) ---- */
typedef struct peer {
  net_socket_t listen_fd;
  uint16_t port;
  net_socket_t fd;
  frame_reader_t reader;
  int eof;
} peer_t;

static void peer_init(peer_t* p) {
  memset(p, 0, sizeof *p);
  p->fd = NET_NO_SOCKET;
  char why[128];
  REQUIRE(net_init(why, sizeof why) == 0, "%s", why);
  p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(p->listen_fd != NET_NO_SOCKET, "socket");
  int one = 1;
  setsockopt(p->listen_fd, SOL_SOCKET, SO_REUSEADDR, (const char*)&one, sizeof one);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(p->listen_fd, (struct sockaddr*)&a, sizeof a) == 0 && listen(p->listen_fd, 8) == 0, "bind/listen");
  socklen_t al = sizeof a;
  getsockname(p->listen_fd, (struct sockaddr*)&a, &al);
  p->port = ntohs(a.sin_port);
  REQUIRE(frame_reader_init(&p->reader) == 0, "frame reader");
}

static void peer_close_conn(peer_t* p) {
  if (p->fd != NET_NO_SOCKET) net_close(p->fd);
  p->fd = NET_NO_SOCKET;
}

static void peer_free(peer_t* p) {
  peer_close_conn(p);
  net_close(p->listen_fd);
  frame_reader_free(&p->reader);
}

typedef struct handle {
  int md;
  void* h;
  poll_fn poll;
  evlog_t log;
  int from; /* events before this index are accounted for */
} fuzz_handle_t;

/* Accepts the library's next connection, draining its events meanwhile. */
static int peer_accept(peer_t* p, fuzz_handle_t* h) {
  int64_t end = now_ms() + WAIT_MS;
  while (now_ms() < end) {
    drain(h->h, h->poll, &h->log);
    struct pollfd pf = { p->listen_fd, POLLIN, 0 };
    if (net_poll(&pf, 1, 2) == 1) {
      p->fd = accept(p->listen_fd, NULL, NULL);
      if (p->fd == NET_NO_SOCKET) continue;
      frame_reader_reset(&p->reader);
      p->eof = 0;
      return 1;
    }
  }
  return 0;
}

/* Reads what the client sent (non-blocking); calls `on` for each frame. */
static void peer_read(peer_t* p, void (*on)(const wire_frame_t*, void*), void* ud) {
  for (;;) {
    struct pollfd pf = { p->fd, POLLIN, 0 };
    if (p->eof || net_poll(&pf, 1, 0) != 1) return;
    size_t avail = 0;
    uint8_t* space = frame_reader_space(&p->reader, &avail);
    net_ssize_t n = net_recv(p->fd, space, avail);
    if (n <= 0) {
      p->eof = 1;
      return;
    }
    frame_reader_commit(&p->reader, (size_t)n);
    wire_frame_t f;
    wire_err_t err;
    int rc;
    while ((rc = frame_reader_next(&p->reader, &f, &err)) == 1)
      if (on) on(&f, ud);
    CHECK(rc == 0, "the library sent a malformed frame: %s", err.reason);
  }
}

typedef struct want {
  uint16_t type;
  char cl_order_id[32];
  int seen;
} want_t;

static void on_want(const wire_frame_t* f, void* ud) {
  want_t* w = (want_t*)ud;
  if (f->type != w->type) return;
  if (w->type == MSG_ORDER_REQ) {
    wire_msg_t m;
    wire_err_t err;
    if (wire_decode(f, &m, &err) != WIRE_OK || strcmp(m.order_req.cl_order_id, w->cl_order_id) != 0) return;
  }
  w->seen = 1;
}

/* Waits for a client frame of `type` (ORDER_REQ: with that cl_order_id), sending heartbeats. */
static int peer_wait_frame(peer_t* p, fuzz_handle_t* h, uint16_t type, const char* cl_order_id) {
  want_t w;
  memset(&w, 0, sizeof w);
  w.type = type;
  if (cl_order_id) strcpy(w.cl_order_id, cl_order_id);
  int64_t end = now_ms() + WAIT_MS, next_hb = 0;
  while (!w.seen && !p->eof && now_ms() < end) {
    if (now_ms() >= next_hb) {
      uint8_t hb[WIRE_HEADER_SIZE];
      size_t len;
      wire_encode(MSG_HEARTBEAT, 1, NULL, hb, sizeof hb, &len, NULL);
      net_send(p->fd, hb, len);
      next_hb = now_ms() + 50;
    }
    peer_read(p, on_want, &w);
    drain(h->h, h->poll, &h->log);
    if (!w.seen) usleep(1000);
  }
  return w.seen;
}

static int send_all(net_socket_t fd, const uint8_t* p, size_t n) {
  while (n) {
    net_ssize_t k = net_send(fd, p, n);
    if (k < 0 && net_last_error() == EINTR) continue;
    if (k <= 0) return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

static int peer_send(peer_t* p, uint16_t type, const void* msg) {
  static uint8_t buf[64 * 1024];
  size_t len = 0;
  wire_err_t err;
  if (wire_encode(type, 1, msg, buf, sizeof buf, &len, &err) != WIRE_OK) return -1;
  return send_all(p->fd, buf, len);
}

/* Sends `data` in up to 4 pieces (partial reads on the library's side). */
static void peer_send_pieces(peer_t* p, const bytes_t* data) {
  size_t cuts[4];
  int ncuts = (int)rnd_below(4);
  for (int i = 0; i < ncuts; i++) cuts[i] = data->n ? rnd_below((uint32_t)data->n) : 0;
  for (int i = 0; i < ncuts; i++)
    for (int j = i + 1; j < ncuts; j++)
      if (cuts[j] < cuts[i]) {
        size_t t = cuts[i];
        cuts[i] = cuts[j];
        cuts[j] = t;
      }
  size_t at = 0;
  for (int i = 0; i <= ncuts; i++) {
    size_t to = i < ncuts ? cuts[i] : data->n;
    if (to <= at) continue;
    if (send_all(p->fd, data->p + at, to - at) != 0) return; /* the library already gave up */
    at = to;
    usleep(500);
  }
}

/* Waits for the next HFT_EV_DISCONNECTED (index >= h->from) while reading and discarding what the
 * client sends. Returns its index or -1. */
static int wait_disconnected(peer_t* p, fuzz_handle_t* h) {
  int64_t end = now_ms() + WAIT_MS;
  for (;;) {
    peer_read(p, NULL, NULL);
    drain(h->h, h->poll, &h->log);
    for (int i = h->from; i < h->log.n; i++) {
      if (h->log.evs[i].header.type == HFT_EV_DISCONNECTED) {
        h->from = i + 1;
        return i;
      }
    }
    if (now_ms() >= end) return -1;
    usleep(1000);
  }
}

static int wait_event(fuzz_handle_t* h, uint16_t type, int (*pred)(const hft_event_t*, const void*), const void* key) {
  int64_t end = now_ms() + WAIT_MS;
  for (;;) {
    drain(h->h, h->poll, &h->log);
    for (int i = h->from; i < h->log.n; i++) {
      const hft_event_t* ev = &h->log.evs[i];
      if (ev->header.type == type && (!pred || pred(ev, key))) {
        h->from = i + 1;
        return i;
      }
    }
    if (now_ms() >= end) return -1;
    usleep(1000);
  }
}

static int is_order_rsp_for(const hft_event_t* ev, const void* key) {
  return strcmp(ev->body.order_rsp.cl_order_id, (const char*)key) == 0;
}
static int is_md_seq(const hft_event_t* ev, const void* key) {
  return ev->body.md.md_seq == *(const uint64_t*)key && strcmp(ev->body.md.code, "600000") == 0;
}
static int is_login_ok(const hft_event_t* ev, const void* key) {
  (void)key;
  return ev->header.error_code == 0;
}

/* counters for the summary */
static int g_rounds, g_protocol, g_login_failed, g_closed, g_timeouts, g_behaved, g_rerolled;

/* The peer behaves: login answered, then the handle must work. */
static void behave(peer_t* p, fuzz_handle_t* h, int round) {
  char what[64];
  snprintf(what, sizeof what, "seed %llu %s round %d (behave)", (unsigned long long)g_seed, h->md ? "md" : "trade",
           round);
  int start = h->from;
  REQUIRE(peer_accept(p, h), "%s: the library reconnects", what);
  REQUIRE(peer_wait_frame(p, h, h->md ? MSG_MD_LOGIN_REQ : MSG_LOGIN_REQ, NULL), "%s: login request", what);
  bytes_t ok;
  login_ok_frame(&ok, h->md);
  CHECK(send_all(p->fd, ok.p, ok.n) == 0, "%s: send login answer", what);
  b_free(&ok);
  CHECK(wait_event(h, h->md ? HFT_EV_MD_LOGIN : HFT_EV_LOGIN, is_login_ok, NULL) >= 0, "%s: logged in", what);
  if (h->md) {
    /* the library resubscribes {SH 600000} by itself after the login */
    CHECK(peer_wait_frame(p, h, MSG_MD_SUBSCRIBE_REQ, NULL), "%s: resubscribe", what);
    wire_md_sub_rsp_t r;
    memset(&r, 0, sizeof r);
    r.rsp.action = 1;
    r.rsp.market = 1;
    r.rsp.count = 1;
    CHECK(peer_send(p, MSG_MD_SUBSCRIBE_RSP, &r) == 0, "%s: send sub rsp", what);
    hft_market_data_t md;
    memset(&md, 0, sizeof md);
    md.md_seq = 1000000 + (uint64_t)round;
    md.market = HFT_MARKET_SH;
    strcpy(md.code, "600000");
    md.last = 102300;
    CHECK(peer_send(p, MSG_MARKET_DATA, &md) == 0, "%s: send market data", what);
    CHECK(wait_event(h, HFT_EV_MARKET_DATA, is_md_seq, &md.md_seq) >= 0, "%s: market data flows again", what);
  } else {
    char cl[32];
    snprintf(cl, sizeof cl, "ok-%d", round);
    hft_order_req_t o;
    memset(&o, 0, sizeof o);
    strcpy(o.cl_order_id, cl);
    strcpy(o.symbol, "SH.600000");
    o.order_type = HFT_ORDER_LMT;
    o.side = HFT_SIDE_BID;
    o.volume = 100;
    o.price = 102300;
    CHECK(hft_trader_order((hft_trader_t*)h->h, &o) == HFT_OK, "%s: order: %s", what, hft_last_error());
    CHECK(peer_wait_frame(p, h, MSG_ORDER_REQ, cl), "%s: the order reaches the server", what);
    wire_order_rsp_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.rsp.cl_order_id, cl);
    snprintf(r.rsp.order_id, sizeof r.rsp.order_id, "O-%d", round);
    CHECK(peer_send(p, MSG_ORDER_RSP, &r) == 0, "%s: send order rsp", what);
    CHECK(wait_event(h, HFT_EV_ORDER_RSP, is_order_rsp_for, cl) >= 0, "%s: the order is answered", what);
  }
  g_behaved++;
  /* end this good session from the server side, so the next round gets a fresh connection */
  shutdown(p->fd, NET_SHUT_WR);
  int i = wait_disconnected(p, h);
  CHECK(i >= 0, "%s: DISCONNECTED after the server closed", what);
  if (i >= 0) CHECK(h->log.evs[i].body.status.will_reconnect == 1, "%s: will reconnect", what);
  int drops = 0;
  for (int k = start; k < h->log.n && k <= i; k++) drops += h->log.evs[k].header.type == HFT_EV_DISCONNECTED;
  CHECK(drops == 1, "%s: one disconnect in the good session, got %d", what, drops);
  peer_close_conn(p);
}

/* One hostile connection. `silent`: after the bytes, keep the connection open and say nothing. */
static void hostile(peer_t* p, fuzz_handle_t* h, const frame_set_t* valid, int round, int silent) {
  bytes_t data;
  memset(&data, 0, sizeof data);
  garbage_t g;
  verdict_t v;
  int prelogin;
  for (int tries = 0;; tries++) {
    REQUIRE(tries < 100, "no usable garbage");
    prelogin = (int)(rnd() & 1); /* a valid login answer first: the garbage hits a logged-in session */
    g = make_garbage(h->md, valid, silent);
    data.n = 0;
    if (prelogin) {
      bytes_t ok;
      login_ok_frame(&ok, h->md);
      b_add(&data, ok.p, ok.n);
      b_free(&ok);
    }
    b_add(&data, g.data.p, g.data.n);
    v = verdict_of(h->md, &data);
    /* a credential error would (rightly) stop reconnecting; phase B wants streams with no verdict */
    if (v.kind == V_CREDENTIAL || (silent && v.kind != V_NONE)) {
      g_rerolled++;
      b_free(&g.data);
      continue;
    }
    break;
  }
  char what[160];
  snprintf(what, sizeof what, "seed %llu %s round %d (%s%s, %zu bytes%s)", (unsigned long long)g_seed,
           h->md ? "md" : "trade", round, prelogin ? "login ok + " : "", g.kind, g.data.n, silent ? ", silent" : "");
  if (g_verbose) printf("    %s: verdict %d code %d\n", what, v.kind, v.code);
  if (g.constructed)
    CHECK(v.kind == V_PROTOCOL && v.code == g.constructed, "%s: verdict %d/%d, constructed %d", what, v.kind, v.code,
          g.constructed);

  REQUIRE(peer_accept(p, h), "%s: the library reconnects", what);
  REQUIRE(peer_wait_frame(p, h, h->md ? MSG_MD_LOGIN_REQ : MSG_LOGIN_REQ, NULL), "%s: login request", what);
  peer_send_pieces(p, &data);
  if (!silent) shutdown(p->fd, NET_SHUT_WR); /* FIN after the bytes: never an RST that could eat them */
  int i = wait_disconnected(p, h);
  REQUIRE(i >= 0, "%s: no DISCONNECTED (the library hangs on the bad input?)", what);
  const hft_status_info_t* st = &h->log.evs[i].body.status;
  CHECK(st->will_reconnect == 1, "%s: will reconnect (%s)", what, st->message);
  switch (v.kind) {
    case V_PROTOCOL: {
      char code[32];
      snprintf(code, sizeof code, "(code %d)", v.code);
      CHECK(strstr(st->message, "protocol error") && strstr(st->message, code), "%s: expected protocol error %s, got: %s",
            what, code, st->message);
      g_protocol++;
      break;
    }
    case V_LOGIN_FAILED:
      CHECK(strstr(st->message, "login") && strstr(st->message, "failed"), "%s: expected a failed login, got: %s", what,
            st->message);
      g_login_failed++;
      break;
    default:
      if (silent) {
        CHECK(st->os_error == ETIMEDOUT && strstr(st->message, "heartbeat timeout"),
              "%s: expected a heartbeat timeout, got: %s", what, st->message);
        g_timeouts++;
      } else {
        CHECK(strstr(st->message, "closed by peer") != NULL, "%s: expected closed by peer, got: %s", what,
              st->message);
        g_closed++;
      }
  }
  g_rounds++;
  peer_close_conn(p);
  b_free(&g.data);
  b_free(&data);
}

static hft_conn_config_t config(uint16_t port, int heartbeat_timeout_ms) {
  hft_conn_config_t c;
  memset(&c, 0, sizeof c);
  strcpy(c.host, "127.0.0.1");
  c.port = port;
  c.heartbeat_interval_ms = 100;
  c.heartbeat_timeout_ms = heartbeat_timeout_ms;
  c.connect_timeout_ms = 2000;
  c.reconnect_min_ms = 5;
  c.reconnect_max_ms = 40;
  c.connect_retries = -1;
  return c;
}

static void open_handle(fuzz_handle_t* h, int md, const hft_conn_config_t* cfg) {
  memset(h, 0, sizeof *h);
  h->md = md;
  log_init(&h->log);
  if (md) {
    h->h = hft_md_create(cfg);
    h->poll = poll_md;
    REQUIRE(h->h != NULL, "md create: %s", hft_last_error());
    char code[8] = "600000";
    REQUIRE(hft_md_subscribe((hft_md_t*)h->h, HFT_MARKET_SH, code, 1) == HFT_OK, "subscribe");
    REQUIRE(hft_md_login((hft_md_t*)h->h, "md001", PASSWORD) == HFT_OK, "md login");
  } else {
    h->h = hft_trader_create(cfg);
    h->poll = poll_trader;
    REQUIRE(h->h != NULL, "trader create: %s", hft_last_error());
    hft_login_req_t r;
    memset(&r, 0, sizeof r);
    strcpy(r.account_id, "demo001");
    strcpy(r.password, PASSWORD);
    strcpy(r.cust_orgid, "0000");
    strcpy(r.cust_branchid, "9999");
    strcpy(r.cl_system_id, "HFT");
    r.account_type = HFT_ACCOUNT_STOCK;
    REQUIRE(hft_trader_login((hft_trader_t*)h->h, &r) == HFT_OK, "login");
  }
}

static void close_handle(fuzz_handle_t* h) {
  drain(h->h, h->poll, &h->log);
  CHECK(h->log.seq_errors == 0, "%s: event_seq contiguous", h->md ? "md" : "trade");
  if (h->md) hft_md_release((hft_md_t*)h->h);
  else hft_trader_release((hft_trader_t*)h->h);
  log_free(&h->log);
}

static void run(int md, int rounds) {
  frame_set_t valid;
  if (md) md_frames(&valid);
  else trade_frames(&valid);
  peer_t p;
  peer_init(&p);
  int64_t t0 = now_ms();

  /* phase A: a long heartbeat timeout, so no outcome depends on timing */
  hft_conn_config_t cfg = config(p.port, 10000);
  fuzz_handle_t h;
  open_handle(&h, md, &cfg);
  behave(&p, &h, 0);
  for (int r = 1; r <= rounds; r++) {
    hostile(&p, &h, &valid, r, 0);
    if (r % 10 == 0) behave(&p, &h, r);
  }
  behave(&p, &h, rounds + 1);
  close_handle(&h);
  int64_t ta = now_ms() - t0;

  /* phase B: a short heartbeat timeout; partial frames / valid frames then silence */
  int64_t t1 = now_ms();
  cfg = config(p.port, 250);
  open_handle(&h, md, &cfg);
  int silent_rounds = 4;
  for (int r = 1; r <= silent_rounds; r++) hostile(&p, &h, &valid, rounds + 1 + r, 1);
  close_handle(&h);
  printf("  %s: phase A %d rounds in %lld ms, phase B %d rounds in %lld ms\n", md ? "md" : "trade", rounds,
         (long long)ta, silent_rounds, (long long)(now_ms() - t1));
  peer_free(&p);
  free_frames(&valid);
}

#if defined(_WIN32)
static void* watchdog_main(void* arg) {
  Sleep((DWORD)(uintptr_t)arg * 1000);
  fprintf(stderr, "test_fuzz_net: watchdog: still running after %u s, a hang\n", (unsigned)(uintptr_t)arg);
  _exit(3);
  return NULL;
}
#endif

/* Ends the process if the run takes longer than `seconds`: SIGALRM on POSIX (send() errors are
 * EPIPE there, not signals), a watchdog thread on Windows (no alarm(); Winsock never raises
 * SIGPIPE). */
static void start_watchdog(unsigned seconds) {
#if defined(_WIN32)
  pthread_t t;
  if (pthread_create(&t, NULL, watchdog_main, (void*)(uintptr_t)seconds) == 0) pthread_detach(t);
#else
  signal(SIGPIPE, SIG_IGN);
  alarm(seconds);
#endif
}

int main(int argc, char** argv) {
  g_seed = argc > 1 ? strtoull(argv[1], NULL, 10) : 20260126;
  int rounds = argc > 2 ? atoi(argv[2]) : 40;
  fuzz_seed(g_seed * 0x9E3779B97F4A7C15ULL + 1);
  g_verbose = getenv("FUZZ_NET_VERBOSE") != NULL;
  start_watchdog(120); /* a hang anywhere kills the run: it must not pass silently */
  printf("test_fuzz_net: seed %llu, %d rounds per handle\n", (unsigned long long)g_seed, rounds);
  int64_t t0 = now_ms();
  run(0, rounds);
  run(1, rounds);
  printf("test_fuzz_net: %d hostile connections (%d protocol errors, %d failed logins, %d closed after valid or "
         "partial frames, %d heartbeat timeouts; %d re-rolled), %d good sessions, %lld ms\n",
         g_rounds, g_protocol, g_login_failed, g_closed, g_timeouts, g_rerolled, g_behaved,
         (long long)(now_ms() - t0));
  if (g_failures) fprintf(stderr, "test_fuzz_net: replay with: test_fuzz_net %llu %d\n", (unsigned long long)g_seed, rounds);
  return check_summary("test_fuzz_net");
}
