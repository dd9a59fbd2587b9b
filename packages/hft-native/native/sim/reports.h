/*
 * reports.h — exactly-once, in-order delivery of the sequenced trade reports (ORDER_REPORT,
 * TRADE_REPORT), protocol.md section 6: a delivered watermark, duplicates dropped, a bounded gap
 * buffer, and a re-subscribe when a gap stays open for REPORTS_GAP_RESUBSCRIBE_MS.
 * Used by the trade handle's network thread only (no locking).
 */
#ifndef TSGATE_REPORTS_H
#define TSGATE_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "hft_api.h"

#define REPORTS_GAP_RESUBSCRIBE_MS 1000
#define REPORTS_MAX_BUFFERED 8192 /* beyond this the highest are dropped; the re-subscribe refills */

typedef struct reports {
  int initialized;        /* a login succeeded once */
  uint32_t trading_day;
  uint64_t delivered;     /* highest contiguous report sequence delivered */
  uint64_t replay_upto;   /* reports <= this after a re-login are replays (HFT_EVF_REPLAY) */
  hft_event_t* buf;       /* gap buffer, sorted by report sequence, no duplicates */
  size_t n;
  size_t cap;
  int64_t gap_since_ms;   /* when the current gap was opened or last re-requested; 0 = no gap */
  uint64_t duplicates;    /* dropped, for diagnostics */
  uint64_t resubscribes;
} reports_t;

typedef void (*reports_emit_fn)(void* ctx, const hft_event_t* ev);

void reports_init(reports_t* r);
void reports_free(reports_t* r);

/* After a successful LOGIN_RSP: returns the afterSeq for REPORT_SUBSCRIBE_REQ. Sets *reset = 1
 * (and describes why in warn) if the server's sequence went backwards or the trading day changed,
 * so the watermark was reset to the server's last_report_seq. */
uint64_t reports_on_login(reports_t* r, uint32_t trading_day, uint64_t last_report_seq, int64_t now_ms,
                          int* reset, char* warn, size_t warnlen);

/* A report event (HFT_EV_ORDER_STATUS / HFT_EV_TRADE_REPORT, report_seq filled). Emits it and any
 * buffered successors in order, buffers it, or drops it as a duplicate. */
void reports_on_report(reports_t* r, const hft_event_t* ev, int64_t now_ms, reports_emit_fn emit, void* ctx);

/* 1 if a gap has been open for REPORTS_GAP_RESUBSCRIBE_MS: send REPORT_SUBSCRIBE_REQ with
 * *after_seq (the timer restarts). */
int reports_check_gap(reports_t* r, int64_t now_ms, uint64_t* after_seq);

#endif
