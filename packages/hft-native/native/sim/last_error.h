/* last_error.h — the calling thread's last error text behind hft_last_error(). */
#ifndef TSGATE_LAST_ERROR_H
#define TSGATE_LAST_ERROR_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#  define HFT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#  define HFT_PRINTF(a, b)
#endif

/* Sets the calling thread's last error text and returns `code`, so callers can write
 * `return set_error(HFT_E_INVALID_ARG, "...")`. */
int32_t set_error(int32_t code, const char* fmt, ...) HFT_PRINTF(2, 3);

/* snprintf for human-readable texts, where cutting a long text short is acceptable. */
void textf(char* dst, size_t size, const char* fmt, ...) HFT_PRINTF(3, 4);

#endif
