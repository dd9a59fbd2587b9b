/* fuzz_rand.h — the seeded PRNG (xorshift64*) and the random field values shared by the fuzz tests,
 * so that a seed gives the same bytes in every build (plain, ASan, TSan): each value is drawn in a
 * statement of its own, never twice in one expression (C leaves that order unspecified). */
#ifndef TSGATE_FUZZ_RAND_H
#define TSGATE_FUZZ_RAND_H

#include <stdint.h>

#include "wire_codec.h"

/* Starts the sequence; a zero seed is replaced by 1 (xorshift never leaves 0). */
void fuzz_seed(uint64_t seed);
uint64_t fuzz_rnd(void);
/* Uniform-ish in [0, n); 0 when n is 0. */
uint32_t fuzz_rnd_below(uint32_t n);
/* Random valid values for every field of a layout. With small_u64, half of the u64 fields (report
 * sequences) are below 64, so that some reports are delivered instead of buffered. */
void fuzz_random_fields(const wire_layout_t* l, uint8_t* base, int small_u64);

#endif
