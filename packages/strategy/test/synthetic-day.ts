// A deterministic day of tsgate replay CSV rows for one instrument: a slow sine around 7.30,
// one row every 3 s through both sessions (the opening auction row at 09:25), 100 shares a row.
const ROW_SECONDS = 3;
const PERIOD_MINUTES = 40;

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** CSV text of `days` synthetic days (date column included) for `market`/`code`. */
export function syntheticCsv(dates: readonly string[], market = "SH", code = "600000"): string {
  const lines = ["date,market,code,time,last,volume,bid1,bidVol1,ask1,askVol1"];
  dates.forEach((date, d) => {
    const sessions: [number, number][] = [
      [9 * 3600 + 25 * 60, 9 * 3600 + 25 * 60],
      [9 * 3600 + 30 * 60, 11 * 3600 + 30 * 60 - ROW_SECONDS],
      [13 * 3600, 14 * 3600 + 57 * 60 - ROW_SECONDS],
    ];
    for (const [from, to] of sessions) {
      for (let t = from; t <= to; t += ROW_SECONDS) {
        const minutes = (t - 9 * 3600) / 60 + d * 7;
        const price =
          Math.round((7.3 + 0.2 * Math.sin((2 * Math.PI * minutes) / PERIOD_MINUTES)) * 100) / 100;
        const bid = (price - 0.01).toFixed(2);
        const ask = (price + 0.01).toFixed(2);
        lines.push(`${date},${market},${code},${clock(t)},${price.toFixed(2)},100,${bid},5000,${ask},5000`);
      }
    }
  });
  return `${lines.join("\n")}\n`;
}
