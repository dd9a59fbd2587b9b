/**
 * The zh-CN reasons of the order rules (`rule.<code>` for each {@link RuleCode}); this catalogue
 * fixes the codes and parameters, `rule-reasons-en.ts` gives the same in English. Board names are
 * the exchanges' own (主板, 创业板, 科创板).
 *
 * @module
 */
import type { Board } from "./boards.js";
import type { RuleCode, RuleParams } from "./order-rules.js";

const BOARD: Record<Board, string> = { main: "主板", chinext: "创业板", star: "科创板" };
const HELD = "（交易所暂存该委托，直到价格笼子覆盖它的价格）";

/** Each rule's reason in zh-CN. */
export const ruleReasonsZhCN: { readonly [C in RuleCode as `rule.${C}`]: (p: RuleParams[C]) => string } = {
  "rule.volume": (p) => `数量 ${p.volume} 不是正整数股`,
  "rule.max-volume": (p) =>
    p.board === undefined
      ? `数量 ${p.volume} 超过该合约单笔委托上限 ${p.cap} 股`
      : `数量 ${p.volume} 超过${BOARD[p.board]}${p.kind === "market" ? "市价" : "限价"}委托单笔上限 ${p.cap} 股`,
  "rule.min-buy": (p) => `买入数量 ${p.volume} 低于 ${p.vtSymbol} 的最低买入数量 ${p.min} 股`,
  "rule.lot": (p) =>
    p.step === p.min
      ? `买入数量 ${p.volume} 不是整手（${p.step} 股）的整数倍`
      : `买入数量 ${p.volume} 应为 ${p.min} 股加 ${p.step} 股的整数倍`,
  "rule.price": (p) => `限价 ${p.price} 不是最多 4 位小数的正价格`,
  "rule.tick": (p) => `价格 ${p.price} 不是最小价位 ${p.tick} 的整数倍`,
  "rule.limit-up": (p) => `价格 ${p.price} 高于 ${p.vtSymbol} 的涨停价 ${p.limit}`,
  "rule.limit-down": (p) => `价格 ${p.price} 低于 ${p.vtSymbol} 的跌停价 ${p.limit}`,
  "rule.cage-buy": (p) =>
    `买入价 ${p.price} 高于 ${p.vtSymbol} 的价格笼子上限 ${p.cage}${p.held ? HELD : ""}`,
  "rule.cage-sell": (p) =>
    `卖出价 ${p.price} 低于 ${p.vtSymbol} 的价格笼子下限 ${p.cage}${p.held ? HELD : ""}`,
};
