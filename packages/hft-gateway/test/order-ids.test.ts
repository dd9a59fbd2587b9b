import { describe, expect, it } from "vitest";
import { OrderIdsExhaustedError } from "../src/index.js";
import { chinaTimestamp, OrderIdGenerator } from "../src/order-ids.js";

const second = new Date("2025-11-26T01:30:15.250Z"); // 09:30:15 in Beijing

describe("OrderIdGenerator", () => {
  it("is yyMMddHHmmss (UTC+8) + 10 digits of entropy + counter of at least 4 digits", () => {
    const ids = new OrderIdGenerator({ now: () => second, entropy: () => 4242 });
    expect(chinaTimestamp(second)).toBe("251126093015");
    expect(ids.next()).toBe("251126093015" + "0000004242" + "0001");
    expect(ids.next()).toBe("25112609301500000042420002");
    expect(ids.prefix).toHaveLength(22);
  });

  it("never collides between two generators of one process created in the same second (same pid)", () => {
    // The earlier scheme (time + pid) gave both the same ids: two engines in one process, or two
    // containers whose entrypoint is PID 1.
    const a = new OrderIdGenerator({ now: () => second });
    const b = new OrderIdGenerator({ now: () => new Date(second.getTime() + 700) });
    expect(a.prefix).not.toBe(b.prefix);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      seen.add(a.next());
      seen.add(b.next());
    }
    expect(seen.size).toBe(40_000);
  });

  it("never gives two generators of one process the same prefix, even with the same entropy", () => {
    const a = new OrderIdGenerator({ now: () => second, entropy: () => 777 });
    const b = new OrderIdGenerator({ now: () => second, entropy: () => 777 });
    expect(a.prefix).toBe("2511260930150000000777");
    expect(b.prefix).toBe("2511260930150000000778");
    expect(a.next()).not.toBe(b.next());
  });

  it("does not hand a resumed (journalled) prefix to a new generator", () => {
    const resumed = new OrderIdGenerator({ resume: { prefix: "2511260930150000000900", counter: 41 } });
    expect(resumed.next()).toBe("25112609301500000009000042");
    const fresh = new OrderIdGenerator({ now: () => second, entropy: () => 900 });
    expect(fresh.prefix).toBe("2511260930150000000901");
  });

  it("never collides with a restart in a later second", () => {
    const before = new OrderIdGenerator({ now: () => second, entropy: () => 555 });
    const after = new OrderIdGenerator({ now: () => new Date(second.getTime() + 1000), entropy: () => 555 });
    const all = new Set(Array.from({ length: 12_000 }, () => before.next()));
    for (let i = 0; i < 12_000; i++) all.add(after.next());
    expect(all.size).toBe(24_000);
  });

  it("keeps ids unique past 9999 and within the 31 characters of cl_order_id", () => {
    const ids = new OrderIdGenerator({ now: () => second, entropy: () => 9_999_999_999 });
    const all = new Set<string>();
    let last = "";
    for (let i = 0; i < 10_001; i++) {
      last = ids.next();
      all.add(last);
    }
    expect(all.size).toBe(10_001);
    expect(last).toBe("251126093015999999999910001");
    expect(last).toMatch(/^\d+$/);
    const nearEnd = new OrderIdGenerator({
      resume: { prefix: ids.prefix.replace(/9$/, "8"), counter: 999_999_998 },
    });
    expect(nearEnd.next()).toHaveLength(31);
    expect(() => nearEnd.next()).toThrow(OrderIdsExhaustedError);
  });

  it("uses the real clock and random entropy by default", () => {
    const ids = new OrderIdGenerator();
    expect(ids.next()).toMatch(/^\d{22}0001$/);
  });
});
