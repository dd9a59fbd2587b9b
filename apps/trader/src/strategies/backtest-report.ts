/**
 * The backtest report the trader shows (`--backtest-report result.json`): the JSON that
 * `resultToJson` of `@tsgate/strategy` writes, checked field by field so the page never draws a
 * half-understood file.
 *
 * @module
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { readJsonFile } from "../json-file.js";
import type { BacktestReportAnswer, WireBacktestResult } from "../shared/protocol.js";

const isoDate = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "expected an ISO date");
const count = z.number().int().nonnegative();

// The fields the page reads; other fields of the trades (ids, gateway) pass through.
const tradeSchema = z.looseObject({
  vtSymbol: z.string(),
  vtTradeid: z.string(),
  direction: z.enum(["LONG", "SHORT"]),
  price: z.number().nonnegative(),
  volume: z.number().positive(),
  fee: z.number().nonnegative(),
  datetime: isoDate,
});

const dailySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"),
  tradeCount: count,
  turnover: z.number(),
  fee: z.number(),
  grossPnl: z.number(),
  netPnl: z.number(),
  balance: z.number(),
  drawdown: z.number().nonpositive(),
});

const summarySchema = z.object({
  capital: z.number().positive(),
  endBalance: z.number(),
  totalNetPnl: z.number(),
  totalFee: z.number(),
  totalTurnover: z.number(),
  tradeCount: count,
  tradingDays: count,
  maxDrawdown: z.number().nonpositive(),
  maxDrawdownPercent: z.number().nonpositive(),
  sharpeRatio: z.number(),
});

const resultSchema = z.object({
  engine: z.string(),
  strategyName: z.string(),
  tickCount: count,
  barCount: count,
  trades: z.array(tradeSchema),
  daily: z.array(dailySchema),
  summary: summarySchema,
});

/**
 * Reads a backtest result file.
 *
 * @throws {@link InputError} naming the file and each bad field (`trades.0.price: …`)
 */
export function readBacktestReport(path: string): WireBacktestResult {
  const parsed = resultSchema.safeParse(readJsonFile(path, "backtest report"));
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new InputError(`backtest report ${path}: not a backtest result (${issues.join("; ")})`);
  }
  return parsed.data as unknown as WireBacktestResult;
}

/** The report for `GET /api/backtest-report`: none, loaded, or the reason it could not be. */
export function loadBacktestReport(path: string | undefined): BacktestReportAnswer {
  if (path === undefined) return { state: "none" };
  try {
    return { state: "loaded", file: path, report: readBacktestReport(path) };
  } catch (err) {
    return { state: "error", file: path, error: (err as Error).message };
  }
}
