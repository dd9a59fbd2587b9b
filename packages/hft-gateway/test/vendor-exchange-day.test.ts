/**
 * The vendor shim dates market data and the login in exchange time (China Standard Time, UTC+8),
 * whatever time zone the machine is set to: the SDK's L1 snapshot and login answer carry no date.
 * Run in a zone whose date differs from Beijing's at this moment, the tick is still on the broker's
 * trading day (before the fix it followed the machine's zone: e2e-vendor.test.ts failed every day
 * from 16:00 to 24:00 UTC on a machine set to UTC).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Stack, startStack, subscribeTick } from "./helpers/e2e.js";
import { TEST_TERMINAL_INFO, vendorLibrary } from "./helpers/vendor-path.js";

const HOUR_MS = 3_600_000;
const BEIJING_UTC_OFFSET_HOURS = 8;

/**
 * A fixed-offset zone whose calendar date differs from Beijing's now: UTC-12 (20 hours behind)
 * before 20:00 Beijing time, else UTC+14 (6 hours ahead). Etc/GMT signs are inverted (POSIX).
 */
function zoneOnAnotherDate(now: Date): string {
  const beijingHour = new Date(now.getTime() + BEIJING_UTC_OFFSET_HOURS * HOUR_MS).getUTCHours();
  return beijingHour < 20 ? "Etc/GMT+12" : "Etc/GMT-14";
}

const savedTz = process.env.TZ;
let s: Stack;

beforeAll(async () => {
  // Node calls tzset() when TZ is assigned, so the C library's local time follows it too.
  process.env.TZ = zoneOnAnotherDate(new Date());
  s = await startStack({ setting: { libraryPath: vendorLibrary(), terminalInfo: TEST_TERMINAL_INFO } });
}, 60_000);

afterAll(async () => {
  await s?.close();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

it("a tick through the vendor path is on the broker's trading day in a zone on another date", async () => {
  const localDay = (d: Date) => d.getFullYear() * 10_000 + (d.getMonth() + 1) * 100 + d.getDate();
  // The premise: this process's local date is not the exchange's (else the test proves nothing).
  expect(localDay(new Date())).not.toBe(s.mock.broker.tradingDay);
  const tick = await subscribeTick(s, "600000");
  const beijing = new Date(tick.datetime.getTime() + BEIJING_UTC_OFFSET_HOURS * HOUR_MS);
  expect(beijing.toISOString().slice(0, 10).replaceAll("-", "")).toBe(String(s.mock.broker.tradingDay));
});
