/**
 * The built-in demo config: one trade account with cash and a few holdings, one market-data user
 * and eight instruments covering every board (SH and SZ main, ChiNext, STAR, ST, an ETF), with
 * realistic previous closes. The market is a seeded random walk and the session always open, so
 * the demo trades at any hour.
 */
import { type MockConfig, type MockConfigInput, parseMockConfig } from "./config.js";

/** The demo config as written (JSON-compatible). */
export const demoConfigInput = {
  sessionMode: "always-open",
  accounts: [
    {
      accountId: "demo",
      password: "demo123",
      orgCode: "0000",
      branchCode: "9999",
      cash: 1_000_000,
      positions: [
        { symbol: "SH.600000", volume: 10_000, costPrice: 10.85 },
        { symbol: "SZ.000001", volume: 5_000, costPrice: 11.62 },
        { symbol: "SH.510300", volume: 20_000, costPrice: 3.912 },
        { symbol: "SZ.300750", volume: 300, costPrice: 238.5 },
      ],
    },
  ],
  mdUsers: [{ user: "demo", password: "demo123" }],
  instruments: [
    { code: "600000", market: "SH", name: "浦发银行", securityType: "stock", preClose: 11.8 },
    { code: "600519", market: "SH", name: "贵州茅台", securityType: "stock", preClose: 1458.0 },
    { code: "601318", market: "SH", name: "中国平安", securityType: "stock", preClose: 57.36 },
    { code: "000001", market: "SZ", name: "平安银行", securityType: "stock", preClose: 11.52 },
    { code: "300750", market: "SZ", name: "宁德时代", securityType: "stock", preClose: 372.4 },
    { code: "688981", market: "SH", name: "中芯国际", securityType: "stock", preClose: 112.35 },
    // A fictional *ST name: the risk warning follows from the prefix (or say riskWarning: true);
    // its limit is ±5% on trading days before 2025-07-07 and ±10% from then.
    { code: "600899", market: "SH", name: "*ST示例", securityType: "stock", preClose: 3.33 },
    { code: "510300", market: "SH", name: "沪深300ETF", securityType: "etf", preClose: 4.62 },
  ],
  fees: { commissionRate: 0.00025, minCommission: 5, stampDutyRate: 0.0005, transferFeeRate: 0.00001 },
  market: { mode: "random-walk", seed: 20_240_601, tickIntervalMs: 500, volatility: 0.001 },
} satisfies MockConfigInput;

/** The demo config, validated, with defaults filled in. */
export const demoConfig: MockConfig = parseMockConfig(demoConfigInput);
