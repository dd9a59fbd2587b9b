/* evlog.h — helpers shared by the C session tests: drain a handle's events into a log (checking
 * event_seq continuity and that no event carries the password) and wait for an event type. */
#ifndef TSGATE_TEST_EVLOG_H
#define TSGATE_TEST_EVLOG_H

#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "hft_api.h"

#ifndef PASSWORD
#  define PASSWORD "s3cret-pw"
#endif

static inline int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* memmem is a GNU/BSD extension (not in the Windows CRT): 1 if `needle` occurs in the bytes. */
static inline int bytes_contain(const void* hay, size_t hay_len, const char* needle) {
  size_t n = strlen(needle);
  const char* h = (const char*)hay;
  for (size_t i = 0; n <= hay_len && i <= hay_len - n; i++)
    if (memcmp(h + i, needle, n) == 0) return 1;
  return 0;
}

/* ---- event log ---- */
#define LOG_CAP 20000
typedef struct evlog {
  hft_event_t* evs;
  int n;
  uint64_t last_event_seq;
  int seq_errors;
} evlog_t;

typedef int32_t (*poll_fn)(void* h, hft_event_t* out, int32_t max);
static inline int32_t poll_trader(void* h, hft_event_t* out, int32_t max) { return hft_trader_poll((hft_trader_t*)h, out, max); }
static inline int32_t poll_md(void* h, hft_event_t* out, int32_t max) { return hft_md_poll((hft_md_t*)h, out, max); }

static inline void log_init(evlog_t* l) {
  memset(l, 0, sizeof *l);
  l->evs = (hft_event_t*)calloc(LOG_CAP, sizeof(hft_event_t));
}
static inline void log_free(evlog_t* l) { free(l->evs); }

static inline int drain(void* h, poll_fn fn, evlog_t* l) {
  hft_event_t buf[256];
  int total = 0;
  for (;;) {
    int n = fn(h, buf, 256);
    if (n <= 0) break;
    for (int i = 0; i < n; i++) {
      if (buf[i].header.event_seq != l->last_event_seq + 1) l->seq_errors++;
      l->last_event_seq = buf[i].header.event_seq;
      /* no text of any event may contain the password */
      const char* raw = (const char*)&buf[i];
      CHECK(!bytes_contain(raw, sizeof buf[i], PASSWORD), "event type %d carries the password",
            buf[i].header.type);
      if (l->n < LOG_CAP) l->evs[l->n++] = buf[i];
    }
    total += n;
  }
  return total;
}

/* Waits until an event of `type` at index >= *from appears; returns its index or -1. */
static inline int wait_for(void* h, poll_fn fn, evlog_t* l, uint16_t type, int* from, int ms) {
  int64_t end = now_ms() + ms;
  for (;;) {
    drain(h, fn, l);
    for (int i = *from; i < l->n; i++) {
      if (l->evs[i].header.type == type) {
        *from = i + 1;
        return i;
      }
    }
    if (now_ms() >= end) return -1;
    usleep(2000);
  }
}

static inline int count_type(const evlog_t* l, uint16_t type) {
  int n = 0;
  for (int i = 0; i < l->n; i++) n += l->evs[i].header.type == type;
  return n;
}

#endif
