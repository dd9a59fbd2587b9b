/* backoff.h — reconnect delays: exponential from min to max, with jitter so that many clients
 * dropped together do not reconnect in lockstep. */
#ifndef TSGATE_BACKOFF_H
#define TSGATE_BACKOFF_H

#include <stdint.h>

/* Delay before retry number `retry` (1 = first retry): base = min * 2^(retry-1) capped at max,
 * then a uniform pick in [base/2, base] ("equal jitter"). */
int64_t backoff_delay_ms(int retry, int32_t min_ms, int32_t max_ms, uint64_t* rng_state);
/* Seeds a generator state (never 0). */
uint64_t backoff_seed(uint64_t entropy);

#endif
