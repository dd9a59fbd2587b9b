/* fuzz_rand.c — see fuzz_rand.h. */
#include "fuzz_rand.h"

#include <string.h>

static uint64_t g_state = 1;

void fuzz_seed(uint64_t seed) { g_state = seed ? seed : 1; }

uint64_t fuzz_rnd(void) {
  uint64_t x = g_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  g_state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

uint32_t fuzz_rnd_below(uint32_t n) { return n ? (uint32_t)(fuzz_rnd() % n) : 0; }

/* A safe-integer magnitude with a random sign. */
static int64_t signed_safe(void) {
  int64_t v = (int64_t)(fuzz_rnd() % (uint64_t)WIRE_MAX_SAFE_INT);
  if (fuzz_rnd() & 1) v = -v;
  return v;
}

void fuzz_random_fields(const wire_layout_t* l, uint8_t* base, int small_u64) {
  for (int i = 0; i < l->nfields; i++) {
    const wire_field_t* fd = &l->fields[i];
    uint8_t* p = base + fd->offset;
    int64_t v = 0;
    switch (fd->kind) {
      case WF_STR: {
        uint32_t n = fuzz_rnd_below(fd->size);
        for (uint32_t k = 0; k < n; k++) p[k] = (uint8_t)(1 + fuzz_rnd_below(255));
        p[n] = 0;
        continue;
      }
      case WF_I64X5:
        for (int k = 0; k < 5; k++) {
          int64_t x = signed_safe();
          memcpy(p + 8 * k, &x, 8);
        }
        continue;
      case WF_U8:
        v = fd->min <= fd->max ? fd->min + (int64_t)fuzz_rnd_below((uint32_t)(fd->max - fd->min + 1))
                               : fuzz_rnd_below(256);
        break;
      case WF_BOOL: v = fuzz_rnd() & 1; break;
      case WF_U16: v = fuzz_rnd_below(65536); break;
      case WF_U32: v = (int64_t)(uint32_t)fuzz_rnd(); break;
      case WF_I32: v = (int32_t)fuzz_rnd(); break;
      case WF_U64:
        if (small_u64 && (fuzz_rnd() & 1)) v = (int64_t)fuzz_rnd_below(64);
        else v = (int64_t)(fuzz_rnd() % (uint64_t)WIRE_MAX_SAFE_INT);
        break;
      case WF_I64: v = signed_safe(); break;
    }
    switch (fd->csize) {
      case 1: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
      case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
      case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
      default: memcpy(p, &v, 8); break;
    }
  }
}
