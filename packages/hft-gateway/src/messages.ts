/**
 * Every log text the gateway writes, in one place.
 *
 * Style: Chinese, as vnpy_hft's logs and the Chinese setting keys users type, with the technical
 * detail (errno names, server codes, the server's own reason) kept verbatim so it can be searched.
 * Each troubleshooting message names the setting to check in 「」, exactly as the key is written.
 * No message ever contains a password: callers pass only non-secret values, and the gateway
 * redacts both passwords from every log line and status message as a second guard.
 *
 * @module
 */
import type { DisconnectedEvent } from "@tsgate/hft-native";
import { serverReason } from "./i18n/catalogue.js";
import { HFT_LOGIN_ERRORS, SIP_LOGIN_ERRORS } from "./vendor-errors.js";

/** Which connection a message is about, with the setting keys that configure it. */
export interface SideLabels {
  /** "交易服务器" or "行情服务器". */
  readonly server: string;
  readonly hostKey: string;
  readonly portKey: string;
  readonly userKey: string;
  readonly passwordKey: string;
}

export const TRADE_LABELS: SideLabels = Object.freeze({
  server: "交易服务器",
  hostKey: "交易服务器",
  portKey: "交易端口",
  userKey: "交易用户名",
  passwordKey: "交易密码",
});

export const MARKET_LABELS: SideLabels = Object.freeze({
  server: "行情服务器",
  hostKey: "行情服务器",
  portKey: "行情端口",
  userKey: "行情用户名",
  passwordKey: "行情密码",
});

/** What a query step or a report is about, as named in the logs. */
export const WHAT = Object.freeze({
  contracts: "合约信息",
  account: "资金信息",
  positions: "持仓信息",
  orders: "委托信息",
  trades: "成交信息",
  orderReport: "委托回报",
  tradeReport: "成交回报",
});

const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EADDRNOTAVAIL"]);

export const msg = {
  connecting: (l: SideLabels, peer: string) => `${l.server}连接中：${peer}`,
  loginOk: (l: SideLabels) => `${l.server}登录成功`,
  reloginOk: (l: SideLabels) => `${l.server}重连成功，已重新登录`,
  accountChanged: (user: string, peer: string) =>
    `连接到另一个账户或服务器（${user}@${peer}）：之前账户的委托和成交记录已清除`,
  alreadyConnected: () => "HFT 接口已经连接，请勿重复连接（先 close() 再用新设置连接）",
  closed: () => "HFT 接口已关闭",
  closeFailed: (detail: string) => `关闭接口出错：${detail}`,
  handlerFailed: (l: SideLabels, event: string, detail: string) =>
    `${l.server}事件 ${event} 处理出错：${detail}`,
  settingsInvalid: (text: string) => `HFT 接口设置有误，未连接：${text}`,

  /** A TCP connect that failed before the connection was up: refused, unreachable, timeout, DNS. */
  connectFailed(l: SideLabels, peer: string, ev: DisconnectedEvent): string {
    const tail = ev.willReconnect ? "，正在重试" : "，已停止重试；修正设置后重新连接";
    if (ev.osErrorName === "ECONNREFUSED") {
      return `${l.server}连接被拒绝：${peer} 上没有服务在监听 (ECONNREFUSED)。请检查「${l.hostKey}」和「${l.portKey}」设置，并确认服务器已启动${tail}`;
    }
    if (UNREACHABLE.has(ev.osErrorName)) {
      return `${l.server}无法连接：${peer} 不可达 (${ev.osErrorName})。请检查「${l.hostKey}」地址、网络和路由${tail}`;
    }
    if (ev.osErrorName === "ETIMEDOUT") {
      return `${l.server}连接超时：${peer} 没有响应 (ETIMEDOUT)。请检查「${l.hostKey}」「${l.portKey}」、网络和防火墙${tail}`;
    }
    if (/cannot resolve host/i.test(ev.message)) {
      return `${l.server}地址无法解析：${ev.message}。请检查「${l.hostKey}」是否写对${tail}`;
    }
    return `${l.server}连接失败：${ev.message}。请检查「${l.hostKey}」和「${l.portKey}」${tail}`;
  },

  /** A connection that was up (or logging in) and was lost. */
  disconnected(l: SideLabels, ev: DisconnectedEvent): string {
    const tail = ev.willReconnect ? "，正在自动重连" : "，不再重连";
    return `${l.server}连接断开：${ev.message}${tail}`;
  },

  /** Closed after a refused login; the login message already said why. */
  stoppedAfterLogin: (l: SideLabels) => `${l.server}连接已关闭（登录被拒绝，不会自动重连）`,

  tradeLoginFailed(code: number, serverMsg: string, user: string, org: string, branch: string): string {
    switch (code) {
      case 1001:
        return `交易服务器登录失败：交易用户名 "${user}" 不存在 (1001)。请检查「交易用户名」`;
      case 1002:
        return `交易服务器登录失败：密码错误 (1002)。请检查「交易密码」`;
      case 1003:
        return `交易服务器登录失败：机构代号 "${org}" 不正确 (1003)。请检查「机构代号」（默认 0000，以券商提供的为准）`;
      case 1004:
        return `交易服务器登录失败：营业部代号 "${branch}" 不正确 (1004)。请检查「营业部代号」（默认 9999，以券商提供的为准）`;
      case 1005:
        return `交易服务器暂时拒绝登录 (1005)：${serverMsg}。将自动重试`;
      case 1006:
        return `交易服务器登录失败：账户类型不受支持 (1006)：${serverMsg}。本接口只支持股票现金账户`;
      default: {
        const vendor = HFT_LOGIN_ERRORS[code];
        if (vendor !== undefined)
          return `交易服务器登录失败：${vendor.meaning} (${code})。${vendor.action}${serverMsg !== "" ? `（${serverMsg}）` : ""}`;
        return `交易服务器登录失败 (${code})：${serverMsg}`;
      }
    }
  },

  mdLoginFailed(code: number, serverMsg: string, user: string): string {
    switch (code) {
      case 5001:
        return `行情服务器登录失败：行情用户名 "${user}" 不存在 (5001)。请检查「行情用户名」`;
      case 5002:
        return `行情服务器登录失败：密码错误 (5002)。请检查「行情密码」`;
      case 5005:
        return `行情服务器暂时拒绝登录 (5005)：${serverMsg}。将自动重试`;
      default: {
        const vendor = SIP_LOGIN_ERRORS[code];
        if (vendor !== undefined)
          return `行情服务器登录失败：${vendor.meaning} (SIP ${code})。${vendor.action}`;
        return `行情服务器登录失败 (${code})：${serverMsg}`;
      }
    }
  },

  libraryFailed(code: string, detail: string): string {
    switch (code) {
      case "LIBRARY_NOT_FOUND":
        return `HFT 接口库加载失败（找不到库文件）：${detail} 请检查「libraryPath」设置或 TSGATE_HFT_LIB 环境变量`;
      case "ABI_MISMATCH":
      case "STRUCT_SIZE_MISMATCH":
      case "SYMBOL_MISSING":
        return `HFT 接口库加载失败（版本不匹配）：${detail}`;
      case "BACKEND_UNAVAILABLE":
      case "INVALID_OPTION":
        return `HFT 接口库加载失败（FFI 后端不可用）：${detail} 请检查「ffiBackend」设置（默认 koffi）`;
      default:
        return `HFT 接口库加载失败：${detail}`;
    }
  },
  vendorSettingFailed: (detail: string) =>
    `厂商 SDK 设置失败：${detail}。请检查「terminalInfo」「sdkLogPath」（日志目录每个进程只能设置一次）`,
  apiCreateFailed: (l: SideLabels, detail: string) => `${l.server}接口创建失败：${detail}`,
  loginCallFailed: (l: SideLabels, detail: string) => `${l.server}登录请求发送失败：${detail}`,

  contractsLoaded: (n: number) => `合约信息查询成功 ${n}`,
  contractsFromMarketData: () => "合约信息由行情服务器的全市场基础信息提供（交易接口不支持全市场查询）",
  accountLoaded: () => "资金信息查询成功",
  positionsLoaded: (n: number) => `持仓信息查询成功 ${n}`,
  ordersLoaded: (n: number) => `委托信息查询成功 ${n}`,
  tradesLoaded: (n: number) => `成交信息查询成功 ${n}`,
  queryFailed: (what: string, detail: string) => `${what}查询失败：${detail}（其余查询照常进行）`,
  ready: () => "启动查询完成（合约、资金、持仓、委托、成交），接口已就绪",
  readyAgain: () => "重新登录后接口已就绪",
  notReady: (failed: readonly string[]) =>
    `${failed.join("、")}查询失败，接口未就绪：请查看上面的警告并重新连接`,
  refreshFailed: (what: string, detail: string) => `${what}刷新失败：${detail}（下次定时刷新会重试）`,
  queryNotConnected: (what: string) => `${what}查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）`,

  orderRejectedLocally: (orderid: string, reason: string) => `委托 ${orderid} 未发送，已拒绝：${reason}`,
  orderSendFailed: (orderid: string, reason: string) => `委托 ${orderid} 发送失败，已拒绝：${reason}`,
  /** The server's reason is translated by its code (never its English in a Chinese line). */
  orderRejected: (orderid: string, code: number, reason: string) =>
    `委托 ${orderid} 被拒绝 (${code})：${serverReason("zh-CN", code, reason)}`,
  journalRestored: (orders: number, active: number, trades: number, nextId: string) =>
    `从委托日志恢复 ${orders} 笔委托（${active} 笔未完成）和 ${trades} 笔成交，下一个本地委托号 ${nextId}；等待服务器查询核对`,
  lostBeforeRestart: () => "重启前未送达服务器（服务器的委托查询中没有这笔委托），视为拒绝",
  unknownAfterRestart: () =>
    "从委托日志恢复的委托不在服务器的委托查询中（日志来自别的服务器或账户？），视为拒绝",
  journalIdFailed: (detail: string) => `委托日志写入失败，本地委托号无法保存，委托被拒绝：${detail}`,
  journalSaveFailed: (detail: string) =>
    `委托日志写入失败（委托和成交照常推送，重启后可能无法完整恢复）：${detail}`,
  duplicateClOrderId: (serverId: string, serverText: string) =>
    `服务器报告本地委托号已被今日另一笔委托${serverId !== "" ? ` ${serverId}` : ""}使用（另一个进程或引擎用了同一委托号？）：${serverText}`,
  foreignReportSameId: (orderid: string, serverId: string) =>
    `服务器以本地委托号 ${orderid} 报告了另一笔委托 ${serverId}（委托号冲突），不计入本委托`,
  brokerSessionChanged: (why: string, epoch: number) =>
    `交易服务器开始了新的会话（${why}）：之前的委托号和成交号不再有效，重新查询委托和成交核对（会话 ${epoch + 1}）`,
  sessionWhyDay: (from: number, to: number) => `交易日从 ${from} 变为 ${to}`,
  sessionWhySeq: (last: number, highest: number) =>
    `回报序号回退到 ${last}，本地已处理到 ${highest}：服务器重启且丢失了账簿？`,
  orderUnknownToBroker: () => "服务器的委托查询中已没有这笔委托（服务器重启丢失账簿或交易日切换），视为撤销",
  orderEndedUnknown: (orderid: string) => `委托 ${orderid} 已不被服务器知晓，视为撤销`,
  tradeIgnored: (tradeid: string, why: string) => `忽略成交回报 ${tradeid || "(无成交号)"}：${why}`,
  tradeWhyDuplicate: () => "同一成交号已处理（重放或重复回报）",
  tradeWhyForgotten: () => "回报序号不晚于已淘汰的记录（早已处理过的重放）",
  tradeWhyNoId: () => "回报没有成交号",
  tradesAlreadyKnown: (count: number) => `成交查询中 ${count} 笔成交已处理过（或无法使用，见上文），未再推送`,
  orderAdopted: (orderid: string, symbol: string) =>
    `发现非本会话创建的委托 ${orderid}（${symbol}，来自其他会话或之前的运行），已纳入管理`,
  orderUnknownStatus: (orderid: string, status: string) =>
    `委托 ${orderid} 收到未知状态 ${status}，保留当前状态`,
  /** A report with a vendor side or order type a cash-account gateway cannot represent. */
  unsupportedReport: (what: string, id: string, field: "side" | "orderType", value: string) =>
    `${what} ${id} 的${field === "side" ? "买卖方向" : "委托类型"} ${value} 不是普通买卖（如融券卖出、卖券还款、ETF 申赎，或不支持的委托类型），本接口不支持，已忽略（不会当作买入处理）`,
  badSymbol: (what: string, symbol: string) =>
    `${what}的代码 "${symbol}" 无法识别（应为 SH.xxxxxx 或 SZ.xxxxxx），已忽略`,

  cancelUnknown: (orderid: string) => `撤单失败：找不到委托 ${orderid}（不是本接口的委托，或尚未收到）`,
  cancelFinished: (orderid: string, status: string) =>
    `撤单忽略：委托 ${orderid} 已是最终状态 ${status}，无需撤单`,
  cancelNotConnected: (orderid: string) => `撤单失败：委托 ${orderid}，交易服务器尚未连接`,
  cancelSendFailed: (orderid: string, detail: string) => `撤单请求发送失败：委托 ${orderid}：${detail}`,
  cancelRejected: (orderid: string, code: number, reason: string) =>
    `撤单被拒绝：委托 ${orderid} (${code})：${serverReason("zh-CN", code, reason)}`,

  tradeLibraryError: (code: number, text: string) => `交易接口错误 (${code})：${text}`,
  mdLibraryError: (code: number, text: string) => `行情接口错误 (${code})：${text}`,
  riskNotify: (level: number, code: number, text: string) =>
    `风控提示（级别 ${level}，代码 ${code}）：${text}`,

  subscribeQueued: (vtSymbol: string) => `订阅 ${vtSymbol} 已记录，将在行情服务器登录后发送`,
  subscribeUnsupported: (vtSymbol: string) => `订阅失败：${vtSymbol} 的交易所不受支持（只支持 SSE、SZSE）`,
  subscribeSendFailed: (vtSymbol: string, detail: string) => `订阅请求发送失败：${vtSymbol}：${detail}`,
  subscribeFailed: (code: number, text: string) => `行情订阅失败 (${code})：${text}`,
  subscribeUnknownCode: (market: string, code: number, text: string) =>
    `行情订阅失败：行情服务器不认识这些代码 (${code})：${text}。请检查代码和交易所（${market === "SZ" ? "SZ 即 SZSE" : "SH 即 SSE"}）是否写对；这些代码不会有行情`,
  subscribeBadSymbol: (vtSymbol: string) =>
    `订阅失败：${vtSymbol} 的代码格式不对（应为交易所代码，如 600000.SSE、000001.SZSE），已忽略`,
  tickWithoutContract: (vtSymbol: string) =>
    `收到 ${vtSymbol} 的行情，但没有它的合约信息：该代码的行情将被丢弃（此提示每个代码只出现一次）`,
  mdOverflow: (dropped: number, total: number) =>
    `行情处理跟不上推送速度，丢弃 ${dropped} 条行情（累计 ${total} 条）：请减少订阅或加快 EVENT_TICK 处理`,
} as const;
