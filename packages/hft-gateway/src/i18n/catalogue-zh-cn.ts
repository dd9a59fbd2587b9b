/**
 * The zh-CN message catalogue: every user-facing text of the doctor, the gateway's log lines and
 * status texts (`gateway.*`, from `gateway-zh-cn.ts`), the reasons of its pre-send checks
 * (`refusal.*` from `refusals-zh-cn.ts`, `rule.*` from `@tsgate/ashare-rules`) and every server
 * reason the gateway translates (`reason.<code>`), keyed by message code. `catalogue-en.ts` has the same codes (the compiler
 * and `test/i18n.test.ts` hold them together).
 *
 * Setting keys (「交易密码」) are quoted as the user types them, in either language. Values that
 * come from outside (a host, a server's own text) are data: they are quoted, never translated.
 * No entry takes a password.
 *
 * @module
 */

import { RULE_REASONS } from "@tsgate/ashare-rules";
import { vendorLoginError } from "../vendor-errors.js";
import { gatewayZhCN } from "./gateway-zh-cn.js";
import { libraryZhCN } from "./library-zh-cn.js";
import { refusalsZhCN } from "./refusals-zh-cn.js";

type Side = "trade" | "market";
const SERVER: Record<Side, string> = { trade: "交易服务器", market: "行情服务器" };

export const zhCN = {
  ...gatewayZhCN,
  ...refusalsZhCN,
  ...libraryZhCN,
  ...RULE_REASONS["zh-CN"],

  // ---- step names ----
  "doctor.step.settings": () => "设置",
  "doctor.step.library": () => "HFT 接口库",
  "doctor.step.network": (p: { side: Side }) => `${SERVER[p.side]}网络`,
  "doctor.step.login": (p: { side: Side }) => `${SERVER[p.side]}登录`,
  "doctor.step.tradeData": () => "登录后查询",
  "doctor.step.tick": () => "行情推送",
  "doctor.step.clock": () => "时钟偏差",

  "doctor.status.passed": () => "通过",
  "doctor.status.failed": () => "失败",
  "doctor.status.warning": () => "注意",
  "doctor.status.skipped": () => "跳过",

  "doctor.header": (p: { version: string }) =>
    `tsgate doctor ${p.version}：按 vnpy_hft 的连接检查清单逐项检查`,
  "doctor.summary.ok": (p: { ms: number }) => `全部通过（用时 ${p.ms} ms）`,
  "doctor.summary.failed": (p: { failed: number; first: string }) =>
    `${p.failed} 项未通过；先处理第一项：${p.first}`,
  "doctor.report.written": (p: { path: string }) => `报告已写入 ${p.path}（不含密码，可发给券商技术支持）`,
  "doctor.skipped.because": (p: { step: string }) => `因「${p.step}」未通过而未检查`,

  // ---- 1. settings ----
  "doctor.settings.ok": (p: { count: number }) => `${p.count} 项设置格式正确（密码不显示）`,
  "doctor.settings.invalid": (p: { count: number }) => `${p.count} 项设置有误，请逐项修正：`,
  "doctor.library.ok": (p: { path: string; info: string; abi: number; kind: string; backend: string }) =>
    `已加载 ${p.path}：${p.info}，ABI 版本 ${p.abi}，实现：${p.kind}，FFI 后端 ${p.backend}`,
  "doctor.library.kind.sim": () => "仿真库（连接 tsgate 模拟服务器）",
  "doctor.library.kind.shim": () => "券商 SDK 适配层（连接券商服务器）",
  "doctor.library.kind.unknown": () => "未知实现",
  "doctor.library.shimFiles": (p: { dir: string; files: string }) => `${p.dir} 中的券商 SDK 文件：${p.files}`,
  "doctor.library.shimMissing": (p: { dir: string; files: string }) =>
    `${p.dir} 中缺少券商 SDK 文件：${p.files}。请把券商提供的 DLL 与适配层放在同一目录`,
  "doctor.library.notFound": (p: { path: string }) =>
    `找不到库文件 ${p.path}。请检查「libraryPath」设置或 TSGATE_HFT_LIB 环境变量，或用 npm run build -w @tsgate/hft-native 编译仿真库`,
  "doctor.library.loadFailed": (p: { path: string; detail: string }) =>
    `库文件 ${p.path} 无法加载：${p.detail}。请确认它是本机平台（操作系统和 CPU 架构）的构建`,
  "doctor.library.mismatch": (p: { path: string; detail: string }) =>
    `库文件 ${p.path} 与本程序版本不匹配：${p.detail}。请用与 @tsgate/hft-native 同版本的源码重新编译`,
  "doctor.library.backend": (p: { detail: string }) =>
    `FFI 后端不可用：${p.detail}。请检查「ffiBackend」设置（默认 koffi）`,
  "doctor.library.other": (p: { detail: string }) => `库加载失败：${p.detail}`,

  // ---- 3. network ----
  "doctor.net.ok": (p: {
    peer: string;
    address: string;
    dnsMs: number;
    connectMs: number;
    protocolMs: number;
  }) =>
    `${p.peer}（${p.address}）：域名解析 ${p.dnsMs} ms，TCP 连接 ${p.connectMs} ms，协议应答 ${p.protocolMs} ms`,
  "doctor.net.okVendor": (p: { peer: string; address: string; dnsMs: number; connectMs: number }) =>
    `${p.peer}（${p.address}）：域名解析 ${p.dnsMs} ms，TCP 连接 ${p.connectMs} ms；券商协议不公开，由登录一步检查`,
  "doctor.net.dnsFailed": (p: { host: string; hostKey: string; error: string; ms: number }) =>
    `地址 "${p.host}" 无法解析 (${p.error}，${p.ms} ms)。请检查「${p.hostKey}」是否写对，或改填 IPv4 地址`,
  "doctor.net.refused": (p: { peer: string; ms: number; hostKey: string; portKey: string }) =>
    `连接被拒绝：${p.peer} 上没有服务在监听 (ECONNREFUSED，${p.ms} ms)。请检查「${p.hostKey}」和「${p.portKey}」，并确认服务器已启动`,
  "doctor.net.timeout": (p: { peer: string; ms: number; hostKey: string; portKey: string }) =>
    `连接超时：${p.peer} 在 ${p.ms} ms 内没有响应。请检查「${p.hostKey}」「${p.portKey}」、网络和防火墙（HFT 服务器通常只能从券商机房或专线访问）`,
  "doctor.net.unreachable": (p: { peer: string; errno: string; ms: number; hostKey: string }) =>
    `${p.peer} 不可达 (${p.errno}，${p.ms} ms)。请检查「${p.hostKey}」地址、网络和路由`,
  "doctor.net.failed": (p: { peer: string; error: string; ms: number; hostKey: string; portKey: string }) =>
    `连接 ${p.peer} 失败 (${p.error}，${p.ms} ms)。请检查「${p.hostKey}」和「${p.portKey}」`,
  "doctor.net.silent": (p: { peer: string; waitMs: number; portKey: string }) =>
    `${p.peer} 接受了连接，但 ${p.waitMs} ms 内一个字节也没有发送：那里的服务不是 HFT 服务器（或连接被防火墙截断）。请检查「${p.portKey}」`,
  "doctor.net.otherProtocol": (p: { peer: string; looksLike: string; portKey: string }) =>
    `${p.peer} 上的服务说的不是 tsgate 协议（收到的数据像 ${p.looksLike}）。请检查「${p.portKey}」是否填成了别的服务的端口`,
  "doctor.net.closedEarly": (p: { peer: string; ms: number; portKey: string }) =>
    `${p.peer} 接受连接后立即关闭 (${p.ms} ms)，没有按协议应答。请检查「${p.portKey}」和服务器状态`,
  "doctor.net.looksLike.http": () => "HTTP",
  "doctor.net.looksLike.tls": () => "TLS",
  "doctor.net.looksLike.text": (p: { text: string }) => `文本 "${p.text}"`,
  "doctor.net.looksLike.binary": (p: { hex: string }) => `未知二进制数据 ${p.hex}`,

  // ---- 4. login ----
  "doctor.login.ok": (p: { side: Side; ms: number; tradingDay: string }) =>
    `${SERVER[p.side]}登录成功（${p.ms} ms${p.tradingDay === "" ? "" : `，交易日 ${p.tradingDay}`}）`,
  "doctor.login.user": (p: { code: number; user: string; userKey: string }) =>
    `用户 "${p.user}" 不存在 (${p.code})。请检查「${p.userKey}」`,
  "doctor.login.password": (p: { code: number; passwordKey: string }) =>
    `密码错误 (${p.code})。请检查「${p.passwordKey}」（注意大小写和首尾空格）`,
  "doctor.login.userOrPassword": (p: { code: number; userKey: string; passwordKey: string; text: string }) =>
    `用户名或密码错误 (${p.code}，服务器原文 "${p.text}")。请检查「${p.userKey}」和「${p.passwordKey}」`,
  "doctor.login.org": (p: { code: number; org: string }) =>
    `机构代号 "${p.org}" 不正确 (${p.code})。请检查「机构代号」（默认 0000，以券商提供的为准）`,
  "doctor.login.branch": (p: { code: number; branch: string }) =>
    `营业部代号 "${p.branch}" 不正确 (${p.code})。请检查「营业部代号」（默认 9999，以券商提供的为准）`,
  "doctor.login.locked": (p: { code: number; text: string }) =>
    `账户被禁用或锁定 (${p.code}，服务器原文 "${p.text}")。请联系券商解锁；重试不会有帮助`,
  "doctor.login.notEnabled": (p: { code: number; text: string }) =>
    `账户没有开通 HFT 接入 (${p.code}，服务器原文 "${p.text}")。请联系券商开通（白名单和柜台配置）`,
  "doctor.login.terminalInfo": (p: { code: number; text: string }) =>
    `终端信息不符或缺失 (${p.code}，服务器原文 "${p.text}")：穿透式监管要求登记本机的 IP 和 MAC 地址。请向券商报备本机信息，并检查 TSGATE_HFT_TERMINAL_INFO 环境变量`,
  "doctor.login.missingInfo": (p: { code: number; text: string }) =>
    `登录信息不全 (${p.code}，服务器原文 "${p.text}")：地址、端口、账号或密码缺一项。请检查「行情服务器」「行情端口」「行情用户名」「行情密码」`,
  "doctor.login.temporary": (p: { code: number; text: string }) =>
    `服务器暂时拒绝登录 (${p.code}，服务器原文 "${p.text}")。稍后再运行 tsgate doctor`,
  "doctor.login.accountType": (p: { code: number; text: string }) =>
    `账户类型不受支持 (${p.code}，服务器原文 "${p.text}")。本接口只支持股票现金账户`,
  "doctor.login.other": (p: { code: number; text: string }) =>
    `登录被拒绝，错误码 ${p.code}，服务器原文 "${p.text}"。请把报告发给券商技术支持`,
  /** A vendor SDK login code no cause covers: its meaning and advice from vendor-errors.ts. */
  "doctor.login.vendor": (p: { side: Side; code: number; text: string }) => {
    const vendor = vendorLoginError(p.side, p.code, "zh-CN");
    return `${vendor?.meaning ?? "登录被拒绝"} (${p.code}，服务器原文 "${p.text}")。${vendor?.action ?? ""}`;
  },
  "doctor.login.noAnswer": (p: { waitMs: number }) =>
    `${p.waitMs} ms 内没有收到登录应答。请检查服务器状态，或把报告发给券商技术支持`,
  "doctor.login.connectFailed": (p: { detail: string }) => `接口库连接失败：${p.detail}`,
  "doctor.login.callFailed": (p: { detail: string }) => `登录请求发送失败：${p.detail}`,

  // ---- 5. after login ----
  "doctor.data.ok": (p: { contracts: number; positions: number; orders: number; ms: number }) =>
    `合约 ${p.contracts} 个，资金已加载，持仓 ${p.positions} 条，委托 ${p.orders} 笔（${p.ms} ms）`,
  "doctor.data.failed": (p: { what: string; detail: string }) =>
    `${p.what}查询失败：${p.detail}。请把报告发给券商技术支持`,
  "doctor.data.what.contracts": () => "合约信息",
  "doctor.data.what.account": () => "资金信息",
  "doctor.data.what.positions": () => "持仓信息",
  "doctor.data.what.orders": () => "委托信息",
  "doctor.tick.ok": (p: { symbol: string; ms: number }) => `订阅 ${p.symbol} 后 ${p.ms} ms 收到第一笔行情`,
  "doctor.tick.none": (p: { symbol: string; waitMs: number }) =>
    `订阅 ${p.symbol} 后 ${p.waitMs} ms 内没有收到行情。非交易时段可能没有推送；交易时段内请联系券商检查行情权限和行情源`,
  "doctor.tick.rejected": (p: { symbol: string; code: number; text: string }) =>
    `订阅 ${p.symbol} 被拒绝 (${p.code}，服务器原文 "${p.text}")。请检查代码，或用 --symbol 换一个`,

  // ---- 6. clock ----
  "doctor.clock.ok": (p: { skewMs: number; limitMs: number }) =>
    `本机时钟与行情时间相差 ${p.skewMs} ms（上限 ${p.limitMs} ms）`,
  "doctor.clock.behind": (p: { skewMs: number; limitMs: number }) =>
    `行情时间比本机时钟快 ${p.skewMs} ms（上限 ${p.limitMs} ms）：本机时钟慢了。请开启 NTP 时间同步（如 chrony、Windows 时间服务）`,
  "doctor.clock.stale": (p: { skewMs: number; limitMs: number }) =>
    `最新行情时间比本机时钟慢 ${p.skewMs} ms（上限 ${p.limitMs} ms）：本机时钟可能快了，或者行情不活跃、不在交易时段。交易时段内仍如此请开启 NTP 时间同步`,

  // ---- reasons the server gives, translated by code ----
  "reason.2001": () => "证券代码不存在",
  "reason.2002": () => "买入数量不是整手（100 股）的整数倍",
  "reason.2003": () => "科创板买入至少 200 股",
  "reason.2004": () => "零股只能一次性全部卖出",
  "reason.2005": () => "价格不是最小价位的整数倍",
  "reason.2006": () => "价格高于涨停价",
  "reason.2007": () => "价格低于跌停价",
  "reason.2008": () => "可用资金不足",
  "reason.2009": () => "可卖数量不足",
  "reason.2010": () => "当天买入的股票当天不能卖出（T+1）",
  "reason.2011": () => "不在交易时段",
  "reason.2012": () => "客户委托号重复",
  "reason.2013": () => "委托类型或买卖方向无效",
  "reason.2014": () => "价格或数量无效",
  "reason.2015": () => "委托被拒绝",
  "reason.2016": () => "数量超过单笔委托上限",
  "reason.2017": () => "价格超出价格笼子",
  "reason.3001": () => "找不到这笔委托",
  "reason.3002": () => "委托已是最终状态",
  "reason.3003": () => "撤单已在处理中",
  "reason.3004": () => "集合竞价的不可撤单时段，不接受撤单",
  /** A code no entry knows: the server's own text, quoted as data (the line around it names the code). */
  "reason.unknown": (p: { text: string }) => `服务器原文 "${p.text}"`,
  "reason.none": () => "服务器未给出原因",
  /** A code of the vendor SDK's own table (`vendor-order-errors.ts`), its meaning and advice. */
  "reason.vendor": (p: { meaning: string; action: string }) =>
    p.action === "" ? p.meaning : `${p.meaning}。${p.action}`,
  /** Any other code on the vendor path: the broker counter's own, explained only by its text. */
  "reason.broker": (p: { text: string }) => `券商柜台原文 "${p.text}"`,
} as const;
