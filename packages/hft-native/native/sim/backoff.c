/* backoff.c — see backoff.h. */
#include "backoff.h"

static uint64_t next_rand(uint64_t* s) {
  /* xorshift64* */
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

uint64_t backoff_seed(uint64_t entropy) {
  uint64_t s = entropy ^ 0x9E3779B97F4A7C15ULL;
  return s ? s : 1;
}

int64_t backoff_delay_ms(int retry, int32_t min_ms, int32_t max_ms, uint64_t* rng_state) {
  if (retry < 1) retry = 1;
  if (max_ms < min_ms) max_ms = min_ms;
  int64_t base = min_ms;
  for (int i = 1; i < retry && base < max_ms; i++) base *= 2;
  if (base > max_ms) base = max_ms;
  int64_t half = base / 2;
  int64_t span = base - half;
  return half + (span > 0 ? (int64_t)(next_rand(rng_state) % (uint64_t)(span + 1)) : 0);
}
