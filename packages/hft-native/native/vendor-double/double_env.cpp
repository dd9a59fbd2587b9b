/* double_env.cpp — see double_env.h. */
#include "double_env.h"

#include <cstdlib>

#if defined(_WIN32)
#  include <windows.h>
#endif

std::string double_env(const char* name) {
#if defined(_WIN32)
  char value[64];
  DWORD n = GetEnvironmentVariableA(name, value, sizeof value);
  return n > 0 && n < sizeof value ? std::string(value, n) : std::string();
#else
  const char* value = getenv(name);
  return value ? value : "";
#endif
}

int vendor_rejection_code(int code) {
  if (code == 0) return 0;
  const std::string knob = double_env(VENDOR_DOUBLE_REJECT_CODE_ENV);
  if (knob.empty()) return code;
  char* end = nullptr;
  const long chosen = strtol(knob.c_str(), &end, 10);
  return end != knob.c_str() && *end == '\0' ? (int)chosen : code;
}
