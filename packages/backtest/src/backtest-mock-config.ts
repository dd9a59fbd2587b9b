import { parseVtSymbol } from "@tsgate/core";
import { type MockConfig, type MockServers, parseMockConfig, type SessionMode } from "@tsgate/mock-server";
import type { FeeSchedule } from "@tsgate/strategy";

/** The broker account and market-data user of a full-path backtest (a local mock, not a secret). */
export const BACKTEST_LOGIN = Object.freeze({ user: "backtest", password: "backtest-local" });

const MARKET_OF: Readonly<Record<string, "SH" | "SZ">> = { SSE: "SH", SZSE: "SZ" };

/** What {@link backtestMockConfig} needs. */
export interface BacktestMockInput {
  /** The replay CSV the mock reads. */
  readonly csvPath: string;
  /** Previous close of each instrument (the first day's limits follow from it). */
  readonly preCloses: ReadonlyMap<string, number>;
  /** Starting cash, yuan. */
  readonly capital: number;
  /** The broker's fees. */
  readonly fees: FeeSchedule;
  /** `realtime`: sessions, auctions and the rollover follow the simulated clock. */
  readonly sessionMode: SessionMode;
}

/**
 * The mock broker's config for a backtest: one account with the capital and no holdings, the
 * job's instruments as stocks, the fees, and the market replaying `csvPath`. Validated by the
 * mock's own schema, so a bad value names its field.
 */
export function backtestMockConfig(input: BacktestMockInput): MockConfig {
  return parseMockConfig({
    sessionMode: input.sessionMode,
    accounts: [{ accountId: BACKTEST_LOGIN.user, password: BACKTEST_LOGIN.password, cash: input.capital }],
    mdUsers: [{ user: BACKTEST_LOGIN.user, password: BACKTEST_LOGIN.password }],
    instruments: [...input.preCloses].map(([vtSymbol, preClose]) => {
      const { symbol, exchange } = parseVtSymbol(vtSymbol);
      return { code: symbol, market: MARKET_OF[exchange], name: symbol, preClose };
    }),
    fees: { ...input.fees },
    market: { mode: "replay", csvPath: input.csvPath },
  });
}

/** HftGateway's setting for the backtest account on running mock servers (`libraryPath` optional). */
export function backtestGatewaySetting(
  mock: Pick<MockServers, "host" | "tradePort" | "marketPort">,
  libraryPath?: string,
): Record<string, string | number> {
  return {
    交易用户名: BACKTEST_LOGIN.user,
    交易密码: BACKTEST_LOGIN.password,
    交易服务器: mock.host,
    交易端口: mock.tradePort,
    行情用户名: BACKTEST_LOGIN.user,
    行情密码: BACKTEST_LOGIN.password,
    行情服务器: mock.host,
    行情端口: mock.marketPort,
    ...(libraryPath === undefined ? {} : { libraryPath }),
  };
}
