/**
 * The real broker's login error codes, as the vendor SDKs report them, with what each means for
 * the user and what to do. Codes 14000-14999 are the HFT trading API's own
 * (hft_trader_error.h), SIPE_* the SIP market-data API's (isipuix.h): vnpy/vnpy_hft 906fd5a,
 * vnpy_hft/api/{hft,sip}/include, read 2026-12-02. docs/real-broker.md explains each at length.
 */

/**
 * One vendor error code: what it means and what to do. Whether retrying can help is decided once,
 * in hft-native's login-code table (`finalLoginCodes`).
 */
export interface VendorErrorEntry {
  readonly meaning: string;
  readonly action: string;
}

/** HFT trading API login errors. */
export const HFT_LOGIN_ERRORS: Readonly<Record<number, VendorErrorEntry>> = Object.freeze({
  14009: {
    meaning: "本机未连上交易网关",
    action: "请检查「交易服务器」「交易端口」与网络",
  },
  14010: {
    meaning: "登录交易网关失败",
    action: "网关暂不可用或拒绝连接，稍后会自动重试；持续失败请联系券商",
  },
  14016: {
    meaning: "用户不在网关白名单内",
    action: "请联系券商为该资金账号开通 HFT 接入（白名单）",
  },
  14017: { meaning: "用户未配置任何柜台", action: "请联系券商为该资金账号配置柜台" },
  14018: {
    meaning: "接入 IP 地址未登记",
    action: "请把本机的外网 IP 报给券商登记，或从已登记的机器连接",
  },
  14019: {
    meaning: "接入 MAC 地址未登记",
    action: "请把本机网卡 MAC 报给券商登记（终端信息 terminalInfo 中的 MAC 须与之一致）",
  },
  14024: { meaning: "资金账号已被停用", action: "请联系券商" },
  14034: {
    meaning: "资金账号登录失败",
    action: "请检查「交易用户名」「交易密码」「机构代号」「营业部代号」",
  },
  14043: { meaning: "超过网关最大连接数", action: "请关闭同一账号的其他连接" },
});

/** SIP market-data login results (the return code of the synchronous Login()). */
export const SIP_LOGIN_ERRORS: Readonly<Record<number, VendorErrorEntry>> = Object.freeze({
  1: {
    meaning: "行情登录被拒绝",
    action: "请检查「行情用户名」「行情密码」，或该账号是否有行情权限",
  },
  7: {
    meaning: "连接行情服务器失败",
    action: "请检查「行情服务器」「行情端口」与网络；SDK 会自动重连",
  },
  18: { meaning: "行情配置缺失或格式错误", action: "请检查行情设置" },
  19: { meaning: "套接字初始化失败", action: "请检查本机网络环境" },
  20: {
    meaning: "缺少行情登录信息（地址、端口、用户名或密码）",
    action: "请填写完整的行情设置",
  },
});
