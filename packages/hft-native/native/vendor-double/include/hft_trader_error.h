/*
 * hft_trader_error.h (vendor-SDK double) — our declarations of the HFT trading SDK's error codes
 * that the shim and the double use, from vnpy/vnpy_hft commit 906fd5a (2024-02-08),
 * vnpy_hft/api/hft/include/hft/hft_trader_error.h, read on 2026-12-02 (codes 14000-14999 are the
 * trading API's own). The meaning of each for a user is in docs/real-broker.md.
 */
#ifndef TSGATE_VENDOR_DOUBLE_HFT_TRADER_ERROR_H
#define TSGATE_VENDOR_DOUBLE_HFT_TRADER_ERROR_H

enum HFT_TRADER_ERROR {
  SUCCESS = 0,
  ERR_HFT_TRADER_INTERNAL = 14000,
  ERR_HFT_TRADER_INVALID_PARAM = 14001,
  ERR_HFT_TRADER_NETWORK_TIMEOUT = 14002,
  ERR_HFT_TRADER_NOT_CONNECT = 14009,
  ERR_HFT_TRADER_LOGIN_GW_FAIL = 14010,
  ERR_HFT_TRADER_GW_NO_USER = 14016,       /* user not on the gateway's whitelist */
  ERR_HFT_TRADER_GW_NO_COUNTERID = 14017,
  ERR_HFT_TRADER_GW_ERROR_IP = 14018,      /* connecting IP address not registered */
  ERR_HFT_TRADER_GW_ERROR_MAC = 14019,     /* MAC address not registered */
  ERR_HFT_TRADER_NO_DATA = 14020,          /* no data, or the query has been read to its end */
  ERR_HFT_TRADER_GW_OVERRUN = 14023,       /* flow limit exceeded */
  ERR_HFT_TRADER_GW_FUNDID_DISABLE = 14024, /* trading account disabled */
  ERR_HFT_TRADER_EXCEED_MAX_NUM = 14027,
  ERR_HFT_TRADER_UNSUPPORTED_FUNC = 14030,
  ERR_HFT_TRADER_LOGIN_FAIL = 14034,       /* account login failed */
  ERR_HFT_TRADER_EXCEED_MAX_CONNECTION = 14043,
};

#endif
