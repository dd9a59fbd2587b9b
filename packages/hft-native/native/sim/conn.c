/* conn.c — see conn.h. Threads per connection:
 *   network thread: connect (with timeout), read + decode frames, heartbeat-timeout detection,
 *                   reconnect with backoff, test-emit; the only producer of protocol events;
 *   writer thread:  encodes queued requests and writes them (control queue first, user queue once
 *                   logged in), sends heartbeats when idle.
 * Both wait in poll() on their socket and on a wake pipe that release() writes to, so release()
 * interrupts connects, reads, writes and backoff sleeps.
 */
#if !defined(_GNU_SOURCE)
#  define _GNU_SOURCE /* NI_MAXHOST, accept4-style flags, strerror_r */
#endif
#include "conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "backoff.h"
#include "handle.h"
#include "last_error.h"
#include "sync.h"

#define EMIT_BATCH 64
#define TICK_MS 100
#define TEST_EMIT_CHUNK 256
#define WRITE_BATCH_NODES 64
#define WRITE_BUF_SIZE (256 * 1024)
#define READS_PER_WAKE 8

struct conn {
  hft_conn_config_t cfg;
  ring_t* ring;
  const conn_ops_t* ops;
  void* ctx;
  char name[16];
  char peer[96];

  sync_mutex_t mu;
  sync_cond_t cv_net;    /* network thread: start / test emit */
  sync_cond_t cv_writer; /* writer: work, socket */
  sync_cond_t cv_fd;     /* network thread: writer released the socket */
  int wake_pipe[2];      /* made readable (forever) by release */

  /* guarded by mu */
  int shutdown;
  conn_state_t state;
  int start_requested;
  int fd;
  int writer_busy;       /* someone (writer thread, or a host thread on the direct path) is writing */
  uint8_t* pending;      /* bytes a direct write could not finish; the writer sends them first */
  size_t pending_len;
  int write_failed;
  int write_errno;
  uint32_t tx_seq;
  int64_t last_tx_ms;
  req_node_t *ctl_head, *ctl_tail;
  req_node_t *usr_head, *usr_tail;
  req_node_t *inf_head, *inf_tail;
  uint32_t n_user; /* user requests queued, being written or in flight */
  int logins;
  uint32_t test_emit_pending;
  uint64_t test_emit_seq;

  /* network thread only */
  frame_reader_t reader;
  hft_event_t batch[EMIT_BATCH];
  int nbatch;
  int ring_closed;
  int64_t last_rx_ms;
  int fail_set;
  int fail_retry;
  int fail_os;
  char fail_msg[192];
  uint64_t rng;
  int reached_ready; /* this connection logged in */

  sync_thread_t net_thread;
  sync_thread_t writer_thread;
  int threads_started;
};

/* ---- request nodes ---- */
req_node_t* req_node_new(uint16_t type, uint32_t codes_n) {
  req_node_t* n = (req_node_t*)calloc(1, sizeof *n + (size_t)codes_n * 8);
  if (!n) return NULL;
  n->type = type;
  n->codes_n = codes_n;
  return n;
}

void req_node_free(req_node_t* n) {
  if (!n) return;
  volatile unsigned char* p = (volatile unsigned char*)&n->u;
  for (size_t i = 0; i < sizeof n->u; i++) p[i] = 0; /* passwords */
  free(n);
}

static void list_push(req_node_t** head, req_node_t** tail, req_node_t* n) {
  n->next = NULL;
  if (*tail) (*tail)->next = n;
  else *head = n;
  *tail = n;
}

static req_node_t* list_pop(req_node_t** head, req_node_t** tail) {
  req_node_t* n = *head;
  if (n) {
    *head = n->next;
    if (!*head) *tail = NULL;
    n->next = NULL;
  }
  return n;
}

static void list_free(req_node_t** head, req_node_t** tail) {
  req_node_t* n;
  while ((n = list_pop(head, tail)) != NULL) req_node_free(n);
}

/* ---- small helpers ---- */
static const char* errno_name(int e) {
  switch (e) {
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETUNREACH: return "ENETUNREACH";
    case ENETDOWN: return "ENETDOWN";
    case EPIPE: return "EPIPE";
    case ECONNABORTED: return "ECONNABORTED";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EACCES: return "EACCES";
    case EMFILE: return "EMFILE";
    case ENOBUFS: return "ENOBUFS";
    case ENOMEM: return "ENOMEM";
    default: return "errno";
  }
}

static void wake_fd_set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL, 0);
  if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void event_init(hft_event_t* ev, uint16_t type) {
  memset(ev, 0, sizeof *ev);
  ev->header.type = type;
}

/* ---- events (network thread) ---- */
static void flush_events(conn_t* c) {
  if (!c->nbatch) return;
  int waited = 0;
  if (ring_push(c->ring, c->batch, c->nbatch, &waited) != 0) c->ring_closed = 1;
  c->nbatch = 0;
  /* time spent waiting for the host does not count as peer silence */
  if (waited) c->last_rx_ms = sync_now_ms();
}

void conn_emit(conn_t* c, const hft_event_t* ev) {
  c->batch[c->nbatch++] = *ev;
  if (c->nbatch == EMIT_BATCH) flush_events(c);
}

static void emit_status(conn_t* c, uint16_t type, int os_error, int attempt, int will_reconnect,
                        const char* msg) {
  hft_event_t ev;
  event_init(&ev, type);
  ev.header.error_code = os_error;
  ev.body.status.os_error = os_error;
  ev.body.status.attempt = attempt;
  ev.body.status.will_reconnect = will_reconnect;
  textf(ev.body.status.message, sizeof ev.body.status.message, "%s", msg);
  conn_emit(c, &ev);
  flush_events(c);
}

void conn_fail(conn_t* c, int retry, int os_error, const char* fmt, ...) {
  if (c->fail_set) return; /* keep the first cause */
  c->fail_set = 1;
  c->fail_retry = retry;
  c->fail_os = os_error;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->fail_msg, sizeof c->fail_msg, fmt, ap);
  va_end(ap);
}

/* ---- locking API ---- */
void conn_lock(conn_t* c) { sync_mutex_lock(&c->mu); }
void conn_unlock(conn_t* c) { sync_mutex_unlock(&c->mu); }
conn_state_t conn_state_locked(conn_t* c) { return c->state; }
const char* conn_peer(conn_t* c) { return c->peer; }

int conn_login_count(conn_t* c) {
  sync_mutex_lock(&c->mu);
  int n = c->logins;
  sync_mutex_unlock(&c->mu);
  return n;
}

void conn_set_ready_locked(conn_t* c) {
  c->state = CONN_READY;
  c->logins++;
  c->reached_ready = 1;
  sync_cond_broadcast(&c->cv_writer);
}

req_node_t* conn_take_in_flight_locked(conn_t* c, int (*match)(const req_node_t*, const void*),
                                       const void* key) {
  req_node_t* prev = NULL;
  for (req_node_t* n = c->inf_head; n; prev = n, n = n->next) {
    if (!match(n, key)) continue;
    if (prev) prev->next = n->next;
    else c->inf_head = n->next;
    if (c->inf_tail == n) c->inf_tail = prev;
    n->next = NULL;
    c->n_user--;
    return n;
  }
  return NULL;
}

void conn_send_control_locked(conn_t* c, req_node_t* n) {
  list_push(&c->ctl_head, &c->ctl_tail, n);
  sync_cond_signal(&c->cv_writer);
}

void conn_send_control(conn_t* c, req_node_t* n) {
  sync_mutex_lock(&c->mu);
  conn_send_control_locked(c, n);
  sync_mutex_unlock(&c->mu);
}

int32_t conn_start(conn_t* c) {
  sync_mutex_lock(&c->mu);
  if (c->shutdown) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_STATE, "the handle is being released");
  }
  if (c->state != CONN_IDLE || c->start_requested) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_STATE, "login already requested (the %s connection is active)", c->name);
  }
  c->start_requested = 1;
  c->state = CONN_CONNECTING;
  sync_cond_signal(&c->cv_net);
  sync_mutex_unlock(&c->mu);
  return HFT_OK;
}

int32_t conn_test_emit(conn_t* c, uint32_t count) {
  if (count == 0) return set_error(HFT_E_INVALID_ARG, "count must be >= 1");
  sync_mutex_lock(&c->mu);
  if (c->test_emit_pending == 0) c->test_emit_seq = 0;
  if ((uint64_t)c->test_emit_pending + count > UINT32_MAX) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_INVALID_ARG, "too many test events pending");
  }
  c->test_emit_pending += count;
  sync_cond_signal(&c->cv_net);
  sync_mutex_unlock(&c->mu);
  return HFT_OK;
}

/* network thread: one chunk of synthetic market data */
static void test_emit_chunk(conn_t* c) {
  sync_mutex_lock(&c->mu);
  uint32_t k = c->test_emit_pending < TEST_EMIT_CHUNK ? c->test_emit_pending : TEST_EMIT_CHUNK;
  c->test_emit_pending -= k;
  uint64_t base = c->test_emit_seq;
  c->test_emit_seq += k;
  sync_mutex_unlock(&c->mu);
  flush_events(c);
  for (uint32_t i = 0; i < k; i++) {
    hft_event_t ev;
    event_init(&ev, HFT_EV_MARKET_DATA);
    hft_market_data_t* md = &ev.body.md;
    md->md_seq = base + i + 1;
    md->market = HFT_MARKET_SH;
    memcpy(md->code, "BENCH", 6);
    md->trading_day = 20240102;
    md->time = 93000000;
    md->pre_close = 100000;
    md->last = 100000 + (int64_t)(md->md_seq % 100) * 100;
    md->volume = (int64_t)md->md_seq * 100;
    for (int l = 0; l < 5; l++) {
      md->bid_price[l] = md->last - 100 * (l + 1);
      md->ask_price[l] = md->last + 100 * (l + 1);
      md->bid_volume[l] = md->ask_volume[l] = 1000 * (l + 1);
    }
    conn_emit(c, &ev);
  }
  flush_events(c);
}

/* ---- sockets ---- */

/* Waits for `events` on fd or the wake pipe. 1 ready, 0 timeout, -1 shutdown, -2 poll error. */
static int wait_fd(conn_t* c, int fd, short events, int timeout_ms, short* revents) {
  struct pollfd p[2];
  p[0].fd = fd;
  p[0].events = events;
  p[1].fd = c->wake_pipe[0];
  p[1].events = POLLIN;
  for (;;) {
    p[0].revents = p[1].revents = 0;
    int rc = poll(p, 2, timeout_ms);
    if (rc < 0) {
      if (errno == EINTR) continue;
      return -2;
    }
    if (p[1].revents & POLLIN) return -1;
    if (rc == 0) return 0;
    if (revents) *revents = p[0].revents;
    return 1;
  }
}

/* Interruptible sleep; returns -1 if shut down. */
static int sleep_ms(conn_t* c, int64_t ms) {
  struct pollfd p;
  p.fd = c->wake_pipe[0];
  p.events = POLLIN;
  int64_t end = sync_now_ms() + ms;
  for (;;) {
    int64_t left = end - sync_now_ms();
    if (left <= 0) return 0;
    p.revents = 0;
    int rc = poll(&p, 1, (int)left);
    if (rc > 0) return -1;
    if (rc < 0 && errno != EINTR) return 0;
  }
}

static void set_socket_options(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#if defined(SO_NOSIGPIPE)
  setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
  wake_fd_set_nonblock(fd);
}

/* Connects with the configured timeout. Returns the fd, or -1 with *os_error and why; -2 if
 * shut down. */
static int tcp_connect(conn_t* c, int* os_error, char* why, size_t whylen) {
  char port[8];
  textf(port, sizeof port, "%u", (unsigned)c->cfg.port);
  struct addrinfo hints;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  struct addrinfo* res = NULL;
  int grc = getaddrinfo(c->cfg.host, port, &hints, &res);
  if (grc != 0) {
    *os_error = grc == EAI_SYSTEM ? errno : 0;
    textf(why, whylen, "cannot resolve host '%s': %s", c->cfg.host, gai_strerror(grc));
    return -1;
  }
  int last_err = 0;
  int timed_out = 0;
  int64_t deadline = sync_now_ms() + c->cfg.connect_timeout_ms;
  for (struct addrinfo* ai = res; ai; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0) {
      last_err = errno;
      continue;
    }
    set_socket_options(fd);
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno != EINPROGRESS) {
      last_err = errno;
      close(fd);
      continue;
    }
    if (rc != 0) {
      int64_t left = deadline - sync_now_ms();
      short rev = 0;
      int w = left > 0 ? wait_fd(c, fd, POLLOUT, (int)left, &rev) : 0;
      if (w == -1) {
        close(fd);
        freeaddrinfo(res);
        return -2;
      }
      if (w == 0) {
        timed_out = 1;
        last_err = ETIMEDOUT;
        close(fd);
        continue;
      }
      int soerr = 0;
      socklen_t len = sizeof soerr;
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) soerr = errno;
      if (soerr != 0) {
        last_err = soerr;
        close(fd);
        continue;
      }
    }
    freeaddrinfo(res);
    return fd;
  }
  freeaddrinfo(res);
  *os_error = last_err;
  if (timed_out && last_err == ETIMEDOUT)
    textf(why, whylen, "connect to %s timed out after %d ms (ETIMEDOUT)", c->peer,
             (int)c->cfg.connect_timeout_ms);
  else if (last_err == ECONNREFUSED)
    textf(why, whylen, "connect to %s refused (ECONNREFUSED): is the server running on that port?",
             c->peer);
  else if (last_err == EHOSTUNREACH || last_err == ENETUNREACH || last_err == ENETDOWN)
    textf(why, whylen, "%s is unreachable (%s)", c->peer, errno_name(last_err));
  else
    textf(why, whylen, "connect to %s failed: %s (%s)", c->peer, strerror(last_err),
             errno_name(last_err));
  return -1;
}

/* ---- writer thread ---- */
static int send_all(conn_t* c, int fd, const uint8_t* p, size_t len, int* err) {
  while (len) {
#if defined(MSG_NOSIGNAL)
    ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
#else
    ssize_t n = send(fd, p, len, 0);
#endif
    if (n > 0) {
      p += n;
      len -= (size_t)n;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      short rev = 0;
      int w = wait_fd(c, fd, POLLOUT, -1, &rev);
      if (w == -1) {
        *err = 0;
        return -1;
      }
      if (w < 0 || (rev & (POLLERR | POLLHUP | POLLNVAL))) {
        *err = EPIPE;
        return -1;
      }
      continue;
    }
    *err = n < 0 ? errno : EPIPE;
    return -1;
  }
  return 0;
}

/* Encodes a request node into out; returns the frame length, or 0 on an encode error (reason in
 * err). Called with the conn lock held: no ring pushes here. */
static size_t encode_node(const req_node_t* n, uint32_t seq, uint8_t* out, size_t cap, wire_err_t* err) {
  size_t len = 0;
  const void* msg = NULL;
  wire_md_sub_req_t sub;
  wire_report_sub_t rs;
  switch (n->type) {
    case MSG_LOGIN_REQ: msg = &n->u.login; break;
    case MSG_ORDER_REQ: msg = &n->u.order; break;
    case MSG_CANCEL_REQ: msg = &n->u.cancel; break;
    case MSG_QUERY_REQ: msg = &n->u.query; break;
    case MSG_MD_LOGIN_REQ: msg = &n->u.md_login; break;
    case MSG_REPORT_SUBSCRIBE_REQ:
      rs.after_seq = n->u.after_seq;
      msg = &rs;
      break;
    case MSG_MD_SUBSCRIBE_REQ:
      sub.action = n->u.sub.action;
      sub.market = n->u.sub.market;
      sub.count = n->codes_n;
      sub.codes = n->codes;
      msg = &sub;
      break;
    default: break;
  }
  if (wire_encode(n->type, seq, msg, out, cap, &len, err) != WIRE_OK) return 0;
  return len;
}

/* Direct path: when the connection is logged in and idle (nothing queued, nobody writing), the
 * calling thread encodes the request and tries one non-blocking send itself, saving the writer
 * thread's wake-up latency on the order path. If the socket cannot take all bytes at once, the rest
 * goes to the writer (conn->pending), which sends it before anything else. */
#define DIRECT_MAX (WIRE_HEADER_SIZE + WIRE_MD_SUBSCRIBE_REQ_FIXED + 8 * WIRE_MAX_SUBSCRIBE_CODES)

int32_t conn_enqueue(conn_t* c, req_node_t* n) {
  sync_mutex_lock(&c->mu);
  if (c->shutdown) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_STATE, "the handle is being released");
  }
  if (c->n_user >= HFT_REQUEST_QUEUE_CAPACITY) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_QUEUE_FULL, "%s request queue full (%d requests queued or unanswered)",
                     c->name, HFT_REQUEST_QUEUE_CAPACITY);
  }
  if (c->state == CONN_READY && c->fd >= 0 && !c->write_failed && !c->writer_busy && !c->pending &&
      !c->ctl_head && !c->usr_head) {
    uint8_t buf[DIRECT_MAX];
    wire_err_t err;
    size_t len = encode_node(n, c->tx_seq, buf, sizeof buf, &err);
    if (len == 0) {
      sync_mutex_unlock(&c->mu);
      return set_error(HFT_E_INVALID_ARG, "request not encodable: %s", err.reason);
    }
    c->tx_seq++;
    req_node_t* owned = NULL;
    if (c->ops->keep_in_flight(c->ctx, n)) {
      list_push(&c->inf_head, &c->inf_tail, n);
      c->n_user++;
    } else {
      owned = n;
    }
    int fd = c->fd;
    c->writer_busy = 1;
    sync_mutex_unlock(&c->mu);
#if defined(MSG_NOSIGNAL)
    ssize_t w = send(fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
#else
    ssize_t w = send(fd, buf, len, MSG_DONTWAIT);
#endif
    int e = w < 0 ? errno : 0;
    sync_mutex_lock(&c->mu);
    c->writer_busy = 0;
    sync_cond_broadcast(&c->cv_fd);
    if ((size_t)w == len) {
      c->last_tx_ms = sync_now_ms();
    } else if (w >= 0 || e == EAGAIN || e == EWOULDBLOCK || e == EINTR) {
      size_t done = w > 0 ? (size_t)w : 0;
      c->pending = (uint8_t*)malloc(len - done);
      if (c->pending) {
        memcpy(c->pending, buf + done, len - done);
        c->pending_len = len - done;
      } else if (c->fd == fd) {
        c->write_failed = 1; /* cannot keep the stream consistent: reconnect (requests are resent) */
        c->write_errno = ENOMEM;
        shutdown(fd, SHUT_RDWR);
      }
    } else if (!c->shutdown) {
      c->write_failed = 1;
      c->write_errno = e;
      if (c->fd == fd) shutdown(fd, SHUT_RDWR);
    }
    sync_cond_broadcast(&c->cv_writer);
    sync_mutex_unlock(&c->mu);
    req_node_free(owned);
    return HFT_OK;
  }
  list_push(&c->usr_head, &c->usr_tail, n);
  c->n_user++;
  if (c->state == CONN_READY) sync_cond_signal(&c->cv_writer);
  sync_mutex_unlock(&c->mu);
  return HFT_OK;
}

/* Writer thread. Requests are encoded under the lock and, if they expect an answer, put in the
 * in-flight list BEFORE the bytes are sent: the answer may be read by the network thread before
 * send() even returns here. After unlocking, the writer touches only the bytes and the nodes it
 * still owns (control frames and requests without an answer). */
static void* writer_main(void* arg) {
  conn_t* c = (conn_t*)arg;
  uint8_t* wbuf = (uint8_t*)malloc(WRITE_BUF_SIZE);
  req_node_t* owned[WRITE_BATCH_NODES];
  sync_mutex_lock(&c->mu);
  while (!c->shutdown) {
    if (!wbuf || c->fd < 0 || c->write_failed) {
      sync_cond_wait(&c->cv_writer, &c->mu);
      continue;
    }
    if (c->writer_busy) { /* a host thread is on the direct path */
      sync_cond_wait(&c->cv_fd, &c->mu);
      continue;
    }
    if (c->pending) {
      uint8_t* bytes = c->pending;
      size_t blen = c->pending_len;
      c->pending = NULL;
      c->pending_len = 0;
      int fd = c->fd;
      c->writer_busy = 1;
      sync_mutex_unlock(&c->mu);
      int err = 0;
      int rc = send_all(c, fd, bytes, blen, &err);
      free(bytes);
      sync_mutex_lock(&c->mu);
      c->writer_busy = 0;
      sync_cond_broadcast(&c->cv_fd);
      if (rc == 0) {
        c->last_tx_ms = sync_now_ms();
      } else if (!c->shutdown) {
        c->write_failed = 1;
        c->write_errno = err;
        if (c->fd == fd) shutdown(fd, SHUT_RDWR);
      }
      continue;
    }
    int nowned = 0;
    int sent_frames = 0;
    size_t len = 0;
    int encode_errors = 0;
    wire_err_t enc_err;
    /* gather: control first, user requests once logged in */
    while (sent_frames < WRITE_BATCH_NODES && len < WRITE_BUF_SIZE / 2) {
      req_node_t* n = NULL;
      int ctl = 0;
      if (c->ctl_head) {
        n = list_pop(&c->ctl_head, &c->ctl_tail);
        ctl = 1;
      } else if (c->state == CONN_READY && c->usr_head) {
        n = list_pop(&c->usr_head, &c->usr_tail);
      }
      if (!n) break;
      size_t fl = encode_node(n, c->tx_seq, wbuf + len, WRITE_BUF_SIZE - len, &enc_err);
      if (fl == 0) {
        encode_errors++;
        if (!ctl) c->n_user--;
        req_node_free(n);
        continue;
      }
      c->tx_seq++;
      len += fl;
      sent_frames++;
      if (ctl) {
        owned[nowned++] = n;
      } else if (c->ops->keep_in_flight(c->ctx, n)) {
        list_push(&c->inf_head, &c->inf_tail, n); /* the network thread owns it from now on */
      } else {
        c->n_user--;
        owned[nowned++] = n;
      }
    }
    if (sent_frames == 0 && encode_errors == 0) {
      int64_t idle = sync_now_ms() - c->last_tx_ms;
      if (idle < c->cfg.heartbeat_interval_ms) {
        sync_cond_timedwait_ms(&c->cv_writer, &c->mu, c->cfg.heartbeat_interval_ms - idle);
        continue;
      }
      wire_encode(MSG_HEARTBEAT, c->tx_seq++, NULL, wbuf, WRITE_BUF_SIZE, &len, NULL);
    }
    int fd = c->fd;
    c->writer_busy = 1;
    sync_mutex_unlock(&c->mu);

    for (int i = 0; i < nowned; i++) req_node_free(owned[i]);
    if (encode_errors) {
      hft_event_t ev;
      event_init(&ev, HFT_EV_ERROR);
      ev.header.error_code = HFT_E_INVALID_ARG;
      textf(ev.body.error.message, sizeof ev.body.error.message, "%d request(s) not sent: %s", encode_errors,
            enc_err.reason);
      ring_push(c->ring, &ev, 1, NULL);
    }
    int err = 0;
    int rc = len ? send_all(c, fd, wbuf, len, &err) : 0;

    sync_mutex_lock(&c->mu);
    c->writer_busy = 0;
    sync_cond_broadcast(&c->cv_fd);
    if (rc == 0) c->last_tx_ms = sync_now_ms();
    if (rc != 0 && !c->shutdown) {
      /* requests of this batch are in the in-flight list: resent after re-login */
      c->write_failed = 1;
      c->write_errno = err;
      if (c->fd == fd) shutdown(fd, SHUT_RDWR); /* the network thread sees it and reconnects */
    }
  }
  sync_mutex_unlock(&c->mu);
  free(wbuf);
  return NULL;
}

/* ---- network thread ---- */

/* Network thread: stops using the socket (waits for the writer), closes it, and puts requests
 * that were written but not answered back in front of the user queue, marked resent. */
static void detach_socket(conn_t* c, int fd) {
  sync_mutex_lock(&c->mu);
  shutdown(fd, SHUT_RDWR);
  c->fd = -1;
  if (c->state != CONN_IDLE) c->state = CONN_CONNECTING;
  sync_cond_broadcast(&c->cv_writer);
  while (c->writer_busy) sync_cond_wait(&c->cv_fd, &c->mu);
  list_free(&c->ctl_head, &c->ctl_tail);
  free(c->pending); /* part of a frame on the dead connection; its request is resent */
  c->pending = NULL;
  c->pending_len = 0;
  if (c->inf_head) {
    for (req_node_t* n = c->inf_head; n; n = n->next) n->resent = 1;
    c->inf_tail->next = c->usr_head;
    if (!c->usr_head) c->usr_tail = c->inf_tail;
    c->usr_head = c->inf_head;
    c->inf_head = c->inf_tail = NULL;
  }
  c->write_failed = 0;
  sync_mutex_unlock(&c->mu);
  close(fd);
}

static int is_shutdown(conn_t* c) {
  sync_mutex_lock(&c->mu);
  int s = c->shutdown;
  sync_mutex_unlock(&c->mu);
  return s || c->ring_closed;
}

static int test_emit_pending(conn_t* c) {
  sync_mutex_lock(&c->mu);
  int p = c->test_emit_pending != 0;
  sync_mutex_unlock(&c->mu);
  return p;
}

/* Reads until the connection fails or shutdown. */
static void read_loop(conn_t* c, int fd) {
  int64_t next_tick = sync_now_ms() + TICK_MS;
  while (!c->fail_set) {
    if (is_shutdown(c)) return;
    int64_t now = sync_now_ms();
    int64_t hb_deadline = c->last_rx_ms + c->cfg.heartbeat_timeout_ms;
    int64_t timeout = hb_deadline - now;
    if (next_tick - now < timeout) timeout = next_tick - now;
    if (timeout < 0) timeout = 0;
    int emitting = test_emit_pending(c);
    if (emitting) timeout = 0;
    short rev = 0;
    int w = wait_fd(c, fd, POLLIN, (int)timeout, &rev);
    if (w == -1) return;
    if (w == -2) {
      conn_fail(c, 1, errno, "poll on the %s connection to %s failed: %s", c->name, c->peer, strerror(errno));
      break;
    }
    if (w == 1) {
      for (int r = 0; r < READS_PER_WAKE && !c->fail_set; r++) {
        size_t avail = 0;
        uint8_t* space = frame_reader_space(&c->reader, &avail);
        if (!space) {
          conn_fail(c, 1, ENOMEM, "out of memory reading from %s", c->peer);
          break;
        }
        ssize_t n = recv(fd, space, avail, 0);
        if (n == 0) {
          sync_mutex_lock(&c->mu);
          int wf = c->write_failed, we = c->write_errno;
          sync_mutex_unlock(&c->mu);
          if (wf && we)
            conn_fail(c, 1, we, "write to %s failed: %s (%s)", c->peer, strerror(we), errno_name(we));
          else
            conn_fail(c, 1, 0, "connection closed by peer %s", c->peer);
          break;
        }
        if (n < 0) {
          if (errno == EINTR) continue;
          if (errno == EAGAIN || errno == EWOULDBLOCK) break;
          int e = errno;
          conn_fail(c, 1, e, "read from %s failed: %s (%s)", c->peer, strerror(e), errno_name(e));
          break;
        }
        frame_reader_commit(&c->reader, (size_t)n);
        c->last_rx_ms = sync_now_ms();
        wire_frame_t f;
        wire_err_t err;
        int got = 0;
        while (!c->fail_set && (got = frame_reader_next(&c->reader, &f, &err)) == 1) {
          c->ops->on_frame(c->ctx, c, &f);
        }
        if (!c->fail_set && got < 0)
          conn_fail(c, 1, 0, "protocol error from %s: %s (code %d)", c->peer, err.reason, err.code);
        if ((size_t)n < avail) break; /* drained the socket for now */
      }
      flush_events(c);
    }
    now = sync_now_ms();
    if (!c->fail_set && now >= next_tick) {
      c->ops->on_tick(c->ctx, c, now);
      flush_events(c);
      next_tick = now + TICK_MS;
    }
    if (!c->fail_set && now - c->last_rx_ms >= c->cfg.heartbeat_timeout_ms)
      conn_fail(c, 1, ETIMEDOUT, "heartbeat timeout: nothing received from %s for %d ms", c->peer,
                (int)c->cfg.heartbeat_timeout_ms);
    if (!c->fail_set && emitting) test_emit_chunk(c);
  }
  flush_events(c);
}

static int retries_left(conn_t* c, int attempt) {
  if (c->cfg.connect_retries < 0) return 1;
  return attempt < c->cfg.connect_retries;
}

/* Connect / login / read / reconnect until stopped or shut down. */
static void run_session(conn_t* c) {
  int attempt = 0;
  for (;;) {
    if (is_shutdown(c)) return;
    char msg[192];
    if (attempt == 0) textf(msg, sizeof msg, "connecting to %s server %s", c->name, c->peer);
    else textf(msg, sizeof msg, "reconnecting to %s server %s (attempt %d)", c->name, c->peer, attempt);
    emit_status(c, HFT_EV_CONNECTING, 0, attempt, 1, msg);

    int os_error = 0;
    char why[160];
    int fd = tcp_connect(c, &os_error, why, sizeof why);
    if (fd == -2 || is_shutdown(c)) {
      if (fd >= 0) close(fd);
      return;
    }
    int logged_in_before = conn_login_count(c) > 0;
    if (fd < 0) {
      int will = logged_in_before || retries_left(c, attempt);
      textf(msg, sizeof msg, "%s%s", why, will ? "; retrying" : "; giving up");
      emit_status(c, HFT_EV_DISCONNECTED, os_error, attempt, will, msg);
      if (!will) return;
      attempt++;
      if (sleep_ms(c, backoff_delay_ms(attempt, c->cfg.reconnect_min_ms, c->cfg.reconnect_max_ms, &c->rng)) < 0)
        return;
      continue;
    }

    frame_reader_reset(&c->reader);
    c->fail_set = 0;
    c->fail_os = 0;
    c->fail_msg[0] = 0;
    c->reached_ready = 0;
    c->last_rx_ms = sync_now_ms();
    sync_mutex_lock(&c->mu);
    c->fd = fd;
    c->tx_seq = 1;
    c->last_tx_ms = sync_now_ms();
    c->write_failed = 0;
    c->write_errno = 0;
    c->state = CONN_LOGGING_IN;
    sync_cond_broadcast(&c->cv_writer);
    sync_mutex_unlock(&c->mu);

    c->ops->on_connected(c->ctx, c);
    textf(msg, sizeof msg, "connected to %s server %s; logging in", c->name, c->peer);
    emit_status(c, HFT_EV_CONNECTED, 0, attempt, 1, msg);

    read_loop(c, fd);
    detach_socket(c, fd);
    c->ops->on_disconnected(c->ctx, c);
    flush_events(c);
    if (is_shutdown(c)) return;

    if (c->reached_ready) attempt = 0; /* a good session resets the backoff */
    logged_in_before = conn_login_count(c) > 0;
    int will = c->fail_retry && (logged_in_before || retries_left(c, attempt));
    textf(msg, sizeof msg, "%s%s", c->fail_msg,
             will ? "; reconnecting" : (c->fail_retry ? "; giving up" : "; not reconnecting"));
    emit_status(c, HFT_EV_DISCONNECTED, c->fail_os, attempt, will, msg);
    if (!will) return;
    attempt++;
    if (sleep_ms(c, backoff_delay_ms(attempt, c->cfg.reconnect_min_ms, c->cfg.reconnect_max_ms, &c->rng)) < 0)
      return;
  }
}

static void* net_main(void* arg) {
  conn_t* c = (conn_t*)arg;
  sync_mutex_lock(&c->mu);
  for (;;) {
    while (!c->shutdown && !c->start_requested && !c->test_emit_pending) sync_cond_wait(&c->cv_net, &c->mu);
    if (c->shutdown) break;
    if (!c->start_requested) {
      sync_mutex_unlock(&c->mu);
      test_emit_chunk(c);
      sync_mutex_lock(&c->mu);
      if (c->ring_closed) break;
      continue;
    }
    c->start_requested = 0;
    sync_mutex_unlock(&c->mu);
    run_session(c);
    flush_events(c);
    sync_mutex_lock(&c->mu);
    c->state = CONN_IDLE;
    if (c->shutdown || c->ring_closed) break;
    /* stopped for good (credentials, retries exhausted): queued requests cannot be sent */
    uint32_t dropped = 0;
    req_node_t* n;
    while ((n = list_pop(&c->usr_head, &c->usr_tail)) != NULL) {
      req_node_free(n);
      c->n_user--;
      dropped++;
    }
    if (dropped) {
      sync_mutex_unlock(&c->mu);
      hft_event_t ev;
      event_init(&ev, HFT_EV_ERROR);
      ev.header.error_code = HFT_E_STATE;
      textf(ev.body.error.message, sizeof ev.body.error.message,
               "%u queued %s request(s) discarded: not logged in and not reconnecting",
               (unsigned)dropped, c->name);
      conn_emit(c, &ev);
      flush_events(c);
      sync_mutex_lock(&c->mu);
    }
  }
  sync_mutex_unlock(&c->mu);
  return NULL;
}

/* ---- lifecycle ---- */
conn_t* conn_create(const hft_conn_config_t* cfg, ring_t* ring, const conn_ops_t* ops, void* ctx,
                    const char* name, char* err, size_t errlen) {
  conn_t* c = (conn_t*)calloc(1, sizeof *c);
  if (!c) {
    textf(err, errlen, "out of memory creating the %s connection", name);
    return NULL;
  }
  c->cfg = *cfg;
  c->ring = ring;
  c->ops = ops;
  c->ctx = ctx;
  c->fd = -1;
  c->wake_pipe[0] = c->wake_pipe[1] = -1;
  textf(c->name, sizeof c->name, "%s", name);
  textf(c->peer, sizeof c->peer, "%s:%u", cfg->host, (unsigned)cfg->port);
  c->rng = backoff_seed((uint64_t)sync_now_ms() ^ (uint64_t)(uintptr_t)c);
  if (frame_reader_init(&c->reader) != 0) {
    textf(err, errlen, "out of memory creating the %s frame reader", name);
    free(c);
    return NULL;
  }
  if (pipe(c->wake_pipe) != 0) {
    textf(err, errlen, "cannot create the %s wake-up pipe: %s", name, strerror(errno));
    frame_reader_free(&c->reader);
    free(c);
    return NULL;
  }
  wake_fd_set_nonblock(c->wake_pipe[0]);
  wake_fd_set_nonblock(c->wake_pipe[1]);
  sync_mutex_init(&c->mu);
  sync_cond_init(&c->cv_net);
  sync_cond_init(&c->cv_writer);
  sync_cond_init(&c->cv_fd);
  int rc = sync_thread_start(&c->net_thread, net_main, c);
  if (rc == 0) {
    rc = sync_thread_start(&c->writer_thread, writer_main, c);
    if (rc != 0) {
      sync_mutex_lock(&c->mu);
      c->shutdown = 1;
      sync_cond_broadcast(&c->cv_net);
      sync_mutex_unlock(&c->mu);
      sync_thread_join(c->net_thread);
    }
  }
  if (rc != 0) {
    textf(err, errlen, "cannot start the %s threads: %s", name, strerror(rc));
    close(c->wake_pipe[0]);
    close(c->wake_pipe[1]);
    sync_cond_destroy(&c->cv_fd);
    sync_cond_destroy(&c->cv_writer);
    sync_cond_destroy(&c->cv_net);
    sync_mutex_destroy(&c->mu);
    frame_reader_free(&c->reader);
    free(c);
    return NULL;
  }
  c->threads_started = 1;
  return c;
}

void conn_release(conn_t* c) {
  if (!c) return;
  sync_mutex_lock(&c->mu);
  c->shutdown = 1;
  sync_cond_broadcast(&c->cv_net);
  sync_cond_broadcast(&c->cv_writer);
  sync_cond_broadcast(&c->cv_fd);
  sync_mutex_unlock(&c->mu);
  ssize_t wr;
  do {
    wr = write(c->wake_pipe[1], "x", 1);
  } while (wr < 0 && errno == EINTR);
  if (c->threads_started) {
    sync_thread_join(c->net_thread);
    sync_thread_join(c->writer_thread);
  }
  if (c->fd >= 0) close(c->fd);
  list_free(&c->ctl_head, &c->ctl_tail);
  list_free(&c->usr_head, &c->usr_tail);
  list_free(&c->inf_head, &c->inf_tail);
  free(c->pending);
  close(c->wake_pipe[0]);
  close(c->wake_pipe[1]);
  sync_cond_destroy(&c->cv_fd);
  sync_cond_destroy(&c->cv_writer);
  sync_cond_destroy(&c->cv_net);
  sync_mutex_destroy(&c->mu);
  frame_reader_free(&c->reader);
  free(c);
}
