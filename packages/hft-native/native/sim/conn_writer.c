/* conn_writer.c — the sending side of a connection: the writer thread (control queue first, user
 * queue once logged in, heartbeats when idle) and the direct path, on which the calling thread
 * sends a request itself when the connection is idle. */
#if !defined(_GNU_SOURCE) && !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn_internal.h"
#include "handle.h"
#include "last_error.h"
#include "latency_stamps.h"

/* How long the writer waits before trying again to allocate its buffer. */
#define WRITER_ALLOC_RETRY_MS 1000

static int send_all(conn_t* c, net_socket_t fd, const uint8_t* p, size_t len, int* err) {
  while (len) {
    net_ssize_t n = net_send(fd, p, len);
    if (n > 0) {
      p += n;
      len -= (size_t)n;
      continue;
    }
    int e = n < 0 ? net_last_error() : 0;
    if (e == EINTR) continue;
    if (e == EAGAIN || e == EWOULDBLOCK) {
      short rev = 0;
      int w = conn_wait_fd(c, fd, POLLOUT, -1, &rev);
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
    *err = n < 0 ? e : EPIPE;
    return -1;
  }
  return 0;
}

/* With the lock held, after a write on `fd` failed: marks the connection failed and shuts the
 * socket, so the network thread's read ends and it reconnects (in-flight requests are resent).
 * Nothing to do if the connection is being released or `fd` is no longer its socket. */
static void mark_write_failed_locked(conn_t* c, net_socket_t fd, int err) {
  if (c->shutdown || c->fd != fd) return;
  c->write_failed = 1;
  c->write_errno = err;
  shutdown(fd, NET_SHUT_RDWR);
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

/* 1 when the calling thread may send on the connection itself: logged in, a socket, nothing
 * queued ahead (control frames, unsent bytes) and nobody writing. With the lock held. */
static int direct_path_free_locked(const conn_t* c) {
  return c->state == CONN_READY && c->fd != NET_NO_SOCKET && !c->write_failed && !c->writer_busy &&
         !c->pending && !c->ctl_head;
}

/* With the lock held and direct_path_free_locked(c): encodes `n` and tries one non-blocking send
 * on the calling thread; returns with the lock held. `counted` says whether `n` is already in
 * c->n_user (popped from the user queue). The lock is let go during the send; `n` is in the
 * in-flight list (or owned here) by then. Returns HFT_OK, or HFT_E_INVALID_ARG (not encodable:
 * `n` untouched, not sent). */
static int32_t direct_send_locked(conn_t* c, req_node_t* n, int counted) {
  uint8_t buf[DIRECT_MAX];
  wire_err_t err;
  size_t len = encode_node(n, c->tx_seq, buf, sizeof buf, &err);
  if (len == 0) return set_error(HFT_E_INVALID_ARG, "request not encodable: %s", err.reason);
  c->tx_seq++;
  req_node_t* owned = NULL;
  if (c->ops->keep_in_flight(c->ctx, n)) {
    n->sent_ms = sync_now_ms();
    conn_list_push(&c->inf_head, &c->inf_tail, n);
    if (!counted) c->n_user++;
  } else {
    if (counted) c->n_user--;
    owned = n;
  }
  net_socket_t fd = c->fd;
  c->writer_busy = 1;
  sync_mutex_unlock(&c->mu);
  LATENCY_STAMP(LATENCY_SEND_START);
  net_ssize_t w = net_send(fd, buf, len); /* the socket is non-blocking: never waits */
  LATENCY_STAMP(LATENCY_SEND_END);
  int e = w < 0 ? net_last_error() : 0;
  req_node_free(owned);
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
    } else {
      mark_write_failed_locked(c, fd, ENOMEM); /* cannot keep the stream consistent */
    }
  } else {
    mark_write_failed_locked(c, fd, e);
  }
  /* The writer has work only if bytes are left over (issue 22: waking it after every order
   * cost a futex round trip and a thread on the other vCPU). A failure is the network
   * thread's to handle: it sees the shut socket. */
  if (c->pending) sync_cond_signal(&c->cv_writer);
  return HFT_OK;
}

/* Checks shutdown and the queue bound, with the lock held; HFT_OK when `n` may be queued. */
static int32_t may_queue_locked(const conn_t* c) {
  if (c->shutdown) return set_error(HFT_E_STATE, "the handle is being released");
  if (c->n_user >= HFT_REQUEST_QUEUE_CAPACITY)
    return set_error(HFT_E_QUEUE_FULL, "%s request queue full (%d requests queued or unanswered)",
                     c->name, HFT_REQUEST_QUEUE_CAPACITY);
  return HFT_OK;
}

int32_t conn_enqueue(conn_t* c, req_node_t* n) {
  sync_mutex_lock(&c->mu);
  int32_t rc = may_queue_locked(c);
  if (rc == HFT_OK && direct_path_free_locked(c) && !c->usr_head) {
    rc = direct_send_locked(c, n, 0);
    sync_mutex_unlock(&c->mu);
    return rc;
  }
  if (rc == HFT_OK) {
    conn_list_push(&c->usr_head, &c->usr_tail, n);
    c->n_user++;
    if (c->state == CONN_READY) sync_cond_signal(&c->cv_writer);
  }
  sync_mutex_unlock(&c->mu);
  return rc;
}

int32_t conn_enqueue_deferred(conn_t* c, req_node_t* n) {
  sync_mutex_lock(&c->mu);
  int32_t rc = may_queue_locked(c);
  if (rc == HFT_OK) {
    /* No send and no wake-up: conn_flush sends it (or the writer, on its next round). */
    conn_list_push(&c->usr_head, &c->usr_tail, n);
    c->n_user++;
  }
  sync_mutex_unlock(&c->mu);
  return rc;
}

void conn_flush(conn_t* c) {
  sync_mutex_lock(&c->mu);
  while (c->usr_head && !c->shutdown && direct_path_free_locked(c)) {
    req_node_t* n = conn_list_pop(&c->usr_head, &c->usr_tail);
    if (direct_send_locked(c, n, 1) != HFT_OK) {
      /* Not encodable: back at the head; the writer drops it and reports it as an error event. */
      n->next = c->usr_head;
      c->usr_head = n;
      if (!c->usr_tail) c->usr_tail = n;
      break;
    }
  }
  /* Whatever the caller could not send (busy, not logged in, leftovers) is the writer's. */
  if (c->usr_head && c->state == CONN_READY) sync_cond_signal(&c->cv_writer);
  sync_mutex_unlock(&c->mu);
}

/* Writer thread: its buffer, retried every WRITER_ALLOC_RETRY_MS until it is there or the
 * connection is released. The first failure is reported as an HFT_EV_ERROR, since nothing can be
 * sent meanwhile (requests stay queued). NULL only when released. */
static uint8_t* alloc_write_buffer(conn_t* c) {
  int reported = 0;
  for (;;) {
    uint8_t* buf = (uint8_t*)CONN_WRITER_MALLOC(WRITE_BUF_SIZE);
    if (buf) return buf;
    if (!reported) {
      hft_event_t ev;
      event_init(&ev, HFT_EV_ERROR);
      ev.header.error_code = HFT_E_NOMEM;
      textf(ev.body.error.message, sizeof ev.body.error.message,
            "out of memory: the %s writer cannot allocate its %d-byte buffer; requests wait in the "
            "queue, retrying every %d ms",
            c->name, WRITE_BUF_SIZE, WRITER_ALLOC_RETRY_MS);
      ring_push(c->ring, &ev, 1, NULL);
      reported = 1;
    }
    sync_mutex_lock(&c->mu);
    if (!c->shutdown) sync_cond_timedwait_ms(&c->cv_writer, &c->mu, WRITER_ALLOC_RETRY_MS);
    int stop = c->shutdown;
    sync_mutex_unlock(&c->mu);
    if (stop) return NULL;
  }
}

/* Writer thread. Requests are encoded under the lock and, if they expect an answer, put in the
 * in-flight list BEFORE the bytes are sent: the answer may be read by the network thread before
 * send() even returns here. After unlocking, the writer touches only the bytes and the nodes it
 * still owns (control frames and requests without an answer). */
void* conn_writer_main(void* arg) {
  conn_t* c = (conn_t*)arg;
  uint8_t* wbuf = alloc_write_buffer(c);
  if (!wbuf) return NULL; /* released */
  req_node_t* owned[WRITE_BATCH_NODES];
  sync_mutex_lock(&c->mu);
  while (!c->shutdown) {
    if (c->fd == NET_NO_SOCKET || c->write_failed) {
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
      net_socket_t fd = c->fd;
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
      } else {
        mark_write_failed_locked(c, fd, err);
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
        n = conn_list_pop(&c->ctl_head, &c->ctl_tail);
        ctl = 1;
      } else if (c->state == CONN_READY && c->usr_head) {
        n = conn_list_pop(&c->usr_head, &c->usr_tail);
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
        n->sent_ms = sync_now_ms();
        conn_list_push(&c->inf_head, &c->inf_tail, n); /* the network thread owns it from now on */
      } else {
        c->n_user--;
        owned[nowned++] = n;
      }
    }
    if (sent_frames == 0 && encode_errors == 0) {
      int64_t idle = sync_now_ms() - c->last_tx_ms;
      if (idle < c->cfg.heartbeat_interval_ms) {
        sync_cond_timedwait_ms(&c->cv_writer, &c->mu, c->cfg.heartbeat_interval_ms - idle);
        conn_test_count_idle_writer_wakeup();
        continue;
      }
      wire_encode(MSG_HEARTBEAT, c->tx_seq++, NULL, wbuf, WRITE_BUF_SIZE, &len, NULL);
    }
    net_socket_t fd = c->fd;
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
    /* requests of this batch are in the in-flight list: resent after re-login */
    if (rc != 0) mark_write_failed_locked(c, fd, err);
  }
  sync_mutex_unlock(&c->mu);
  free(wbuf);
  return NULL;
}
