/**
 * Byte layouts of the ABI structs (hft_api.h), written out by hand from the header: natural C
 * alignment, explicit padding. Field keys are the C member names so that test/layout.test.ts can
 * generate a C program printing offsetof/sizeof for every entry and compare; at load time the sizes are
 * checked against the library itself through hft_struct_size().
 */

import { HFT_ERROR_MSG_SIZE, HFT_EVENT_SIZE } from "./constants.js";

/** Byte offset and byte size of one struct member. */
export interface FieldSpec {
  readonly offset: number;
  readonly size: number;
}

/** A struct's C typedef name, total size and members. */
export interface StructLayout<F extends string = string> {
  readonly cName: string;
  readonly size: number;
  readonly fields: { readonly [K in F]: FieldSpec };
}

function layout<F extends string>(
  cName: string,
  size: number,
  fields: { readonly [K in F]: readonly [offset: number, size: number] },
): StructLayout<F> {
  const out = {} as { [K in F]: FieldSpec };
  for (const key of Object.keys(fields) as F[]) {
    const [offset, fieldSize] = fields[key];
    out[key] = { offset, size: fieldSize };
  }
  return { cName, size, fields: out };
}

// ---- requests ----

export const CONN_CONFIG = layout("hft_conn_config_t", 104, {
  host: [0, 64],
  port: [64, 2],
  heartbeat_interval_ms: [68, 4],
  heartbeat_timeout_ms: [72, 4],
  connect_timeout_ms: [76, 4],
  reconnect_min_ms: [80, 4],
  reconnect_max_ms: [84, 4],
  connect_retries: [88, 4],
  event_capacity: [92, 4],
  overflow_policy: [96, 4],
});

export const LOGIN_REQ = layout("hft_login_req_t", 168, {
  account_id: [0, 32],
  password: [32, 64],
  cust_orgid: [96, 16],
  cust_branchid: [112, 16],
  cl_system_id: [128, 32],
  account_type: [160, 4],
});

export const ORDER_REQ = layout("hft_order_req_t", 72, {
  cl_order_id: [0, 32],
  symbol: [32, 16],
  volume: [48, 8],
  price: [56, 8],
  order_type: [64, 4],
  side: [68, 4],
});

export const QUERY_REQ = layout("hft_query_req_t", 64, {
  request_id: [0, 4],
  kind: [4, 4],
  pos_str: [8, 32],
  query_num: [40, 4],
  symbol: [44, 16],
});

// ---- event payloads ----

export const EVENT_HEADER = layout("hft_event_header_t", 24, {
  type: [0, 2],
  flags: [2, 2],
  error_code: [4, 4],
  request_id: [8, 4],
  event_seq: [16, 8],
});

export const STATUS_INFO = layout("hft_status_info_t", 208, {
  os_error: [0, 4],
  attempt: [4, 4],
  will_reconnect: [8, 4],
  message: [16, 192],
});

export const ERROR_INFO = layout("hft_error_info_t", 400, {
  ref_seq: [0, 4],
  message: [8, HFT_ERROR_MSG_SIZE],
});

export const LOGIN_RSP = layout("hft_login_rsp_t", 440, {
  error_msg: [0, HFT_ERROR_MSG_SIZE],
  account_id: [392, 32],
  trading_day: [424, 4],
  last_report_seq: [432, 8],
});

export const ORDER_RSP = layout("hft_order_rsp_t", 456, {
  cl_order_id: [0, 32],
  order_id: [32, 32],
  error_msg: [64, HFT_ERROR_MSG_SIZE],
});

export const CANCEL_RSP = layout("hft_cancel_rsp_t", 464, {
  order_id: [0, 32],
  cl_order_id: [32, 32],
  error_msg: [64, HFT_ERROR_MSG_SIZE],
  status: [456, 4],
});

export const ORDER_REPORT = layout("hft_order_report_t", 560, {
  report_seq: [0, 8],
  order_id: [8, 32],
  cl_order_id: [40, 32],
  symbol: [72, 16],
  side: [88, 4],
  order_type: [92, 4],
  status: [96, 4],
  error_code: [100, 4],
  price: [104, 8],
  volume: [112, 8],
  filled_volume: [120, 8],
  filled_amount: [128, 8],
  canceled_volume: [136, 8],
  frozen_cash: [144, 8],
  error_msg: [152, HFT_ERROR_MSG_SIZE],
  trading_day: [544, 4],
  create_time: [548, 4],
  update_time: [552, 4],
});

export const TRADE_REPORT = layout("hft_trade_report_t", 168, {
  report_seq: [0, 8],
  trade_id: [8, 32],
  order_id: [40, 32],
  cl_order_id: [72, 32],
  symbol: [104, 16],
  side: [120, 4],
  price: [128, 8],
  volume: [136, 8],
  amount: [144, 8],
  fee: [152, 8],
  trading_day: [160, 4],
  trade_time: [164, 4],
});

export const RISK_NOTIFY = layout("hft_risk_notify_t", 400, {
  level: [0, 4],
  code: [4, 4],
  message: [8, HFT_ERROR_MSG_SIZE],
});

export const POSITION = layout("hft_position_t", 96, {
  symbol: [0, 16],
  volume: [16, 8],
  yd_volume: [24, 8],
  available_volume: [32, 8],
  frozen_volume: [40, 8],
  today_buy_volume: [48, 8],
  cost_amount: [56, 8],
  cost_price: [64, 8],
  last_price: [72, 8],
  market_value: [80, 8],
  pnl: [88, 8],
});

export const CASH = layout("hft_cash_t", 80, {
  account_id: [0, 32],
  balance: [32, 8],
  available: [40, 8],
  frozen: [48, 8],
  market_value: [56, 8],
  total_asset: [64, 8],
  total_fee: [72, 8],
});

export const SECURITY = layout("hft_security_t", 136, {
  symbol: [0, 16],
  name: [16, 64],
  security_type: [80, 4],
  board: [84, 4],
  pre_close: [88, 8],
  limit_up: [96, 8],
  limit_down: [104, 8],
  price_tick: [112, 8],
  lot_size: [120, 8],
  min_buy_volume: [128, 8],
});

export const SUB_RSP = layout("hft_sub_rsp_t", 408, {
  action: [0, 4],
  market: [4, 4],
  count: [8, 4],
  error_msg: [16, HFT_ERROR_MSG_SIZE],
});

export const MARKET_DATA = layout("hft_market_data_t", 264, {
  md_seq: [0, 8],
  market: [8, 4],
  code: [12, 8],
  trading_day: [20, 4],
  time: [24, 4],
  pre_close: [32, 8],
  open: [40, 8],
  high: [48, 8],
  low: [56, 8],
  last: [64, 8],
  limit_up: [72, 8],
  limit_down: [80, 8],
  volume: [88, 8],
  turnover: [96, 8],
  bid_price: [104, 40],
  bid_volume: [144, 40],
  ask_price: [184, 40],
  ask_volume: [224, 40],
});

export const BASE_INFO = layout("hft_base_info_t", 128, {
  market: [0, 4],
  code: [4, 8],
  name: [12, 64],
  security_type: [76, 4],
  pre_close: [80, 8],
  limit_up: [88, 8],
  limit_down: [96, 8],
  price_tick: [104, 8],
  lot_size: [112, 8],
  min_buy_volume: [120, 8],
});

export const OVERFLOW_INFO = layout("hft_overflow_info_t", 16, {
  dropped: [0, 8],
  dropped_total: [8, 8],
});

/**
 * Offsets inside hft_event_t: `body` follows the 24-byte header; the query_* union members are
 * `{ hft_query_page_t page; <record> }`, the record 8-aligned after the 32-byte cursor.
 */
export const EVENT = layout("hft_event_t", HFT_EVENT_SIZE, {
  header: [0, 24],
  body: [24, HFT_EVENT_SIZE - 24],
});

/** Offset of `page.next_pos_str` and of the record inside a query_* union member. */
export const QUERY_PAGE_NEXT_POS_STR = 0;
export const QUERY_PAGE_NEXT_POS_STR_SIZE = 32;
export const QUERY_RECORD_OFFSET = 32;

/** Every struct whose size is checked against hft_struct_size() at load. */
export const CHECKED_STRUCTS: readonly StructLayout[] = [
  CONN_CONFIG,
  LOGIN_REQ,
  ORDER_REQ,
  QUERY_REQ,
  EVENT_HEADER,
  STATUS_INFO,
  ERROR_INFO,
  LOGIN_RSP,
  ORDER_RSP,
  CANCEL_RSP,
  ORDER_REPORT,
  TRADE_REPORT,
  RISK_NOTIFY,
  POSITION,
  CASH,
  SECURITY,
  SUB_RSP,
  MARKET_DATA,
  BASE_INFO,
  OVERFLOW_INFO,
  EVENT,
];
