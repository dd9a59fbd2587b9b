import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_RING_CAPACITY,
  EventRing,
  QUIET_TRIMS_BEFORE_SHRINK,
  SHRINK_WHEN_PEAK_BELOW,
} from "../src/event-ring.js";

/** Pushes `n` items and shifts them all: a burst that leaves the ring empty. */
function burst(ring: EventRing<number>, n: number): void {
  for (let i = 0; i < n; i++) ring.push(i);
  while (ring.size > 0) ring.shift();
}

function drain(ring: EventRing<number>): number[] {
  const out: number[] = [];
  while (ring.size > 0) out.push(ring.shift()!);
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

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

  it("behaves as an array queue with trim() calls between (property): growth, merging and shrinking keep order", () => {
    // Runs of pushes and of shifts, so the queue both grows and empties out between trims.
    const run = fc.integer({ min: 1, max: 40 });
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ shift: run }),
            fc.constant("trim" as const),
            fc.record({ push: fc.nat(1000), times: run }),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const ring = new EventRing<number>(2);
          const model: number[] = [];
          for (const op of ops) {
            if (op === "trim") ring.trim();
            else if ("shift" in op)
              for (let i = 0; i < op.shift; i++) expect(ring.shift()).toBe(model.shift());
            else
              for (let i = 0; i < op.times; i++) {
                ring.push(op.push + i);
                model.push(op.push + i);
              }
            expect(ring.size).toBe(model.length);
            expect(ring.capacity).toBeGreaterThanOrEqual(model.length);
          }
          expect(drain(ring)).toEqual(model);
        },
      ),
    );
  });

  it("grows while its head is in the middle and keeps order, twice over (segments)", () => {
    const ring = new EventRing<number>(4);
    for (let i = 0; i < 3; i++) ring.push(-1);
    for (let i = 0; i < 3; i++) ring.shift(); // head at slot 3
    for (let i = 0; i < 20; i++) ring.push(i); // grows 4 -> 8 -> 16 -> 32 with wrapped items
    expect(ring.capacity).toBe(32);
    expect(ring.trim()).toBe(false); // one array again (not a shrink)
    for (let i = 20; i < 40; i++) ring.push(i); // and grows from it
    expect(ring.capacity).toBe(64);
    expect(drain(ring)).toEqual(range(0, 40));
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

  it("keeps its grown capacity after a burst empties, so the next burst does not grow it again", () => {
    const ring = new EventRing<number>(4);
    for (let i = 0; i < 100; i++) ring.push(i);
    expect(ring.capacity).toBe(128);
    while (ring.size > 0) ring.shift();
    expect(ring.capacity).toBe(128);
    for (let i = 0; i < 128; i++) ring.push(i); // the same burst again fits without growing
    expect(ring.capacity).toBe(128);
    expect(drain(ring)).toEqual(range(0, 128));
  });

  it("shrinks on the Nth quiet trim() in a row, to twice the spell's longest queue, never below its initial capacity", () => {
    const ring = new EventRing<number>(4);
    burst(ring, 1000); // capacity 1024
    expect(ring.capacity).toBe(1024);
    // The burst itself is a long queue: the first trim() after it is not quiet.
    expect(ring.trim()).toBe(false);
    for (let t = 1; t < QUIET_TRIMS_BEFORE_SHRINK; t++) {
      // Each quiet spell sees a short queue: at most 1/SHRINK_WHEN_PEAK_BELOW of the capacity.
      burst(ring, t === 3 ? 40 : 10);
      expect(ring.trim()).toBe(false);
      expect(ring.capacity).toBe(1024);
    }
    burst(ring, 10);
    expect(ring.trim()).toBe(true);
    expect(ring.capacity).toBe(128); // smallest power of two ≥ 2 × 40
    // Empty and quiet from now on: it goes down to, and stays at, its initial capacity.
    for (let t = 0; t < 3 * QUIET_TRIMS_BEFORE_SHRINK; t++) ring.trim();
    expect(ring.capacity).toBe(4);
  });

  it("starts the quiet count again when a longer queue comes between trims", () => {
    const ring = new EventRing<number>(4);
    burst(ring, 1000);
    ring.trim();
    const longQueue = 1024 / SHRINK_WHEN_PEAK_BELOW + 1;
    for (let t = 1; t < QUIET_TRIMS_BEFORE_SHRINK; t++) expect(ring.trim()).toBe(false);
    burst(ring, longQueue); // not quiet: back to zero
    expect(ring.trim()).toBe(false);
    for (let t = 1; t < QUIET_TRIMS_BEFORE_SHRINK; t++) expect(ring.trim()).toBe(false);
    expect(ring.capacity).toBe(1024);
    expect(ring.trim()).toBe(true);
    expect(ring.capacity).toBe(4);
  });

  it("keeps FIFO order and every queued item across a shrink with a wrapped head", () => {
    const ring = new EventRing<number>(4);
    burst(ring, 1000);
    expect(ring.capacity).toBe(1024);
    ring.trim(); // not quiet (the burst); the quiet spell starts here
    // 60 items queued from slot 1000 on: they wrap around the end of the 1,024 slots.
    for (let i = 0; i < 1000; i++) ring.push(-1);
    while (ring.size > 0) ring.shift();
    ring.trim(); // not quiet either
    for (let i = 0; i < 60; i++) ring.push(i);
    for (let t = 1; t < QUIET_TRIMS_BEFORE_SHRINK; t++) expect(ring.trim()).toBe(false);
    expect(ring.trim()).toBe(true);
    expect(ring.capacity).toBe(128);
    ring.push(60);
    expect(drain(ring)).toEqual(range(0, 61));
  });

  it("clear() goes back to the initial capacity", () => {
    const ring = new EventRing<number>();
    for (let i = 0; i < DEFAULT_RING_CAPACITY * 4; i++) ring.push(i);
    expect(ring.clear()).toBe(DEFAULT_RING_CAPACITY * 4);
    expect(ring.capacity).toBe(DEFAULT_RING_CAPACITY);
  });

  it("rejects an initial capacity that is not a power of two", () => {
    expect(() => new EventRing(3)).toThrow(/initialCapacity must be a power of two, got 3/);
    expect(() => new EventRing(0)).toThrow(RangeError);
    expect(() => new EventRing(1.5)).toThrow(RangeError);
  });
});
