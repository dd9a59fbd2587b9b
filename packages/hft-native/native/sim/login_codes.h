/* Generated from src/login-codes.ts by scripts/gen-login-codes.ts: do not edit.
 * Regenerate with `npm run gen:login-codes -w @tsgate/hft-native`; test/login-codes.test.ts fails
 * when this file is stale. */
#ifndef HFT_LOGIN_CODES_H
#define HFT_LOGIN_CODES_H

#include <stdint.h>

/* Trade-login codes after which retrying with the same settings cannot help. */
static inline int hft_trade_login_is_final(int32_t code) {
  switch (code) {
    case 1001: /* LOGIN_UNKNOWN_ACCOUNT: user */
    case 1002: /* LOGIN_WRONG_PASSWORD: password */
    case 1003: /* LOGIN_WRONG_ORG: org */
    case 1004: /* LOGIN_WRONG_BRANCH: branch */
    case 1006: /* LOGIN_UNSUPPORTED_ACCOUNT_TYPE: accountType */
    case 14016: /* ERR_HFT_TRADER_GW_NO_USER: notEnabled */
    case 14017: /* ERR_HFT_TRADER_GW_NO_COUNTERID: notEnabled */
    case 14018: /* ERR_HFT_TRADER_GW_ERROR_IP: terminalInfo */
    case 14019: /* ERR_HFT_TRADER_GW_ERROR_MAC: terminalInfo */
    case 14024: /* ERR_HFT_TRADER_GW_FUNDID_DISABLE: locked */
    case 14034: /* ERR_HFT_TRADER_LOGIN_FAIL: userOrPassword */
      return 1;
    default:
      return 0;
  }
}

/* Market-data-login codes after which retrying with the same settings cannot help. */
static inline int hft_md_login_is_final(int32_t code) {
  switch (code) {
    case 5001: /* MD_LOGIN_UNKNOWN_USER: user */
    case 5002: /* MD_LOGIN_WRONG_PASSWORD: password */
    case 1: /* SIPE_ERR */
    case 18: /* SIPE_NOCONFIG */
    case 19: /* SIPE_SOCKETINITERR */
    case 20: /* SIPE_NOLOGININFO: missingInfo */
      return 1;
    default:
      return 0;
  }
}

#endif /* HFT_LOGIN_CODES_H */
