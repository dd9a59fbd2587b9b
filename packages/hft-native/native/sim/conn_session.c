/* conn_session.c — the network thread of a connection: waits for a start, then connects, logs in
 * (through the ops), reads until the connection fails and reconnects with backoff; reports each
 * step as a status event. */
#if !defined(_GNU_SOURCE) && !defined(_WIN32)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "conn_internal.h"
#include "handle.h"
#include "last_error.h"

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
  conn_flush_events(c);
}

/* Network thread: stops using the socket (waits for the writer), closes it, and puts requests
 * that were written but not answered back in front of the user queue, marked resent. */
static void detach_socket(conn_t* c, net_socket_t fd) {
  sync_mutex_lock(&c->mu);
  shutdown(fd, NET_SHUT_RDWR);
  c->fd = NET_NO_SOCKET;
  if (c->state != CONN_IDLE) c->state = CONN_CONNECTING;
  sync_cond_broadcast(&c->cv_writer);
  while (c->writer_busy) sync_cond_wait(&c->cv_fd, &c->mu);
  conn_list_free(&c->ctl_head, &c->ctl_tail);
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
  net_close(fd);
}

static int retries_left(conn_t* c, int attempt) {
  if (c->cfg.connect_retries < 0) return 1;
  return attempt < c->cfg.connect_retries;
}

/* Connect / login / read / reconnect until stopped or shut down. */
static void run_session(conn_t* c) {
  int attempt = 0;
  for (;;) {
    if (conn_is_shutdown(c)) return;
    char msg[192];
    if (attempt == 0) textf(msg, sizeof msg, "connecting to %s server %s", c->name, c->peer);
    else textf(msg, sizeof msg, "reconnecting to %s server %s (attempt %d)", c->name, c->peer, attempt);
    emit_status(c, HFT_EV_CONNECTING, 0, attempt, 1, msg);

    int os_error = 0;
    char why[160];
    net_socket_t fd = NET_NO_SOCKET;
    int connected = conn_tcp_connect(c, &fd, &os_error, why, sizeof why);
    if (connected == -2 || conn_is_shutdown(c)) {
      if (connected == 0) net_close(fd);
      return;
    }
    int logged_in_before = conn_login_count(c) > 0;
    if (connected != 0) {
      int will = logged_in_before || retries_left(c, attempt);
      textf(msg, sizeof msg, "%s%s", why, will ? "; retrying" : "; giving up");
      emit_status(c, HFT_EV_DISCONNECTED, os_error, attempt, will, msg);
      if (!will) return;
      attempt++;
      if (conn_sleep_ms(c, backoff_delay_ms(attempt, c->cfg.reconnect_min_ms, c->cfg.reconnect_max_ms, &c->rng)) < 0)
        return;
      continue;
    }

    frame_reader_reset(&c->reader);
    c->fail_set = 0;
    c->fail_os = 0;
    c->fail_msg[0] = 0;
    c->reached_ready = 0;
    c->last_rx_ms = sync_now_ms();
    c->connected_ms = c->last_rx_ms;
    c->ring_waited_ms = 0;
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

    conn_read_loop(c, fd);
    detach_socket(c, fd);
    c->ops->on_disconnected(c->ctx, c);
    conn_flush_events(c);
    if (conn_is_shutdown(c)) return;

    if (c->reached_ready) attempt = 0; /* a good session resets the backoff */
    logged_in_before = conn_login_count(c) > 0;
    int will = c->fail_retry && (logged_in_before || retries_left(c, attempt));
    textf(msg, sizeof msg, "%s%s", c->fail_msg,
             will ? "; reconnecting" : (c->fail_retry ? "; giving up" : "; not reconnecting"));
    emit_status(c, HFT_EV_DISCONNECTED, c->fail_os, attempt, will, msg);
    if (!will) return;
    attempt++;
    if (conn_sleep_ms(c, backoff_delay_ms(attempt, c->cfg.reconnect_min_ms, c->cfg.reconnect_max_ms, &c->rng)) < 0)
      return;
  }
}

void* conn_net_main(void* arg) {
  conn_t* c = (conn_t*)arg;
  sync_mutex_lock(&c->mu);
  for (;;) {
    while (!c->shutdown && !c->start_requested && !conn_test_emit_pending_locked(c)) sync_cond_wait(&c->cv_net, &c->mu);
    if (c->shutdown) break;
    if (!c->start_requested) {
      sync_mutex_unlock(&c->mu);
      conn_test_emit_chunk(c);
      sync_mutex_lock(&c->mu);
      if (c->ring_closed) break;
      continue;
    }
    c->start_requested = 0;
    sync_mutex_unlock(&c->mu);
    run_session(c);
    conn_flush_events(c);
    sync_mutex_lock(&c->mu);
    c->state = CONN_IDLE;
    if (c->shutdown || c->ring_closed) break;
    /* stopped for good (credentials, retries exhausted): queued requests cannot be sent */
    uint32_t dropped = 0;
    req_node_t* n;
    while ((n = conn_list_pop(&c->usr_head, &c->usr_tail)) != NULL) {
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
      conn_flush_events(c);
      sync_mutex_lock(&c->mu);
    }
  }
  sync_mutex_unlock(&c->mu);
  return NULL;
}
