/* conn_reader.c — the receiving side of a connection, on the network thread: reads and decodes
 * frames into the protocol ops, batches their events into the ring, and checks liveness
 * (conn_liveness.c). */
#if !defined(_GNU_SOURCE) && !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conn_internal.h"
#include "last_error.h"
#include "latency_stamps.h"

void conn_flush_events(conn_t* c) {
  if (!c->nbatch) return;
  int waited = 0;
  /* stamped before the push: a busy-polling host may take the records before ring_push returns */
  if (strcmp(c->name, CONN_NAME_MD) == 0) LATENCY_STAMP(LATENCY_MD_DECODED);
  if (ring_push(c->ring, c->batch, c->nbatch, &waited) != 0) c->ring_closed = 1;
  c->nbatch = 0;
  /* time spent waiting for the host does not count as peer silence, nor as a late answer */
  if (waited) c->last_rx_ms = c->ring_waited_ms = sync_now_ms();
}

void conn_emit(conn_t* c, const hft_event_t* ev) {
  c->batch[c->nbatch++] = *ev;
  if (c->nbatch == EMIT_BATCH) conn_flush_events(c);
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

/* Reads until the connection fails or shutdown. */
void conn_read_loop(conn_t* c, net_socket_t fd) {
  int64_t next_tick = sync_now_ms() + TICK_MS;
  while (!c->fail_set) {
    if (conn_is_shutdown(c)) return;
    int64_t now = sync_now_ms();
    int64_t hb_deadline = c->last_rx_ms + c->cfg.heartbeat_timeout_ms;
    int64_t timeout = hb_deadline - now;
    if (next_tick - now < timeout) timeout = next_tick - now;
    if (timeout < 0) timeout = 0;
    int emitting = conn_test_emit_pending(c);
    if (emitting) timeout = 0;
    short rev = 0;
    int w = conn_wait_fd(c, fd, POLLIN, (int)timeout, &rev);
    if (w == -1) return;
    if (w == -2) {
      int e = net_last_error();
      conn_fail(c, 1, e, "poll on the %s connection to %s failed: %s (%s)", c->name, c->peer, strerror(e),
                conn_errno_name(e));
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
        net_ssize_t n = net_recv(fd, space, avail);
        if (n > 0 && strcmp(c->name, CONN_NAME_MD) == 0) LATENCY_STAMP(LATENCY_MD_RECV);
        if (n == 0) {
          sync_mutex_lock(&c->mu);
          int wf = c->write_failed, we = c->write_errno;
          sync_mutex_unlock(&c->mu);
          if (wf && we)
            conn_fail(c, 1, we, "write to %s failed: %s (%s)", c->peer, strerror(we), conn_errno_name(we));
          else
            conn_fail(c, 1, 0, "connection closed by peer %s", c->peer);
          break;
        }
        if (n < 0) {
          int e = net_last_error();
          if (e == EINTR) continue;
          if (e == EAGAIN || e == EWOULDBLOCK) break;
          conn_fail(c, 1, e, "read from %s failed: %s (%s)", c->peer, strerror(e), conn_errno_name(e));
          break;
        }
        frame_reader_commit(&c->reader, (size_t)n);
        c->last_rx_ms = sync_now_ms();
        wire_frame_t f;
        wire_err_t err;
        int got = 0;
        while (!c->fail_set && (got = frame_reader_next(&c->reader, &f, &err)) == 1) {
          /* -1 means "close this connection" (conn.h); the ops name the reason with conn_fail */
          if (c->ops->on_frame(c->ctx, c, &f) != 0 && !c->fail_set)
            conn_fail(c, 1, 0, "the %s session closed the connection to %s after a message of type 0x%04x",
                      c->name, c->peer, (unsigned)f.type);
        }
        if (!c->fail_set && got < 0)
          conn_fail(c, 1, 0, "protocol error from %s: %s (code %d)", c->peer, err.reason, err.code);
        if ((size_t)n < avail) break; /* drained the socket for now */
      }
      conn_flush_events(c);
    }
    now = sync_now_ms();
    if (!c->fail_set && now >= next_tick) {
      c->ops->on_tick(c->ctx, c, now);
      conn_flush_events(c);
      conn_check_answers(c, now);
      next_tick = now + TICK_MS;
    }
    conn_check_silence(c, now);
    if (!c->fail_set && emitting) conn_test_emit_chunk(c);
  }
  conn_flush_events(c);
}
