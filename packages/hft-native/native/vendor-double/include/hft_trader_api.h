/*
 * hft_trader_api.h (vendor-SDK double) — tsgate's own declarations of the part of the vendor's HFT
 * trading SDK (namespace HFT) that native/vendor-shim uses, so the shim compiles and runs against
 * native/vendor-double/ exactly as it does against the real SDK.
 *
 * Written by us from the facts in the vendor's published headers: repository vnpy/vnpy_hft,
 * commit 906fd5a (2024-02-08), folder vnpy_hft/api/hft/include/hft/, read on 2026-12-02. Only the
 * names, field order, array sizes, numeric values and documented units are taken from them; no
 * text is copied. Each group below names the upstream file it follows.
 *
 * Not binary compatible with the real SDK on purpose: TraderApi/TraderSpi declare only the
 * virtual functions the shim calls or overrides, so their vtables differ from the vendor's. The
 * double is a source-level stand-in: the shim is rebuilt against the real headers for a broker.
 */
#ifndef TSGATE_VENDOR_DOUBLE_HFT_TRADER_API_H
#define TSGATE_VENDOR_DOUBLE_HFT_TRADER_API_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  define HFT_TRADER_EXPORT
#else
#  define HFT_TRADER_EXPORT __attribute__((visibility("hidden")))
#endif

namespace HFT {

/* ---- hft_trader_common.h: fixed-size text types are N characters + NUL ---- */
typedef char char8[9];
typedef char char16[17];
typedef char char32[33];
typedef char char40[41];
typedef char char64[65];
typedef char char128[129];
typedef char char256[257];

struct ErrorInfo {
  int32_t err_code;
  char256 err_msg; /* GBK on Windows, UTF-8 on Linux */
  ErrorInfo() : err_code(0) { err_msg[0] = 0; }
};

enum LogLevel {
  LogLevel_Debug,
  LogLevel_Info,
  LogLevel_Warn,
  LogLevel_Error,
  LogLevel_Critical,
  LogLevel_Off,
};

/* ---- hft_trader_struct.h: money and prices are int64 scaled by 10,000 ---- */
typedef int64_t Amt_t;
typedef int64_t Price_t;
typedef int32_t Percent_t; /* scaled by 100 */

struct RiskNotify {
  char16 secuid;
  char32 alarm_score;
  char32 alarm_status;
  char32 alarm_rule;
  char32 alarm_time;
  char256 alarm_msg;
};

struct AccountInfo {
  char16 account_id;
  int16_t account_type; /* AccountType */
  char16 account_pwd;
  char8 cust_orgid;
  char8 cust_branchid;
  char40 cl_system_id;
};

struct SecuidInfo {
  char8 market;
  char16 secuid;
  char32 fund_id;
  int16_t account_type;
  char account_status;
  char account_class;
};

struct LoginRsp {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  char16 cust_id;
  char128 cust_name;
  SecuidInfo secuid_array[10];
  char32 cif_account;
  char32 user_code;
  char256 user_token;
  char256 token_serial_no;
  char64 sm3_cipher;
  int sys_node_type;
  char clear_switch_flag;
  char trade_switch_flag;
  char8 sys_server_id;
  char operway;
  int16_t sys_shbond_type;
  SecuidInfo ext_secuid_array[10];
  char8 reg_branchid;
};

struct OrderReq {
  char32 cl_order_id;
  char32 symbol; /* "SH.600000" */
  int16_t order_type;
  int16_t side;
  int64_t volume;
  Price_t price; /* 0 for market orders */
  int16_t order_flag;
  uint16_t policy_id;
  int16_t share_property;
};

struct OrderRsp {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  int32_t order_date;
  char32 order_id;
  char32 cl_order_id;
  char32 contract_id;
  char32 ex_order_id;
};

struct CancelReq {
  char32 order_id;
  char32 cl_order_id;
  char32 cl_cancel_id;
  /* the original order's fields, required by some counters (君睿低延时) */
  char32 symbol;
  int16_t order_type;
  int16_t side;
  int64_t volume;
  Price_t price;
};

struct CancelRsp {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  char32 order_id;
  char32 cl_order_id;
  char32 cl_cancel_id;
  char32 cancel_id;
  char32 ex_order_id;
};

struct QryByCodeReq {
  char32 symbol; /* required */
};

struct QryOrdersReq {
  char32 pos_str;
  int32_t query_num; /* at most 500 */
  int query_flag;
  char8 market;
};

struct OrderDetail {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  char32 order_id;      /* for a cancel request: the counter's cancel id */
  char32 cl_order_id;
  char32 orig_order_id; /* cancel requests only: the order being cancelled */
  char32 symbol;
  int16_t order_status;
  int16_t order_type;
  int16_t side;
  int64_t volume;
  Price_t price;
  int64_t filled_volume;   /* set in queries; empty in pushes on some counters */
  Amt_t filled_turnover;   /* set in queries; empty in pushes */
  Price_t filled_price;
  int64_t cancel_volume;
  int16_t cancel_flag;     /* CancelFlag */
  int32_t order_date;      /* YYYYMMDD */
  int32_t order_time;      /* HHMMSSmmm */
  int32_t err_code;
  char256 err_msg;
  char16 secuid;
  char32 name;
  Amt_t freeze_amount;
  char32 contract_id;
  char32 ex_order_id;
};

struct QryTradesReq {
  char32 pos_str;
  int32_t query_num;
  char8 market;
  bool filter_etf;
  char32 counter_order_id;
};

struct TradeDetail {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  char32 order_id;
  char32 cl_order_id;
  char32 symbol;
  int16_t order_type;
  int16_t side;
  int16_t report_type; /* TradeReportType */
  char32 report_no;    /* trade id */
  int64_t volume;
  Price_t price;
  Amt_t turnover;
  int32_t trade_date; /* YYYYMMDD */
  int32_t trade_time; /* HHMMSSmmm */
  int32_t err_code;
  char256 err_msg;
  char16 secuid;
  char32 name;
  char32 contract_id;
  char32 ex_report_no;
  char32 ex_order_id;
  int16_t margin_amt_type;
  Price_t order_price;
  int64_t order_qty;
};

struct QryPositionsReq {
  char32 pos_str;
  int32_t query_num;
  char8 market;
};

struct PositionDetail {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  char32 symbol;
  int16_t side;
  int64_t volume;
  int64_t avail_volume;
  int64_t init_volume;
  Amt_t market_value;
  int64_t today_buy_volume;
  int64_t today_sell_volume;
  char16 secuid;
  Price_t cost_price;
  Amt_t buy_cost;
  Price_t last_price;
  Amt_t income;
  Amt_t total_income;
  Amt_t profit_cost;
  int64_t today_avail_pr_volume;
  int32_t market;
  int32_t security_type;
  int64_t freeze_volume;
  char32 name;
  int32_t currency_type;
  int32_t security_type_apex;
  Price_t profit_price;
};

struct QryCashReq {
  char8 market;
};

struct CashDetail {
  char16 account_id;
  int16_t account_type;
  char8 cust_orgid;
  char8 cust_branchid;
  int16_t currency_type;
  Amt_t total_amount;
  Amt_t avail_amount;
  Amt_t total_asset;
  Amt_t market_value;
  Amt_t init_amount;
  Amt_t fetch_balance;
};

struct SecurityBaseInfo {
  char32 symbol;
  char32 name;
  int32_t security_type;   /* SecurityTypeDetail */
  int32_t security_status; /* SecurityStatus */
  Price_t price_tick;
  Price_t limit_up;
  Price_t limit_down;
  int64_t max_qty;
  int64_t min_qty;
  Price_t buy_tick;  /* buy unit in shares, scaled by 10,000 like a price */
  Price_t sale_tick; /* sell unit, scaled by 10,000 */
  int32_t has_price_limit;
  Percent_t limit_up_rate;
  int32_t is_registration;
  Percent_t limit_down_rate;
};

/* ---- hft_trader_def.h ---- */
enum OrderStatus {
  OrderStatus_PendingNew = 1,
  OrderStatus_New = 2,
  OrderStatus_PartiallyFilled = 3,
  OrderStatus_Filled = 4,
  OrderStatus_PendingCancel = 5,
  OrderStatus_Canceling = 6,
  OrderStatus_CancelFilled = 7,
  OrderStatus_PartiallyCanceled = 8,
  OrderStatus_Rejected = 9,
  OrderStatus_CancelRejected = 10,
};

enum OrderType {
  OrderType_LMT = 1,
  OrderType_BOC = 2,  /* best price of the opposite side: SZ */
  OrderType_BOP = 3,  /* best price of own side: SZ */
  OrderType_B5TC = 4, /* best five, rest cancelled: SH, SZ */
  OrderType_B5TL = 5, /* best five, rest becomes a limit order: SH */
  OrderType_IOC = 6,  /* immediate or cancel: SH, SZ; not STAR */
  OrderType_AON = 7,  /* all or nothing: SH, SZ; not STAR */
};

enum OrderSide {
  OrderSide_Bid = 1,
  OrderSide_Ask = 2,
  OrderSide_Margin_Bid = 13,       /* 融资买入 */
  OrderSide_Margin_Ask = 14,       /* 融券卖出 */
  OrderSide_ETF_Create = 17,       /* ETF 申购 */
  OrderSide_ETF_Redeem = 18,       /* ETF 赎回 */
  OrderSide_Margin_EnBuyBack = 20, /* 买券还券 */
  OrderSide_Margin_EnSellBack = 21, /* 卖券还款 */
};

enum TradeReportType {
  TradeReportType_Normal = 1,
  TradeReportType_Cancel = 2,
  TradeReportType_Abolish = 3,
  TradeReportType_InsideCancel = 4,
  TradeReportType_CancelAbolish = 5,
};

enum AccountType {
  AccountType_Stock = 1,
  AccountType_Futures = 2,
  AccountType_Options = 3,
  AccountType_Margin = 4,
};

enum CancelFlag {
  CancelFlag_False = 1,
  CancelFlag_True = 2,
};

enum SecurityTypeDetail {
  SecurityTypeDetail_ZBAG = 1, /* main-board A share */
  SecurityTypeDetail_ZXBG = 2, /* SME board */
  SecurityTypeDetail_CYBG = 3, /* ChiNext */
  SecurityTypeDetail_GZ = 5,   /* treasury bond */
  SecurityTypeDetail_KZZ = 8,  /* convertible bond */
  SecurityTypeDetail_GPETF = 14, /* stock ETF */
};

/* ---- hft_trader_api.h ---- */
class TraderSpi {
 public:
  virtual ~TraderSpi() {}
  virtual void OnDisconnect() {}
  virtual void OnError(ErrorInfo* error_info, int request_id = 0) { (void)error_info, (void)request_id; }
  virtual void OnRiskNotify(RiskNotify* risk_notify) { (void)risk_notify; }
  virtual void OnLogin(LoginRsp* rsp, ErrorInfo* error_info) { (void)rsp, (void)error_info; }
  virtual void OnTradeReport(TradeDetail* trade_detail) { (void)trade_detail; }
  virtual void OnOrderStatus(OrderDetail* order_detail) { (void)order_detail; }
  virtual void OnOrderRsp(OrderRsp* order_rsp, ErrorInfo* error_info, int request_id, bool is_last) {
    (void)order_rsp, (void)error_info, (void)request_id, (void)is_last;
  }
  virtual void OnCancelRsp(CancelRsp* cancel_rsp, ErrorInfo* error_info, int request_id, bool is_last) {
    (void)cancel_rsp, (void)error_info, (void)request_id, (void)is_last;
  }
  virtual void OnQueryOrderRsp(OrderDetail* d, ErrorInfo* e, int request_id, bool is_last, const char* pos_str) {
    (void)d, (void)e, (void)request_id, (void)is_last, (void)pos_str;
  }
  virtual void OnQueryTradeRsp(TradeDetail* d, ErrorInfo* e, int request_id, bool is_last, const char* pos_str) {
    (void)d, (void)e, (void)request_id, (void)is_last, (void)pos_str;
  }
  virtual void OnQueryPositionRsp(PositionDetail* d, ErrorInfo* e, int request_id, bool is_last,
                                  const char* pos_str) {
    (void)d, (void)e, (void)request_id, (void)is_last, (void)pos_str;
  }
  virtual void OnQueryCashRsp(CashDetail* d, ErrorInfo* e, int request_id) { (void)d, (void)e, (void)request_id; }
  virtual void OnQuerySecurityBaseInfoRsp(SecurityBaseInfo* d, ErrorInfo* e, int request_id, bool is_last) {
    (void)d, (void)e, (void)request_id, (void)is_last;
  }
};

class HFT_TRADER_EXPORT TraderApi {
 public:
  static TraderApi* CreateTraderApi();
  /* once, before CreateTraderApi; the directory for the SDK's log files */
  static void SetLogConfig(const char* log_path, LogLevel log_level = LogLevel_Info);
  /* intervals in seconds, at least 5 and 6 */
  static void SetReconnectConfig(int max_retry_count, int min_interval, int max_interval);
  virtual void Release() = 0;
  virtual ErrorInfo* GetApiLastError() = 0;
  virtual void RegisterSpi(TraderSpi* spi) = 0;
  virtual int Login(const char* svr_ip, int svr_port, const AccountInfo* account_info, const char* terminal_info) = 0;
  virtual int Order(OrderReq* order, int request_id) = 0;
  virtual int CancelOrder(CancelReq* cancel, int request_id) = 0;
  virtual int BatchCancelOrder(CancelReq* cancels, int count, int request_id) = 0; /* at most 500 */
  virtual int QueryOrders(QryOrdersReq* qry_req, int request_id) = 0;
  virtual int QueryTrades(QryTradesReq* qry_req, int request_id) = 0;
  virtual int QueryPositions(QryPositionsReq* qry_req, int request_id) = 0;
  virtual int QueryCash(QryCashReq* qry_req, int request_id) = 0;
  virtual int QuerySecurityBaseInfo(QryByCodeReq* qry_req, int request_id) = 0;

 protected:
  virtual ~TraderApi() {}
};

}  // namespace HFT

#endif
