/* wire_codec.c — see wire_codec.h. Table-driven: each message is a list of fields with their
 * wire kind and the offset of the C member they map to. */
#include "wire_codec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- little-endian helpers ---- */
static uint64_t rd_le(const uint8_t* p, int n) {
  uint64_t v = 0;
  for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
  return v;
}
static void wr_le(uint8_t* p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) {
    p[i] = (uint8_t)(v & 0xff);
    v >>= 8;
  }
}

/* C member access by width */
static uint64_t c_get_u(const uint8_t* base, const wire_field_t* fd, int is_signed) {
  const uint8_t* p = base + fd->offset;
  switch (fd->csize) {
    case 1: { uint8_t v; memcpy(&v, p, 1); return v; }
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: {
      if (is_signed) { int32_t v; memcpy(&v, p, 4); return (uint64_t)(int64_t)v; }
      uint32_t v; memcpy(&v, p, 4); return v;
    }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
  }
}
static void c_set_u(uint8_t* base, const wire_field_t* fd, uint64_t v) {
  uint8_t* p = base + fd->offset;
  switch (fd->csize) {
    case 1: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
    case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
    case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
  }
}

static int fail(wire_err_t* err, int code, const char* fmt, ...) {
  if (err) {
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->reason, sizeof err->reason, fmt, ap);
    va_end(ap);
  }
  return code;
}

/* ---- tables ---- */
#define MEMSZ(T, m) ((uint16_t)sizeof(((T*)0)->m))
#define FLD(nm, k, sz, lo, hi, T, m) { nm, k, sz, lo, hi, (uint16_t)offsetof(T, m), MEMSZ(T, m) }
#define F_U8(nm, T, m) FLD(nm, WF_U8, 1, 1, 0, T, m)
#define F_ENUM(nm, T, m, range) F_ENUM_(nm, T, m, range)
#define F_ENUM_(nm, T, m, lo, hi) FLD(nm, WF_U8, 1, lo, hi, T, m)
#define F_U16(nm, T, m) FLD(nm, WF_U16, 2, 1, 0, T, m)
#define F_U32(nm, T, m) FLD(nm, WF_U32, 4, 1, 0, T, m)
#define F_I32(nm, T, m) FLD(nm, WF_I32, 4, 1, 0, T, m)
#define F_I64(nm, T, m) FLD(nm, WF_I64, 8, 1, 0, T, m)
#define F_U64(nm, T, m) FLD(nm, WF_U64, 8, 1, 0, T, m)
#define F_BOOL(nm, T, m) FLD(nm, WF_BOOL, 1, 1, 0, T, m)
#define F_I64X5(nm, T, m) FLD(nm, WF_I64X5, 40, 1, 0, T, m)
#define F_STR(nm, T, m) FLD(nm, WF_STR, MEMSZ(T, m), 1, 0, T, m)
/* an error text: WIRE_TEXT_SIZE bytes on the wire, a wider C member */
#define F_TEXT(nm, T, m) FLD(nm, WF_STR, WIRE_TEXT_SIZE, 1, 0, T, m)

#define E_SIDE 1, 2
#define E_ORDER_TYPE HFT_ORDER_LMT, HFT_ORDER_AON /* every HFT_ORDER_* of the wire (hft_api.h) */
#define E_STATUS 1, 10
#define E_MARKET 1, 2
#define E_SECURITY_TYPE 1, 5
#define E_BOARD 1, 4
#define E_RISK 1, 3
#define E_SUB_ACTION 1, 2

static const wire_field_t f_error[] = {
  F_I32("code", wire_error_t, code),
  F_U32("refSeq", wire_error_t, ref_seq),
  F_TEXT("message", wire_error_t, message),
};
static const wire_field_t f_login_req[] = {
  F_STR("accountId", hft_login_req_t, account_id),
  F_U8("accountType", hft_login_req_t, account_type),
  F_STR("password", hft_login_req_t, password),
  F_STR("custOrgid", hft_login_req_t, cust_orgid),
  F_STR("custBranchid", hft_login_req_t, cust_branchid),
  F_STR("clSystemId", hft_login_req_t, cl_system_id),
};
static const wire_field_t f_login_rsp[] = {
  F_I32("errorCode", wire_login_rsp_t, error_code),
  F_TEXT("errorMsg", wire_login_rsp_t, rsp.error_msg),
  F_STR("accountId", wire_login_rsp_t, rsp.account_id),
  F_U32("tradingDay", wire_login_rsp_t, rsp.trading_day),
  F_U64("lastReportSeq", wire_login_rsp_t, rsp.last_report_seq),
};
static const wire_field_t f_report_sub[] = {
  F_U64("afterSeq", wire_report_sub_t, after_seq),
};
static const wire_field_t f_order_req[] = {
  F_STR("clOrderId", hft_order_req_t, cl_order_id),
  F_STR("symbol", hft_order_req_t, symbol),
  F_U8("orderType", hft_order_req_t, order_type),
  F_U8("side", hft_order_req_t, side),
  F_I64("volume", hft_order_req_t, volume),
  F_I64("price", hft_order_req_t, price),
};
static const wire_field_t f_order_rsp[] = {
  F_STR("clOrderId", wire_order_rsp_t, rsp.cl_order_id),
  F_STR("orderId", wire_order_rsp_t, rsp.order_id),
  F_I32("errorCode", wire_order_rsp_t, error_code),
  F_TEXT("errorMsg", wire_order_rsp_t, rsp.error_msg),
};
static const wire_field_t f_cancel_req[] = {
  F_STR("orderId", wire_cancel_req_t, order_id),
  F_STR("clOrderId", wire_cancel_req_t, cl_order_id),
};
static const wire_field_t f_cancel_rsp[] = {
  F_STR("orderId", wire_cancel_rsp_t, rsp.order_id),
  F_STR("clOrderId", wire_cancel_rsp_t, rsp.cl_order_id),
  F_ENUM("status", wire_cancel_rsp_t, rsp.status, E_STATUS),
  F_I32("errorCode", wire_cancel_rsp_t, error_code),
  F_TEXT("errorMsg", wire_cancel_rsp_t, rsp.error_msg),
};
static const wire_field_t f_order_report[] = {
  F_U64("reportSeq", hft_order_report_t, report_seq),
  F_STR("orderId", hft_order_report_t, order_id),
  F_STR("clOrderId", hft_order_report_t, cl_order_id),
  F_STR("symbol", hft_order_report_t, symbol),
  F_ENUM("side", hft_order_report_t, side, E_SIDE),
  F_ENUM("orderType", hft_order_report_t, order_type, E_ORDER_TYPE),
  F_ENUM("status", hft_order_report_t, status, E_STATUS),
  F_I64("price", hft_order_report_t, price),
  F_I64("volume", hft_order_report_t, volume),
  F_I64("filledVolume", hft_order_report_t, filled_volume),
  F_I64("filledAmount", hft_order_report_t, filled_amount),
  F_I64("canceledVolume", hft_order_report_t, canceled_volume),
  F_I64("frozenCash", hft_order_report_t, frozen_cash),
  F_I32("errorCode", hft_order_report_t, error_code),
  F_TEXT("errorMsg", hft_order_report_t, error_msg),
  F_U32("tradingDay", hft_order_report_t, trading_day),
  F_U32("createTime", hft_order_report_t, create_time),
  F_U32("updateTime", hft_order_report_t, update_time),
};
static const wire_field_t f_trade_report[] = {
  F_U64("reportSeq", hft_trade_report_t, report_seq),
  F_STR("tradeId", hft_trade_report_t, trade_id),
  F_STR("orderId", hft_trade_report_t, order_id),
  F_STR("clOrderId", hft_trade_report_t, cl_order_id),
  F_STR("symbol", hft_trade_report_t, symbol),
  F_ENUM("side", hft_trade_report_t, side, E_SIDE),
  F_I64("price", hft_trade_report_t, price),
  F_I64("volume", hft_trade_report_t, volume),
  F_I64("amount", hft_trade_report_t, amount),
  F_I64("fee", hft_trade_report_t, fee),
  F_U32("tradingDay", hft_trade_report_t, trading_day),
  F_U32("tradeTime", hft_trade_report_t, trade_time),
};
static const wire_field_t f_risk[] = {
  F_ENUM("level", hft_risk_notify_t, level, E_RISK),
  F_I32("code", hft_risk_notify_t, code),
  F_TEXT("message", hft_risk_notify_t, message),
};
static const wire_field_t f_query_req[] = {
  F_U32("requestId", hft_query_req_t, request_id),
  F_U8("kind", hft_query_req_t, kind),
  F_STR("posStr", hft_query_req_t, pos_str),
  F_U32("queryNum", hft_query_req_t, query_num),
  F_STR("symbol", hft_query_req_t, symbol),
};
static const wire_field_t f_query_rsp[] = {
  F_U32("requestId", wire_query_rsp_t, request_id),
  F_U8("kind", wire_query_rsp_t, kind),
  F_I32("errorCode", wire_query_rsp_t, error_code),
  F_TEXT("errorMsg", wire_query_rsp_t, error_msg),
  F_STR("nextPosStr", wire_query_rsp_t, next_pos_str),
  F_BOOL("isLast", wire_query_rsp_t, is_last),
  /* u32 count and the records are handled by the codec */
};
static const wire_field_t f_position[] = {
  F_STR("symbol", hft_position_t, symbol),
  F_I64("volume", hft_position_t, volume),
  F_I64("ydVolume", hft_position_t, yd_volume),
  F_I64("availableVolume", hft_position_t, available_volume),
  F_I64("frozenVolume", hft_position_t, frozen_volume),
  F_I64("todayBuyVolume", hft_position_t, today_buy_volume),
  F_I64("costAmount", hft_position_t, cost_amount),
  F_I64("costPrice", hft_position_t, cost_price),
  F_I64("lastPrice", hft_position_t, last_price),
  F_I64("marketValue", hft_position_t, market_value),
  F_I64("pnl", hft_position_t, pnl),
};
static const wire_field_t f_cash[] = {
  F_STR("accountId", hft_cash_t, account_id),
  F_I64("balance", hft_cash_t, balance),
  F_I64("available", hft_cash_t, available),
  F_I64("frozen", hft_cash_t, frozen),
  F_I64("marketValue", hft_cash_t, market_value),
  F_I64("totalAsset", hft_cash_t, total_asset),
  F_I64("totalFee", hft_cash_t, total_fee),
};
static const wire_field_t f_security[] = {
  F_STR("symbol", hft_security_t, symbol),
  F_STR("name", hft_security_t, name),
  F_ENUM("securityType", hft_security_t, security_type, E_SECURITY_TYPE),
  F_ENUM("board", hft_security_t, board, E_BOARD),
  F_I64("preClose", hft_security_t, pre_close),
  F_I64("limitUp", hft_security_t, limit_up),
  F_I64("limitDown", hft_security_t, limit_down),
  F_I64("priceTick", hft_security_t, price_tick),
  F_I64("lotSize", hft_security_t, lot_size),
  F_I64("minBuyVolume", hft_security_t, min_buy_volume),
};
static const wire_field_t f_md_login_req[] = {
  F_STR("user", wire_md_login_req_t, user),
  F_STR("password", wire_md_login_req_t, password),
};
static const wire_field_t f_md_login_rsp[] = {
  F_I32("errorCode", wire_md_login_rsp_t, error_code),
  F_TEXT("errorMsg", wire_md_login_rsp_t, error_msg),
};
static const wire_field_t f_md_sub_req[] = {
  F_ENUM("action", wire_md_sub_req_t, action, E_SUB_ACTION),
  F_U8("market", wire_md_sub_req_t, market),
  /* u16 count and the codes are handled by the codec */
};
static const wire_field_t f_md_sub_rsp[] = {
  F_U8("action", wire_md_sub_rsp_t, rsp.action),
  F_U8("market", wire_md_sub_rsp_t, rsp.market),
  F_I32("errorCode", wire_md_sub_rsp_t, error_code),
  F_TEXT("errorMsg", wire_md_sub_rsp_t, rsp.error_msg),
  F_U16("count", wire_md_sub_rsp_t, rsp.count),
};
static const wire_field_t f_market_data[] = {
  F_U64("mdSeq", hft_market_data_t, md_seq),
  F_ENUM("market", hft_market_data_t, market, E_MARKET),
  F_STR("code", hft_market_data_t, code),
  F_U32("tradingDay", hft_market_data_t, trading_day),
  F_U32("time", hft_market_data_t, time),
  F_I64("preClose", hft_market_data_t, pre_close),
  F_I64("open", hft_market_data_t, open),
  F_I64("high", hft_market_data_t, high),
  F_I64("low", hft_market_data_t, low),
  F_I64("last", hft_market_data_t, last),
  F_I64("limitUp", hft_market_data_t, limit_up),
  F_I64("limitDown", hft_market_data_t, limit_down),
  F_I64("volume", hft_market_data_t, volume),
  F_I64("turnover", hft_market_data_t, turnover),
  F_I64X5("bidPrice", hft_market_data_t, bid_price),
  F_I64X5("bidVolume", hft_market_data_t, bid_volume),
  F_I64X5("askPrice", hft_market_data_t, ask_price),
  F_I64X5("askVolume", hft_market_data_t, ask_volume),
};
static const wire_field_t f_base_info[] = {
  F_ENUM("market", hft_base_info_t, market, E_MARKET),
  F_STR("code", hft_base_info_t, code),
  F_STR("name", hft_base_info_t, name),
  F_ENUM("securityType", hft_base_info_t, security_type, E_SECURITY_TYPE),
  F_I64("preClose", hft_base_info_t, pre_close),
  F_I64("limitUp", hft_base_info_t, limit_up),
  F_I64("limitDown", hft_base_info_t, limit_down),
};

#define N(a) ((int)(sizeof a / sizeof a[0]))
static const wire_layout_t k_layouts[] = {
  { MSG_HEARTBEAT, "HEARTBEAT", 0, NULL, 0 },
  { MSG_ERROR, "ERROR", 136, f_error, N(f_error) },
  { MSG_LOGIN_REQ, "LOGIN_REQ", 161, f_login_req, N(f_login_req) },
  { MSG_LOGIN_RSP, "LOGIN_RSP", 176, f_login_rsp, N(f_login_rsp) },
  { MSG_REPORT_SUBSCRIBE_REQ, "REPORT_SUBSCRIBE_REQ", 8, f_report_sub, N(f_report_sub) },
  { MSG_ORDER_REQ, "ORDER_REQ", 66, f_order_req, N(f_order_req) },
  { MSG_ORDER_RSP, "ORDER_RSP", 196, f_order_rsp, N(f_order_rsp) },
  { MSG_CANCEL_REQ, "CANCEL_REQ", 64, f_cancel_req, N(f_cancel_req) },
  { MSG_CANCEL_RSP, "CANCEL_RSP", 197, f_cancel_rsp, N(f_cancel_rsp) },
  { MSG_ORDER_REPORT, "ORDER_REPORT", WIRE_ORDER_RECORD, f_order_report, N(f_order_report) },
  { MSG_TRADE_REPORT, "TRADE_REPORT", WIRE_TRADE_RECORD, f_trade_report, N(f_trade_report) },
  { MSG_RISK_NOTIFY, "RISK_NOTIFY", 133, f_risk, N(f_risk) },
  { MSG_QUERY_REQ, "QUERY_REQ", 57, f_query_req, N(f_query_req) },
  { MSG_QUERY_RSP, "QUERY_RSP", WIRE_QUERY_RSP_FIXED, f_query_rsp, N(f_query_rsp) },
  { MSG_MD_LOGIN_REQ, "MD_LOGIN_REQ", 96, f_md_login_req, N(f_md_login_req) },
  { MSG_MD_LOGIN_RSP, "MD_LOGIN_RSP", 132, f_md_login_rsp, N(f_md_login_rsp) },
  { MSG_MD_SUBSCRIBE_REQ, "MD_SUBSCRIBE_REQ", WIRE_MD_SUBSCRIBE_REQ_FIXED, f_md_sub_req, N(f_md_sub_req) },
  { MSG_MD_SUBSCRIBE_RSP, "MD_SUBSCRIBE_RSP", 136, f_md_sub_rsp, N(f_md_sub_rsp) },
  { MSG_MARKET_DATA, "MARKET_DATA", 257, f_market_data, N(f_market_data) },
  { MSG_BASE_INFO, "BASE_INFO", 98, f_base_info, N(f_base_info) },
};
static const wire_layout_t k_records[] = {
  { 0, "ORDER_RECORD", WIRE_ORDER_RECORD, f_order_report, N(f_order_report) },
  { 0, "TRADE_RECORD", WIRE_TRADE_RECORD, f_trade_report, N(f_trade_report) },
  { 0, "POSITION_RECORD", WIRE_POSITION_RECORD, f_position, N(f_position) },
  { 0, "CASH_RECORD", WIRE_CASH_RECORD, f_cash, N(f_cash) },
  { 0, "SECURITY_RECORD", WIRE_SECURITY_RECORD, f_security, N(f_security) },
};

const wire_layout_t* wire_layout(uint16_t type) {
  for (int i = 0; i < N(k_layouts); i++)
    if (k_layouts[i].type == type) return &k_layouts[i];
  return NULL;
}
const wire_layout_t* wire_record_layout(int kind) {
  if (kind < HFT_QUERY_ORDERS || kind > HFT_QUERY_SECURITIES) return NULL;
  return &k_records[kind - 1];
}
const char* wire_type_name(uint16_t type) {
  const wire_layout_t* l = wire_layout(type);
  return l ? l->name : "UNKNOWN";
}
uint16_t wire_type_by_name(const char* name) {
  for (int i = 0; i < N(k_layouts); i++)
    if (strcmp(k_layouts[i].name, name) == 0) return k_layouts[i].type;
  return 0;
}

/* ---- generic field decode / encode ---- */
static int is_safe(int64_t v) { return v >= -WIRE_MAX_SAFE_INT && v <= WIRE_MAX_SAFE_INT; }

/* Decodes the fields of `l` from p (which holds at least the fields' bytes) into the struct at
 * base. The struct is zeroed by the caller. */
static int decode_fields(const wire_layout_t* l, const uint8_t* p, uint8_t* base, wire_err_t* err) {
  for (int i = 0; i < l->nfields; i++) {
    const wire_field_t* fd = &l->fields[i];
    switch (fd->kind) {
      case WF_U8: {
        uint8_t v = p[0];
        if (fd->min <= fd->max && (v < fd->min || v > fd->max))
          return fail(err, WIRE_E_MALFORMED, "%s.%s: %u is not a valid value (%d-%d)", l->name,
                      fd->name, (unsigned)v, fd->min, fd->max);
        c_set_u(base, fd, v);
        break;
      }
      case WF_BOOL:
        if (p[0] > 1)
          return fail(err, WIRE_E_MALFORMED, "%s.%s: %u is not a boolean (0 or 1)", l->name, fd->name,
                      (unsigned)p[0]);
        c_set_u(base, fd, p[0]);
        break;
      case WF_U16:
        c_set_u(base, fd, rd_le(p, 2));
        break;
      case WF_U32:
      case WF_I32:
        c_set_u(base, fd, rd_le(p, 4));
        break;
      case WF_I64:
      case WF_U64: {
        uint64_t v = rd_le(p, 8);
        int ok = fd->kind == WF_U64 ? v <= (uint64_t)WIRE_MAX_SAFE_INT : is_safe((int64_t)v);
        if (!ok)
          return fail(err, WIRE_E_MALFORMED, "%s.%s: 64-bit value outside +-(2^53-1)", l->name,
                      fd->name);
        c_set_u(base, fd, v);
        break;
      }
      case WF_I64X5:
        for (int k = 0; k < 5; k++) {
          uint64_t v = rd_le(p + 8 * k, 8);
          if (!is_safe((int64_t)v))
            return fail(err, WIRE_E_MALFORMED, "%s.%s[%d]: 64-bit value outside +-(2^53-1)",
                        l->name, fd->name, k);
          memcpy(base + fd->offset + 8 * k, &v, 8);
        }
        break;
      case WF_STR: {
        const uint8_t* nul = memchr(p, 0, fd->size);
        if (!nul)
          return fail(err, WIRE_E_MALFORMED, "%s.%s: text of %u bytes has no terminating NUL",
                      l->name, fd->name, (unsigned)fd->size);
        size_t n = (size_t)(nul - p);
        memcpy(base + fd->offset, p, n);
        memset(base + fd->offset + n, 0, fd->csize - n);
        break;
      }
    }
    p += fd->size;
  }
  return WIRE_OK;
}

static int encode_fields(const wire_layout_t* l, const uint8_t* base, uint8_t* p, wire_err_t* err) {
  for (int i = 0; i < l->nfields; i++) {
    const wire_field_t* fd = &l->fields[i];
    switch (fd->kind) {
      case WF_U8:
      case WF_BOOL: {
        int64_t v = (int64_t)c_get_u(base, fd, 1);
        if (fd->kind == WF_BOOL) v = v ? 1 : 0;
        if (v < 0 || v > 255)
          return fail(err, WIRE_E_ENCODE, "%s.%s: %lld does not fit in u8", l->name, fd->name,
                      (long long)v);
        if (fd->min <= fd->max && (v < fd->min || v > fd->max))
          return fail(err, WIRE_E_ENCODE, "%s.%s: %lld is not a valid value (%d-%d)", l->name,
                      fd->name, (long long)v, fd->min, fd->max);
        p[0] = (uint8_t)v;
        break;
      }
      case WF_U16: {
        int64_t v = (int64_t)c_get_u(base, fd, 1);
        if (v < 0 || v > 65535)
          return fail(err, WIRE_E_ENCODE, "%s.%s: %lld does not fit in u16", l->name, fd->name,
                      (long long)v);
        wr_le(p, (uint64_t)v, 2);
        break;
      }
      case WF_U32:
        wr_le(p, c_get_u(base, fd, 0), 4);
        break;
      case WF_I32:
        wr_le(p, c_get_u(base, fd, 1), 4);
        break;
      case WF_I64:
      case WF_U64: {
        uint64_t v = c_get_u(base, fd, 0);
        int ok = fd->kind == WF_U64 ? v <= (uint64_t)WIRE_MAX_SAFE_INT : is_safe((int64_t)v);
        if (!ok)
          return fail(err, WIRE_E_ENCODE, "%s.%s: value outside +-(2^53-1)", l->name, fd->name);
        wr_le(p, v, 8);
        break;
      }
      case WF_I64X5:
        for (int k = 0; k < 5; k++) {
          int64_t v;
          memcpy(&v, base + fd->offset + 8 * k, 8);
          if (!is_safe(v))
            return fail(err, WIRE_E_ENCODE, "%s.%s[%d]: value outside +-(2^53-1)", l->name,
                        fd->name, k);
          wr_le(p + 8 * k, (uint64_t)v, 8);
        }
        break;
      case WF_STR: {
        const uint8_t* s = base + fd->offset;
        const uint8_t* nul = memchr(s, 0, fd->csize);
        if (!nul || (size_t)(nul - s) >= fd->size) /* a text field may be wider than its wire field */
          return fail(err, WIRE_E_ENCODE, "%s.%s: text longer than %u bytes", l->name, fd->name,
                      (unsigned)(fd->size - 1));
        size_t n = (size_t)(nul - s);
        memcpy(p, s, n);
        memset(p + n, 0, fd->size - n);
        break;
      }
    }
    p += fd->size;
  }
  return WIRE_OK;
}

/* ---- decode ---- */
int wire_decode(const wire_frame_t* f, wire_msg_t* out, wire_err_t* err) {
  const wire_layout_t* l = wire_layout(f->type);
  if (!l) return fail(err, WIRE_E_UNKNOWN_TYPE, "unknown message type 0x%04x", f->type);
  memset(out, 0, sizeof *out);
  if (f->type == MSG_QUERY_RSP) {
    wire_query_rsp_t* q = &out->query_rsp;
    if (f->len < WIRE_QUERY_RSP_FIXED)
      return fail(err, WIRE_E_MALFORMED, "QUERY_RSP: payload of %u bytes, at least %u expected",
                  (unsigned)f->len, (unsigned)WIRE_QUERY_RSP_FIXED);
    int rc = decode_fields(l, f->payload, (uint8_t*)q, err);
    if (rc) return rc;
    q->count = (uint32_t)rd_le(f->payload + WIRE_QUERY_RSP_FIXED - 4, 4);
    const wire_layout_t* rl = wire_record_layout(q->kind);
    if (!rl) {
      if (q->count != 0 || f->len != WIRE_QUERY_RSP_FIXED)
        return fail(err, WIRE_E_MALFORMED, "QUERY_RSP.kind: %d is not a valid query kind (1-5)",
                    (int)q->kind);
      return WIRE_OK;
    }
    uint64_t want = WIRE_QUERY_RSP_FIXED + (uint64_t)q->count * rl->size;
    if (want != f->len)
      return fail(err, WIRE_E_MALFORMED,
                  "QUERY_RSP: payload of %u bytes does not match count %u x %u-byte records",
                  (unsigned)f->len, (unsigned)q->count, (unsigned)rl->size);
    q->records = f->payload + WIRE_QUERY_RSP_FIXED;
    wire_record_t scratch;
    for (uint32_t i = 0; i < q->count; i++) {
      memset(&scratch, 0, sizeof scratch);
      rc = decode_fields(rl, q->records + (size_t)i * rl->size, (uint8_t*)&scratch, err);
      if (rc) {
        size_t used = strlen(err->reason);
        snprintf(err->reason + used, sizeof err->reason - used, " (record %u)", (unsigned)i);
        return rc;
      }
    }
    return WIRE_OK;
  }
  if (f->type == MSG_MD_SUBSCRIBE_REQ) {
    wire_md_sub_req_t* s = &out->md_sub_req;
    if (f->len < WIRE_MD_SUBSCRIBE_REQ_FIXED)
      return fail(err, WIRE_E_MALFORMED, "MD_SUBSCRIBE_REQ: payload of %u bytes, at least 4 expected",
                  (unsigned)f->len);
    int rc = decode_fields(l, f->payload, (uint8_t*)s, err);
    if (rc) return rc;
    s->count = (uint32_t)rd_le(f->payload + 2, 2);
    if (f->len != WIRE_MD_SUBSCRIBE_REQ_FIXED + 8u * s->count)
      return fail(err, WIRE_E_MALFORMED, "MD_SUBSCRIBE_REQ: payload of %u bytes does not match count %u",
                  (unsigned)f->len, (unsigned)s->count);
    if (s->count < 1 || s->count > WIRE_MAX_SUBSCRIBE_CODES)
      return fail(err, WIRE_E_MALFORMED, "MD_SUBSCRIBE_REQ.count: %u outside 1-%d",
                  (unsigned)s->count, WIRE_MAX_SUBSCRIBE_CODES);
    s->codes = (const char*)f->payload + WIRE_MD_SUBSCRIBE_REQ_FIXED;
    for (uint32_t i = 0; i < s->count; i++)
      if (!memchr(s->codes + 8 * i, 0, 8))
        return fail(err, WIRE_E_MALFORMED, "MD_SUBSCRIBE_REQ.codes[%u]: text of 8 bytes has no terminating NUL",
                    (unsigned)i);
    return WIRE_OK;
  }
  if (f->len != l->size)
    return fail(err, WIRE_E_MALFORMED, "%s: payload of %u bytes, %u expected", l->name,
                (unsigned)f->len, (unsigned)l->size);
  return decode_fields(l, f->payload, (uint8_t*)out, err);
}

void wire_decode_record(const wire_query_rsp_t* q, uint32_t i, wire_record_t* out) {
  const wire_layout_t* rl = wire_record_layout(q->kind);
  memset(out, 0, sizeof *out);
  if (!rl || i >= q->count) return;
  wire_err_t ignore;
  decode_fields(rl, q->records + (size_t)i * rl->size, (uint8_t*)out, &ignore);
}

/* ---- encode ---- */
static size_t record_csize(int kind) {
  switch (kind) {
    case HFT_QUERY_ORDERS: return sizeof(hft_order_report_t);
    case HFT_QUERY_TRADES: return sizeof(hft_trade_report_t);
    case HFT_QUERY_POSITIONS: return sizeof(hft_position_t);
    case HFT_QUERY_CASH: return sizeof(hft_cash_t);
    case HFT_QUERY_SECURITIES: return sizeof(hft_security_t);
    default: return 0;
  }
}

size_t wire_encoded_size(uint16_t type, const void* msg) {
  const wire_layout_t* l = wire_layout(type);
  if (!l) return 0;
  if (type == MSG_QUERY_RSP && msg) {
    const wire_query_rsp_t* q = (const wire_query_rsp_t*)msg;
    const wire_layout_t* rl = wire_record_layout(q->kind);
    return WIRE_QUERY_RSP_FIXED + (rl ? (size_t)q->count * rl->size : 0);
  }
  if (type == MSG_MD_SUBSCRIBE_REQ && msg)
    return WIRE_MD_SUBSCRIBE_REQ_FIXED + 8u * ((const wire_md_sub_req_t*)msg)->count;
  return l->size;
}

int wire_encode(uint16_t type, uint32_t seq, const void* msg, uint8_t* out, size_t cap,
                size_t* outlen, wire_err_t* err) {
  const wire_layout_t* l = wire_layout(type);
  if (!l) return fail(err, WIRE_E_ENCODE, "unknown message type 0x%04x", type);
  if (!msg && l->nfields) return fail(err, WIRE_E_ENCODE, "%s: no message", l->name);
  size_t plen = wire_encoded_size(type, msg);
  if (type == MSG_QUERY_RSP) {
    const wire_query_rsp_t* q = (const wire_query_rsp_t*)msg;
    if (!wire_record_layout(q->kind) && q->count)
      return fail(err, WIRE_E_ENCODE, "QUERY_RSP.kind: %d has no record layout", (int)q->kind);
    if (q->count && !q->encode_records)
      return fail(err, WIRE_E_ENCODE, "QUERY_RSP: %u records but no record array", (unsigned)q->count);
  }
  if (type == MSG_MD_SUBSCRIBE_REQ) {
    const wire_md_sub_req_t* s = (const wire_md_sub_req_t*)msg;
    if (s->count < 1 || s->count > WIRE_MAX_SUBSCRIBE_CODES || !s->codes)
      return fail(err, WIRE_E_ENCODE, "MD_SUBSCRIBE_REQ.count: %u outside 1-%d", (unsigned)s->count,
                  WIRE_MAX_SUBSCRIBE_CODES);
  }
  if (WIRE_MIN_LENGTH + plen > WIRE_MAX_LENGTH)
    return fail(err, WIRE_E_ENCODE, "%s: %zu-byte payload exceeds the 1 MiB frame limit", l->name, plen);
  if (WIRE_HEADER_SIZE + plen > cap)
    return fail(err, WIRE_E_ENCODE, "%s: buffer of %zu bytes too small for %zu", l->name, cap,
                WIRE_HEADER_SIZE + plen);
  wr_le(out, WIRE_MIN_LENGTH + plen, 4);
  wr_le(out + 4, type, 2);
  wr_le(out + 6, WIRE_VERSION, 2);
  wr_le(out + 8, seq, 4);
  uint8_t* p = out + WIRE_HEADER_SIZE;
  int rc = l->nfields ? encode_fields(l, (const uint8_t*)msg, p, err) : WIRE_OK;
  if (rc) return rc;
  if (type == MSG_QUERY_RSP) {
    const wire_query_rsp_t* q = (const wire_query_rsp_t*)msg;
    wr_le(p + WIRE_QUERY_RSP_FIXED - 4, q->count, 4);
    const wire_layout_t* rl = wire_record_layout(q->kind);
    size_t cs = record_csize(q->kind);
    for (uint32_t i = 0; rl && i < q->count; i++) {
      rc = encode_fields(rl, (const uint8_t*)q->encode_records + (size_t)i * cs,
                         p + WIRE_QUERY_RSP_FIXED + (size_t)i * rl->size, err);
      if (rc) return rc;
    }
  } else if (type == MSG_MD_SUBSCRIBE_REQ) {
    const wire_md_sub_req_t* s = (const wire_md_sub_req_t*)msg;
    wr_le(p + 2, s->count, 2);
    for (uint32_t i = 0; i < s->count; i++) {
      const char* code = s->codes + 8 * i;
      const char* nul = memchr(code, 0, 8);
      if (!nul)
        return fail(err, WIRE_E_ENCODE, "MD_SUBSCRIBE_REQ.codes[%u]: text longer than 7 bytes", (unsigned)i);
      memcpy(p + 4 + 8 * i, code, (size_t)(nul - code));
      memset(p + 4 + 8 * i + (nul - code), 0, 8 - (size_t)(nul - code));
    }
  }
  *outlen = WIRE_HEADER_SIZE + plen;
  return WIRE_OK;
}

/* ---- frame reader ---- */
#define READER_INITIAL (64 * 1024)
#define READER_MAX (WIRE_MAX_LENGTH + 4 + READER_INITIAL)

int frame_reader_init(frame_reader_t* r) {
  memset(r, 0, sizeof *r);
  r->buf = (uint8_t*)malloc(READER_INITIAL);
  if (!r->buf) return -1;
  r->cap = READER_INITIAL;
  return 0;
}

void frame_reader_free(frame_reader_t* r) {
  free(r->buf);
  memset(r, 0, sizeof *r);
}

void frame_reader_reset(frame_reader_t* r) { r->start = r->len = 0; }

uint8_t* frame_reader_space(frame_reader_t* r, size_t* avail) {
  if (r->start == r->len) r->start = r->len = 0;
  /* bytes the frame at `start` needs in total, if its length is known and legal */
  size_t need = 0;
  if (r->len - r->start >= 4) {
    uint32_t flen = (uint32_t)rd_le(r->buf + r->start, 4);
    if (flen >= WIRE_MIN_LENGTH && flen <= WIRE_MAX_LENGTH) need = 4 + (size_t)flen;
  }
  if (r->cap - r->len < 4096 || (need && r->start + need > r->cap)) {
    /* compact, then grow if the current frame still does not fit */
    if (r->start) {
      memmove(r->buf, r->buf + r->start, r->len - r->start);
      r->len -= r->start;
      r->start = 0;
    }
    size_t want = need > r->len + 4096 ? need : r->len + 4096;
    if (want > r->cap) {
      size_t ncap = r->cap;
      while (ncap < want) ncap *= 2;
      if (ncap > READER_MAX) ncap = READER_MAX;
      uint8_t* nb = (uint8_t*)realloc(r->buf, ncap);
      if (!nb) {
        *avail = 0;
        return NULL;
      }
      r->buf = nb;
      r->cap = ncap;
    }
  }
  *avail = r->cap - r->len;
  return r->buf + r->len;
}

void frame_reader_commit(frame_reader_t* r, size_t n) { r->len += n; }

int frame_reader_next(frame_reader_t* r, wire_frame_t* f, wire_err_t* err) {
  size_t have = r->len - r->start;
  const uint8_t* p = r->buf + r->start;
  if (have < 4) return 0;
  uint32_t flen = (uint32_t)rd_le(p, 4);
  if (flen < WIRE_MIN_LENGTH) {
    fail(err, WIRE_E_MALFORMED, "frame length %u is below the minimum of 8", (unsigned)flen);
    return -1;
  }
  if (flen > WIRE_MAX_LENGTH) {
    int text = 1;
    for (int i = 0; i < 4; i++) text &= p[i] >= 0x20 && p[i] < 0x7f;
    if (text) /* e.g. "HTTP": a web server or proxy answered, not a tsgate server */
      fail(err, WIRE_E_OVERSIZED, "frame length %u exceeds the 1 MiB limit; the peer sent text (\"%c%c%c%c\"): is this a tsgate server port?",
           (unsigned)flen, p[0], p[1], p[2], p[3]);
    else
      fail(err, WIRE_E_OVERSIZED, "frame length %u exceeds the 1 MiB limit", (unsigned)flen);
    return -1;
  }
  if (have >= 8) {
    uint16_t version = (uint16_t)rd_le(p + 6, 2);
    if (version != WIRE_VERSION) {
      fail(err, WIRE_E_VERSION, "protocol version %u is not supported (expected %d)",
           (unsigned)version, WIRE_VERSION);
      return -1;
    }
  }
  if (have < 4 + (size_t)flen) return 0;
  f->type = (uint16_t)rd_le(p + 4, 2);
  f->version = (uint16_t)rd_le(p + 6, 2);
  f->seq = (uint32_t)rd_le(p + 8, 4);
  f->len = flen - WIRE_MIN_LENGTH;
  f->payload = p + WIRE_HEADER_SIZE;
  r->start += 4 + (size_t)flen;
  return 1;
}
