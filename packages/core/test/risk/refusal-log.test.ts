import { describe, expect, it } from "vitest";
import { REFUSAL_BURST_QUIET_MS, RefusalLog } from "../../src/risk/refusal-log.js";
import { refusal } from "../../src/risk/risk-refusal.js";

describe("RefusalLog", () => {
  it("logs the first refusal of a burst, counts the rest, and reports the count when the burst ends", () => {
    const log = new RefusalLog();
    const why = refusal("maxOrdersPerSecond", 5, 6);
    expect(log.onRefusal(why, 0)).toContain("risk maxOrdersPerSecond: limit 5, would be 6");
    for (let t = 1; t < 100; t++) expect(log.onRefusal(why, t)).toBeUndefined();
    expect(log.flush(99 + REFUSAL_BURST_QUIET_MS - 1)).toEqual([]);
    expect(log.flush(99 + REFUSAL_BURST_QUIET_MS)).toEqual([
      "risk maxOrdersPerSecond: 99 more refused in the burst that just ended",
    ]);
    // A new burst is logged again.
    expect(log.onRefusal(why, 5000)).toContain("would be 6");
  });

  it("keeps bursts of different rules apart, and names a burst's count if the next one starts first", () => {
    const log = new RefusalLog();
    const rate = refusal("maxOrdersPerSecond", 5, 6);
    const size = refusal("maxOrderVolume", 100, 200);
    expect(log.onRefusal(rate, 0)).toBeDefined();
    expect(log.onRefusal(size, 1)).toBeDefined();
    expect(log.onRefusal(rate, 2)).toBeUndefined();
    expect(log.onRefusal(rate, 2 + REFUSAL_BURST_QUIET_MS)).toContain("(1 more refused in the last burst)");
  });
});
