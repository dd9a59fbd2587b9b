import { createTick, Exchange, type TickData } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { type BarData, BarGenerator } from "../src/index.js";

/** A tick at Beijing time `hms` on `day`, with cumulative `volume` and turnover = volume × price. */
function tick(hms: string, lastPrice: number, volume: number, day = "2026-12-01"): TickData {
  return createTick({
    gatewayName: "T",
    symbol: "600000",
    exchange: Exchange.SSE,
    datetime: new Date(`${day}T${hms}+08:00`),
    lastPrice,
    volume,
    turnover: volume * 10,
  });
}

/** Bar start as Beijing HH:MM. */
const hhmm = (bar: BarData) => new Date(bar.datetime.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

function run(ticks: TickData[], window = 1) {
  const bars: BarData[] = [];
  const windows: BarData[] = [];
  const generator = new BarGenerator(
    (b) => bars.push(b),
    window,
    (b) => windows.push(b),
  );
  for (const t of ticks) generator.updateTick(t);
  generator.flush();
  return { bars, windows };
}

describe("BarGenerator", () => {
  it("puts the opening auction's match into the 09:30 bar, ignoring indicative prices and pre-09:15 ticks", () => {
    const { bars } = run([
      tick("09:10:00", 7.0, 0),
      tick("09:16:00", 7.5, 0), // indicative, no trade
      tick("09:25:00", 7.2, 1_000), // auction match
      tick("09:30:03", 7.25, 1_500),
      tick("09:30:58", 7.15, 1_800),
      tick("09:31:00", 7.3, 2_000),
    ]);
    expect(bars.map(hhmm)).toEqual(["09:30", "09:31"]);
    expect(bars[0]).toMatchObject({
      openPrice: 7.2,
      highPrice: 7.25,
      lowPrice: 7.15,
      closePrice: 7.15,
      volume: 1_800,
    });
    expect(bars[0]!.turnover).toBe(18_000);
    expect(bars[1]).toMatchObject({ volume: 200, openPrice: 7.3 });
  });

  it("closes the morning with the 11:29 bar (a late 11:30:00 snapshot included) and makes no lunch bars", () => {
    const { bars } = run([
      tick("11:29:10", 7.0, 100),
      tick("11:30:00", 7.1, 300),
      tick("12:00:00", 7.1, 300),
      tick("13:00:01", 7.2, 400),
      tick("13:01:00", 7.3, 600),
    ]);
    expect(bars.map(hhmm)).toEqual(["11:29", "13:00", "13:01"]);
    // Started mid-day: the first tick is the baseline, not the day's total.
    expect(bars.map((b) => b.volume)).toEqual([200, 100, 200]);
    expect(bars[0]!.closePrice).toBe(7.1);
  });

  it("puts the closing auction's match into the 14:56 bar, the day's last", () => {
    const { bars } = run([
      tick("14:56:30", 7.0, 100),
      tick("14:57:00", 7.0, 200),
      tick("14:58:00", 7.9, 200), // indicative during the auction
      tick("15:00:00", 7.05, 900), // the match
      tick("15:01:00", 7.05, 900),
    ]);
    expect(bars.map(hhmm)).toEqual(["14:56"]);
    expect(bars[0]).toMatchObject({ highPrice: 7.05, closePrice: 7.05, volume: 800 });
  });

  it("starts a new day from the opening auction's totals", () => {
    const { bars } = run([
      tick("14:56:00", 7.0, 100),
      tick("14:56:30", 7.0, 500),
      tick("09:25:00", 7.1, 300, "2026-12-02"),
      tick("09:30:30", 7.2, 400, "2026-12-02"),
    ]);
    expect(bars.map(hhmm)).toEqual(["14:56", "09:30"]);
    expect(bars[1]).toMatchObject({ volume: 400, openPrice: 7.1, closePrice: 7.2 });
    expect(bars[1]!.datetime.toISOString()).toBe("2026-12-02T01:30:00.000Z");
  });

  it("builds N-minute bars that restart at 09:30 and 13:00", () => {
    const ticks: TickData[] = [];
    let volume = 0;
    for (const [h, from, to] of [
      [11, 20, 29],
      [13, 0, 6],
    ] as const) {
      for (let m = from; m <= to; m++) {
        volume += 100;
        ticks.push(tick(`${h}:${String(m).padStart(2, "0")}:10`, 7 + m / 100, volume));
      }
    }
    const { bars, windows } = run(ticks, 5);
    expect(bars).toHaveLength(17);
    // 11:20–11:24 and 11:25–11:29 complete the morning; 13:00–13:04, then 13:05–13:06 flushed.
    expect(windows.map(hhmm)).toEqual(["11:20", "11:25", "13:00", "13:05"]);
    expect(windows.map((w) => w.interval)).toEqual([5, 5, 5, 5]);
    expect(windows[0]).toMatchObject({ openPrice: 7.2, highPrice: 7.24, lowPrice: 7.2, closePrice: 7.24 });
    // The first tick (11:20) is the baseline.
    expect(windows.map((w) => w.volume)).toEqual([400, 500, 500, 200]);
  });

  it("ends an N-minute window at the end of the morning even when it is short", () => {
    const ticks: TickData[] = [];
    let volume = 0;
    for (const [h, m] of [
      [11, 27],
      [11, 28],
      [11, 29],
      [13, 0],
      [13, 1],
    ] as const) {
      volume += 100;
      ticks.push(tick(`${h}:${String(m).padStart(2, "0")}:10`, 7, volume));
    }
    // 09:30 + 119 minutes = 11:29: with 7-minute windows, 11:22–11:28 is full and 11:29 stands alone.
    const { windows } = run(ticks, 7);
    expect(windows.map(hhmm)).toEqual(["11:27", "11:29", "13:00"]);
  });

  it("refuses a tick of another instrument and a bad window", () => {
    const generator = new BarGenerator(() => {});
    generator.updateTick(tick("10:00:00", 7, 100));
    expect(() =>
      generator.updateTick(
        createTick({ gatewayName: "T", symbol: "000001", exchange: Exchange.SZSE, datetime: new Date() }),
      ),
    ).toThrow(/600000\.SSE got a tick of 000001\.SZSE/);
    expect(() => new BarGenerator(() => {}, 0)).toThrow(/windowMinutes/);
  });
});
