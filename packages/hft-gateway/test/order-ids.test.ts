import { describe, expect, it } from "vitest";
import { chinaTimestamp, OrderIdGenerator } from "../src/index.js";

const second = new Date("2025-11-26T01:30:15.250Z"); // 09:30:15 in Beijing

describe("OrderIdGenerator", () => {
  it("is yyMMddHHmmss (UTC+8) + 7-digit pid + counter of at least 4 digits", () => {
    const ids = new OrderIdGenerator({ now: () => second, pid: 4242 });
    expect(chinaTimestamp(second)).toBe("251126093015");
    expect(ids.next()).toBe("2511260930150004242" + "0001");
    expect(ids.next()).toBe("25112609301500042420002");
    expect(ids.prefix).toHaveLength(19);
  });

  it("never collides between two processes created in the same second", () => {
    const a = new OrderIdGenerator({ now: () => second, pid: 12 });
    const b = new OrderIdGenerator({ now: () => new Date(second.getTime() + 700), pid: 123 });
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      seen.add(a.next());
      seen.add(b.next());
    }
    expect(seen.size).toBe(40_000);
  });

  it("never collides with a restart of the same pid in a later second", () => {
    const before = new OrderIdGenerator({ now: () => second, pid: 777 });
    const after = new OrderIdGenerator({ now: () => new Date(second.getTime() + 1000), pid: 777 });
    const all = new Set(Array.from({ length: 12_000 }, () => before.next()));
    for (let i = 0; i < 12_000; i++) all.add(after.next());
    expect(all.size).toBe(24_000);
  });

  it("keeps ids unique past 9999 and within the 31 characters of cl_order_id", () => {
    const ids = new OrderIdGenerator({ now: () => second, pid: 4_194_304 });
    const all = new Set<string>();
    let last = "";
    for (let i = 0; i < 10_001; i++) {
      last = ids.next();
      all.add(last);
    }
    expect(all.size).toBe(10_001);
    expect(last).toBe("251126093015419430410001");
    expect(last.length).toBeLessThanOrEqual(31);
    expect(last).toMatch(/^\d+$/);
  });

  it("uses the real clock and pid by default", () => {
    const ids = new OrderIdGenerator();
    expect(ids.next()).toMatch(new RegExp(`^\\d{12}${String(process.pid).padStart(7, "0")}0001$`));
  });
});
