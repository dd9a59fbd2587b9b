/* latency_stamps.c — the hop stamps of latency_stamps.h (test library only). */
#if defined(HFTSIM_TEST_HOOKS)
#  if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#    define _POSIX_C_SOURCE 200809L
#  endif
#  include "latency_stamps.h"

#  include <stdatomic.h>
#  include <string.h>
#  include <time.h>

#  include "last_error.h"

static int64_t stamps[LATENCY_HOPS][LATENCY_STAMPS_MAX];
static atomic_int counts[LATENCY_HOPS];

int64_t latency_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void latency_stamp_at(latency_hop_t hop, int64_t ns) {
  int i = atomic_fetch_add_explicit(&counts[hop], 1, memory_order_relaxed);
  if (i < LATENCY_STAMPS_MAX) stamps[hop][i] = ns;
}

HFT_API int32_t hft_test_latency_stamps(int32_t hop, int64_t* out, int32_t max) {
  if (hop < 0 || hop >= LATENCY_HOPS || !out || max < 0)
    return set_error(HFT_E_INVALID_ARG, "hop must be 0..%d and out not NULL", LATENCY_HOPS - 1);
  int n = atomic_load(&counts[hop]);
  if (n > LATENCY_STAMPS_MAX) n = LATENCY_STAMPS_MAX;
  if (n > max) n = max;
  memcpy(out, stamps[hop], (size_t)n * sizeof *out);
  return n;
}

HFT_API void hft_test_latency_reset(void) {
  for (int k = 0; k < LATENCY_HOPS; k++) atomic_store(&counts[k], 0);
}
#else
/* ISO C wants something in a translation unit. */
typedef int latency_stamps_unused;
#endif
