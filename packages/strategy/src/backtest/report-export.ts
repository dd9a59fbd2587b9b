import type { BacktestResult } from "./backtest-engine.js";

/** The result as JSON text (dates as ISO strings). */
export function resultToJson(result: BacktestResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** The fills as CSV: `datetime,vtSymbol,direction,price,volume,fee,vtOrderid,vtTradeid`. */
export function tradesToCsv(result: BacktestResult): string {
  const rows = result.trades.map((t) =>
    [
      t.datetime.toISOString(),
      t.vtSymbol,
      t.direction,
      t.price,
      t.volume,
      t.fee,
      t.vtOrderid,
      t.vtTradeid,
    ].join(","),
  );
  return `${["datetime,vtSymbol,direction,price,volume,fee,vtOrderid,vtTradeid", ...rows].join("\n")}\n`;
}

/** The daily results as CSV: `date,tradeCount,turnover,fee,grossPnl,netPnl,balance,drawdown`. */
export function dailyToCsv(result: BacktestResult): string {
  const rows = result.daily.map((d) =>
    [d.date, d.tradeCount, d.turnover, d.fee, d.grossPnl, d.netPnl, d.balance, d.drawdown].join(","),
  );
  return `${["date,tradeCount,turnover,fee,grossPnl,netPnl,balance,drawdown", ...rows].join("\n")}\n`;
}
