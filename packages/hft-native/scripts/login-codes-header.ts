/**
 * Renders `native/sim/login_codes.h` from the one table of refused-login codes
 * (src/login-codes.ts), so that the C library decides "retrying cannot help" from the same facts
 * as the TypeScript gateway.
 */
import { LOGIN_CODES, type LoginCodeEntry, type LoginSide } from "../src/login-codes.js";

/** Where the generated header lives, relative to the package root. */
export const LOGIN_CODES_HEADER = "native/sim/login_codes.h";

function finalCases(side: LoginSide): string {
  return LOGIN_CODES.filter((e: LoginCodeEntry) => e.side === side && !e.retryMayHelp)
    .map((e) => `    case ${e.code}: /* ${e.name}${e.cause === undefined ? "" : `: ${e.cause}`} */`)
    .join("\n");
}

function predicate(fn: string, side: LoginSide, what: string): string {
  return `/* ${what} codes after which retrying with the same settings cannot help. */
static inline int ${fn}(int32_t code) {
  switch (code) {
${finalCases(side)}
      return 1;
    default:
      return 0;
  }
}`;
}

/** The header's full text. */
export function renderLoginCodesHeader(): string {
  return `/* Generated from src/login-codes.ts by scripts/gen-login-codes.ts: do not edit.
 * Regenerate with \`npm run gen:login-codes -w @tsgate/hft-native\`; test/login-codes.test.ts fails
 * when this file is stale. */
#ifndef HFT_LOGIN_CODES_H
#define HFT_LOGIN_CODES_H

#include <stdint.h>

${predicate("hft_trade_login_is_final", "trade", "Trade-login")}

${predicate("hft_md_login_is_final", "market", "Market-data-login")}

#endif /* HFT_LOGIN_CODES_H */
`;
}
