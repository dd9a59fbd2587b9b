// Replay CSV of a "staircase" day: each price is held for HOLD_ROWS rows (one every 3 s), so an
// order sent on a level's first row meets the same book on every row of that level — live, where
// the market moves on its own timer, the strategy's reaction time then does not change its fills.
export const HOLD_ROWS = 10;
const ROW_SECONDS = 3;
const START_SECONDS = 9 * 3600 + 30 * 60;

/** Prices per level: a dip below 7.20 twice, and recoveries above the 7.30 start. */
export const LEVELS = [7.3, 7.26, 7.18, 7.22, 7.31, 7.24, 7.15, 7.28, 7.33];

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/**
 * tsgate replay CSV of `codes` on `dates`, instruments in lockstep; with a `date` column unless
 * `withDate` is false (the mock server's own replay takes its day from its clock).
 */
export function staircaseCsv(
  dates: readonly string[],
  codes: readonly string[] = ["600000"],
  withDate = true,
): string {
  const lines = [`${withDate ? "date," : ""}market,code,time,last,volume,bid1,bidVol1,ask1,askVol1`];
  for (const date of dates) {
    LEVELS.forEach((level, l) => {
      for (let r = 0; r < HOLD_ROWS; r++) {
        const t = START_SECONDS + (l * HOLD_ROWS + r) * ROW_SECONDS;
        codes.forEach((code, i) => {
          const price = level + i * 0.01;
          const [bid, ask] = [(price - 0.01).toFixed(2), (price + 0.01).toFixed(2)];
          lines.push(
            `${withDate ? `${date},` : ""}SH,${code},${clock(t)},${price.toFixed(2)},100,${bid},5000,${ask},5000`,
          );
        });
      }
    });
  }
  return `${lines.join("\n")}\n`;
}
