import type { Direction, Offset, OrderType, Product, Status } from "./constants.js";

/**
 * Chinese display labels of the enumerations, equal to vnpy's enum values (`Direction.LONG = "多"`
 * in vnpy). Use them in user interfaces; never parse them back.
 *
 * @example
 * ```ts
 * LABELS_ZH.status[order.status]; // "部分成交"
 * ```
 */
export const LABELS_ZH: {
  /** Labels of {@link Direction}: 多, 空, 净. */
  readonly direction: Readonly<Record<Direction, string>>;
  /** Labels of {@link Offset}: "", 开, 平, 平今, 平昨. */
  readonly offset: Readonly<Record<Offset, string>>;
  /** Labels of {@link OrderType}: 限价, 市价, FAK, FOK. */
  readonly orderType: Readonly<Record<OrderType, string>>;
  /** Labels of {@link Status}: 提交中, 未成交, 部分成交, 全部成交, 已撤销, 拒单. */
  readonly status: Readonly<Record<Status, string>>;
  /** Labels of {@link Product}: 股票, 基金, ETF, 债券, ... */
  readonly product: Readonly<Record<Product, string>>;
} = Object.freeze({
  direction: Object.freeze({ LONG: "多", SHORT: "空", NET: "净" }),
  offset: Object.freeze({ NONE: "", OPEN: "开", CLOSE: "平", CLOSETODAY: "平今", CLOSEYESTERDAY: "平昨" }),
  orderType: Object.freeze({ LIMIT: "限价", MARKET: "市价", FAK: "FAK", FOK: "FOK" }),
  status: Object.freeze({
    SUBMITTING: "提交中",
    NOTTRADED: "未成交",
    PARTTRADED: "部分成交",
    ALLTRADED: "全部成交",
    CANCELLED: "已撤销",
    REJECTED: "拒单",
  }),
  product: Object.freeze({
    EQUITY: "股票",
    FUND: "基金",
    ETF: "ETF",
    BOND: "债券",
    INDEX: "指数",
    OPTION: "期权",
    FUTURES: "期货",
    WARRANT: "权证",
    SPOT: "现货",
    SPREAD: "价差",
  }),
});
