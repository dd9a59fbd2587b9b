/**
 * The zh-CN reasons the gateway itself refuses an order for before sending it (`refusal.*`),
 * spread into `catalogue-zh-cn.ts` beside the order rules' reasons (`rule.*`, from
 * `@tsgate/ashare-rules`). Enum values (LONG, OPEN, LIMIT) are the API's own names, quoted as data.
 *
 * @module
 */

export const refusalsZhCN = {
  "refusal.exchange": (p: { exchange: string }) => `本接口不交易交易所 ${p.exchange}（只支持 SSE 和 SZSE）`,
  "refusal.symbol": (p: { symbol: string }) => `代码 ${p.symbol} 不是证券代码：应为 "600000" 这样的文本`,
  "refusal.noContract": (p: { vtSymbol: string }) =>
    `没有 ${p.vtSymbol} 的合约信息：代码不存在，或合约尚未加载（请等待交易登录完成）`,
  "refusal.direction": (p: { direction: string }) =>
    `方向 ${p.direction} 不是委托方向：买入用 LONG，卖出用 SHORT`,
  "refusal.offset": (p: { offset: string; direction: string }) =>
    `开平 ${p.offset} 与方向 ${p.direction} 需要信用账户；现金账户只能买入（LONG，NONE/OPEN）和卖出持仓（SHORT，NONE/CLOSE）`,
  "refusal.orderType": (p: { type: string }) =>
    `不支持委托类型 ${p.type}：请用 LIMIT（限价）、MARKET（市价）、FAK 或 FOK`,
  "refusal.orderTypeExchange": (p: { type: string; vendorType: string; text: string; exchange: string }) =>
    `${p.exchange} 不接受委托类型 ${p.type}（${p.vendorType}，${p.text.split(" (")[0]}）：请在该交易所用 LIMIT 或 MARKET`,
  "refusal.notConnected": () => "未连接：请先调用 connect()",
} as const;
