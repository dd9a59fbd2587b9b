/**
 * The HFT trading API's own codes (14000-14043, `HFT_TRADER_ERRNO_MAP` of hft_trader_error.h,
 * vnpy/vnpy_hft 906fd5a vnpy_hft/api/hft/include, read 2026-12-02) that can come with an order or
 * cancel rejection on the vendor path, with what each means and, where one helps, what to do, in
 * every catalogue language. The wording is ours, written from the header's facts.
 *
 * Any other code of a vendor rejection is the broker counter's own business code, which only the
 * broker can explain: the gateway quotes the counter's text with it (`serverReason`). Our wire
 * protocol's codes (2001-2017, 3001-3004: the simulation library's) are a different table, the
 * catalogues' `reason.<code>` entries. Login codes are in `vendor-errors.ts`.
 *
 * @module
 */
import type { Language } from "./i18n/language.js";
import { HFT_LOGIN_ERRORS, type VendorErrorEntry } from "./vendor-errors.js";

/** What a vendor rejection code means and, when one helps, what to do, in one language. */
export interface VendorRejectionText {
  readonly meaning: string;
  readonly action?: string;
}

/** One vendor rejection code. */
export interface VendorRejectionEntry {
  /** The code's name in the vendor's header. */
  readonly name: string;
  /** True when sending the same request again later may succeed. */
  readonly retryMayHelp: boolean;
  readonly text: Readonly<Record<Language, VendorRejectionText>>;
}

const entry = (
  name: string,
  retryMayHelp: boolean,
  zh: VendorRejectionText,
  en: VendorRejectionText,
): VendorRejectionEntry => Object.freeze({ name, retryMayHelp, text: Object.freeze({ "zh-CN": zh, en }) });

/** 14024, a disabled account, reads as at login. */
const DISABLED_ACCOUNT = HFT_LOGIN_ERRORS[14024] as VendorErrorEntry;

/** The vendor's codes an order or cancel rejection can carry, by code. */
export const HFT_ORDER_ERRORS: ReadonlyMap<number, VendorRejectionEntry> = new Map([
  [
    14000,
    entry(
      "ERR_HFT_TRADER_INTERNAL",
      false,
      { meaning: "交易 SDK 内部出错", action: "请把日志发给券商技术支持" },
      { meaning: "an internal error of the trading SDK", action: "Send the log to the broker's support" },
    ),
  ],
  [
    14001,
    entry(
      "ERR_HFT_TRADER_INVALID_PARAM",
      false,
      { meaning: "请求中有不合法的参数" },
      { meaning: "a parameter of the request is invalid" },
    ),
  ],
  [
    14002,
    entry(
      "ERR_HFT_TRADER_NETWORK_TIMEOUT",
      true,
      { meaning: "网络超时，请求未得到应答", action: "请先查询委托确认是否已报，再决定是否重发" },
      {
        meaning: "the network timed out before the request was answered",
        action: "Query the orders to see whether it was placed before sending it again",
      },
    ),
  ],
  [
    14003,
    entry(
      "ERR_HFT_TRADER_NETWORK_SEND_FAIL",
      true,
      { meaning: "请求未能发出", action: "请检查与交易网关的连接" },
      { meaning: "the request could not be sent", action: "Check the connection to the trading gateway" },
    ),
  ],
  [
    14009,
    entry(
      "ERR_HFT_TRADER_NOT_CONNECT",
      true,
      { meaning: "未连上交易网关", action: "请等待重连后再下单" },
      { meaning: "not connected to the trading gateway", action: "Wait for the reconnect before ordering" },
    ),
  ],
  [
    14011,
    entry(
      "ERR_HFT_TRADER_NOT_INIT",
      false,
      { meaning: "交易 SDK 尚未初始化" },
      { meaning: "the trading SDK is not initialised yet" },
    ),
  ],
  [
    14012,
    entry(
      "ERR_HFT_TRADER_GW_ROUTE_FAIL",
      true,
      { meaning: "交易网关未能把请求转给柜台", action: "稍后重试；持续出现请联系券商" },
      {
        meaning: "the trading gateway could not route the request to the counter",
        action: "Retry later; if it persists, contact the broker",
      },
    ),
  ],
  [
    14013,
    entry(
      "ERR_HFT_TRADER_GW_LOGIC_FAIL",
      false,
      { meaning: "交易网关处理请求时出现逻辑错误" },
      { meaning: "the trading gateway hit a logic error handling the request" },
    ),
  ],
  [
    14014,
    entry(
      "ERR_HFT_TRADER_GW_KEYFIELD_FAIL",
      false,
      { meaning: "交易网关认为请求的关键字段有误" },
      { meaning: "the trading gateway found a key field of the request wrong" },
    ),
  ],
  [
    14015,
    entry(
      "ERR_HFT_TRADER_GW_DECODE_FAIL",
      false,
      { meaning: "交易网关无法解析请求" },
      { meaning: "the trading gateway could not decode the request" },
    ),
  ],
  [
    14022,
    entry(
      "ERR_HFT_TRADER_GW_UNKOWN_MSG",
      false,
      { meaning: "交易网关不处理这种请求" },
      { meaning: "the trading gateway does not handle this kind of request" },
    ),
  ],
  [
    14023,
    entry(
      "ERR_HFT_TRADER_GW_OVERRUN",
      true,
      { meaning: "超过交易网关的流量限制，请求被拦下", action: "请降低报单、撤单频率后再试" },
      {
        meaning: "the trading gateway's flow limit was exceeded and the request was blocked",
        action: "Send orders and cancels less often, then try again",
      },
    ),
  ],
  [
    14024,
    // the same fact as at login: one wording
    Object.freeze({ name: "ERR_HFT_TRADER_GW_FUNDID_DISABLE", retryMayHelp: false, text: DISABLED_ACCOUNT }),
  ],
  [
    14027,
    entry(
      "ERR_HFT_TRADER_EXCEED_MAX_NUM",
      false,
      { meaning: "一次请求的条数超过上限", action: "请分批发送" },
      { meaning: "the request carries more items than allowed", action: "Send them in smaller batches" },
    ),
  ],
  [
    14028,
    entry(
      "ERR_HFT_TRADER_SEQNO_NOT_UNIQUE",
      false,
      { meaning: "请求序号在一段时间内重复" },
      { meaning: "the request's sequence number was used again within a short time" },
    ),
  ],
  [
    14030,
    entry(
      "ERR_HFT_TRADER_UNSUPPORTED_FUNC",
      false,
      { meaning: "券商的网关不支持这项功能" },
      { meaning: "the broker's gateway does not support this function" },
    ),
  ],
  [
    14032,
    entry(
      "ERR_HFT_TRADER_NOT_FOUND_SECUID",
      false,
      { meaning: "找不到该市场的股东账号", action: "请向券商确认该市场的股东账号已开通" },
      {
        meaning: "no shareholder account was found for this market",
        action: "Ask the broker whether the account has a shareholder account on this market",
      },
    ),
  ],
  [
    14036,
    entry(
      "ERR_HFT_TRADER_CALL_MICRO_SERVICE",
      true,
      { meaning: "券商后台服务调用失败", action: "稍后重试；持续出现请联系券商" },
      {
        meaning: "a call to the broker's back-end service failed",
        action: "Retry later; if it persists, contact the broker",
      },
    ),
  ],
  [
    14037,
    entry(
      "ERR_HFT_TRADER_MICRO_SERVICE_BIZERROR",
      false,
      { meaning: "券商后台服务返回业务错误" },
      { meaning: "the broker's back-end service answered with a business error" },
    ),
  ],
  [
    14042,
    entry(
      "ERR_HFT_TRADER_INVALID_RSP_DATA",
      false,
      { meaning: "应答为空或数据包有误", action: "请查询委托确认其状态" },
      { meaning: "the answer was empty or malformed", action: "Query the orders to learn its state" },
    ),
  ],
]);

/** The vendor rejection code `code` in `language`; undefined for a code the table lacks (a counter's own). */
export function vendorRejection(code: number, language: Language): VendorRejectionText | undefined {
  return HFT_ORDER_ERRORS.get(code)?.text[language];
}
