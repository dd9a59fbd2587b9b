/* config.c — see config.h. */
#include "config.h"

#include <string.h>

#include "last_error.h"
#include "ring.h"

int field_terminated(const char* s, size_t size) { return memchr(s, '\0', size) != NULL; }

int32_t check_text(const char* s, size_t size, int required, const char* what) {
  if (!s) return set_error(HFT_E_INVALID_ARG, "%s is NULL", what);
  if (!field_terminated(s, size))
    return set_error(HFT_E_INVALID_ARG, "%s is longer than %u bytes (or not NUL-terminated)",
                     what, (unsigned)(size - 1));
  if (required && s[0] == '\0') return set_error(HFT_E_INVALID_ARG, "%s is empty", what);
  return HFT_OK;
}

static int32_t non_negative(int32_t v, const char* what) {
  if (v < 0) return set_error(HFT_E_INVALID_ARG, "config.%s must be >= 0 (got %d)", what, (int)v);
  return HFT_OK;
}

int32_t config_resolve(const hft_conn_config_t* in, hft_conn_config_t* out) {
  if (!in) return set_error(HFT_E_INVALID_ARG, "config is NULL");
  *out = *in;
  if (check_text(in->host, sizeof in->host, 1, "config.host") != HFT_OK) return HFT_E_INVALID_ARG;
  if (in->port == 0) return set_error(HFT_E_INVALID_ARG, "config.port must be 1-65535 (got 0)");
  if (non_negative(in->heartbeat_interval_ms, "heartbeat_interval_ms") ||
      non_negative(in->heartbeat_timeout_ms, "heartbeat_timeout_ms") ||
      non_negative(in->connect_timeout_ms, "connect_timeout_ms") ||
      non_negative(in->reconnect_min_ms, "reconnect_min_ms") ||
      non_negative(in->reconnect_max_ms, "reconnect_max_ms"))
    return HFT_E_INVALID_ARG;
  if (in->connect_retries < -1)
    return set_error(HFT_E_INVALID_ARG, "config.connect_retries must be -1 (forever) or >= 0 (got %d)",
                     (int)in->connect_retries);
  if (in->overflow_policy != HFT_OVERFLOW_BLOCK && in->overflow_policy != HFT_OVERFLOW_DROP_MARKET_DATA)
    return set_error(HFT_E_INVALID_ARG,
                     "config.overflow_policy must be HFT_OVERFLOW_BLOCK (0) or HFT_OVERFLOW_DROP_MARKET_DATA (1) (got %d)",
                     (int)in->overflow_policy);
  if (in->event_capacity > RING_MAX_CAPACITY)
    return set_error(HFT_E_INVALID_ARG, "config.event_capacity must be at most %u records (got %u)",
                     (unsigned)RING_MAX_CAPACITY, (unsigned)in->event_capacity);
  if (!out->heartbeat_interval_ms) out->heartbeat_interval_ms = CFG_DEFAULT_HEARTBEAT_INTERVAL_MS;
  if (!out->heartbeat_timeout_ms) out->heartbeat_timeout_ms = CFG_DEFAULT_HEARTBEAT_TIMEOUT_MS;
  if (!out->connect_timeout_ms) out->connect_timeout_ms = CFG_DEFAULT_CONNECT_TIMEOUT_MS;
  if (!out->reconnect_min_ms) out->reconnect_min_ms = CFG_DEFAULT_RECONNECT_MIN_MS;
  if (!out->reconnect_max_ms) out->reconnect_max_ms = CFG_DEFAULT_RECONNECT_MAX_MS;
  if (out->reconnect_max_ms < out->reconnect_min_ms) out->reconnect_max_ms = out->reconnect_min_ms;
  if (!out->connect_retries) out->connect_retries = CFG_DEFAULT_CONNECT_RETRIES;
  return HFT_OK;
}
