/**
 * The real broker's login error codes, as the vendor SDKs report them, with what each means for
 * the user and what to do, in every catalogue language. Codes 14000-14999 are the HFT trading
 * API's own (hft_trader_error.h), SIPE_* the SIP market-data API's (isipuix.h): vnpy/vnpy_hft
 * 906fd5a, vnpy_hft/api/{hft,sip}/include, read 2026-12-02. The wording is ours, written from the
 * headers' facts. The codes an order or cancel rejection can carry are in
 * `vendor-order-errors.ts`; docs/real-broker.md explains each at length.
 *
 * The tables hold the wording only: which codes there are, their cause and whether retrying can
 * help are hft-native's `LOGIN_CODES`, and these tables have exactly its vendor codes (a test
 * holds them together).
 */
import type { Language } from "./i18n/language.js";

/** What a vendor error code means and what to do, in one language. */
export interface VendorErrorText {
  readonly meaning: string;
  readonly action: string;
}

/**
 * One vendor error code, in every catalogue language. Whether retrying can help is decided once,
 * in hft-native's login-code table (`finalLoginCodes`).
 */
export type VendorErrorEntry = Readonly<Record<Language, VendorErrorText>>;

/** HFT trading API login errors. */
export const HFT_LOGIN_ERRORS: Readonly<Record<number, VendorErrorEntry>> = Object.freeze({
  14009: {
    "zh-CN": { meaning: "本机未连上交易网关", action: "请检查「交易服务器」「交易端口」与网络" },
    en: {
      meaning: "this machine is not connected to the trading gateway",
      action: "Check 「交易服务器」, 「交易端口」 and the network",
    },
  },
  14010: {
    "zh-CN": {
      meaning: "登录交易网关失败",
      action: "网关暂不可用或拒绝连接，稍后会自动重试；持续失败请联系券商",
    },
    en: {
      meaning: "logging in to the trading gateway failed",
      action:
        "The gateway is unavailable or refuses the connection; retrying automatically. If it persists, contact the broker",
    },
  },
  14016: {
    "zh-CN": { meaning: "用户不在网关白名单内", action: "请联系券商为该资金账号开通 HFT 接入（白名单）" },
    en: {
      meaning: "the account is not on the gateway's whitelist",
      action: "Ask the broker to enable HFT access (the whitelist) for this account",
    },
  },
  14017: {
    "zh-CN": { meaning: "用户未配置任何柜台", action: "请联系券商为该资金账号配置柜台" },
    en: {
      meaning: "no counter is configured for the account",
      action: "Ask the broker to set up a counter for this account",
    },
  },
  14018: {
    "zh-CN": {
      meaning: "接入 IP 地址未登记",
      action: "请把本机的外网 IP 报给券商登记，或从已登记的机器连接",
    },
    en: {
      meaning: "the connecting IP address is not registered",
      action: "Register this machine's public IP with the broker, or connect from a registered machine",
    },
  },
  14019: {
    "zh-CN": {
      meaning: "接入 MAC 地址未登记",
      action: "请把本机网卡 MAC 报给券商登记（终端信息 terminalInfo 中的 MAC 须与之一致）",
    },
    en: {
      meaning: "the connecting MAC address is not registered",
      action:
        "Register this machine's network card MAC with the broker (the MAC in 「terminalInfo」 must match it)",
    },
  },
  14023: {
    "zh-CN": { meaning: "网关流量超限", action: "网关暂时阻断了消息，稍后会自动重试；频繁出现请联系券商" },
    en: {
      meaning: "the gateway's flow limit was exceeded",
      action: "The gateway blocks messages for now; retrying automatically. If it recurs, contact the broker",
    },
  },
  14024: {
    "zh-CN": { meaning: "资金账号已被停用", action: "请联系券商" },
    en: { meaning: "the account is disabled", action: "Contact the broker" },
  },
  14034: {
    "zh-CN": {
      meaning: "资金账号登录失败",
      action: "请检查「交易用户名」「交易密码」「机构代号」「营业部代号」",
    },
    en: {
      meaning: "the account's login failed",
      action: "Check 「交易用户名」, 「交易密码」, 「机构代号」 and 「营业部代号」",
    },
  },
  14043: {
    "zh-CN": { meaning: "超过网关最大连接数", action: "请关闭同一账号的其他连接" },
    en: {
      meaning: "the gateway's maximum number of connections is reached",
      action: "Close the account's other connections",
    },
  },
});

/** SIP market-data login results (the return code of the synchronous Login()). */
export const SIP_LOGIN_ERRORS: Readonly<Record<number, VendorErrorEntry>> = Object.freeze({
  1: {
    // SIPE_ERR, "未知或一般错误": what Login() returns when the server refuses the login
    "zh-CN": {
      meaning: "行情登录被拒绝",
      action:
        "请检查「行情用户名」「行情密码」，以及该账号是否有行情权限（SDK 只报“未知或一般错误”）；仍失败请联系券商",
    },
    en: {
      meaning: "the market-data login was refused",
      action:
        'Check 「行情用户名」 and 「行情密码」, and whether the account has market-data permission (the SDK says only "unknown or general error"); if it persists, contact the broker',
    },
  },
  7: {
    "zh-CN": {
      meaning: "连接行情服务器失败",
      action: "请检查「行情服务器」「行情端口」与网络；SDK 会自动重连",
    },
    en: {
      meaning: "connecting to the market server failed",
      action: "Check 「行情服务器」, 「行情端口」 and the network; the SDK reconnects by itself",
    },
  },
  18: {
    "zh-CN": { meaning: "行情配置缺失或格式错误", action: "请检查行情设置" },
    en: {
      meaning: "the market-data configuration is missing or malformed",
      action: "Check the market-data settings",
    },
  },
  19: {
    "zh-CN": { meaning: "套接字初始化失败", action: "请检查本机网络环境" },
    en: { meaning: "initialising the socket failed", action: "Check this machine's network set-up" },
  },
  20: {
    "zh-CN": { meaning: "缺少行情登录信息（地址、端口、用户名或密码）", action: "请填写完整的行情设置" },
    en: {
      meaning: "market-data login information is missing (address, port, user or password)",
      action: "Fill in every market-data setting",
    },
  },
});

/** The login error `code` of the vendor SDK on `side`, in `language`; undefined for a code the table lacks. */
export function vendorLoginError(
  side: "trade" | "market",
  code: number,
  language: Language,
): VendorErrorText | undefined {
  return (side === "trade" ? HFT_LOGIN_ERRORS : SIP_LOGIN_ERRORS)[code]?.[language];
}
