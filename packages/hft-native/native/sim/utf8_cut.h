/*
 * utf8_cut.h — where to cut UTF-8 text so that it fits a fixed field without splitting a
 * character. Header-only and plain C: the library's error texts (last_error.c) and the vendor
 * shim (C++) use it; native/test/test_utf8_cut.c proves it.
 */
#ifndef TSGATE_UTF8_CUT_H
#define TSGATE_UTF8_CUT_H

#include <stddef.h>

/* Length of s[0..n) without a multi-byte character cut short at its end (judged from the last
 * character's lead byte, so the byte after s[n-1] need not exist). Bytes that are not valid UTF-8
 * are kept as they are: only a sequence this cut would split is dropped. */
static inline size_t utf8_whole(const char* s, size_t n) {
  size_t i = n, cont = 0;
  while (i > 0 && cont < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
    i--;
    cont++;
  }
  if (i == 0 || cont == 0) {
    if (cont > 0) return n;
    /* the last byte is a lead byte: whole only if it is ASCII */
    return (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0xC0) ? n - 1 : n;
  }
  unsigned char lead = (unsigned char)s[i - 1];
  size_t width = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  return width > cont + 1 ? i - 1 : n;
}

/* The longest prefix of s[0..len) of at most `max` bytes that ends on a character boundary. */
static inline size_t utf8_cut(const char* s, size_t len, size_t max) {
  return len <= max ? len : utf8_whole(s, max);
}

#endif
