/* conn.c — see conn.h and conn_internal.h: request nodes, queues, the locking API, and creating
 * and releasing a connection (its threads live in conn_session.c and conn_writer.c). */
#if !defined(_GNU_SOURCE)
#  define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backoff.h"
#include "conn_internal.h"
#include "handle.h"
#include "last_error.h"

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

void conn_list_push(req_node_t** head, req_node_t** tail, req_node_t* n) {
  n->next = NULL;
  if (*tail) (*tail)->next = n;
  else *head = n;
  *tail = n;
}

req_node_t* conn_list_pop(req_node_t** head, req_node_t** tail) {
  req_node_t* n = *head;
  if (n) {
    *head = n->next;
    if (!*head) *tail = NULL;
    n->next = NULL;
  }
  return n;
}

void conn_list_free(req_node_t** head, req_node_t** tail) {
  req_node_t* n;
  while ((n = conn_list_pop(head, tail)) != NULL) req_node_free(n);
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
  conn_list_push(&c->ctl_head, &c->ctl_tail, n);
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

int conn_is_shutdown(conn_t* c) {
  sync_mutex_lock(&c->mu);
  int s = c->shutdown;
  sync_mutex_unlock(&c->mu);
  return s || c->ring_closed;
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
  c->fd = NET_NO_SOCKET;
  textf(c->name, sizeof c->name, "%s", name);
  textf(c->peer, sizeof c->peer, "%s:%u", cfg->host, (unsigned)cfg->port);
  c->rng = backoff_seed((uint64_t)sync_now_ms() ^ (uint64_t)(uintptr_t)c);
  if (frame_reader_init(&c->reader) != 0) {
    textf(err, errlen, "out of memory creating the %s frame reader", name);
    free(c);
    return NULL;
  }
  char why[128];
  if (net_init(why, sizeof why) != 0 || net_wake_open(&c->wake, why, sizeof why) != 0) {
    textf(err, errlen, "cannot set up the %s connection: %s", name, why);
    frame_reader_free(&c->reader);
    free(c);
    return NULL;
  }
  sync_mutex_init(&c->mu);
  sync_cond_init(&c->cv_net);
  sync_cond_init(&c->cv_writer);
  sync_cond_init(&c->cv_fd);
  int rc = sync_thread_start(&c->net_thread, conn_net_main, c);
  if (rc == 0) {
    rc = sync_thread_start(&c->writer_thread, conn_writer_main, c);
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
    net_wake_close(&c->wake);
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
  net_wake_signal(&c->wake);
  if (c->threads_started) {
    sync_thread_join(c->net_thread);
    sync_thread_join(c->writer_thread);
  }
  if (c->fd != NET_NO_SOCKET) net_close(c->fd);
  conn_list_free(&c->ctl_head, &c->ctl_tail);
  conn_list_free(&c->usr_head, &c->usr_tail);
  conn_list_free(&c->inf_head, &c->inf_tail);
  free(c->pending);
  net_wake_close(&c->wake);
  sync_cond_destroy(&c->cv_fd);
  sync_cond_destroy(&c->cv_writer);
  sync_cond_destroy(&c->cv_net);
  sync_mutex_destroy(&c->mu);
  frame_reader_free(&c->reader);
  free(c);
}
