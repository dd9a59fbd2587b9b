/* conn_test_hooks.c — test and benchmark hooks, compiled only with HFTSIM_TEST_HOOKS (the test
 * library build/libhftsim-test.so and the C tests; never the production library):
 * synthetic market data from the network thread (hft_md_test_emit) and failing writer-buffer
 * allocations. */
#if defined(HFTSIM_TEST_HOOKS)
#  include <stdatomic.h>
#  include <stdlib.h>
#  include <string.h>

#  include "conn_internal.h"
#  include "handle.h"
#  include "last_error.h"

#  define TEST_EMIT_CHUNK 256

static atomic_int failing_writer_allocs;

void conn_test_fail_writer_allocs(int n) { atomic_store(&failing_writer_allocs, n); }

void* conn_test_writer_malloc(size_t size) {
  int left = atomic_load(&failing_writer_allocs);
  while (left > 0) {
    if (atomic_compare_exchange_weak(&failing_writer_allocs, &left, left - 1)) return NULL;
  }
  return malloc(size);
}

static atomic_int idle_writer_wakeups;

void conn_test_count_idle_writer_wakeup(void) { atomic_fetch_add(&idle_writer_wakeups, 1); }

int conn_test_idle_writer_wakeups(void) { return atomic_load(&idle_writer_wakeups); }

int conn_test_emit_pending_locked(conn_t* c) { return c->test_emit_pending != 0; }

int conn_test_emit_pending(conn_t* c) {
  sync_mutex_lock(&c->mu);
  int p = c->test_emit_pending != 0;
  sync_mutex_unlock(&c->mu);
  return p;
}

int32_t conn_test_emit(conn_t* c, uint32_t count) {
  if (count == 0) return set_error(HFT_E_INVALID_ARG, "count must be >= 1");
  sync_mutex_lock(&c->mu);
  if (c->test_emit_pending == 0) c->test_emit_seq = 0;
  if ((uint64_t)c->test_emit_pending + count > UINT32_MAX) {
    sync_mutex_unlock(&c->mu);
    return set_error(HFT_E_INVALID_ARG, "too many test events pending");
  }
  c->test_emit_pending += count;
  sync_cond_signal(&c->cv_net);
  sync_mutex_unlock(&c->mu);
  return HFT_OK;
}

/* network thread: one chunk of synthetic market data */
void conn_test_emit_chunk(conn_t* c) {
  sync_mutex_lock(&c->mu);
  uint32_t k = c->test_emit_pending < TEST_EMIT_CHUNK ? c->test_emit_pending : TEST_EMIT_CHUNK;
  c->test_emit_pending -= k;
  uint64_t base = c->test_emit_seq;
  c->test_emit_seq += k;
  sync_mutex_unlock(&c->mu);
  conn_flush_events(c);
  for (uint32_t i = 0; i < k; i++) {
    hft_event_t ev;
    event_init(&ev, HFT_EV_MARKET_DATA);
    hft_market_data_t* md = &ev.body.md;
    md->md_seq = base + i + 1;
    md->market = HFT_MARKET_SH;
    memcpy(md->code, "BENCH", 6);
    md->trading_day = 20240102;
    md->time = 93000000;
    md->pre_close = 100000;
    md->last = 100000 + (int64_t)(md->md_seq % 100) * 100;
    md->volume = (int64_t)md->md_seq * 100;
    for (int l = 0; l < 5; l++) {
      md->bid_price[l] = md->last - 100 * (l + 1);
      md->ask_price[l] = md->last + 100 * (l + 1);
      md->bid_volume[l] = md->ask_volume[l] = 1000 * (l + 1);
    }
    conn_emit(c, &ev);
  }
  conn_flush_events(c);
}
#endif
