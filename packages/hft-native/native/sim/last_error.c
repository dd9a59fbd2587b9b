/* last_error.c — thread-local error text (hft_last_error never returns NULL). */
#include <stdarg.h>
#include <stdio.h>

#include "hft_api.h"
#include "last_error.h"
#include "utf8_cut.h"

#if defined(_MSC_VER)
#  define THREAD_LOCAL __declspec(thread)
#else
#  define THREAD_LOCAL _Thread_local
#endif

/* room for a whole vendor error text (HFT_ERROR_MSG_SIZE) and the context around it */
static THREAD_LOCAL char t_last_error[HFT_ERROR_MSG_SIZE + 128];

/* after vsnprintf cut a text to fit dst[size]: end it on a whole UTF-8 character */
static void end_on_char(char* dst, size_t size, int written) {
  if (written < 0 || (size_t)written < size) return;
  dst[utf8_whole(dst, size - 1)] = 0;
}

int32_t set_error(int32_t code, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(t_last_error, sizeof t_last_error, fmt, ap);
  va_end(ap);
  end_on_char(t_last_error, sizeof t_last_error, n);
  return code;
}

HFT_API const char* hft_last_error(void) { return t_last_error; }

void textf(char* dst, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(dst, size, fmt, ap);
  va_end(ap);
  end_on_char(dst, size, n);
}
