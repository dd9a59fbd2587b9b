/* library.c — library-wide entry points: version, info, struct sizes, the no-op call. */
#include <stddef.h>
#include <string.h>

#include "hft_api.h"

/* The vendor shim builds this file too, with HFT_LIBRARY_NAME="tsgate-vendor-shim". */
#ifndef HFT_LIBRARY_NAME
#  define HFT_LIBRARY_NAME "tsgate-sim"
#endif
#define HFT_SIM_VERSION "0.1.0"
#define STR2(x) #x
#define STR(x) STR2(x)

HFT_API int32_t hft_abi_version(void) { return HFT_ABI_VERSION; }

HFT_API const char* hft_library_info(void) {
  return HFT_LIBRARY_NAME " " HFT_SIM_VERSION " (abi " STR(HFT_ABI_VERSION) ")";
}

HFT_API int32_t hft_noop(int32_t x) { return x; }

#define SIZE_ENTRY(T) { #T, (int32_t)sizeof(T) }
static const struct {
  const char* name;
  int32_t size;
} k_sizes[] = {
  SIZE_ENTRY(hft_conn_config_t),  SIZE_ENTRY(hft_login_req_t),    SIZE_ENTRY(hft_order_req_t),
  SIZE_ENTRY(hft_query_req_t),    SIZE_ENTRY(hft_status_info_t),  SIZE_ENTRY(hft_error_info_t),
  SIZE_ENTRY(hft_login_rsp_t),    SIZE_ENTRY(hft_order_rsp_t),    SIZE_ENTRY(hft_cancel_rsp_t),
  SIZE_ENTRY(hft_order_report_t), SIZE_ENTRY(hft_trade_report_t), SIZE_ENTRY(hft_risk_notify_t),
  SIZE_ENTRY(hft_position_t),     SIZE_ENTRY(hft_cash_t),         SIZE_ENTRY(hft_security_t),
  SIZE_ENTRY(hft_query_page_t),   SIZE_ENTRY(hft_sub_rsp_t),      SIZE_ENTRY(hft_market_data_t),
  SIZE_ENTRY(hft_base_info_t),    SIZE_ENTRY(hft_overflow_info_t), SIZE_ENTRY(hft_event_header_t),
  SIZE_ENTRY(hft_event_t),
};

HFT_API int32_t hft_struct_size(const char* name) {
  if (!name) return -1;
  for (size_t i = 0; i < sizeof k_sizes / sizeof k_sizes[0]; i++) {
    if (strcmp(k_sizes[i].name, name) == 0) return k_sizes[i].size;
  }
  return -1;
}
