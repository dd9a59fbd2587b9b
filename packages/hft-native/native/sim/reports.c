/* reports.c — see reports.h. */
#include "reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "last_error.h"

static uint64_t seq_of(const hft_event_t* ev) {
  return ev->header.type == HFT_EV_TRADE_REPORT ? ev->body.trade.report_seq : ev->body.order.report_seq;
}

void reports_init(reports_t* r) { memset(r, 0, sizeof *r); }

void reports_free(reports_t* r) {
  free(r->buf);
  memset(r, 0, sizeof *r);
}

static void clear_buffer(reports_t* r) {
  r->n = 0;
  r->gap_since_ms = 0;
}

uint64_t reports_on_login(reports_t* r, uint32_t trading_day, uint64_t last_report_seq, int64_t now_ms,
                          int* reset, char* warn, size_t warnlen) {
  *reset = 0;
  if (!r->initialized) {
    r->initialized = 1;
    r->trading_day = trading_day;
    r->delivered = last_report_seq; /* history comes from queries */
    r->replay_upto = last_report_seq;
    clear_buffer(r);
    return r->delivered;
  }
  if (trading_day != r->trading_day || last_report_seq < r->delivered) {
    textf(warn, warnlen,
             trading_day != r->trading_day
                 ? "trading day changed from %u to %u: report sequence restarts after %llu"
                 : "server report sequence went back (day %u/%u, last %llu): resuming from it",
             (unsigned)r->trading_day, (unsigned)trading_day, (unsigned long long)last_report_seq);
    *reset = 1;
    r->trading_day = trading_day;
    r->delivered = last_report_seq;
    r->replay_upto = last_report_seq;
    clear_buffer(r);
    return r->delivered;
  }
  r->replay_upto = last_report_seq;
  if (r->n) r->gap_since_ms = now_ms;
  return r->delivered;
}

static void deliver(reports_t* r, const hft_event_t* ev, reports_emit_fn emit, void* ctx) {
  uint64_t s = seq_of(ev);
  if (s <= r->replay_upto && (ev->header.flags & HFT_EVF_REPLAY) == 0) {
    hft_event_t copy = *ev;
    copy.header.flags |= HFT_EVF_REPLAY;
    emit(ctx, &copy);
  } else {
    emit(ctx, ev);
  }
  r->delivered = s;
}

/* index of the first buffered entry with seq >= s */
static size_t lower_bound(const reports_t* r, uint64_t s) {
  size_t lo = 0, hi = r->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (seq_of(&r->buf[mid]) < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static void buffer(reports_t* r, const hft_event_t* ev, int64_t now_ms) {
  uint64_t s = seq_of(ev);
  size_t i = lower_bound(r, s);
  if (i < r->n && seq_of(&r->buf[i]) == s) {
    r->duplicates++;
    return;
  }
  if (r->n == r->cap) {
    if (r->cap < REPORTS_MAX_BUFFERED) {
      size_t ncap = r->cap ? r->cap * 2 : 64;
      if (ncap > REPORTS_MAX_BUFFERED) ncap = REPORTS_MAX_BUFFERED;
      hft_event_t* nb = (hft_event_t*)realloc(r->buf, ncap * sizeof *nb);
      if (nb) {
        r->buf = nb;
        r->cap = ncap;
      }
    }
    if (r->n == r->cap) {
      /* full: keep the lowest sequences; the highest come back with the re-subscribe */
      if (i >= r->n) return;
      r->n--;
    }
  }
  memmove(&r->buf[i + 1], &r->buf[i], (r->n - i) * sizeof *r->buf);
  r->buf[i] = *ev;
  r->n++;
  if (!r->gap_since_ms) r->gap_since_ms = now_ms ? now_ms : 1;
}

void reports_on_report(reports_t* r, const hft_event_t* ev, int64_t now_ms, reports_emit_fn emit, void* ctx) {
  uint64_t s = seq_of(ev);
  if (s <= r->delivered) {
    r->duplicates++;
    return;
  }
  if (s != r->delivered + 1) {
    buffer(r, ev, now_ms);
    return;
  }
  deliver(r, ev, emit, ctx);
  /* drain buffered successors */
  size_t k = 0;
  while (k < r->n) {
    uint64_t bs = seq_of(&r->buf[k]);
    if (bs <= r->delivered) {
      k++;
      continue;
    }
    if (bs != r->delivered + 1) break;
    deliver(r, &r->buf[k], emit, ctx);
    k++;
  }
  if (k) {
    memmove(&r->buf[0], &r->buf[k], (r->n - k) * sizeof *r->buf);
    r->n -= k;
  }
  r->gap_since_ms = r->n ? now_ms : 0;
}

int reports_check_gap(reports_t* r, int64_t now_ms, uint64_t* after_seq) {
  if (!r->n || !r->gap_since_ms) return 0;
  if (now_ms - r->gap_since_ms < REPORTS_GAP_RESUBSCRIBE_MS) return 0;
  r->gap_since_ms = now_ms;
  r->resubscribes++;
  *after_seq = r->delivered;
  return 1;
}
