/* config.h — validation and defaults of hft_conn_config_t, and argument checks shared by the
 * request functions. */
#ifndef TSGATE_CONFIG_H
#define TSGATE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "hft_api.h"

#define CFG_DEFAULT_HEARTBEAT_INTERVAL_MS 1000
#define CFG_DEFAULT_HEARTBEAT_TIMEOUT_MS 5000
#define CFG_DEFAULT_CONNECT_TIMEOUT_MS 3000
#define CFG_DEFAULT_RECONNECT_MIN_MS 100
#define CFG_DEFAULT_RECONNECT_MAX_MS 5000
#define CFG_DEFAULT_CONNECT_RETRIES 3

/* Copies `in` to `out` with defaults applied. Returns HFT_OK, or HFT_E_INVALID_ARG with the
 * reason set as the thread's last error. */
int32_t config_resolve(const hft_conn_config_t* in, hft_conn_config_t* out);

/* 1 if `s` has a NUL within its `size` bytes. */
int field_terminated(const char* s, size_t size);

/* Validates a char[size] argument: NUL-terminated within size, and non-empty if required.
 * Returns HFT_OK or HFT_E_INVALID_ARG (last error names `what`). */
int32_t check_text(const char* s, size_t size, int required, const char* what);

#endif
