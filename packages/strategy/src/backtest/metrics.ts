import { Direction, type TradeData } from "@tsgate/core";
import { beijingDate } from "../ashare-sessions.js";

/** Trading days per year used to annualise the Sharpe ratio (vnpy's `annual_days` default). */
export const ANNUAL_TRADING_DAYS = 240;

/** One trading day of a backtest, marked to the day's last price. */
export interface DailyResult {
  /** The day, `YYYY-MM-DD` (Beijing). */
  readonly date: string;
  /** Fills of the day. */
  readonly tradeCount: number;
  /** Value traded (Σ price × volume), yuan. */
  readonly turnover: number;
  /** Fees paid, yuan. */
  readonly fee: number;
  /** Profit from positions and fills marked to the day's closes, before fees. */
  readonly grossPnl: number;
  /** `grossPnl - fee`. */
  readonly netPnl: number;
  /** Capital plus every net P&L so far. */
  readonly balance: number;
  /** `balance` minus its highest value so far (≤ 0). */
  readonly drawdown: number;
}

/** Totals of a backtest. */
export interface BacktestSummary {
  /** Starting capital, yuan. */
  readonly capital: number;
  /** Balance after the last day. */
  readonly endBalance: number;
  /** Σ net P&L. */
  readonly totalNetPnl: number;
  /** Σ fees. */
  readonly totalFee: number;
  /** Σ value traded. */
  readonly totalTurnover: number;
  /** Number of fills. */
  readonly tradeCount: number;
  /** Number of days with data. */
  readonly tradingDays: number;
  /** Deepest drawdown, yuan (≤ 0). */
  readonly maxDrawdown: number;
  /** Deepest drawdown as a fraction of the peak balance before it (≤ 0). */
  readonly maxDrawdownPercent: number;
  /** Mean over standard deviation of daily returns × √{@link ANNUAL_TRADING_DAYS}; 0 when undefined. */
  readonly sharpeRatio: number;
}

/** A day's last price of each instrument, as {@link dailyResults} needs it. */
export type DayCloses = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Notes `price` as the latest close of `vtSymbol` on the Beijing day of `datetime` (ignores
 * prices ≤ 0). Keeps one price per instrument and day, so memory does not grow with the ticks.
 */
export function markDayClose(
  closes: Map<string, Map<string, number>>,
  vtSymbol: string,
  datetime: Date,
  price: number,
): void {
  if (price <= 0) return;
  const date = beijingDate(datetime);
  const day = closes.get(date) ?? new Map<string, number>();
  closes.set(date, day);
  day.set(vtSymbol, price);
}

/**
 * Marks `trades` to each day's closes (vnpy's `calculate_result`): a day's gross P&L is the
 * previous position × the close-to-close change plus each fill × (close − fill price).
 *
 * @param closes - date → vtSymbol → last price of that day, days in order
 */
export function dailyResults(
  trades: readonly TradeData[],
  closes: DayCloses,
  capital: number,
): DailyResult[] {
  const byDay = new Map<string, TradeData[]>();
  for (const trade of trades) {
    const date = beijingDate(trade.datetime);
    byDay.set(date, [...(byDay.get(date) ?? []), trade]);
  }
  const pos = new Map<string, number>();
  const previousClose = new Map<string, number>();
  let balance = capital;
  let peak = capital;
  const results: DailyResult[] = [];
  for (const [date, dayCloses] of closes) {
    let gross = 0;
    for (const [vtSymbol, close] of dayCloses) {
      gross += (pos.get(vtSymbol) ?? 0) * (close - (previousClose.get(vtSymbol) ?? close));
    }
    let fee = 0;
    let turnover = 0;
    const dayTrades = byDay.get(date) ?? [];
    for (const t of dayTrades) {
      const signed = t.direction === Direction.LONG ? t.volume : -t.volume;
      const close = dayCloses.get(t.vtSymbol) ?? t.price;
      gross += signed * (close - t.price);
      pos.set(t.vtSymbol, (pos.get(t.vtSymbol) ?? 0) + signed);
      fee += t.fee;
      turnover += t.price * t.volume;
    }
    for (const [vtSymbol, close] of dayCloses) previousClose.set(vtSymbol, close);
    const netPnl = gross - fee;
    balance += netPnl;
    peak = Math.max(peak, balance);
    results.push({
      date,
      tradeCount: dayTrades.length,
      turnover: cents(turnover),
      fee: cents(fee),
      grossPnl: cents(gross),
      netPnl: cents(netPnl),
      balance: cents(balance),
      drawdown: cents(balance - peak),
    });
  }
  return results;
}

/** The totals of {@link dailyResults}. */
export function summarize(daily: readonly DailyResult[], capital: number): BacktestSummary {
  const returns: number[] = [];
  let previous = capital;
  let peak = capital;
  let maxDrawdownPercent = 0;
  for (const day of daily) {
    returns.push(day.netPnl / previous);
    previous = day.balance;
    peak = Math.max(peak, day.balance);
    maxDrawdownPercent = Math.min(maxDrawdownPercent, (day.balance - peak) / peak);
  }
  const mean = returns.reduce((a, b) => a + b, 0) / (returns.length || 1);
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, returns.length - 1);
  const std = Math.sqrt(variance);
  const sum = (pick: (d: DailyResult) => number) => cents(daily.reduce((a, d) => a + pick(d), 0));
  return {
    capital,
    endBalance: daily.at(-1)?.balance ?? capital,
    totalNetPnl: sum((d) => d.netPnl),
    totalFee: sum((d) => d.fee),
    totalTurnover: sum((d) => d.turnover),
    tradeCount: daily.reduce((a, d) => a + d.tradeCount, 0),
    tradingDays: daily.length,
    maxDrawdown: Math.min(0, ...daily.map((d) => d.drawdown)),
    maxDrawdownPercent,
    sharpeRatio: std > 0 && returns.length > 1 ? (mean / std) * Math.sqrt(ANNUAL_TRADING_DAYS) : 0,
  };
}

const cents = (yuan: number) => Math.round(yuan * 100) / 100;
