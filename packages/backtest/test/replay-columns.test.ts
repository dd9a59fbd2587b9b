// The replay CSV's columns have two homes that cannot share code: @tsgate/strategy's
// REPLAY_CSV_COLUMNS (read by readTickCsv, written by the full-path backtest) and the mock
// server's own parser (packages/mock-server/src/domain/csv-replay.ts; mock-server imports no other
// package). This test fails when they part: one row using every column must be accepted by the
// mock and mean the same to both.
import { Broker, Market, PRICE_SCALE, parseMockConfig } from "@tsgate/mock-server";
import { REPLAY_CSV_COLUMNS, REPLAY_DEPTH_COLUMNS, readTickCsv } from "@tsgate/strategy";
import { expect, it } from "vitest";

it("every replay column the strategy package knows means the same to the mock server", () => {
  const value: Record<string, string> = {
    market: "SH",
    code: "600000",
    time: "10:00:01.500",
    last: "7.30",
    volume: "300",
  };
  REPLAY_DEPTH_COLUMNS.forEach((c, i) => {
    value[c.bid] = (7.29 - i * 0.01).toFixed(2);
    value[c.bidVol] = String(1000 + i * 100);
    value[c.ask] = (7.31 + i * 0.01).toFixed(2);
    value[c.askVol] = String(2000 + i * 100);
  });
  const csv = `${REPLAY_CSV_COLUMNS.join(",")}\n${REPLAY_CSV_COLUMNS.map((c) => value[c]).join(",")}\n`;
  const [tick] = [...readTickCsv(csv, { date: "2026-12-01" })];
  const broker = new Broker(
    parseMockConfig({
      tradingDay: 20261201,
      instruments: [{ code: "600000", market: "SH", name: "浦发银行", preClose: 7.3 }],
      market: { mode: "replay", csvPath: "replay.csv" },
    }),
    { readFile: () => csv, now: () => new Date("2026-12-01T10:00:01.500+08:00") },
  );
  broker.stepMarket();
  const snap = broker.snapshot(Market.SH, "600000");
  const yuan = (scaled: number | undefined) => (scaled ?? 0) / PRICE_SCALE;
  expect(tick).toBeDefined();
  expect(snap).toBeDefined();
  if (tick === undefined || snap === undefined) return;
  expect(snap.time).toBe(100_001_500);
  expect(tick.datetime.toISOString()).toBe("2026-12-01T02:00:01.500Z");
  expect(yuan(snap.last)).toBe(tick.lastPrice);
  expect(snap.volume).toBe(tick.volume);
  const t = tick as unknown as Record<string, number>;
  REPLAY_DEPTH_COLUMNS.forEach((_, i) => {
    expect(yuan(snap.bidPrice[i])).toBe(t[`bidPrice${i + 1}`]);
    expect(snap.bidVolume[i]).toBe(t[`bidVolume${i + 1}`]);
    expect(yuan(snap.askPrice[i])).toBe(t[`askPrice${i + 1}`]);
    expect(snap.askVolume[i]).toBe(t[`askVolume${i + 1}`]);
  });
});

it("a column the mock server does not know is refused by it, so a new one cannot slip past", () => {
  const csv = `${[...REPLAY_CSV_COLUMNS, "bid6"].join(",")}\n`;
  expect(
    () =>
      new Broker(
        parseMockConfig({
          instruments: [{ code: "600000", market: "SH", name: "浦发银行", preClose: 7.3 }],
          market: { mode: "replay", csvPath: "replay.csv" },
        }),
        { readFile: () => csv },
      ),
  ).toThrow(/column bid6: unknown column/);
});
