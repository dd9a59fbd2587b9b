/**
 * The backtest report the trader shows (`--backtest-report result.json`): the JSON that
 * `resultToJson` of `@tsgate/strategy` writes, checked field by field so the page never draws a
 * half-understood file.
 *
 * @module
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { fileName, readJsonFile } from "../json-file.js";
import { schemaIssueTexts } from "../schema-issues.js";
import type { BacktestReportState, WireBacktestResult } from "../shared/protocol.js";

// Refinements name their reason's label (schema-issues.ts renders it in the reader's language).
const isoDate = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), { params: { label: "check.isoDate" } });
const YMD = /^\d{4}-\d{2}-\d{2}$/;
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
  date: z.string().refine((text) => YMD.test(text), { params: { label: "check.ymd" } }),
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

/** How many of a broken report's issues its reason names (a wrong file has one per field). */
const REPORT_ISSUES_SHOWN = 5;

/**
 * Reads a backtest result file.
 *
 * @throws {@link InputError} naming the file and each bad field (`trades.0.price: …`)
 */
export function readBacktestReport(path: string): WireBacktestResult {
  const parsed = resultSchema.safeParse(readJsonFile(path, "backtestReport"));
  if (!parsed.success) {
    throw new InputError({
      label: "report.notResult",
      params: {
        file: fileName("backtestReport", path),
        issues: schemaIssueTexts(parsed.error.issues, REPORT_ISSUES_SHOWN),
      },
    });
  }
  return parsed.data as unknown as WireBacktestResult;
}

/** The report for `GET /api/backtest-report`: none, loaded, or the reason it could not be. */
export function loadBacktestReport(path: string | undefined): BacktestReportState {
  if (path === undefined) return { state: "none" };
  try {
    return { state: "loaded", file: path, report: readBacktestReport(path) };
  } catch (err) {
    if (!(err instanceof InputError) || err.text === undefined) throw err;
    return { state: "error", file: path, reason: err.text };
  }
}
