/* last_error.c — thread-local error text (hft_last_error never returns NULL). */
#include <stdarg.h>
#include <stdio.h>

#include "hft_api.h"
#include "last_error.h"

#if defined(_MSC_VER)
#  define THREAD_LOCAL __declspec(thread)
#else
#  define THREAD_LOCAL _Thread_local
#endif

static THREAD_LOCAL char t_last_error[256];

int32_t set_error(int32_t code, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t_last_error, sizeof t_last_error, fmt, ap);
  va_end(ap);
  return code;
}

HFT_API const char* hft_last_error(void) { return t_last_error; }

void textf(char* dst, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(dst, size, fmt, ap);
  va_end(ap);
}
