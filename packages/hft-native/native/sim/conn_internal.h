/*
 * conn_internal.h — what the files of one connection share (not part of conn.h's API):
 *   conn.c          request nodes, queues, locking API, create / release;
 *   conn_socket.c   socket set-up: non-blocking connect with timeout, interruptible waits;
 *   conn_writer.c   the writer thread and the direct send path (conn_enqueue);
 *   conn_reader.c   the read loop: frames and events;
 *   conn_liveness.c heartbeat timeout and unanswered requests (one-way loss);
 *   conn_session.c  the network thread: connect / login / read / reconnect with backoff;
 *   conn_test_hooks.c  synthetic market data for tests and benchmarks (HFTSIM_TEST_HOOKS only).
 * Threads per connection:
 *   network thread: connect (with timeout), read + decode frames, heartbeat-timeout detection,
 *                   reconnect with backoff; the only producer of protocol events;
 *   writer thread:  encodes queued requests and writes them (control queue first, user queue once
 *                   logged in), sends heartbeats when idle.
 * Both wait in poll() on their socket and on a wake-up channel that release() signals, so release()
 * interrupts connects, reads, writes and backoff sleeps. Socket calls go through net_compat.h.
 */
#ifndef TSGATE_CONN_INTERNAL_H
#define TSGATE_CONN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "conn.h"
#include "net_compat.h"
#include "sync.h"

#define EMIT_BATCH 64
#define TICK_MS 100
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
  net_wake_t wake;       /* made readable (forever) by release */

  /* guarded by mu */
  int shutdown;
  conn_state_t state;
  int start_requested;
  net_socket_t fd;       /* NET_NO_SOCKET while not connected */
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
#if defined(HFTSIM_TEST_HOOKS)
  uint32_t test_emit_pending;
  uint64_t test_emit_seq;
#endif

  /* network thread only */
  frame_reader_t reader;
  hft_event_t batch[EMIT_BATCH];
  int nbatch;
  int ring_closed;
  int64_t last_rx_ms;
  int64_t connected_ms;    /* TCP up and login queued: the login answer is due from here */
  int64_t ring_waited_ms;  /* a ring push last waited for the host: answers may sit unread till then */
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

/* ---- request lists (conn.c) ---- */
void conn_list_push(req_node_t** head, req_node_t** tail, req_node_t* n);
req_node_t* conn_list_pop(req_node_t** head, req_node_t** tail);
void conn_list_free(req_node_t** head, req_node_t** tail);
/* 1 if the handle is being released or the ring was closed. Takes the lock. */
int conn_is_shutdown(conn_t* c);

/* ---- sockets (conn_socket.c) ---- */
/* "ECONNREFUSED" etc. for the errno values a connection meets; "errno" otherwise. */
const char* conn_errno_name(int e);
/* Waits for `events` on fd or the wake pipe. 1 ready, 0 timeout, -1 shutdown, -2 poll error. */
int conn_wait_fd(conn_t* c, net_socket_t fd, short events, int timeout_ms, short* revents);
/* Interruptible sleep; returns -1 if shut down. */
int conn_sleep_ms(conn_t* c, int64_t ms);
/* Connects with the configured timeout. 0 with the socket in *out, or -1 with *os_error and why;
 * -2 if shut down. */
int conn_tcp_connect(conn_t* c, net_socket_t* out, int* os_error, char* why, size_t whylen);

/* ---- writer (conn_writer.c) ---- */
void* conn_writer_main(void* arg);

/* ---- reader (conn_reader.c) ---- */
/* Pushes the batched events to the ring. */
void conn_flush_events(conn_t* c);
/* Reads until the connection fails or shutdown. */
void conn_read_loop(conn_t* c, net_socket_t fd);

/* ---- liveness (conn_liveness.c) ---- */
/* Network thread: fails the connection if nothing was received for heartbeat_timeout_ms (cheap,
 * no lock: after every wake-up). */
void conn_check_silence(conn_t* c, int64_t now);
/* Network thread: fails the connection if the login or the oldest in-flight request is unanswered
 * for heartbeat_timeout_ms (takes the lock: on the 100 ms tick only, off the per-read path). */
void conn_check_answers(conn_t* c, int64_t now);

/* ---- session (conn_session.c) ---- */
void* conn_net_main(void* arg);

/* ---- test hooks (conn_test_hooks.c; no-ops without HFTSIM_TEST_HOOKS) ---- */
#if defined(HFTSIM_TEST_HOOKS)
/* Synthetic events are waiting to be emitted (with the lock held / taking it). */
int conn_test_emit_pending_locked(conn_t* c);
int conn_test_emit_pending(conn_t* c);
/* Network thread: emits one chunk of the pending synthetic events. */
void conn_test_emit_chunk(conn_t* c);
#else
static inline int conn_test_emit_pending_locked(conn_t* c) {
  (void)c;
  return 0;
}
static inline int conn_test_emit_pending(conn_t* c) {
  (void)c;
  return 0;
}
static inline void conn_test_emit_chunk(conn_t* c) { (void)c; }
#endif

/* The writer's buffer. Test builds can make it fail (conn_test_fail_writer_allocs) to check that
 * running out of memory is reported, not waited out in silence. */
#if defined(HFTSIM_TEST_HOOKS)
void* conn_test_writer_malloc(size_t size);
/* The next `n` writer-buffer allocations (of any connection) fail. */
void conn_test_fail_writer_allocs(int n);
#  define CONN_WRITER_MALLOC(size) conn_test_writer_malloc(size)
#else
#  define CONN_WRITER_MALLOC(size) malloc(size)
#endif

/* Times an idle writer thread came back from its wait (woken or timed out), across all
 * connections: test builds count them to check that no request path wakes it needlessly. */
#if defined(HFTSIM_TEST_HOOKS)
void conn_test_count_idle_writer_wakeup(void);
int conn_test_idle_writer_wakeups(void);
#else
static inline void conn_test_count_idle_writer_wakeup(void) {}
#endif

#endif
