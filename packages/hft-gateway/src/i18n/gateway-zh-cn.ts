/**
 * The zh-CN texts of the gateway's log lines and status messages (`gateway.*` codes), spread into
 * `catalogue-zh-cn.ts`. Chinese, as vnpy_hft's logs; technical detail (errno names, server codes,
 * the server's own text) is kept verbatim so it can be searched. Setting keys are quoted in 「」
 * exactly as written. No entry takes a password.
 *
 * @module
 */
import type { ConnectFailure, Side, Subject } from "./gateway-subjects.js";

const SERVER: Record<Side, string> = { trade: "交易服务器", market: "行情服务器" };
const SUBJECT: Record<Subject, string> = {
  contracts: "合约信息",
  account: "资金信息",
  positions: "持仓信息",
  orders: "委托信息",
  trades: "成交信息",
  orderReport: "委托回报",
  tradeReport: "成交回报",
};

/** The side and the setting keys a connect failure names. */
export interface SideKeys {
  side: Side;
  hostKey: string;
  portKey: string;
}

export const gatewayZhCN = {
  "gateway.connecting": (p: { side: Side; peer: string }) => `${SERVER[p.side]}连接中：${p.peer}`,
  "gateway.loginOk": (p: { side: Side }) => `${SERVER[p.side]}登录成功`,
  "gateway.reloginOk": (p: { side: Side }) => `${SERVER[p.side]}重连成功，已重新登录`,
  "gateway.accountChanged": (p: { user: string; peer: string }) =>
    `连接到另一个账户或服务器（${p.user}@${p.peer}）：之前账户的委托和成交记录已清除`,
  "gateway.alreadyConnected": () => "HFT 接口已经连接，请勿重复连接（先 close() 再用新设置连接）",
  "gateway.closed": () => "HFT 接口已关闭",
  "gateway.closeFailed": (p: { detail: string }) => `关闭接口出错：${p.detail}`,
  "gateway.handlerFailed": (p: { side: Side; event: string; detail: string }) =>
    `${SERVER[p.side]}事件 ${p.event} 处理出错：${p.detail}`,
  "gateway.settingsIssue": (p: { key: string; message: string }) => `${p.key}：${p.message}`,
  "gateway.settingsInvalid": (p: { count: number; lines: readonly string[] }) =>
    `HFT 接口设置有误（${p.count} 项），未连接：\n${p.lines.map((line) => `  ${line}`).join("\n")}`,

  "gateway.connectFailed": (
    p: SideKeys & {
      failure: ConnectFailure;
      peer: string;
      errno: string;
      detail: string;
      willReconnect: boolean;
    },
  ) => {
    const tail = p.willReconnect ? "，正在重试" : "，已停止重试；修正设置后重新连接";
    const server = SERVER[p.side];
    switch (p.failure) {
      case "refused":
        return `${server}连接被拒绝：${p.peer} 上没有服务在监听 (ECONNREFUSED)。请检查「${p.hostKey}」和「${p.portKey}」设置，并确认服务器已启动${tail}`;
      case "unreachable":
        return `${server}无法连接：${p.peer} 不可达 (${p.errno})。请检查「${p.hostKey}」地址、网络和路由${tail}`;
      case "timeout":
        return `${server}连接超时：${p.peer} 没有响应 (ETIMEDOUT)。请检查「${p.hostKey}」「${p.portKey}」、网络和防火墙${tail}`;
      case "dns":
        return `${server}地址无法解析：${p.detail}。请检查「${p.hostKey}」是否写对${tail}`;
      default:
        return `${server}连接失败：${p.detail}。请检查「${p.hostKey}」和「${p.portKey}」${tail}`;
    }
  },
  "gateway.disconnected": (p: { side: Side; detail: string; willReconnect: boolean }) =>
    `${SERVER[p.side]}连接断开：${p.detail}${p.willReconnect ? "，正在自动重连" : "，不再重连"}`,
  "gateway.stoppedAfterLogin": (p: { side: Side }) =>
    `${SERVER[p.side]}连接已关闭（登录被拒绝，不会自动重连）`,

  "gateway.tradeLogin.1001": (p: { user: string }) =>
    `交易服务器登录失败：交易用户名 "${p.user}" 不存在 (1001)。请检查「交易用户名」`,
  "gateway.tradeLogin.1002": () => "交易服务器登录失败：密码错误 (1002)。请检查「交易密码」",
  "gateway.tradeLogin.1003": (p: { org: string }) =>
    `交易服务器登录失败：机构代号 "${p.org}" 不正确 (1003)。请检查「机构代号」（默认 0000，以券商提供的为准）`,
  "gateway.tradeLogin.1004": (p: { branch: string }) =>
    `交易服务器登录失败：营业部代号 "${p.branch}" 不正确 (1004)。请检查「营业部代号」（默认 9999，以券商提供的为准）`,
  "gateway.tradeLogin.1005": (p: { text: string }) => `交易服务器暂时拒绝登录 (1005)：${p.text}。将自动重试`,
  "gateway.tradeLogin.1006": (p: { text: string }) =>
    `交易服务器登录失败：账户类型不受支持 (1006)：${p.text}。本接口只支持股票现金账户`,
  "gateway.tradeLogin.other": (p: { code: number; text: string }) =>
    `交易服务器登录失败 (${p.code})：${p.text}`,
  /** A vendor SDK login code (vendor-errors.ts holds what it means and what to do). */
  "gateway.tradeLogin.vendor": (p: { code: number; meaning: string; action: string; text: string }) =>
    `交易服务器登录失败：${p.meaning} (${p.code})。${p.action}${p.text !== "" ? `（${p.text}）` : ""}`,
  "gateway.mdLogin.5001": (p: { user: string }) =>
    `行情服务器登录失败：行情用户名 "${p.user}" 不存在 (5001)。请检查「行情用户名」`,
  "gateway.mdLogin.5002": () => "行情服务器登录失败：密码错误 (5002)。请检查「行情密码」",
  "gateway.mdLogin.5005": (p: { text: string }) => `行情服务器暂时拒绝登录 (5005)：${p.text}。将自动重试`,
  "gateway.mdLogin.other": (p: { code: number; text: string }) => `行情服务器登录失败 (${p.code})：${p.text}`,
  "gateway.mdLogin.vendor": (p: { code: number; meaning: string; action: string }) =>
    `行情服务器登录失败：${p.meaning} (SIP ${p.code})。${p.action}`,
  "gateway.vendorSettingFailed": (p: { detail: string }) =>
    `厂商 SDK 设置失败：${p.detail}。请检查「terminalInfo」「sdkLogPath」（日志目录每个进程只能设置一次）`,

  "gateway.library.notFound": (p: { detail: string }) =>
    `HFT 接口库加载失败（找不到库文件）：${p.detail} 请检查「libraryPath」设置或 TSGATE_HFT_LIB 环境变量`,
  "gateway.library.mismatch": (p: { detail: string }) => `HFT 接口库加载失败（版本不匹配）：${p.detail}`,
  "gateway.library.backend": (p: { detail: string }) =>
    `HFT 接口库加载失败（FFI 后端不可用）：${p.detail} 请检查「ffiBackend」设置（默认 koffi）`,
  "gateway.library.other": (p: { detail: string }) => `HFT 接口库加载失败：${p.detail}`,
  "gateway.apiCreateFailed": (p: { side: Side; detail: string }) =>
    `${SERVER[p.side]}接口创建失败：${p.detail}`,
  "gateway.loginCallFailed": (p: { side: Side; detail: string }) =>
    `${SERVER[p.side]}登录请求发送失败：${p.detail}`,

  "gateway.loaded": (p: { subject: Subject; count: number }) =>
    `${SUBJECT[p.subject]}查询成功${p.subject === "account" ? "" : ` ${p.count}`}`,
  "gateway.contractsFromMarketData": () =>
    "合约信息由行情服务器的全市场基础信息提供（交易接口不支持全市场查询）",
  "gateway.queryFailed": (p: { subject: Subject; detail: string }) =>
    `${SUBJECT[p.subject]}查询失败：${p.detail}（其余查询照常进行）`,
  "gateway.ready": () => "启动查询完成（合约、资金、持仓、委托、成交），接口已就绪",
  "gateway.readyAgain": () => "重新登录后接口已就绪",
  "gateway.notReady": (p: { subjects: readonly Subject[] }) =>
    `${p.subjects.map((s) => SUBJECT[s]).join("、")}查询失败，接口未就绪：请查看上面的警告并重新连接`,
  "gateway.refreshFailed": (p: { subject: Subject; detail: string }) =>
    `${SUBJECT[p.subject]}刷新失败：${p.detail}（下次定时刷新会重试）`,
  "gateway.queryNotConnected": (p: { subject: Subject }) =>
    `${SUBJECT[p.subject]}查询忽略：交易服务器尚未登录（登录后会自动查询并定时刷新）`,

  "gateway.orderRejectedLocally": (p: { orderid: string; reason: string }) =>
    `委托 ${p.orderid} 未发送，已拒绝：${p.reason}`,
  "gateway.orderSendFailed": (p: { orderid: string; reason: string }) =>
    `委托 ${p.orderid} 发送失败，已拒绝：${p.reason}`,
  "gateway.orderRejected": (p: { orderid: string; code: number; reason: string }) =>
    `委托 ${p.orderid} 被拒绝 (${p.code})：${p.reason}`,
  /** A rejected order's status text: the reason (translated by code), then the code. */
  "gateway.rejectionStatus": (p: { code: number; reason: string }) => `${p.reason} (${p.code})`,
  "gateway.journalRestored": (p: { orders: number; active: number; trades: number; nextId: string }) =>
    `从委托日志恢复 ${p.orders} 笔委托（${p.active} 笔未完成）和 ${p.trades} 笔成交，下一个本地委托号 ${p.nextId}；等待服务器查询核对`,
  "gateway.lostBeforeRestart": () => "重启前未送达服务器（服务器的委托查询中没有这笔委托），视为拒绝",
  "gateway.unknownAfterRestart": () =>
    "从委托日志恢复的委托不在服务器的委托查询中（日志来自别的服务器或账户？），视为拒绝",
  "gateway.journalIdFailed": (p: { detail: string }) =>
    `委托日志写入失败，本地委托号无法保存，委托被拒绝：${p.detail}`,
  "gateway.journalSaveFailed": (p: { detail: string }) =>
    `委托日志写入失败（委托和成交照常推送，重启后可能无法完整恢复）：${p.detail}`,
  "gateway.duplicateClOrderId": (p: { serverId: string; text: string }) =>
    `服务器报告本地委托号已被今日另一笔委托${p.serverId !== "" ? ` ${p.serverId}` : ""}使用（另一个进程或引擎用了同一委托号？）：${p.text}`,
  "gateway.foreignReportSameId": (p: { orderid: string; serverId: string }) =>
    `服务器以本地委托号 ${p.orderid} 报告了另一笔委托 ${p.serverId}（委托号冲突），不计入本委托`,
  "gateway.brokerSessionChanged": (p: { why: string; epoch: number }) =>
    `交易服务器开始了新的会话（${p.why}）：之前的委托号和成交号不再有效，重新查询委托和成交核对（会话 ${p.epoch + 1}）`,
  "gateway.sessionWhyDay": (p: { from: number; to: number }) => `交易日从 ${p.from} 变为 ${p.to}`,
  "gateway.sessionWhySeq": (p: { last: number; highest: number }) =>
    `回报序号回退到 ${p.last}，本地已处理到 ${p.highest}：服务器重启且丢失了账簿？`,
  "gateway.orderUnknownToBroker": () =>
    "服务器的委托查询中已没有这笔委托（服务器重启丢失账簿或交易日切换），视为撤销",
  "gateway.orderEndedUnknown": (p: { orderid: string }) => `委托 ${p.orderid} 已不被服务器知晓，视为撤销`,
  "gateway.tradeIgnored": (p: { tradeid: string; why: string }) =>
    `忽略成交回报 ${p.tradeid || "(无成交号)"}：${p.why}`,
  "gateway.tradeWhyDuplicate": () => "同一成交号已处理（重放或重复回报）",
  "gateway.tradeWhyForgotten": () => "回报序号不晚于已淘汰的记录（早已处理过的重放）",
  "gateway.tradeWhyNoId": () => "回报没有成交号",
  "gateway.tradesAlreadyKnown": (p: { count: number }) =>
    `成交查询中 ${p.count} 笔成交已处理过（或无法使用，见上文），未再推送`,
  "gateway.orderAdopted": (p: { orderid: string; symbol: string }) =>
    `发现非本会话创建的委托 ${p.orderid}（${p.symbol}，来自其他会话或之前的运行），已纳入管理`,
  "gateway.orderUnknownStatus": (p: { orderid: string; status: string }) =>
    `委托 ${p.orderid} 收到未知状态 ${p.status}，保留当前状态`,
  "gateway.badSymbol": (p: { subject: Subject; symbol: string }) =>
    `${SUBJECT[p.subject]}的代码 "${p.symbol}" 无法识别（应为 SH.xxxxxx 或 SZ.xxxxxx），已忽略`,
  "gateway.unsupportedReport": (p: {
    subject: Subject;
    id: string;
    field: "side" | "orderType";
    value: string;
  }) =>
    `${SUBJECT[p.subject]} ${p.id} 的${p.field === "side" ? "买卖方向" : "委托类型"} ${p.value} 不是普通买卖（如融券卖出、卖券还款、ETF 申赎，或不支持的委托类型），本接口不支持，已忽略（不会当作买入处理）`,

  "gateway.cancelUnknown": (p: { orderid: string }) =>
    `撤单失败：找不到委托 ${p.orderid}（不是本接口的委托，或尚未收到）`,
  "gateway.cancelFinished": (p: { orderid: string; status: string }) =>
    `撤单忽略：委托 ${p.orderid} 已是最终状态 ${p.status}，无需撤单`,
  "gateway.cancelNotConnected": (p: { orderid: string }) => `撤单失败：委托 ${p.orderid}，交易服务器尚未连接`,
  "gateway.cancelSendFailed": (p: { orderid: string; detail: string }) =>
    `撤单请求发送失败：委托 ${p.orderid}：${p.detail}`,
  "gateway.cancelRejected": (p: { orderid: string; code: number; reason: string }) =>
    `撤单被拒绝：委托 ${p.orderid} (${p.code})：${p.reason}`,

  "gateway.libraryError": (p: { side: Side; code: number; text: string }) =>
    `${p.side === "trade" ? "交易" : "行情"}接口错误 (${p.code})：${p.text}`,
  "gateway.riskNotify": (p: { level: number; code: number; text: string }) =>
    `风控提示（级别 ${p.level}，代码 ${p.code}）：${p.text}`,

  "gateway.subscribeQueued": (p: { vtSymbol: string }) =>
    `订阅 ${p.vtSymbol} 已记录，将在行情服务器登录后发送`,
  "gateway.subscribeUnsupported": (p: { vtSymbol: string }) =>
    `订阅失败：${p.vtSymbol} 的交易所不受支持（只支持 SSE、SZSE）`,
  "gateway.subscribeSendFailed": (p: { vtSymbol: string; detail: string }) =>
    `订阅请求发送失败：${p.vtSymbol}：${p.detail}`,
  "gateway.subscribeFailed": (p: { code: number; text: string }) => `行情订阅失败 (${p.code})：${p.text}`,
  "gateway.subscribeUnknownCode": (p: { market: string; code: number; text: string }) =>
    `行情订阅失败：行情服务器不认识这些代码 (${p.code})：${p.text}。请检查代码和交易所（${p.market === "SZ" ? "SZ 即 SZSE" : "SH 即 SSE"}）是否写对；这些代码不会有行情`,
  "gateway.subscribeBadSymbol": (p: { vtSymbol: string }) =>
    `订阅失败：${p.vtSymbol} 的代码格式不对（应为交易所代码，如 600000.SSE、000001.SZSE），已忽略`,
  "gateway.tickWithoutContract": (p: { vtSymbol: string }) =>
    `收到 ${p.vtSymbol} 的行情，但没有它的合约信息：该代码的行情将被丢弃（此提示每个代码只出现一次）`,
  "gateway.mdOverflow": (p: { dropped: number; total: number }) =>
    `行情处理跟不上推送速度，丢弃 ${p.dropped} 条行情（累计 ${p.total} 条）：请减少订阅或加快 EVENT_TICK 处理`,
} as const;
