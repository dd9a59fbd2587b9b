/* test_utf8_cut.c — the UTF-8 cut of the library's and the vendor shim's texts (native/sim/utf8_cut.h): at every field
 * size a text longer than its field is cut at the last whole character that fits, never inside a
 * multi-byte sequence; so are the library's formatted texts (textf). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "last_error.h"
#include "utf8_cut.h"

/* 1 if s[0..n) is whole UTF-8 characters: no sequence cut short at the end */
static int whole_chars(const char* s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    size_t w = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (w == 0 || i + w > n) return 0;
    for (size_t k = 1; k < w; k++)
      if (((unsigned char)s[i + k] & 0xC0) != 0x80) return 0;
    i += w;
  }
  return 1;
}

/* reference: the last character boundary at or before `max` (found from the byte after the cut) */
static size_t longest_whole(const char* s, size_t len, size_t max) {
  size_t best = len <= max ? len : max;
  while (best > 0 && best < len && ((unsigned char)s[best] & 0xC0) == 0x80) best--;
  return best;
}

int main(void) {
  /* 1-, 2-, 3- and 4-byte characters side by side: 委托失败 (3 bytes each), é (2), 😀 (4) */
  static const char* const texts[] = {
    "order rejected",
    "\xE5\xA7\x94\xE6\x89\x98\xE5\xA4\xB1\xE8\xB4\xA5: 14018",
    "a\xC3\xA9" "b\xF0\x9F\x98\x80" "c\xE5\xA7\x94\xC3\xA9\xF0\x9F\x98\x80\xE5\xA4\xB1",
    "\xE8\xB5\x84\xE9\x87\x91\xE4\xB8\x8D\xE8\xB6\xB3",
  };
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
    const char* s = texts[t];
    size_t len = strlen(s);
    for (size_t max = 0; max <= len + 2; max++) {
      size_t n = utf8_cut(s, len, max);
      CHECK(n <= max, "text %zu, field %zu: kept %zu bytes", t, max, n);
      CHECK(whole_chars(s, n), "text %zu, field %zu: cut inside a character at %zu", t, max, n);
      /* the longest such prefix */
      size_t best = longest_whole(s, len, max);
      CHECK(n == best, "text %zu, field %zu: kept %zu bytes, %zu whole bytes fit", t, max, n, best);
      /* the same judged from the kept bytes alone (what a cut-short vsnprintf leaves) */
      if (max <= len) CHECK(utf8_whole(s, max) == best, "text %zu: utf8_whole(%zu) = %zu", t, max, utf8_whole(s, max));
      /* the library's formatted texts (textf: events, last error) end on a whole character */
      char buf[64];
      if (max >= 1 && max <= sizeof buf) {
        textf(buf, max, "%s", s);
        CHECK(strlen(buf) == longest_whole(s, len, max - 1) && whole_chars(buf, strlen(buf)),
              "text %zu: textf into %zu bytes kept \"%s\"", t, max, buf);
      }
    }
  }
  /* a text that fills the field exactly is kept whole */
  CHECK(utf8_cut("\xE5\xA7\x94", 3, 3) == 3, "exact fit");
  CHECK(utf8_cut("\xE5\xA7\x94" "a", 4, 3) == 3, "cut before an ASCII byte");
  CHECK(utf8_cut("a\xE5\xA7\x94", 4, 3) == 1, "cut before a 3-byte character");
  return check_summary("test_utf8_cut");
}
