/*
 * vendor_text.h — text as the vendor SDKs deliver it: GBK (code page 936) on Windows, UTF-8
 * elsewhere, the encoding the shim decodes (hft_vendor_shim.cpp, to_utf8; docs/real-broker.md:
 * "GBK text on Windows"). The mock servers send UTF-8, so the double re-encodes on Windows and the
 * Wine run exercises the shim's GBK path as a real broker's names would.
 */
#ifndef TSGATE_VENDOR_DOUBLE_VENDOR_TEXT_H
#define TSGATE_VENDOR_DOUBLE_VENDOR_TEXT_H

#include <stddef.h>
#include <string.h>

/* Writes UTF-8 `utf8` into the fixed field dst[n] in the SDK's encoding, zero-filled, cut at a
 * character boundary (no NUL needed when the text fills the field). */
void put_vendor_text(char* dst, size_t n, const char* utf8);

/* NUL-terminated copy into a fixed field, cut to fit: for the double's own text (ids, symbols,
 * messages), where no re-encoding is needed. */
template <size_t N>
inline void put(char (&dst)[N], const char* src) {
  size_t n = src ? strlen(src) : 0;
  if (n > N - 1) n = N - 1;
  if (n) memcpy(dst, src, n);
  dst[n] = 0;
}

/* Test knob of the double (never of the real SDK): with the environment variable
 * TSGATE_VENDOR_DOUBLE_LONG_ERRORS set to "ascii" or "cjk", error texts are lengthened as a
 * counter's detailed texts can be, to fill the SDK's whole char256 field (256 bytes in the SDK's
 * encoding): "<text> | " + filler (ASCII, or 柜台详情 repeated) + dots + the end marker below.
 * The marker at the very end proves a text arrived uncut. */
#define VENDOR_DOUBLE_LONG_ERRORS_ENV "TSGATE_VENDOR_DOUBLE_LONG_ERRORS"
#define VENDOR_DOUBLE_TEXT_END "[end]"

/* An error text into the SDK's field dst[n] (put_vendor_text), lengthened under the knob above. */
void put_vendor_error(char* dst, size_t n, const char* utf8);

#endif
