/* ring.c — event ring + notifier thread (see ring.h and the THREADING CONTRACT in hft_api.h). */
#include "ring.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(_WIN32)
#  include <fcntl.h>
#  include <unistd.h>
#endif

#include "sync.h"

struct ring {
  sync_mutex_t mu;
  sync_cond_t not_full; /* producers wait here when the ring is full */
  sync_cond_t notify;   /* the notifier waits here */
  hft_event_t* slots;
  uint64_t cap;
  uint64_t mask;
  uint64_t head; /* records ever written */
  uint64_t tail; /* records ever consumed */
  uint64_t next_seq;
  int32_t policy;
  uint64_t dropped_pending; /* market data dropped since the last HFT_EV_OVERFLOW record */
  uint64_t dropped_total;
  int waiting_producers;
  int closed;
  int armed;
  hft_wakeup_fn wake_fn;
  void* wake_ud;
  hft_event_fn ev_fn;
  void* ev_ud;
  int wake_rd, wake_wr; /* ring_open_wakeup_fd's pipe, -1 until opened */
  int orphaned; /* ring_release was called from the notifier's own host call: it frees the ring */
  sync_thread_t notifier;
};

static void ring_free(ring_t* r) {
#if !defined(_WIN32)
  if (r->wake_rd >= 0) close(r->wake_rd);
  if (r->wake_wr >= 0) close(r->wake_wr);
#endif
  sync_cond_destroy(&r->notify);
  sync_cond_destroy(&r->not_full);
  sync_mutex_destroy(&r->mu);
  free(r->slots);
  free(r);
}

static void put_locked(ring_t* r, const hft_event_t* ev) {
  hft_event_t* slot = &r->slots[r->head & r->mask];
  memcpy(slot, ev, sizeof *slot);
  slot->header.event_seq = r->next_seq++;
  r->head++;
}

/* Inserts the pending HFT_EV_OVERFLOW record if there is room. */
static void flush_overflow_locked(ring_t* r) {
  if (r->dropped_pending == 0 || r->head - r->tail >= r->cap) return;
  hft_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.header.type = HFT_EV_OVERFLOW;
  ev.body.overflow.dropped = r->dropped_pending;
  ev.body.overflow.dropped_total = r->dropped_total;
  r->dropped_pending = 0;
  put_locked(r, &ev);
}

static void consumed_locked(ring_t* r, uint64_t n) {
  r->tail += n;
  if (n && r->waiting_producers) sync_cond_broadcast(&r->not_full);
  flush_overflow_locked(r);
}

/* With the lock held: the pipe wake-up, written by the producing thread itself (no notifier hop).
 * A full pipe already holds an unread byte, so EAGAIN loses no wake-up. */
static int wake_fd_locked(ring_t* r) {
#if defined(_WIN32)
  (void)r;
  return 0;
#else
  if (r->wake_wr < 0 || !r->armed) return 0;
  r->armed = 0;
  static const char byte = 1;
  ssize_t n;
  do n = write(r->wake_wr, &byte, 1);
  while (n < 0 && errno == EINTR);
  return 1;
#endif
}

static void* notifier_main(void* arg) {
  ring_t* r = (ring_t*)arg;
  hft_event_t ev;
  sync_mutex_lock(&r->mu);
  while (!r->closed) {
    if (r->ev_fn && r->head > r->tail) {
      /* comparison mode: one host call per record */
      memcpy(&ev, &r->slots[r->tail & r->mask], sizeof ev);
      consumed_locked(r, 1);
      hft_event_fn fn = r->ev_fn;
      void* ud = r->ev_ud;
      sync_mutex_unlock(&r->mu);
      fn(&ev, ud);
      sync_mutex_lock(&r->mu);
      continue;
    }
    if (!r->ev_fn && r->wake_fn && r->wake_wr < 0 && r->armed && r->head > r->tail) {
      hft_wakeup_fn fn = r->wake_fn;
      void* ud = r->wake_ud;
      r->armed = 0;
      sync_mutex_unlock(&r->mu);
      fn(ud);
      sync_mutex_lock(&r->mu);
      continue;
    }
    sync_cond_wait(&r->notify, &r->mu);
  }
  int orphaned = r->orphaned;
  sync_mutex_unlock(&r->mu);
  if (orphaned) ring_free(r);
  return NULL;
}

static uint64_t round_capacity(uint32_t requested) {
  uint64_t want = requested ? requested : RING_DEFAULT_CAPACITY;
  if (want < RING_MIN_CAPACITY) want = RING_MIN_CAPACITY;
  if (want > RING_MAX_CAPACITY) want = RING_MAX_CAPACITY;
  uint64_t cap = 1;
  while (cap < want) cap <<= 1;
  return cap;
}

ring_t* ring_create(uint32_t capacity, int32_t overflow_policy, char* err, size_t errlen) {
  ring_t* r = (ring_t*)calloc(1, sizeof *r);
  if (!r) {
    snprintf(err, errlen, "out of memory allocating the event ring");
    return NULL;
  }
  r->cap = round_capacity(capacity);
  r->mask = r->cap - 1;
  r->policy = overflow_policy;
  r->next_seq = 1;
  r->armed = 1;
  r->wake_rd = r->wake_wr = -1;
  r->slots = (hft_event_t*)calloc((size_t)r->cap, sizeof(hft_event_t));
  if (!r->slots) {
    snprintf(err, errlen, "out of memory allocating %llu event records",
             (unsigned long long)r->cap);
    free(r);
    return NULL;
  }
  if (sync_mutex_init(&r->mu) != 0 || sync_cond_init(&r->not_full) != 0 ||
      sync_cond_init(&r->notify) != 0) {
    snprintf(err, errlen, "cannot initialise the event ring's mutex/condition variables");
    free(r->slots);
    free(r);
    return NULL;
  }
  int rc = sync_thread_start(&r->notifier, notifier_main, r);
  if (rc != 0) {
    snprintf(err, errlen, "cannot start the notifier thread (error %d)", rc);
    ring_free(r);
    return NULL;
  }
  return r;
}

int ring_push(ring_t* r, const hft_event_t* evs, int n, int* waited) {
  int put = 0;
  if (waited) *waited = 0;
  sync_mutex_lock(&r->mu);
  for (int i = 0; i < n; i++) {
    const hft_event_t* ev = &evs[i];
    for (;;) {
      if (r->closed) {
        sync_mutex_unlock(&r->mu);
        return -1;
      }
      flush_overflow_locked(r);
      if (r->head - r->tail < r->cap) {
        put_locked(r, ev);
        put++;
        break;
      }
      if (r->policy == HFT_OVERFLOW_DROP_MARKET_DATA && ev->header.type == HFT_EV_MARKET_DATA) {
        r->dropped_pending++;
        r->dropped_total++;
        break;
      }
      if (waited) *waited = 1;
      /* wake the host before waiting, or a full ring with a disarmed notifier could stall */
      wake_fd_locked(r);
      sync_cond_signal(&r->notify);
      r->waiting_producers++;
      sync_cond_wait(&r->not_full, &r->mu);
      r->waiting_producers--;
    }
  }
  if (put && !wake_fd_locked(r) && ((r->armed && r->wake_fn) || r->ev_fn)) sync_cond_signal(&r->notify);
  sync_mutex_unlock(&r->mu);
  return 0;
}

int32_t ring_poll(ring_t* r, hft_event_t* out, int32_t max) {
  sync_mutex_lock(&r->mu);
  uint64_t avail = r->head - r->tail;
  uint64_t n = avail < (uint64_t)max ? avail : (uint64_t)max;
  uint64_t start = r->tail & r->mask;
  uint64_t first = r->cap - start < n ? r->cap - start : n;
  memcpy(out, &r->slots[start], (size_t)first * sizeof(hft_event_t));
  if (n > first) memcpy(out + first, &r->slots[0], (size_t)(n - first) * sizeof(hft_event_t));
  consumed_locked(r, n);
  sync_mutex_unlock(&r->mu);
  return (int32_t)n;
}

int32_t ring_arm(ring_t* r) {
  sync_mutex_lock(&r->mu);
  uint64_t pending = r->head - r->tail;
  if (pending == 0) r->armed = 1;
  sync_mutex_unlock(&r->mu);
  return pending > INT32_MAX ? INT32_MAX : (int32_t)pending;
}

void ring_set_wakeup(ring_t* r, hft_wakeup_fn fn, void* user_data) {
  sync_mutex_lock(&r->mu);
  r->wake_fn = fn;
  r->wake_ud = user_data;
  r->armed = 1;
  sync_cond_signal(&r->notify);
  sync_mutex_unlock(&r->mu);
}

int ring_open_wakeup_fd(ring_t* r, char* err, size_t errlen) {
#if defined(_WIN32)
  (void)r;
  snprintf(err, errlen, "a wake-up descriptor is not available on Windows: use the wake-up function");
  return -1;
#else
  sync_mutex_lock(&r->mu);
  if (r->wake_rd < 0) {
    int fds[2];
    if (pipe(fds) != 0) {
      snprintf(err, errlen, "cannot create the wake-up pipe (errno %d)", errno);
      sync_mutex_unlock(&r->mu);
      return -1;
    }
    for (int i = 0; i < 2; i++) {
      fcntl(fds[i], F_SETFD, FD_CLOEXEC);
      fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    r->wake_rd = fds[0];
    r->wake_wr = fds[1];
  }
  int fd = fcntl(r->wake_rd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0) {
    snprintf(err, errlen, "cannot duplicate the wake-up descriptor (errno %d)", errno);
    sync_mutex_unlock(&r->mu);
    return -1;
  }
  /* records already waiting: wake at once, so the host's first drain is not left to chance */
  r->armed = 1;
  if (r->head > r->tail) wake_fd_locked(r);
  sync_mutex_unlock(&r->mu);
  return fd;
#endif
}

void ring_set_event_callback(ring_t* r, hft_event_fn fn, void* user_data) {
  sync_mutex_lock(&r->mu);
  r->ev_fn = fn;
  r->ev_ud = user_data;
  sync_cond_signal(&r->notify);
  sync_mutex_unlock(&r->mu);
}

uint32_t ring_pending(ring_t* r) {
  sync_mutex_lock(&r->mu);
  uint32_t n = (uint32_t)(r->head - r->tail);
  sync_mutex_unlock(&r->mu);
  return n;
}

uint64_t ring_dropped_total(ring_t* r) {
  sync_mutex_lock(&r->mu);
  uint64_t n = r->dropped_total;
  sync_mutex_unlock(&r->mu);
  return n;
}

uint32_t ring_capacity(ring_t* r) { return (uint32_t)r->cap; }

void ring_close(ring_t* r) {
  sync_mutex_lock(&r->mu);
  r->closed = 1;
  sync_cond_broadcast(&r->not_full);
  sync_cond_broadcast(&r->notify);
  sync_mutex_unlock(&r->mu);
}

void ring_release(ring_t* r) {
  if (!r) return;
  sync_mutex_lock(&r->mu);
  r->closed = 1;
  sync_cond_broadcast(&r->not_full);
  sync_cond_broadcast(&r->notify);
  /* Join even while the notifier is inside a host call: returning earlier would leave a thread
   * that calls into the host after release, which crashes a host that is exiting or has unloaded
   * the library (a koffi callback during Node's exit: SIGSEGV). Only a call from the notifier
   * itself, which the header forbids, cannot be joined: the notifier frees the ring then. */
  if (sync_thread_is_self(r->notifier)) {
    r->orphaned = 1;
    sync_thread_t t = r->notifier;
    sync_mutex_unlock(&r->mu);
    sync_thread_detach(t);
    return;
  }
  sync_mutex_unlock(&r->mu);
  sync_thread_join(r->notifier);
  ring_free(r);
}
