/*
 * sim_core.h — the simulation library's entry points as the vendor-SDK double links them.
 *
 * The double speaks our wire protocol by linking the objects of native/sim/ (codec, connection,
 * reconnect, report stream) instead of copying them. Those objects define hft_trader_* and
 * hft_md_*, the very names the shim exports, so the build (scripts/build-vendor-double.mjs)
 * renames them to simcore_hft_* with objcopy before linking; this header declares the renamed
 * functions the double calls.
 */
#ifndef TSGATE_VENDOR_DOUBLE_SIM_CORE_H
#define TSGATE_VENDOR_DOUBLE_SIM_CORE_H

#include "hft_api.h"

extern "C" {
hft_trader_t* simcore_hft_trader_create(const hft_conn_config_t* config);
int32_t simcore_hft_trader_set_wakeup(hft_trader_t* t, hft_wakeup_fn fn, void* user_data);
int32_t simcore_hft_trader_login(hft_trader_t* t, const hft_login_req_t* req);
int32_t simcore_hft_trader_order(hft_trader_t* t, const hft_order_req_t* req);
int32_t simcore_hft_trader_cancel_order(hft_trader_t* t, const char* order_id, const char* cl_order_id);
int32_t simcore_hft_trader_query(hft_trader_t* t, const hft_query_req_t* req);
int32_t simcore_hft_trader_poll(hft_trader_t* t, hft_event_t* out, int32_t max_events);
int32_t simcore_hft_trader_arm(hft_trader_t* t);
void simcore_hft_trader_release(hft_trader_t* t);

hft_md_t* simcore_hft_md_create(const hft_conn_config_t* config);
int32_t simcore_hft_md_set_wakeup(hft_md_t* m, hft_wakeup_fn fn, void* user_data);
int32_t simcore_hft_md_login(hft_md_t* m, const char* user, const char* password);
int32_t simcore_hft_md_subscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count);
int32_t simcore_hft_md_unsubscribe(hft_md_t* m, int32_t market, const char* codes, int32_t count);
int32_t simcore_hft_md_poll(hft_md_t* m, hft_event_t* out, int32_t max_events);
int32_t simcore_hft_md_arm(hft_md_t* m);
void simcore_hft_md_release(hft_md_t* m);
}

#endif
