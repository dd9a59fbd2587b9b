/*
 * md_double.cpp — the vendor-SDK double's api::CSipMdApi: behaves as the vendor's isipuix.h and
 * market headers document (vnpy/vnpy_hft 906fd5a, read 2026-12-02) over our wire protocol to the
 * mock market server, through the simulation library's objects (sim_core.h).
 *
 * What it reproduces of the real SDK:
 *  - Initialize() takes the settings as one JSON object (vnpy_hft writes it with "|" between
 *    members); strings are JSON strings with escapes; a malformed object is SIPE_NOCONFIG and a
 *    missing address, port, user or password SIPE_NOLOGININFO;
 *  - Login() is synchronous; afterwards the SDK reconnects and logs in again by itself, with no
 *    callback for the re-login (upstream's OnLogin is commented out) — only OnDisconnect;
 *  - callbacks from the SDK's own thread; nTime is HHMMSSmmmm; prices u32 x10,000;
 *  - base info only for codes passed to SubscribeBaseInfo, in the exchanges' own layouts: SSE
 *    cpxx (lot N12 plain, prices x10,000) and SZSE securities + cash-auction parameters (units
 *    and prices x10,000, tick and lot in tCashParams).
 */
#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "event_pump.h"
#include "instrument_registry.h"
#include "isipuix.h"
#include "sim_core.h"
#include "vendor_text.h"

namespace {

/* Parses {"k":"v"|"k2":123} (members separated by "|" or ","); false if malformed. */
bool parse_config(const char* s, std::map<std::string, std::string>& out) {
  auto skip = [&s] {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  };
  auto string = [&s](std::string& v) {
    if (*s != '"') return false;
    for (s++; *s && *s != '"'; s++) {
      if (*s != '\\') {
        v.push_back(*s);
        continue;
      }
      s++;
      switch (*s) {
        case '"': case '\\': case '/': v.push_back(*s); break;
        case 'n': v.push_back('\n'); break;
        case 't': v.push_back('\t'); break;
        case 'r': v.push_back('\r'); break;
        case 'b': v.push_back('\b'); break;
        case 'f': v.push_back('\f'); break;
        case 'u': {
          unsigned code = 0;
          for (int i = 0; i < 4; i++) {
            char c = *++s;
            if (!isxdigit(static_cast<unsigned char>(c))) return false;
            code = code * 16 + (unsigned)(isdigit(static_cast<unsigned char>(c)) ? c - '0' : (tolower(c) - 'a' + 10));
          }
          if (code < 0x80) v.push_back((char)code);
          else if (code < 0x800) v += {(char)(0xC0 | (code >> 6)), (char)(0x80 | (code & 0x3F))};
          else v += {(char)(0xE0 | (code >> 12)), (char)(0x80 | ((code >> 6) & 0x3F)), (char)(0x80 | (code & 0x3F))};
          break;
        }
        default: return false;
      }
    }
    if (*s != '"') return false;
    s++;
    return true;
  };
  skip();
  if (*s++ != '{') return false;
  for (;;) {
    skip();
    std::string key, value;
    if (!string(key)) return false;
    skip();
    if (*s++ != ':') return false;
    skip();
    if (*s == '"') {
      if (!string(value)) return false;
    } else {
      while (*s && *s != '|' && *s != ',' && *s != '}' && *s != ' ') value.push_back(*s++);
      if (value.empty()) return false;
    }
    out[key] = value;
    skip();
    if (*s == '}') return s[1] == 0 || (skip(), true);
    if (*s != '|' && *s != ',') return false;
    s++;
  }
}

class DoubleSipMdApi : public api::CSipMdApi {
 public:
  explicit DoubleSipMdApi(api::CSipMdSpi* spi) : spi_(spi) {}

  int32_t Initialize(const char* sjson) override {
    std::map<std::string, std::string> cfg;
    if (!sjson || !parse_config(sjson, cfg)) return SIPE_NOCONFIG;
    host_ = cfg["ip0"];
    port_ = atoi(cfg["port0"].c_str());
    user_ = cfg["username"];
    password_ = cfg["password"];
    if (host_.empty() || port_ <= 0 || port_ > 65535 || user_.empty() || cfg.count("password") == 0)
      return SIPE_NOLOGININFO;
    return SIPE_OK;
  }

  int32_t Login() override {
    if (host_.empty()) return SIPE_NOLOGININFO;
    if (sim_) return SIPE_ERR;
    hft_conn_config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    put(cfg.host, host_.c_str());
    cfg.port = (uint16_t)port_;
    cfg.reconnect_min_ms = 500; /* a real SIP waits seconds; short against the local mock */
    cfg.reconnect_max_ms = 600;
    cfg.connect_retries = -1; /* SIPE_CONSVRFAIL: "the SDK keeps reconnecting" */
    sim_ = simcore_hft_md_create(&cfg);
    if (!sim_) return SIPE_SOCKETINITERR;
    pump_.start([this](hft_event_t* out, int32_t n) { return simcore_hft_md_poll(sim_, out, n); },
                [this] { return simcore_hft_md_arm(sim_); }, [this](const hft_event_t& ev) { dispatch(ev); });
    simcore_hft_md_set_wakeup(sim_, &vendor_double::EventPump::wakeup, &pump_);
    if (simcore_hft_md_login(sim_, user_.c_str(), password_.c_str()) != HFT_OK) return SIPE_NOLOGININFO;
    std::fill(password_.begin(), password_.end(), '\0');
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return login_result_ != kPending; });
    return login_result_;
  }

  int32_t Stop() override {
    if (listener_ != 0) vendor_double::unlisten_instruments(listener_);
    listener_ = 0;
    pump_.stop();
    if (sim_) simcore_hft_md_release(sim_);
    sim_ = nullptr;
    return SIPE_OK;
  }

  void Release() override {
    Stop();
    delete this;
  }

  int32_t SubscribeMarketData(MKtype mk, char* code[], unsigned int n) override { return sub(true, mk, code, n); }
  int32_t UnSubscribeMarketData(MKtype mk, char* code[], unsigned int n) override { return sub(false, mk, code, n); }

  /* whole market: base info of every code of the market (instrument_registry.h for how) */
  int32_t SubscribeBaseInfo(MKtype mk) override {
    if (mk != MKtype_SH && mk != MKtype_SZ) return SIPE_NOMKTYPE;
    if (!sim_) return SIPE_ERRHANDLE;
    bool first;
    {
      std::lock_guard<std::mutex> lock(mu_);
      whole_market_.insert(mk);
      first = listener_ == 0;
      if (first) listener_ = -1;
    }
    if (first) {
      int id = vendor_double::listen_instruments([this](const std::vector<vendor_double::Instrument>& list) { on_instruments(list); });
      std::lock_guard<std::mutex> lock(mu_);
      listener_ = id;
    } else {
      /* already listening for another market: this one's codes from the list known so far */
      std::vector<vendor_double::Instrument> list;
      if (vendor_double::known_instruments(&list)) on_instruments(list);
    }
    return SIPE_OK;
  }

  int32_t SubscribeBaseInfo(MKtype mk, char* code[], unsigned int n) override {
    if (mk != MKtype_SH && mk != MKtype_SZ) return SIPE_NOMKTYPE;
    std::vector<hft_base_info_t> ready;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (unsigned i = 0; i < n; i++) {
        std::string key = key_of(mk, code[i]);
        auto it = base_info_.find(key);
        if (it != base_info_.end()) ready.push_back(it->second);
        else base_info_wanted_.insert(key);
        delivered_.insert(key);
      }
    }
    /* already received with the market-data subscription: delivered now */
    for (const auto& b : ready) deliver_base_info(b);
    return SIPE_OK;
  }

 private:
  static constexpr int32_t kPending = -1000;

  static std::string key_of(int market, const char* code) { return std::to_string(market) + "." + code; }

  void on_instruments(const std::vector<vendor_double::Instrument>& list) {
    std::vector<hft_base_info_t> ready;
    std::map<int, std::vector<char>> codes; /* market -> char[8] codes to subscribe */
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const auto& instrument : list) {
        if (!whole_market_.count(instrument.market)) continue;
        std::string key = key_of(instrument.market, instrument.code.c_str());
        auto it = base_info_.find(key);
        if (it != base_info_.end()) {
          if (delivered_.insert(key).second) ready.push_back(it->second);
          continue;
        }
        base_info_wanted_.insert(key);
        std::vector<char>& v = codes[instrument.market];
        v.resize(v.size() + 8, 0);
        snprintf(&v[v.size() - 8], 8, "%s", instrument.code.c_str());
      }
    }
    for (const auto& b : ready) deliver_base_info(b);
    /* the mock sends base info per subscribed code; its market data is dropped unless asked for */
    for (const auto& entry : codes)
      for (size_t at = 0; at < entry.second.size(); at += 8 * MAXSSCTAGS) {
        int32_t n = (int32_t)std::min<size_t>(MAXSSCTAGS, (entry.second.size() - at) / 8);
        simcore_hft_md_subscribe(sim_, entry.first, &entry.second[at], n);
      }
  }

  int32_t sub(bool subscribe, MKtype mk, char* code[], unsigned int n) {
    if (!sim_) return SIPE_ERRHANDLE;
    if (mk != MKtype_SH && mk != MKtype_SZ) return SIPE_NOMKTYPE;
    if (n == 0 || n > MAXSSCTAGS) return SIPE_ERR;
    std::vector<char> codes(8 * (size_t)n, 0);
    for (unsigned i = 0; i < n; i++) snprintf(&codes[8 * i], 8, "%s", code[i]);
    std::vector<hft_market_data_t> current; /* codes already flowing for whole-market base info */
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (unsigned i = 0; i < n; i++) {
        std::string key = key_of(mk, code[i]);
        if (!subscribe) {
          md_wanted_.erase(key);
          continue;
        }
        if (!md_wanted_.insert(key).second) continue;
        auto it = last_md_.find(key);
        if (it != last_md_.end()) current.push_back(it->second);
      }
    }
    int32_t rc = subscribe ? simcore_hft_md_subscribe(sim_, mk, codes.data(), (int32_t)n)
                           : simcore_hft_md_unsubscribe(sim_, mk, codes.data(), (int32_t)n);
    /* a subscription starts with the current snapshot, also for a code the mock already sends us */
    for (const auto& m : current) on_market_data(m);
    return rc == HFT_OK ? SIPE_OK : SIPE_ERR;
  }

  void dispatch(const hft_event_t& ev) {
    switch (ev.header.type) {
      case HFT_EV_MD_LOGIN: {
        if (ev.header.flags & HFT_EVF_REPLAY) { /* silent re-login, as the real SDK */
          connected_ = true;
          break;
        }
        if (ev.header.error_code != 0) spi_->OnLog(LOG_LEV_ERR, "sip", ev.body.error.message);
        finish_login(ev.header.error_code == 0 ? SIPE_OK : SIPE_ERR);
        connected_ = ev.header.error_code == 0;
        break;
      }
      case HFT_EV_DISCONNECTED:
        if (connected_) {
          connected_ = false;
          spi_->OnDisconnect(0);
        } else {
          spi_->OnLog(LOG_LEV_WRN, "sip", ev.body.status.message);
          finish_login(ev.body.status.will_reconnect ? SIPE_CONSVRFAIL : SIPE_ERR);
        }
        break;
      case HFT_EV_MD_SUBSCRIBE_RSP: {
        if (ev.header.flags & HFT_EVF_REPLAY) break; /* the SDK's own resubscribe is silent */
        std::unique_ptr<ErrMsg> m(new ErrMsg());
        memset(m.get(), 0, sizeof *m);
        m->errcode = ev.header.error_code == 0 ? SIPE_OK : SIPE_NOTAG;
        put(m->errstr, ev.body.sub_rsp.error_msg);
        if (ev.body.sub_rsp.action == 1) spi_->OnSubscribe(m.get());
        else spi_->OnUnSubscribe(m.get());
        break;
      }
      case HFT_EV_MARKET_DATA: on_market_data(ev.body.md); break;
      case HFT_EV_BASE_INFO: on_base_info(ev.body.base_info); break;
      default: break;
    }
  }

  void finish_login(int32_t result) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (login_result_ != kPending) return;
      login_result_ = result;
    }
    cv_.notify_all();
  }

  void on_market_data(const hft_market_data_t& m) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      std::string key = key_of(m.market, m.code);
      last_md_[key] = m;
      if (!md_wanted_.count(key)) return; /* subscribed for base info only */
    }
    StockMarketDataL1 d;
    memset(&d, 0, sizeof d);
    d.nTime = (T_I32)m.time * 10; /* HHMMSSmmm -> HHMMSSmmmm */
    d.uPreClose = (T_U32)m.pre_close;
    d.uOpen = (T_U32)m.open;
    d.uHigh = (T_U32)m.high;
    d.uLow = (T_U32)m.low;
    d.uMatch = (T_U32)m.last;
    for (int i = 0; i < 5; i++) {
      d.uAskPrice[i] = (T_U32)m.ask_price[i];
      d.uAskVol[i] = (T_U32)m.ask_volume[i];
      d.uBidPrice[i] = (T_U32)m.bid_price[i];
      d.uBidVol[i] = (T_U32)m.bid_volume[i];
    }
    d.iVolume = m.volume;
    d.iTurnover = m.turnover;
    d.uHighLimited = (T_U32)m.limit_up;
    d.uLowLimited = (T_U32)m.limit_down;
    char code[9];
    put(code, m.code);
    spi_->OnMarketData((MKtype)m.market, code, &d);
  }

  void on_base_info(const hft_base_info_t& b) {
    std::string key = key_of(b.market, b.code);
    {
      std::lock_guard<std::mutex> lock(mu_);
      base_info_[key] = b;
      if (base_info_wanted_.erase(key) == 0) return;
      delivered_.insert(key);
    }
    deliver_base_info(b);
  }

  /* Exchange rules the mock applies (docs/protocol.md, dated rules): funds and bonds tick 0.001,
   * shares 0.01; STAR buys in steps of 1, others in lots of 100 (bonds 10). */
  static int64_t tick_of(const hft_base_info_t& b) { return b.security_type >= 2 && b.security_type <= 4 ? 10 : 100; }
  static int64_t lot_of(const hft_base_info_t& b) {
    if (b.security_type == 4) return 10;
    return strncmp(b.code, "688", 3) == 0 ? 1 : 100;
  }

  void deliver_base_info(const hft_base_info_t& b) {
    char code[9];
    put(code, b.code);
    if (b.market == HFT_MARKET_SH) {
      T_SH_BaseInfo i;
      memset(&i, 0, sizeof i);
      memcpy(i.szStkCode, b.code, sizeof i.szStkCode);
      put_vendor_text(i.szStkNameZN, sizeof i.szStkNameZN, b.name);
      put_vendor_text(i.szStkNameZNLong, sizeof i.szStkNameZNLong, b.name);
      memcpy(i.szStkClass, b.security_type == 4 ? "D" : b.security_type == 2 || b.security_type == 3 ? "EU" : "ES", 2);
      i.i64BuyNumUnit = lot_of(b);
      i.i64SellNumUnit = 1;
      i.i64PreClosePrice = b.pre_close;
      i.i64PriceLevel = tick_of(b);
      i.i64DecalaredLowestNum = strncmp(b.code, "688", 3) == 0 ? 200 : lot_of(b);
      i.cPriceLimitsType = 'N';
      i.i64UpLimitsPrice = b.limit_up;
      i.i64LowerLimitPrice = b.limit_down;
      spi_->OnSHBaseInfo(code, &i);
      return;
    }
    std::unique_ptr<t_SZ_BaseInfo> i(new t_SZ_BaseInfo());
    memset(i.get(), 0, sizeof *i);
    memcpy(i->tBase.sSecurityID, b.code, sizeof i->tBase.sSecurityID);
    put_vendor_text(i->tBase.sSymbol, sizeof i->tBase.sSymbol, b.name);
    /* SZSE securities file, table 3-2: 1 main-board A, 3 ChiNext, 8 convertible, 14 ETF, 23 LOF */
    i->tBase.usSecurityType = b.security_type == 3   ? 14
                              : b.security_type == 2 ? 23
                              : b.security_type == 4 ? 8
                              : strncmp(b.code, "30", 2) == 0 ? 3
                                                              : 1;
    i->tBase.i64QtyUnit = lot_of(b) * 10000;
    i->tBase.i64PrevClosePx = b.pre_close;
    i->tCashParams.i64BuyQtyUnit = lot_of(b) * 10000;
    i->tCashParams.i64SellQtyUnit = 10000;
    i->tCashParams.i64PriceTick = tick_of(b);
    i->tCashParams.tPriceLimitElement[0].cType = 'T';
    i->tCashParams.tPriceLimitElement[0].cHasPriceLimit = 'Y';
    i->tCashParams.tPriceLimitElement[0].cLimitType = '2';
    i->tCashParams.tPriceLimitElement[0].i64LimitUpAbsolute = b.limit_up;
    i->tCashParams.tPriceLimitElement[0].i64LimitDownAbsolute = b.limit_down;
    spi_->OnSZBaseInfo(code, i.get());
  }

  api::CSipMdSpi* spi_;
  std::string host_, user_, password_;
  int port_ = 0;
  hft_md_t* sim_ = nullptr;
  bool connected_ = false; /* pump thread only */
  vendor_double::EventPump pump_;
  std::mutex mu_;
  std::condition_variable cv_;
  int32_t login_result_ = kPending;
  std::map<std::string, hft_base_info_t> base_info_;
  std::set<std::string> base_info_wanted_;
  std::set<std::string> delivered_; /* base info handed to the SPI (whole market: once per code) */
  std::set<std::string> md_wanted_; /* codes the client subscribed market data for */
  std::map<std::string, hft_market_data_t> last_md_; /* latest snapshot per code */
  std::set<int> whole_market_;      /* markets of SubscribeBaseInfo(MKtype) */
  int listener_ = 0;                /* instrument_registry listener, 0 = none */
};

}  // namespace

namespace api {

CSipMdApi* CSipMdApi::Register(CSipMdSpi* pdomsg) { return pdomsg ? new DoubleSipMdApi(pdomsg) : nullptr; }

}  // namespace api
