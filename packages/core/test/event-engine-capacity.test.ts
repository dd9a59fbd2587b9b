import { afterEach, describe, expect, it, vi } from "vitest";
import { EventEngine } from "../src/event-engine.js";
import { DEFAULT_RING_CAPACITY, type EventRing, QUIET_TRIMS_BEFORE_SHRINK } from "../src/event-ring.js";
import { EVENT_TIMER } from "../src/event-types.js";

// A burst past what the previous engine kept (65,536 slots), which went back to 1,024 slots as
// soon as its queue emptied.
const BURST = 70_000;

const engines: EventEngine[] = [];

function newEngine(): EventEngine {
  const engine = new EventEngine({ interval: 1, onHandlerError: () => {} });
  engines.push(engine);
  return engine;
}

/** The engine's queue: internal, read here only for its capacity. */
function queueOf(engine: EventEngine): EventRing<unknown> {
  return (engine as unknown as { queue: EventRing<unknown> }).queue;
}

function putBurst(engine: EventEngine, from: number, n: number): void {
  for (let i = from; i < from + n; i++) engine.put({ type: "a", data: i });
}

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
  vi.useRealTimers();
});

describe("EventEngine queue capacity", () => {
  it("keeps the capacity a burst grew once the burst is delivered, and a second burst does not grow it", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const engine = newEngine();
    let delivered = 0;
    engine.register("a", () => {
      delivered++;
    });
    engine.start();
    putBurst(engine, 0, BURST);
    await engine.flush();
    expect(delivered).toBe(BURST);
    const grown = queueOf(engine).capacity;
    expect(grown).toBeGreaterThanOrEqual(BURST);
    putBurst(engine, 0, BURST);
    expect(queueOf(engine).capacity).toBe(grown);
    await engine.flush();
    expect(queueOf(engine).capacity).toBe(grown);
  });

  it("gives the slots back after quiet timer periods, delivering in FIFO order throughout", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const engine = newEngine();
    const seen: number[] = [];
    let timers = 0;
    engine.register("a", (event) => {
      seen.push(event.data as number);
    });
    engine.register(EVENT_TIMER, () => {
      timers++;
    });
    engine.start();
    putBurst(engine, 0, BURST);
    await engine.flush();
    const grown = queueOf(engine).capacity;
    // One timer period sees the burst; the quiet ones after it see a few events each.
    let next = BURST;
    for (let t = 0; t < QUIET_TRIMS_BEFORE_SHRINK; t++) {
      expect(queueOf(engine).capacity).toBe(grown);
      putBurst(engine, next, 10);
      next += 10;
      vi.advanceTimersByTime(1000);
      await engine.flush();
    }
    expect(queueOf(engine).capacity).toBe(grown); // that was the burst's period and 9 quiet ones
    putBurst(engine, next, 10); // queued across the shrink
    next += 10;
    vi.advanceTimersByTime(1000);
    await engine.flush();
    expect(queueOf(engine).capacity).toBe(DEFAULT_RING_CAPACITY);
    expect(timers).toBe(QUIET_TRIMS_BEFORE_SHRINK + 1);
    expect(seen).toEqual(Array.from({ length: next }, (_, i) => i));
  });

  it("stop() gives the slots back at once", async () => {
    const engine = newEngine();
    engine.start();
    putBurst(engine, 0, BURST);
    await engine.flush();
    expect(queueOf(engine).capacity).toBeGreaterThanOrEqual(BURST);
    engine.stop();
    expect(queueOf(engine).capacity).toBe(DEFAULT_RING_CAPACITY);
  });
});
