/*
 * double_env.h — the vendor-SDK double's test knobs (never the real SDK's) are environment
 * variables, read when used so a test can set one for a single case.
 */
#ifndef TSGATE_VENDOR_DOUBLE_DOUBLE_ENV_H
#define TSGATE_VENDOR_DOUBLE_DOUBLE_ENV_H

#include <string>

/* The variable's value, "" if unset. On Windows from the process environment itself: the C
 * runtime's getenv keeps a copy made at startup and misses a host that sets the variable later
 * (node.exe). */
std::string double_env(const char* name);

/* Test knob: with TSGATE_VENDOR_DOUBLE_REJECT_CODE set to a number, an order or cancel rejection
 * carries that code instead of the mock server's (its text is kept), as a real broker answers with
 * the HFT trading API's own codes (14xxx, hft_trader_error.h) or a counter's. */
#define VENDOR_DOUBLE_REJECT_CODE_ENV "TSGATE_VENDOR_DOUBLE_REJECT_CODE"

/* The code a rejection the mock server answered with `code` carries: `code` itself when it is 0
 * (no rejection) or the knob is unset or not a number. */
int vendor_rejection_code(int code);

#endif
