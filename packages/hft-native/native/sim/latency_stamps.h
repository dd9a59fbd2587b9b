/*
 * latency_stamps.h — where the time of one tick-to-order round goes inside the library (issue 22):
 * cheap CLOCK_MONOTONIC stamps at each hop, kept in one fixed array per hop. The test library only
 * (HFTSIM_TEST_HOOKS, build/libhftsim-test.so); in the production library every stamp compiles to
 * nothing. Read by the latency benchmark (hft-gateway/bench/native-hops.ts), which matches each
 * hop's stamps to its rounds by time.
 *
 * Not part of hft_api.h (a benchmark hook of the simulation library, which the vendor shim does not
 * have): the two exported functions are declared here.
 */
#ifndef TSGATE_LATENCY_STAMPS_H
#define TSGATE_LATENCY_STAMPS_H

#include <stdint.h>

#include "hft_api.h"

typedef enum latency_hop {
  LATENCY_MD_RECV = 0,     /* md network thread: recv() returned bytes                        */
  LATENCY_MD_DECODED = 1,  /* md network thread: frames decoded, the batch about to be pushed   */
  LATENCY_MD_POLLED = 2,   /* host: entry of an hft_md_poll that returned records              */
  LATENCY_ORDER_CALL = 3,  /* host: entry of hft_trader_order or hft_trader_flush              */
  LATENCY_SEND_START = 4,  /* host: the direct path's send() starts (lock taken, encoded)      */
  LATENCY_SEND_END = 5,    /* host: that send() returned                                       */
  LATENCY_HOPS = 6
} latency_hop_t;

/* Stamps kept per hop since the last reset; later ones are not kept. */
#define LATENCY_STAMPS_MAX 65536

#if defined(HFTSIM_TEST_HOOKS)
/* The monotonic clock now, in ns (the clock the benchmark's peer and process.hrtime read). */
int64_t latency_now_ns(void);
/* Keeps `ns` as the next stamp of `hop`. Any thread. */
void latency_stamp_at(latency_hop_t hop, int64_t ns);
#  define LATENCY_STAMP(hop) latency_stamp_at((hop), latency_now_ns())
#  define LATENCY_NOW() latency_now_ns()
#  define LATENCY_STAMP_AT(hop, ns) latency_stamp_at((hop), (ns))

/* Copies up to `max` stamps of `hop` (ns, in the order taken) into `out`; returns how many,
 * or HFT_E_INVALID_ARG for an unknown hop / NULL out. */
HFT_API int32_t hft_test_latency_stamps(int32_t hop, int64_t* out, int32_t max);
/* Forgets every stamp (between benchmark runs). */
HFT_API void hft_test_latency_reset(void);
#else
#  define LATENCY_STAMP(hop) ((void)0)
#  define LATENCY_NOW() ((int64_t)0)
#  define LATENCY_STAMP_AT(hop, ns) ((void)(ns))
#endif

#endif
