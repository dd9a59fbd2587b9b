/*
 * isipuix.h (vendor-SDK double) — tsgate's own declarations of the part of the vendor's SIP
 * market-data SDK (namespace api) that native/vendor-shim uses.
 *
 * Written by us from the facts in the vendor's published headers: repository vnpy/vnpy_hft,
 * commit 906fd5a (2024-02-08), folder vnpy_hft/api/sip/include/sip/, read on 2026-12-02: names,
 * field order, array sizes, numeric values and documented units only; no text is copied. The
 * structs are byte-packed as upstream (#pragma pack(1)). Each group names the file it follows.
 * Like hft_trader_api.h here, CSipMdApi/CSipMdSpi declare only the virtual functions the shim
 * uses: source-compatible with the real SDK, not binary-compatible.
 */
#ifndef TSGATE_VENDOR_DOUBLE_ISIPUIX_H
#define TSGATE_VENDOR_DOUBLE_ISIPUIX_H

#include <stdint.h>

/* ---- tdef.h ---- */
typedef short int T_I16;
typedef unsigned short int T_U16;
typedef int T_I32;
typedef unsigned int T_U32;
typedef long long T_I64;

#pragma pack(push, 1)

/* ---- tshmarket.h: L1 snapshot. Prices u32 x10,000; nTime is HHMMSSmmmm (tenths of ms). ---- */
typedef struct t_SH_StockMarketDataL1 {
  T_I32 nTime;
  T_I32 nStatus;
  T_U32 uPreClose;
  T_U32 uOpen;
  T_U32 uHigh;
  T_U32 uLow;
  T_U32 uMatch;
  T_U32 uAskPrice[5];
  T_U32 uAskVol[5];
  T_U32 uBidPrice[5];
  T_U32 uBidVol[5];
  T_U32 uNumTrades;
  T_I64 iVolume;
  T_I64 iTurnover;
  T_U32 uHighLimited;
  T_U32 uLowLimited;
  char sTradingPhraseCode[8];
  T_I32 nPreIOPV;
  T_I32 nIOPV;
} StockMarketDataL1, T_SH_StockMarketDataL1;

/* ---- tshmarket.h: SSE product base info (cpxx file). Prices N(3) are scaled x10,000; the
 * quantity units N12 are plain share counts. ---- */
typedef struct t_CPXX {
  char szStkCode[6];
  char szISIN[12];
  T_U32 uUpdateTime;
  char szStkNameZN[8];
  char szStkNameEn[10];
  char szUnderlyingCode[6];
  char szMktClass[4];
  char szStkClass[6]; /* "ES" stock, "EU" fund, "D" bond, "RWS" warrant, "FF" futures */
  char szStkSubClass[3];
  char szCurrency[3];
  T_I64 i64FaceValue;
  T_I64 i64MatchQty;
  char szLastDate[15];
  T_U32 uListingData;
  T_U32 uProductSETId;
  T_I64 i64BuyNumUnit;  /* buy quantities must be multiples of this */
  T_I64 i64SellNumUnit;
  T_I64 i64DecalaredLowestNum;
  T_I64 i64DecalaredHightestNum;
  T_I64 i64PreClosePrice;
  T_I64 i64PriceLevel;  /* price tick */
  char cPriceLimitsType;
  T_I64 i64UpLimitsPrice;
  T_I64 i64LowerLimitPrice;
  T_I64 i64DividendRatio;
  T_I64 i64DividendAmount;
  char cFinaSubjectFlag;
  char cMarginSubjectFlag;
  char szProdStatusFlag[20];
  T_I64 i64MPDecalaredLowestNum;
  T_I64 i64MPDecalaredHightestNum;
  char szStkNameZNLong[32];
  char szNote[50];
} T_CPXX, T_SH_BaseInfo;

/* ---- tszopmarket.h: SZSE securities + cash-auction parameters. N(x) fields are integers
 * scaled x10,000 (upstream says so for i64QtyUnit; we read the other N15(2)/N13(4) alike). ---- */
typedef struct t_StockParams {
  char sIndustryClassification[4];
  T_I32 nPreviousYearProfitPerShare;
  T_I32 nCurrentYearProfitPerShare;
  char cOfferingFlag;
} T_STOCKPARAMS;
typedef struct t_FundParams {
  T_I64 i64NAV;
} T_FUNDPARAMS;
typedef struct t_BondParams {
  T_I64 i64CouponRate;
  T_I64 i64IssuePrice;
  T_I64 i64Interest;
  T_I32 nInterestAccrualDate;
  T_I32 nMaturityDate;
  char cOfferingFlag;
} T_BONDPARAMS;
typedef struct t_WarrantParams {
  T_I64 i64ExercisePrice;
  T_I64 i64ExerciseRatio;
  T_I32 nExerciseBeginDate;
  T_I32 nExerciseEndDate;
  char cCallOrPut;
  char cDeliveryType;
  T_I64 i64ClearingPrice;
  char cExerciseType;
  T_I32 nLastTradeDay;
} T_WARRANTPARAMS;
typedef struct t_RepoParams {
  T_I32 nExpirationDays;
} T_REPOPARAMS;
typedef struct t_OptionParams {
  char cCallOrPut;
  T_U16 usListType;
  T_I32 nDeliveryDay;
  T_I32 nDeliveryMonth;
  char cDeliveryType;
  T_I32 nExerciseBeginDate;
  T_I32 nExerciseEndDate;
  T_I64 i64ExercisePrice;
  char cExerciseType;
  T_I32 nLastTradeDay;
  T_U16 usAdjustTimes;
  T_I64 i64ContractUnit;
  T_I64 i64PrevClearingPrice;
  T_I64 i64ContractPosition;
} T_OPTIONPARAMS;
typedef struct t_PreferredStockParams {
  char cOfferingFlag;
} T_PREFERREDSTOCKPARAMS;

typedef struct t_BaseInfo {
  char sSecurityID[8];
  char sSecurityIDSource[4];
  char sSymbol[40]; /* short name */
  char sEnglishName[40];
  char sISIN[12];
  char sUnderlyingSecurityID[8];
  char sUnderlyingSecurityIDSource[4];
  T_U32 uListDate;
  T_U16 usSecurityType; /* 1-4 shares, 5-11 bonds, 12 repo, 14-20 ETFs, 23-26 funds, ... */
  char sCurrency[4];
  T_I64 i64QtyUnit;     /* x10,000 */
  char cDayTrading;
  T_I64 i64PrevClosePx; /* x10,000 */
  T_U16 usSecurityStatus[20];
  T_I64 i64OutstandingShare;
  T_I64 i64PublicFloatShareQuantity;
  T_I64 i64ParValue;
  char cGageFlag;
  T_I32 nGageRatio;
  char cCrdBuyUnderlying;
  char cCrdSellUnderlying;
  T_I32 nPriceCheckMode;
  char cPledgeFlag;
  T_I64 i64ContractMultiplier;
  char sRegularShare[8];
  char cQualificationFlag;
  union T_EXTENDFIELD {
    T_STOCKPARAMS stockParams;
    T_FUNDPARAMS fundParams;
    T_BONDPARAMS bondParams;
    T_WARRANTPARAMS warrantParams;
    T_REPOPARAMS repoParams;
    T_OPTIONPARAMS optionParmas;
    T_PREFERREDSTOCKPARAMS preferedStockParams;
  } tExtendParmas;
} T_BASEINFO;

typedef struct t_CashAuctionParams {
  char sSecurityID[8];
  char sSecurityIDSource[4];
  T_I64 i64BuyQtyUpperLimit;
  T_I64 i64SellQtyUpperLimit;
  T_I64 i64BuyQtyUnit;  /* x10,000 */
  T_I64 i64SellQtyUnit; /* x10,000 */
  T_I64 i64PriceTick;   /* x10,000 */
  struct T_PriceLimitSetting {
    char cType;
    char cHasPriceLimit;
    char cReferPriceType;
    char cLimitType;
    T_I64 i64LimitUpRate;
    T_I64 i64LimitDownRate;
    T_I64 i64LimitUpAbsolute;
    T_I64 i64LimitDownAbsolute;
    char cHasAuctionLimit;
    char cAuctionLimitType;
    T_I64 i64AuctionUpDownRate;
    T_I64 i64AuctionUpDownAbsolute;
  } tPriceLimitElement[5];
  char cMarketMakerFlag;
} T_CASHAUCTIONPARAMS;

typedef struct t_SZ_BaseInfo {
  T_BASEINFO tBase;
  T_CASHAUCTIONPARAMS tCashParams;
} T_SZ_BASEINFO;

#pragma pack(pop)

/* ---- isipuix.h ---- */
enum MKtype {
  MKtype_SH_SZ = 0,
  MKtype_SH = 1,
  MKtype_SZ = 2,
};

enum DATAtype {
  UnKnownData = -1,
  MarketData = 1,
  BaseInfo = 6,
};

#define MAXSSCTAGS 1000

struct ErrMsg {
  int channel;
  int errcode;
  char errstr[100];
  MKtype mktype[MAXSSCTAGS];
  DATAtype datatype[MAXSSCTAGS];
  unsigned int usize;
  char codes[MAXSSCTAGS][24];
};

#define SIPE_ERRHANDLE (-1)
#define SIPE_OK 0
#define SIPE_ERR 1          /* unknown or general error */
#define SIPE_DISCONNECT 5
#define SIPE_CONSVRFAIL 7   /* cannot connect; the SDK keeps reconnecting */
#define SIPE_NOTAG 124      /* unknown code */
#define SIPE_NOCONFIG 18
#define SIPE_SOCKETINITERR 19
#define SIPE_NOLOGININFO 20 /* address, port, user or password missing */
#define SIPE_NOMKTYPE 21

#define LOG_LEV_ERR 10
#define LOG_LEV_WRN 20
#define LOG_LEV_MSG 30
#define LOG_LEV_DBG 40

namespace api {

/* No login callback: upstream has OnLogin commented out, so a re-login after a reconnect is
 * silent. */
class CSipMdSpi {
 public:
  virtual void OnLog(int32_t level, const char* source, const char* slog) { (void)level, (void)source, (void)slog; }
  virtual void OnDisconnect(int32_t chn) { (void)chn; }
  virtual void OnSubscribe(ErrMsg* errmsg) { (void)errmsg; }
  virtual void OnUnSubscribe(ErrMsg* errmsg) { (void)errmsg; }
  virtual void OnMarketData(MKtype mk_type, char* code, StockMarketDataL1* dataL1) {
    (void)mk_type, (void)code, (void)dataL1;
  }
  virtual void OnSHBaseInfo(char* code, T_SH_BaseInfo* baseinfodata) { (void)code, (void)baseinfodata; }
  virtual void OnSZBaseInfo(char* code, t_SZ_BaseInfo* baseinfodata) { (void)code, (void)baseinfodata; }
  virtual ~CSipMdSpi() {}
};

class CSipMdApi {
 public:
  static CSipMdApi* Register(CSipMdSpi* pdomsg);
  /* UTF-8 JSON object of settings; Login() connects and logs in, synchronously */
  virtual int32_t Initialize(const char* sjson) = 0;
  virtual int32_t Login() = 0;
  virtual int32_t Stop() = 0;
  virtual void Release() = 0;
  virtual int32_t SubscribeMarketData(MKtype mk_type, char* code[], unsigned int usize) = 0;
  virtual int32_t UnSubscribeMarketData(MKtype mk_type, char* code[], unsigned int usize) = 0;
  virtual int32_t SubscribeBaseInfo(MKtype mk_type, char* code[], unsigned int usize) = 0;
  /* whole market (订阅全市场基础信息) */
  virtual int32_t SubscribeBaseInfo(MKtype mk_type) = 0;

 protected:
  virtual ~CSipMdApi() {}
};

}  // namespace api

#endif
