/* vendor_text.cpp — see vendor_text.h. */
#include "vendor_text.h"

#include "double_env.h"
#include "utf8_cut.h"

#include <cstring>
#include <string>

#if defined(_WIN32)
#  include <windows.h>
#endif

void put_vendor_text(char* dst, size_t n, const char* utf8) {
  memset(dst, 0, n);
  size_t len = strlen(utf8);
#if defined(_WIN32)
  wchar_t wide[1024];
  int wn = MultiByteToWideChar(CP_UTF8, 0, utf8, (int)len, wide, 1024);
  if (wn <= 0) return;
  /* drop whole characters from the end until the GBK text fits */
  int gn = WideCharToMultiByte(936, 0, wide, wn, dst, (int)n, NULL, NULL);
  while (gn == 0 && wn > 0) gn = WideCharToMultiByte(936, 0, wide, --wn, dst, (int)n, NULL, NULL);
#else
  len = utf8_cut(utf8, len, n);
  memcpy(dst, utf8, len);
#endif
}

namespace {

/* Bytes `utf8` takes in the SDK's encoding (GBK on Windows, UTF-8 elsewhere). */
size_t vendor_len(const std::string& utf8) {
#if defined(_WIN32)
  wchar_t wide[1024];
  int wn = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), (int)utf8.size(), wide, 1024);
  return wn > 0 ? (size_t)WideCharToMultiByte(936, 0, wide, wn, NULL, 0, NULL, NULL) : 0;
#else
  return utf8.size();
#endif
}

/* The knob's value, "" if unset. */
std::string long_errors_mode() { return double_env(VENDOR_DOUBLE_LONG_ERRORS_ENV); }

}  // namespace

void put_vendor_error(char* dst, size_t n, const char* utf8) {
  const std::string mode = long_errors_mode();
  const bool cjk = mode == "cjk";
  if (!utf8 || !utf8[0] || (!cjk && mode != "ascii")) return put_vendor_text(dst, n, utf8 ? utf8 : "");
  const size_t full = n - 1; /* the SDK's text bytes, the NUL after them */
  const std::string end = VENDOR_DOUBLE_TEXT_END;
  const std::string unit = cjk ? "\xE6\x9F\x9C\xE5\x8F\xB0\xE8\xAF\xA6\xE6\x83\x85" /* 柜台详情 */
                               : "counter detail ";
  std::string text = std::string(utf8) + " | ";
  if (vendor_len(text + end) > full) return put_vendor_text(dst, n, utf8);
  while (vendor_len(text + unit + end) <= full) text += unit;
  while (vendor_len(text + end) < full) text += '.';
  put_vendor_text(dst, n, (text + end).c_str());
}
