import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventQueue } from "../src/event-queue.js";

function drainAll<T>(queue: EventQueue<T>): T[] {
  const out: T[] = [];
  while (queue.size > 0) out.push(queue.shift()!);
  return out;
}

describe("EventQueue (the EventEngine's queue)", () => {
  it("is FIFO across chunk boundaries, with pushes while the head is mid-chunk", () => {
    const queue = new EventQueue<number>(4);
    for (let i = 0; i < 3; i++) queue.push(i);
    expect(queue.shift()).toBe(0);
    expect(queue.shift()).toBe(1);
    for (let i = 3; i < 14; i++) queue.push(i); // fills the first chunk and three more
    expect(queue.size).toBe(12);
    expect(drainAll(queue)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(queue.shift()).toBeUndefined();
  });

  it("behaves as an array queue for any sequence of pushes and shifts (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.oneof(fc.constant("shift" as const), fc.nat(1000)), { maxLength: 300 }),
        (chunkSize, ops) => {
          const queue = new EventQueue<number>(chunkSize);
          const model: number[] = [];
          for (const op of ops) {
            if (op === "shift") expect(queue.shift()).toBe(model.shift());
            else {
              queue.push(op);
              model.push(op);
            }
            expect(queue.size).toBe(model.length);
          }
          expect(drainAll(queue)).toEqual(model);
        },
      ),
    );
  });

  it("gives back the very objects pushed", () => {
    const queue = new EventQueue<object>(1);
    const a = {};
    const b = {};
    queue.push(a);
    queue.push(b);
    expect(queue.shift()).toBe(a);
    expect(queue.shift()).toBe(b);
  });

  it("reuses the chunk the head has left, so a steady flow allocates no chunks", () => {
    const queue = new EventQueue<number>(4);
    for (let i = 0; i < 8; i++) queue.push(i); // two chunks
    expect(queue.chunksAllocated).toBe(2);
    // Keep about two chunks queued while items pass through: after the first lap, the chunks
    // the head leaves are all the tail needs.
    let next = 8;
    const pass = (times: number) => {
      for (let i = 0; i < times; i++, next++) {
        queue.push(next);
        expect(queue.shift()).toBe(next - 8);
      }
    };
    pass(16);
    const afterFirstLap = queue.chunksAllocated;
    expect(afterFirstLap).toBeLessThanOrEqual(4);
    pass(1000);
    expect(queue.chunksAllocated).toBe(afterFirstLap);
    expect(drainAll(queue)).toEqual(Array.from({ length: 8 }, (_, i) => next - 8 + i));
  });

  it("starts its chunk over when it empties, so alternating put and take never leaves it", () => {
    const queue = new EventQueue<number>(4);
    for (let i = 0; i < 100; i++) {
      queue.push(i);
      queue.push(i);
      queue.shift();
      queue.shift();
    }
    expect(queue.chunksAllocated).toBe(1);
  });

  it("clear() drops every item, says how many, and leaves the queue usable", () => {
    const queue = new EventQueue<number>(2);
    queue.push(1);
    queue.shift();
    for (let i = 0; i < 7; i++) queue.push(i);
    expect(queue.clear()).toBe(7);
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
    queue.push(8);
    queue.push(9);
    queue.push(10);
    expect(drainAll(queue)).toEqual([8, 9, 10]);
  });

  it("rejects a chunk size that is not a positive integer", () => {
    expect(() => new EventQueue(0)).toThrow(/chunkSize must be a positive integer, got 0/);
    expect(() => new EventQueue(1.5)).toThrow(RangeError);
  });
});
