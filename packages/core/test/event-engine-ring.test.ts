import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RING_CAPACITY, EventRing, MAX_RETAINED_CAPACITY } from "../src/event-ring.js";

describe("EventRing (the EventEngine's queue)", () => {
  it("is FIFO across wrap-around and growth with the head in the middle", () => {
    const ring = new EventRing<number>(4);
    // Move the head to slot 3 so the next items wrap around the end of the slots.
    for (let i = 0; i < 3; i++) ring.push(-1);
    for (let i = 0; i < 3; i++) ring.shift();
    for (let i = 0; i < 4; i++) ring.push(i); // slots 3, 0, 1, 2: full and wrapped
    expect(ring.capacity).toBe(4);
    ring.push(4); // grows while wrapped
    ring.push(5);
    expect(ring.capacity).toBe(8);
    const out: number[] = [];
    for (let item = ring.shift(); item !== undefined; item = ring.shift()) out.push(item);
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ring.size).toBe(0);
  });

  it("behaves as an array queue for any sequence of pushes and shifts (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant("shift" as const), fc.nat(1000)), { maxLength: 300 }),
        (ops) => {
          const ring = new EventRing<number>(2);
          const model: number[] = [];
          for (const op of ops) {
            if (op === "shift") expect(ring.shift()).toBe(model.shift());
            else {
              ring.push(op);
              model.push(op);
            }
            expect(ring.size).toBe(model.length);
            expect(ring.capacity).toBeGreaterThanOrEqual(model.length);
          }
        },
      ),
    );
  });

  it("gives back the very objects pushed", () => {
    const ring = new EventRing<object>();
    const a = {};
    const b = {};
    ring.push(a);
    ring.push(b);
    expect(ring.shift()).toBe(a);
    expect(ring.shift()).toBe(b);
    expect(ring.shift()).toBeUndefined();
  });

  it("clear() drops every item, says how many, and leaves the ring usable", () => {
    const ring = new EventRing<number>(4);
    ring.push(1);
    ring.shift();
    for (let i = 0; i < 6; i++) ring.push(i);
    expect(ring.clear()).toBe(6);
    expect(ring.size).toBe(0);
    expect(ring.shift()).toBeUndefined();
    ring.push(7);
    expect(ring.shift()).toBe(7);
  });

  it("shrinks back to its initial capacity once empty after a burst past the retained size", () => {
    const ring = new EventRing<number>();
    const burst = MAX_RETAINED_CAPACITY + 1;
    for (let i = 0; i < burst; i++) ring.push(i);
    expect(ring.capacity).toBe(MAX_RETAINED_CAPACITY * 2);
    ring.releaseIfEmpty(); // not empty: keeps everything
    expect(ring.size).toBe(burst);
    let inOrder = true;
    for (let i = 0; i < burst; i++) inOrder &&= ring.shift() === i;
    expect(inOrder).toBe(true);
    ring.releaseIfEmpty();
    expect(ring.capacity).toBe(DEFAULT_RING_CAPACITY);
    ring.push(1);
    expect(ring.shift()).toBe(1);
  });

  it("keeps a grown ring up to the retained size", () => {
    const ring = new EventRing<number>();
    for (let i = 0; i < MAX_RETAINED_CAPACITY; i++) ring.push(i);
    while (ring.size > 0) ring.shift();
    ring.releaseIfEmpty();
    expect(ring.capacity).toBe(MAX_RETAINED_CAPACITY);
  });

  it("rejects an initial capacity that is not a power of two", () => {
    expect(() => new EventRing(3)).toThrow(/initialCapacity must be a power of two, got 3/);
    expect(() => new EventRing(0)).toThrow(RangeError);
    expect(() => new EventRing(1.5)).toThrow(RangeError);
  });
});
