/*
 * conn.h — one TCP session to a mock server: socket, connect with timeout, network (reader)
 * thread, writer thread with the request queue, heartbeats, timeout detection, reconnect with
 * backoff. The protocol-specific part (trade or market data) plugs in through conn_ops_t.
 *
 * Locking: conn_lock() guards the queues, the in-flight list and the session state; session code
 * called from the network thread (ops) may take it. The ring has its own lock; never hold the
 * conn lock while pushing events (a full ring in BLOCK mode would stall request callers).
 */
#ifndef TSGATE_CONN_H
#define TSGATE_CONN_H

#include <stddef.h>
#include <stdint.h>

#include "hft_api.h"
#include "ring.h"
#include "wire_codec.h"

/* One queued request, kept as the ABI struct and encoded by the writer thread at write time. */
typedef struct req_node {
  struct req_node* next;
  uint16_t type;    /* wire message type */
  uint8_t resent;   /* written on an earlier connection and now written again */
  uint32_t codes_n; /* MD_SUBSCRIBE_REQ: number of char[8] codes in codes[] */
  int64_t sent_ms;  /* in flight: when it was written; its answer is due within heartbeat_timeout_ms */
  union {
    hft_login_req_t login;
    hft_order_req_t order;
    struct {
      char order_id[32];
      char cl_order_id[32];
    } cancel;
    hft_query_req_t query;
    struct {
      char user[32];
      char password[64];
    } md_login;
    uint64_t after_seq;
    struct {
      int32_t action;
      int32_t market;
    } sub;
  } u;
  char codes[]; /* codes_n * 8 bytes */
} req_node_t;

/* Allocates a zeroed node with room for `codes_n` codes. NULL if out of memory. */
req_node_t* req_node_new(uint16_t type, uint32_t codes_n);
/* Wipes (passwords) and frees. */
void req_node_free(req_node_t* n);

typedef struct conn conn_t;

typedef enum conn_state {
  CONN_IDLE = 0,     /* login not requested yet, or stopped (may be started again) */
  CONN_CONNECTING,   /* resolving / TCP connect in progress, or waiting to retry */
  CONN_LOGGING_IN,   /* TCP up, login sent, waiting for the answer */
  CONN_READY,        /* logged in: user requests flow */
} conn_state_t;

typedef struct conn_ops {
  /* Network thread, right after the TCP connect: queue the login with conn_send_control. */
  void (*on_connected)(void* ctx, conn_t* c);
  /* Network thread: one received frame (header already checked). Return 0, or -1 to close the
   * connection (conn_fail was called with the reason; if not, the connection is closed with a
   * generic reason naming the message type). */
  int (*on_frame)(void* ctx, conn_t* c, const wire_frame_t* f);
  /* Network thread, after the socket is closed (in-flight requests are already back in the
   * user queue, marked resent). */
  void (*on_disconnected)(void* ctx, conn_t* c);
  /* Network thread, about every 100 ms while connected (gap timers). */
  void (*on_tick)(void* ctx, conn_t* c, int64_t now_ms);
  /* Writer thread, under the conn lock, after a user request was written: 1 to keep it in the
   * in-flight list until its answer (conn_take_in_flight), 0 to free it. */
  int (*keep_in_flight)(void* ctx, req_node_t* n);
} conn_ops_t;

/* The connections' names (in status texts; the market-data one's reads are latency-stamped). */
#define CONN_NAME_TRADE "trade"
#define CONN_NAME_MD "market data"

/* `name` is CONN_NAME_TRADE or CONN_NAME_MD. */
conn_t* conn_create(const hft_conn_config_t* cfg, ring_t* ring, const conn_ops_t* ops, void* ctx,
                    const char* name, char* err, size_t errlen);
/* Stops and joins the threads, closes the socket, frees queued requests. The ring is not freed. */
void conn_release(conn_t* c);

/* Starts connecting (login requested). HFT_E_STATE if already started and not stopped. */
int32_t conn_start(conn_t* c);
/* Queues a user request (sent once READY). Takes ownership on HFT_OK only. */
int32_t conn_enqueue(conn_t* c, req_node_t* n);
/* As conn_enqueue, but never sends on the calling thread and never wakes the writer: the request
 * waits for conn_flush (or the writer's next round, at the latest its heartbeat interval). */
int32_t conn_enqueue_deferred(conn_t* c, req_node_t* n);
/* Sends the queued user requests on the calling thread (non-blocking, as the direct path) when the
 * connection is idle; whatever it cannot send is handed to the writer. */
void conn_flush(conn_t* c);
/* Network thread: queues a request sent before any user request on this connection (login,
 * report subscribe, resubscribe). Dropped if the connection closes first. */
void conn_send_control(conn_t* c, req_node_t* n);
void conn_send_control_locked(conn_t* c, req_node_t* n);

void conn_lock(conn_t* c);
void conn_unlock(conn_t* c);
/* With the lock held. Setting CONN_READY releases the user queue to the writer. */
conn_state_t conn_state_locked(conn_t* c);
void conn_set_ready_locked(conn_t* c);
/* With the lock held: removes and returns the first in-flight request for which match() is 1. */
req_node_t* conn_take_in_flight_locked(conn_t* c, int (*match)(const req_node_t*, const void*),
                                       const void* key);

/* Network thread: an event for the ring (batched; flushed after each read). */
void conn_emit(conn_t* c, const hft_event_t* ev);
/* Network thread: closes the connection with a reason. `retry` = 0 stops reconnecting (a
 * credential error). `os_error` is an errno value or 0. */
void conn_fail(conn_t* c, int retry, int os_error, const char* fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* "host:port" of the config. */
const char* conn_peer(conn_t* c);
/* Number of successful logins (conn_set_ready) on this handle so far. */
int conn_login_count(conn_t* c);

#if defined(HFTSIM_TEST_HOOKS)
/* Test hook (hft_md_test_emit): the network thread emits `count` synthetic market-data events. */
int32_t conn_test_emit(conn_t* c, uint32_t count);
#endif

#endif
