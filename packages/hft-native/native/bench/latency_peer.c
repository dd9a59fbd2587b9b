/* latency_peer.c — the C exchange peer of the wire-to-wire latency benchmark (issue 22;
 * packages/hft-gateway/bench/latency.ts builds and drives it). Linux/macOS only: a benchmark,
 * never part of the library or the tests.
 *
 * It listens on 127.0.0.1 for one trade and one market-data connection from the library, speaks
 * our wire protocol (docs/protocol.md) through the library's own codec: logs both sides in,
 * answers the start-up queries with one contract (SH.600000) and one cash record, then, after
 * "GO" on stdin, runs rounds of
 *
 *   tick (MARKET_DATA) → wait for the ORDER_REQ it causes → gap → floor round trip → gap
 *
 * The wire-to-wire figure is the time from just before the tick's send() to just after the
 * order's recv() (CLOCK_MONOTONIC, the clock process.hrtime reads on Linux, so the driver can
 * place its own timestamps on the same axis). The floor is a 64-byte round trip between two
 * threads of this process over loopback TCP (TCP_NODELAY), each blocked in recv like the
 * library's threads, interleaved with the ticks under the same idle gaps (DESIGN.md §9: "How
 * the floor is measured matters").
 *
 * Usage: latency_peer <rounds> <gap_us>. Prints "READY <trade port> <md port>" and, at the end,
 * one line per round "R <i> <tick_send_ns> <order_recv_ns> <floor_ns> <floor_send_ns>" (order_recv_ns
 * 0: lost; floor_send_ns: the floor's send() call alone),
 * then "DONE".
 *
 * latency_peer --flood <ticks> (issue 22, sustained tick rate): after the same log-in and "GO",
 * sends <ticks> MARKET_DATA frames back to back, many per send(), as fast as the socket takes
 * them (TCP pushes back when the library's ring is full), prints "FLOOD <ticks> <send_ns>", then
 * keeps the connections open until "STOP" on stdin and prints "DONE". A market source far
 * faster than the JS mock server, so the rate measured is the library's and the gateway's.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "wire_codec.h"

#define FLOOR_BYTES 64
#define ORDER_WAIT_S 1 /* a round whose order has not come back by then counts as lost */
#define SUBSCRIBE_WAIT_MS 10000
#define HEARTBEAT_NS 1000000000LL
/* The instrument: 600000 at 10.00 (×10,000 as on the wire), ±10% limits, tick 0.01, lot 100. */
#define PRICE_BASE 100000
#define PRICE_STEP 100
#define PRICE_CYCLE 100

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char* what) {
  perror(what);
  exit(2);
}

static int listen_loopback(uint16_t* port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr*)&a, sizeof a) != 0 || listen(fd, 4) != 0) die("listen");
  socklen_t al = sizeof a;
  getsockname(fd, (struct sockaddr*)&a, &al);
  *port = ntohs(a.sin_port);
  return fd;
}

static int accept_nodelay(int lfd) {
  int fd = accept(lfd, NULL, NULL);
  if (fd < 0) die("accept");
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void send_all(int fd, const uint8_t* p, size_t n) {
  while (n > 0) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k <= 0) die("send");
    p += k;
    n -= (size_t)k;
  }
}

static void recv_all(int fd, uint8_t* p, size_t n) {
  while (n > 0) {
    ssize_t k = recv(fd, p, n, 0);
    if (k <= 0) die("recv");
    p += k;
    n -= (size_t)k;
  }
}

/* One side's connection: its socket, send lock and outgoing sequence. */
typedef struct side {
  int fd;
  pthread_mutex_t mu;
  uint32_t seq;
} side_t;

static void side_send(side_t* s, uint16_t type, const void* msg) {
  static _Thread_local uint8_t buf[WIRE_MAX_LENGTH + 16];
  size_t len = 0;
  wire_err_t err;
  pthread_mutex_lock(&s->mu);
  if (wire_encode(type, ++s->seq, msg, buf, sizeof buf, &len, &err) != WIRE_OK) {
    fprintf(stderr, "latency_peer: encode %s: %s\n", wire_type_name(type), err.reason);
    exit(2);
  }
  send_all(s->fd, buf, len);
  pthread_mutex_unlock(&s->mu);
}

static side_t trade = {.fd = -1, .mu = PTHREAD_MUTEX_INITIALIZER};
static side_t md = {.fd = -1, .mu = PTHREAD_MUTEX_INITIALIZER};
static atomic_int md_subscribed;
/* The round waiting for its order (-1: none) and when its order arrived. */
static atomic_int waiting_round = -1;
static atomic_llong order_recv_ns;
static pthread_mutex_t round_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t round_done = PTHREAD_COND_INITIALIZER;

static void answer_query(const hft_query_req_t* q) {
  wire_query_rsp_t r;
  memset(&r, 0, sizeof r);
  r.request_id = q->request_id;
  r.kind = q->kind;
  r.is_last = 1;
  static hft_security_t sec;
  static hft_cash_t cash;
  if (q->kind == HFT_QUERY_SECURITIES) {
    memset(&sec, 0, sizeof sec);
    strcpy(sec.symbol, "SH.600000");
    strcpy(sec.name, "浦发银行");
    sec.security_type = 1;
    sec.board = 1;
    sec.pre_close = PRICE_BASE;
    sec.limit_up = PRICE_BASE * 11 / 10;
    sec.limit_down = PRICE_BASE * 9 / 10;
    sec.price_tick = PRICE_STEP;
    sec.lot_size = 100;
    sec.min_buy_volume = 100;
    r.count = 1;
    r.encode_records = &sec;
  } else if (q->kind == HFT_QUERY_CASH) {
    memset(&cash, 0, sizeof cash);
    strcpy(cash.account_id, "demo");
    cash.balance = cash.available = cash.total_asset = 1000000000LL * 10000;
    r.count = 1;
    r.encode_records = &cash;
  }
  side_send(&trade, MSG_QUERY_RSP, &r);
}

static void on_trade_frame(const wire_frame_t* f, const wire_msg_t* m, int64_t t_recv) {
  switch (f->type) {
    case MSG_LOGIN_REQ: {
      wire_login_rsp_t r;
      memset(&r, 0, sizeof r);
      snprintf(r.rsp.account_id, sizeof r.rsp.account_id, "%s", m->login_req.account_id);
      r.rsp.trading_day = 20261202;
      side_send(&trade, MSG_LOGIN_RSP, &r);
      break;
    }
    case MSG_QUERY_REQ:
      answer_query(&m->query_req);
      break;
    case MSG_ORDER_REQ: {
      int expected = atomic_load(&waiting_round);
      int round = (int)((m->order_req.price - PRICE_BASE) / PRICE_STEP);
      if (expected >= 0 && round == expected % PRICE_CYCLE) {
        atomic_store(&order_recv_ns, t_recv);
        pthread_mutex_lock(&round_mu);
        atomic_store(&waiting_round, -1);
        pthread_cond_signal(&round_done);
        pthread_mutex_unlock(&round_mu);
      }
      wire_order_rsp_t r;
      memset(&r, 0, sizeof r);
      snprintf(r.rsp.cl_order_id, sizeof r.rsp.cl_order_id, "%s", m->order_req.cl_order_id);
      snprintf(r.rsp.order_id, sizeof r.rsp.order_id, "%s", m->order_req.cl_order_id);
      side_send(&trade, MSG_ORDER_RSP, &r);
      break;
    }
    default:
      break;
  }
}

static void on_md_frame(const wire_frame_t* f, const wire_msg_t* m, int64_t t_recv) {
  (void)t_recv;
  if (f->type == MSG_MD_LOGIN_REQ) {
    wire_md_login_rsp_t r;
    memset(&r, 0, sizeof r);
    side_send(&md, MSG_MD_LOGIN_RSP, &r);
  } else if (f->type == MSG_MD_SUBSCRIBE_REQ) {
    wire_md_sub_rsp_t r;
    memset(&r, 0, sizeof r);
    r.rsp.action = m->md_sub_req.action;
    r.rsp.market = m->md_sub_req.market;
    r.rsp.count = (int32_t)m->md_sub_req.count;
    side_send(&md, MSG_MD_SUBSCRIBE_RSP, &r);
    atomic_store(&md_subscribed, 1);
  }
}

typedef void (*frame_fn)(const wire_frame_t* f, const wire_msg_t* m, int64_t t_recv);

/* Reads one side's frames forever (the process exits when the run is over), heartbeating. */
static void serve(side_t* s, frame_fn on_frame) {
  frame_reader_t reader;
  frame_reader_init(&reader);
  int64_t last_hb = now_ns();
  for (;;) {
    struct pollfd p = {.fd = s->fd, .events = POLLIN};
    int ready = poll(&p, 1, 200);
    if (ready > 0) {
      size_t avail;
      uint8_t* sp = frame_reader_space(&reader, &avail);
      ssize_t n = recv(s->fd, sp, avail, 0);
      int64_t t_recv = now_ns();
      if (n <= 0) {
        fprintf(stderr, "latency_peer: the library closed a connection\n");
        exit(3);
      }
      frame_reader_commit(&reader, (size_t)n);
      wire_frame_t f;
      wire_err_t err;
      int rc;
      while ((rc = frame_reader_next(&reader, &f, &err)) == 1) {
        wire_msg_t msg;
        if (wire_decode(&f, &msg, &err) != WIRE_OK) {
          fprintf(stderr, "latency_peer: bad frame: %s\n", err.reason);
          exit(3);
        }
        on_frame(&f, &msg, t_recv);
      }
      if (rc < 0) {
        fprintf(stderr, "latency_peer: bad stream: %s\n", err.reason);
        exit(3);
      }
    }
    if (now_ns() - last_hb >= HEARTBEAT_NS) {
      side_send(s, MSG_HEARTBEAT, NULL);
      last_hb = now_ns();
    }
  }
}

static int trade_listen, md_listen;

static void* trade_main(void* arg) {
  (void)arg;
  trade.fd = accept_nodelay(trade_listen);
  serve(&trade, on_trade_frame);
  return NULL;
}

static void* md_main(void* arg) {
  (void)arg;
  md.fd = accept_nodelay(md_listen);
  serve(&md, on_md_frame);
  return NULL;
}

static int floor_echo_fd;

static void* floor_echo_main(void* arg) {
  (void)arg;
  uint8_t buf[FLOOR_BYTES];
  for (;;) {
    recv_all(floor_echo_fd, buf, sizeof buf);
    send_all(floor_echo_fd, buf, sizeof buf);
  }
  return NULL;
}

/* A connected loopback pair: *client for the measuring thread, the other end for the echo thread. */
static int floor_pair(void) {
  uint16_t port;
  int lfd = listen_loopback(&port);
  int cfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  if (connect(cfd, (struct sockaddr*)&a, sizeof a) != 0) die("connect");
  int one = 1;
  setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  floor_echo_fd = accept_nodelay(lfd);
  close(lfd);
  return cfd;
}

static void sleep_us(long us) {
  struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static void make_tick(hft_market_data_t* t, int round) {
  memset(t, 0, sizeof *t);
  t->md_seq = (uint64_t)round + 1;
  t->market = HFT_MARKET_SH;
  memcpy(t->code, "600000", 7);
  t->trading_day = 20261202;
  t->time = 93000000 + (uint32_t)(round % 1000);
  t->pre_close = PRICE_BASE;
  t->open = PRICE_BASE;
  t->high = PRICE_BASE + PRICE_STEP * PRICE_CYCLE;
  t->low = PRICE_BASE;
  t->last = PRICE_BASE + PRICE_STEP * (round % PRICE_CYCLE);
  t->limit_up = PRICE_BASE * 11 / 10;
  t->limit_down = PRICE_BASE * 9 / 10;
  t->volume = 100LL * (round + 1);
  t->turnover = t->volume * t->last;
  for (int k = 0; k < 5; k++) {
    t->bid_price[k] = t->last - PRICE_STEP * (k + 1);
    t->ask_price[k] = t->last + PRICE_STEP * (k + 1);
    t->bid_volume[k] = t->ask_volume[k] = 1000;
  }
}

/* Bytes per send() in flood mode: many frames at once, as a busy exchange feed arrives. */
#define FLOOD_CHUNK (64 * 1024)

/* Sends `ticks` snapshots back to back; returns the nanoseconds the sends took. */
static int64_t flood(int ticks) {
  static uint8_t out[FLOOD_CHUNK + WIRE_HEADER_SIZE + sizeof(hft_market_data_t)];
  hft_market_data_t tick;
  wire_err_t err;
  int64_t t0 = now_ns();
  pthread_mutex_lock(&md.mu);
  for (int i = 0; i < ticks;) {
    size_t used = 0;
    while (i < ticks && used < FLOOD_CHUNK) {
      size_t len = 0;
      make_tick(&tick, i++);
      if (wire_encode(MSG_MARKET_DATA, ++md.seq, &tick, out + used, sizeof out - used, &len, &err) != WIRE_OK) {
        fprintf(stderr, "latency_peer: encode MARKET_DATA: %s\n", err.reason);
        exit(2);
      }
      used += len;
    }
    send_all(md.fd, out, used);
  }
  pthread_mutex_unlock(&md.mu);
  return now_ns() - t0;
}

int main(int argc, char** argv) {
  int flood_ticks = argc == 3 && strcmp(argv[1], "--flood") == 0 ? atoi(argv[2]) : 0;
  if (argc != 3) {
    fprintf(stderr, "usage: latency_peer <rounds> <gap_us> | latency_peer --flood <ticks>\n");
    return 2;
  }
  int rounds = flood_ticks > 0 ? 1 : atoi(argv[1]);
  long gap_us = flood_ticks > 0 ? 0 : atol(argv[2]);
  if (rounds <= 0 || gap_us < 0) {
    fprintf(stderr, "latency_peer: rounds must be >= 1 and gap_us >= 0 (or --flood with ticks >= 1)\n");
    return 2;
  }
  int64_t* tick_ns = calloc((size_t)rounds, sizeof *tick_ns);
  int64_t* order_ns = calloc((size_t)rounds, sizeof *order_ns);
  int64_t* floor_ns = calloc((size_t)rounds, sizeof *floor_ns);
  int64_t* floor_send_ns = calloc((size_t)rounds, sizeof *floor_send_ns);
  if (!tick_ns || !order_ns || !floor_ns || !floor_send_ns) die("calloc");

  uint16_t trade_port, md_port;
  trade_listen = listen_loopback(&trade_port);
  md_listen = listen_loopback(&md_port);
  int floor_fd = floor_pair();
  pthread_t th;
  pthread_create(&th, NULL, trade_main, NULL);
  pthread_create(&th, NULL, md_main, NULL);
  pthread_create(&th, NULL, floor_echo_main, NULL);
  printf("READY %u %u\n", trade_port, md_port);
  fflush(stdout);

  char line[64];
  if (!fgets(line, sizeof line, stdin) || strncmp(line, "GO", 2) != 0) return 2;
  /* The driver subscribes just before GO: allow the request time to arrive. */
  for (int waited_ms = 0; !atomic_load(&md_subscribed); waited_ms += 10) {
    if (waited_ms >= SUBSCRIBE_WAIT_MS) {
      fprintf(stderr, "latency_peer: no market-data subscription within %d ms of GO\n", SUBSCRIBE_WAIT_MS);
      return 2;
    }
    sleep_us(10000);
  }

  if (flood_ticks > 0) {
    int64_t ns = flood(flood_ticks);
    printf("FLOOD %d %lld\n", flood_ticks, (long long)ns);
    fflush(stdout);
    while (fgets(line, sizeof line, stdin) && strncmp(line, "STOP", 4) != 0) {
    }
    printf("DONE\n");
    fflush(stdout);
    return 0;
  }

  hft_market_data_t tick;
  uint8_t ping[FLOOR_BYTES];
  memset(ping, 0x5a, sizeof ping);
  for (int i = 0; i < rounds; i++) {
    make_tick(&tick, i);
    atomic_store(&order_recv_ns, 0);
    atomic_store(&waiting_round, i);
    tick_ns[i] = now_ns();
    side_send(&md, MSG_MARKET_DATA, &tick);
    /* Not part of any figure: only paces the rounds (the order's own time was taken on receipt). */
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += ORDER_WAIT_S;
    pthread_mutex_lock(&round_mu);
    while (atomic_load(&waiting_round) == i)
      if (pthread_cond_timedwait(&round_done, &round_mu, &deadline) != 0) break;
    atomic_store(&waiting_round, -1);
    pthread_mutex_unlock(&round_mu);
    order_ns[i] = atomic_load(&order_recv_ns);
    sleep_us(gap_us);
    int64_t t0 = now_ns();
    send_all(floor_fd, ping, sizeof ping);
    floor_send_ns[i] = now_ns() - t0; /* a C send() alone, beside the library's (native-hops.ts) */
    recv_all(floor_fd, ping, sizeof ping);
    floor_ns[i] = now_ns() - t0;
    sleep_us(gap_us);
  }
  for (int i = 0; i < rounds; i++)
    printf("R %d %lld %lld %lld %lld\n", i, (long long)tick_ns[i], (long long)order_ns[i], (long long)floor_ns[i],
           (long long)floor_send_ns[i]);
  printf("DONE\n");
  fflush(stdout);
  return 0;
}
