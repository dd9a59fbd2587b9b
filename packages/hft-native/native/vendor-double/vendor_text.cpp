/* vendor_text.cpp — see vendor_text.h. */
#include "vendor_text.h"

#include <cstring>

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
  if (len > n) {
    len = n;
    while (len > 0 && (static_cast<unsigned char>(utf8[len]) & 0xC0) == 0x80) len--;
  }
  memcpy(dst, utf8, len);
#endif
}
