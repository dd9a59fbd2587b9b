/**
 * Every label of the Strategies and Backtest report pages, in both languages, keyed, so they can
 * join the dashboard's message catalogues as they are. Headings show both (English, then Chinese
 * in a `.zh` span, as the other panels do); other texts use {@link STRATEGY_LANGUAGE}.
 */

const EN = {
  navTrading: "Trade",
  navStrategies: "Strategies",
  navReport: "Report",
  strategiesTitle: "Strategies",
  colName: "Name",
  colClass: "Class",
  colSymbols: "Symbols",
  colState: "State",
  colParameters: "Parameters",
  colVariables: "Variables",
  colPos: "Position",
  colTrades: "Fills",
  colPnl: "P&L",
  colActions: "",
  pnlTitle:
    "Cash flow of the strategy's own fills, less their reported fees, plus its position at the last price",
  init: "Init",
  start: "Start",
  stop: "Stop",
  stateAdded: "added",
  stateIniting: "initing…",
  stateInited: "inited",
  stateStarted: "started",
  stateStopped: "stopped",
  noStrategies: "No strategies. Start the trader with --strategy file.js (see docs/strategies.md).",
  loadErrors: "Not loaded",
  actionFailed: "failed",
  reportTitle: "Backtest report",
  reportNone:
    "No backtest report. Start the trader with --backtest-report result.json (the JSON of resultToJson).",
  reportError: "The backtest report cannot be shown",
  reportOf: "Strategy",
  reportEngine: "engine",
  equityCurve: "Equity and drawdown",
  seriesBalance: "Balance",
  seriesDrawdown: "Drawdown",
  metricNetPnl: "Total P&L after fees",
  metricMaxDrawdown: "Max drawdown",
  metricSharpe: "Sharpe ratio",
  metricTurnover: "Turnover",
  metricTrades: "Trades",
  metricFees: "Fees",
  metricCapital: "Capital",
  metricEndBalance: "End balance",
  metricDays: "Trading days",
  tradesTitle: "Trades",
  colTime: "Time (Beijing)",
  colSymbol: "Symbol",
  colSide: "Side",
  colPrice: "Price",
  colVolume: "Volume",
  colFee: "Fee",
  noTrades: "No trades.",
  buy: "Buy",
  sell: "Sell",
};

/** The keys of the strategy pages' labels. */
export type StrategyLabelKey = keyof typeof EN;

// Typed by the English keys, so a label missing in Chinese does not compile.
const ZH_CN: Readonly<Record<StrategyLabelKey, string>> = {
  navTrading: "交易",
  navStrategies: "策略",
  navReport: "回测报告",
  strategiesTitle: "策略",
  colName: "名称",
  colClass: "类",
  colSymbols: "合约",
  colState: "状态",
  colParameters: "参数",
  colVariables: "变量",
  colPos: "持仓",
  colTrades: "成交笔数",
  colPnl: "盈亏",
  colActions: "",
  pnlTitle: "策略自身成交的现金流，减去已报告的费用，加上持仓按最新价计的市值",
  init: "初始化",
  start: "启动",
  stop: "停止",
  stateAdded: "已添加",
  stateIniting: "初始化中…",
  stateInited: "已初始化",
  stateStarted: "运行中",
  stateStopped: "已停止",
  noStrategies: "没有策略。用 --strategy file.js 启动交易程序（见 docs/strategies.md）。",
  loadErrors: "未能加载",
  actionFailed: "失败",
  reportTitle: "回测报告",
  reportNone: "没有回测报告。用 --backtest-report result.json 启动交易程序（resultToJson 输出的 JSON）。",
  reportError: "无法显示回测报告",
  reportOf: "策略",
  reportEngine: "引擎",
  equityCurve: "资金曲线与回撤",
  seriesBalance: "权益",
  seriesDrawdown: "回撤",
  metricNetPnl: "扣费后总盈亏",
  metricMaxDrawdown: "最大回撤",
  metricSharpe: "夏普比率",
  metricTurnover: "成交额",
  metricTrades: "成交笔数",
  metricFees: "手续费",
  metricCapital: "起始资金",
  metricEndBalance: "结束资金",
  metricDays: "交易日",
  tradesTitle: "成交",
  colTime: "时间（北京）",
  colSymbol: "合约",
  colSide: "方向",
  colPrice: "价格",
  colVolume: "数量",
  colFee: "费用",
  noTrades: "没有成交。",
  buy: "买",
  sell: "卖",
};

/** The labels by language. */
export const STRATEGY_LABELS: Readonly<Record<"en" | "zh-CN", Readonly<Record<StrategyLabelKey, string>>>> = {
  en: EN,
  "zh-CN": ZH_CN,
};

/** The language of the pages' texts other than headings. */
export const STRATEGY_LANGUAGE: keyof typeof STRATEGY_LABELS = "en";

/** A label in {@link STRATEGY_LANGUAGE}. */
export function label(key: StrategyLabelKey): string {
  return STRATEGY_LABELS[STRATEGY_LANGUAGE][key];
}

/** A label in Chinese (the second language of headings and buttons). */
export function labelZh(key: StrategyLabelKey): string {
  return STRATEGY_LABELS["zh-CN"][key];
}
