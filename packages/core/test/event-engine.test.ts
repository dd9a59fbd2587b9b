import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_RING_CAPACITY } from "../src/event-ring.js";
import {
  EVENT_LOG,
  EVENT_TIMER,
  type Event,
  EventEngine,
  InvalidArgumentError,
  type LogData,
  LogLevel,
} from "../src/index.js";

const engines: EventEngine[] = [];

function newEngine(options: ConstructorParameters<typeof EventEngine>[0] = {}): EventEngine {
  // Handler errors are asserted explicitly; keep the default reporter quiet unless a test opts in.
  const engine = new EventEngine({ onHandlerError: () => {}, ...options });
  engines.push(engine);
  return engine;
}

function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("EventEngine delivery", () => {
  it("delivers asynchronously, never inside put()", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    engine.register("a", (event) => seen.push(event.data));
    engine.start();
    engine.put({ type: "a", data: 1 });
    expect(seen).toEqual([]);
    await engine.flush();
    expect(seen).toEqual([1]);
  });

  it("delivers in FIFO order of put across types", async () => {
    const engine = newEngine();
    const seen: string[] = [];
    engine.registerGeneral((event) => seen.push(`${event.type}:${String(event.data)}`));
    engine.start();
    const expected: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const type = ["a", "b", "c"][i % 3]!;
      engine.put({ type, data: i });
      expected.push(`${type}:${i}`);
    }
    await engine.flush();
    expect(seen).toEqual(expected);
  });

  it("keeps FIFO order for any interleaving of puts and handler puts (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ type: fc.constantFrom("x", "y", "z"), echo: fc.boolean() }), { maxLength: 60 }),
        async (puts) => {
          const engine = newEngine();
          const seen: string[] = [];
          const expected: string[] = [];
          // A handler that echoes puts "<type>!" right away; it must come after everything
          // already queued, i.e. in the order a FIFO queue would give.
          engine.registerGeneral((event) => {
            seen.push(event.type);
            if ((event.data as { echo: boolean }).echo)
              engine.put({ type: `${event.type}!`, data: { echo: false } });
          });
          engine.start();
          for (const p of puts) engine.put({ type: p.type, data: { echo: p.echo } });
          const queue: Array<{ type: string; echo: boolean }> = puts.map((p) => ({
            type: p.type,
            echo: p.echo,
          }));
          while (queue.length > 0) {
            const next = queue.shift()!;
            expected.push(next.type);
            if (next.echo) queue.push({ type: `${next.type}!`, echo: false });
          }
          await engine.flush();
          await engine.flush();
          engine.stop();
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("is not re-entrant: an event put by a handler comes after events queued earlier", async () => {
    const engine = newEngine();
    const seen: string[] = [];
    let insideHandler = false;
    engine.register("first", () => {
      insideHandler = true;
      engine.put({ type: "fromHandler", data: undefined });
      insideHandler = false;
    });
    engine.register("fromHandler", () => {
      expect(insideHandler).toBe(false);
    });
    engine.registerGeneral((event) => seen.push(event.type));
    engine.start();
    engine.put({ type: "first", data: undefined });
    engine.put({ type: "second", data: undefined });
    engine.put({ type: "third", data: undefined });
    await engine.flush();
    await engine.flush();
    expect(seen).toEqual(["first", "second", "third", "fromHandler"]);
  });

  it("runs type handlers before general handlers, each in registration order", async () => {
    const engine = newEngine();
    const calls: string[] = [];
    engine.registerGeneral(() => calls.push("general1"));
    engine.register("t", () => calls.push("type1"));
    engine.registerGeneral(() => calls.push("general2"));
    engine.register("t", () => calls.push("type2"));
    engine.register("other", () => calls.push("other"));
    engine.start();
    engine.put({ type: "t", data: undefined });
    await engine.flush();
    expect(calls).toEqual(["type1", "type2", "general1", "general2"]);
  });

  it("ignores duplicate registrations and supports unregister", async () => {
    const engine = newEngine();
    const calls: string[] = [];
    const typeHandler = () => calls.push("type");
    const generalHandler = () => calls.push("general");
    engine.register("t", typeHandler);
    engine.register("t", typeHandler);
    engine.registerGeneral(generalHandler);
    engine.registerGeneral(generalHandler);
    engine.start();
    engine.put({ type: "t", data: undefined });
    await engine.flush();
    expect(calls).toEqual(["type", "general"]);

    engine.unregister("t", typeHandler);
    engine.unregisterGeneral(generalHandler);
    engine.unregister("t", typeHandler); // not registered any more: no-op
    engine.unregister("never", typeHandler);
    engine.put({ type: "t", data: undefined });
    await engine.flush();
    expect(calls).toEqual(["type", "general"]);
  });

  it("processes later batches from setImmediate so handler chains do not starve timers", async () => {
    const engine = newEngine();
    let timerRan = false;
    let pings = 0;
    engine.register("ping", () => {
      pings++;
      if (!timerRan) engine.put({ type: "ping", data: undefined });
    });
    engine.start();
    engine.put({ type: "ping", data: undefined });
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        timerRan = true;
        resolve();
      }, 1),
    );
    await engine.flush();
    expect(timerRan).toBe(true);
    expect(pings).toBeGreaterThan(0);
  });

  it("hands every handler the very object that was put", async () => {
    const engine = newEngine();
    const seen: Event[] = [];
    engine.register("a", (event) => seen.push(event));
    engine.registerGeneral((event) => seen.push(event));
    engine.start();
    const event = { type: "a", data: { n: 1 } };
    engine.put(event);
    await engine.flush();
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(event);
    expect(seen[1]).toBe(event);
  });

  it("keeps FIFO order and registration rules while the queue grows and wraps during delivery", async () => {
    // More events than the queue's first allocation, and handlers that put more while the head
    // is in the middle of it, so the queue wraps and grows during delivery; (un)registering in
    // the middle of a run of one type must still apply from the next event.
    const engine = newEngine();
    const first = DEFAULT_RING_CAPACITY + 100;
    const registerAt = 700;
    const unregisterAt = 1500;
    const seen: number[] = [];
    let lateCalls = 0;
    const late = () => {
      lateCalls++;
    };
    let delivered = 0;
    let next = first;
    engine.register("a", (event) => {
      delivered++;
      seen.push(event.data as number);
      if (delivered === registerAt) engine.register("a", late);
      if (delivered === unregisterAt) engine.unregister("a", late);
      // The first 600 deliveries put two events each: the queue outgrows its slots mid-batch.
      if (delivered <= 600) {
        engine.put({ type: "a", data: next++ });
        engine.put({ type: "a", data: next++ });
      }
    });
    engine.start();
    for (let i = 0; i < first; i++) engine.put({ type: "a", data: i });
    while (engine.pending > 0) await engine.flush();
    expect(seen).toEqual(Array.from({ length: first + 1200 }, (_, i) => i));
    expect(lateCalls).toBe(unregisterAt - registerAt);
  });

  it("reports pending events", async () => {
    const engine = newEngine();
    engine.put({ type: "a", data: undefined });
    engine.put({ type: "a", data: undefined });
    expect(engine.pending).toBe(2);
    engine.start();
    await engine.flush();
    expect(engine.pending).toBe(0);
  });
});

describe("EventEngine handler errors", () => {
  it("isolates a throwing handler and reports it", async () => {
    const reports: Array<{ error: unknown; type: string; handler: string }> = [];
    const engine = newEngine({
      onHandlerError: (error, event, handler) =>
        reports.push({ error, type: event.type, handler: handler.name }),
    });
    const calls: string[] = [];
    const boom = new Error("boom");
    engine.register("t", function failing() {
      throw boom;
    });
    engine.register("t", () => calls.push("type2"));
    engine.registerGeneral(() => calls.push("general"));
    engine.start();
    engine.put({ type: "t", data: 1 });
    engine.put({ type: "t", data: 2 });
    await engine.flush();
    await engine.flush();
    expect(calls.filter((c) => c === "type2")).toHaveLength(2);
    expect(reports).toEqual([
      { error: boom, type: "t", handler: "failing" },
      { error: boom, type: "t", handler: "failing" },
    ]);
  });

  it("publishes handler errors as ERROR logs, without looping on failing log handlers", async () => {
    const engine = newEngine();
    const logs: LogData[] = [];
    engine.register(EVENT_LOG, (event) => {
      logs.push(event.data);
      throw new Error("log handler broken too");
    });
    engine.register("t", () => {
      throw new Error("boom");
    });
    engine.start();
    engine.put({ type: "t", data: undefined });
    for (let i = 0; i < 5; i++) await engine.flush();
    await nextMacrotask();
    expect(logs).toHaveLength(1);
    expect(logs[0]?.level).toBe(LogLevel.ERROR);
    expect(logs[0]?.gatewayName).toBe("EventEngine");
    expect(logs[0]?.msg).toContain('"t"');
    expect(logs[0]?.msg).toContain("boom");
    expect(engine.pending).toBe(0);
  });

  it("can be told not to publish handler errors as logs", async () => {
    const engine = newEngine({ logHandlerErrors: false });
    const logs: unknown[] = [];
    engine.register(EVENT_LOG, (event) => logs.push(event.data));
    engine.register("t", () => {
      throw new Error("boom");
    });
    engine.start();
    engine.put({ type: "t", data: undefined });
    await engine.flush();
    await nextMacrotask();
    expect(logs).toEqual([]);
  });

  it("reports to console.error by default", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const engine = new EventEngine({ logHandlerErrors: false });
    engines.push(engine);
    engine.register("t", () => {
      throw new Error("boom");
    });
    engine.start();
    engine.put({ type: "t", data: undefined });
    await engine.flush();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]?.[0])).toContain('"t"');
  });

  it("survives a throwing onHandlerError", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const engine = newEngine({
      logHandlerErrors: false,
      onHandlerError: () => {
        throw new Error("reporter broken");
      },
    });
    const seen: unknown[] = [];
    engine.register("t", () => {
      throw new Error("boom");
    });
    engine.registerGeneral((event) => seen.push(event.data));
    engine.start();
    engine.put({ type: "t", data: 1 });
    engine.put({ type: "t", data: 2 });
    await engine.flush();
    expect(seen).toEqual([1, 2]);
    expect(spy).toHaveBeenCalled();
  });
});

describe("EventEngine registration during dispatch", () => {
  it("applies unregister from the next event (copy on write)", async () => {
    const engine = newEngine();
    const calls: string[] = [];
    const b = () => calls.push("b");
    engine.register("t", () => {
      calls.push("a");
      engine.unregister("t", b);
    });
    engine.register("t", b);
    engine.start();
    engine.put({ type: "t", data: 1 });
    engine.put({ type: "t", data: 2 });
    await engine.flush();
    expect(calls).toEqual(["a", "b", "a"]);
  });

  it("does not skip the next handler when a handler unregisters itself", async () => {
    const engine = newEngine();
    const calls: string[] = [];
    const once = () => {
      calls.push("once");
      engine.unregister("t", once);
      engine.unregisterGeneral(onceGeneral);
    };
    const onceGeneral = () => calls.push("onceGeneral");
    engine.register("t", once);
    engine.register("t", () => calls.push("next"));
    engine.registerGeneral(onceGeneral);
    engine.registerGeneral(() => calls.push("general"));
    engine.start();
    engine.put({ type: "t", data: 1 });
    engine.put({ type: "t", data: 2 });
    await engine.flush();
    expect(calls).toEqual(["once", "next", "onceGeneral", "general", "next", "general"]);
  });

  it("applies register from the next event", async () => {
    const engine = newEngine();
    const calls: string[] = [];
    const late = () => calls.push("late");
    engine.register("t", () => {
      calls.push("early");
      engine.register("t", late);
    });
    engine.start();
    engine.put({ type: "t", data: 1 });
    engine.put({ type: "t", data: 2 });
    await engine.flush();
    expect(calls).toEqual(["early", "early", "late"]);
  });
});

describe("EventEngine lifecycle", () => {
  it("queues events put before start() and delivers them in order on start()", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    engine.registerGeneral((event) => seen.push(event.data));
    engine.put({ type: "a", data: 1 });
    engine.put({ type: "b", data: 2 });
    await nextMacrotask();
    expect(seen).toEqual([]);
    expect(engine.active).toBe(false);
    const flushed = engine.flush();
    engine.start();
    engine.put({ type: "c", data: 3 });
    await flushed;
    await engine.flush();
    expect(seen).toEqual([1, 2, 3]);
  });

  it("stop() discards queued events and returns how many", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    engine.registerGeneral((event) => seen.push(event.data));
    engine.start();
    engine.put({ type: "a", data: 1 });
    engine.put({ type: "a", data: 2 });
    engine.put({ type: "a", data: 3 });
    expect(engine.stop()).toBe(3);
    expect(engine.active).toBe(false);
    expect(engine.pending).toBe(0);
    await nextMacrotask();
    expect(seen).toEqual([]);
    expect(engine.stop()).toBe(0);
  });

  it("discards events put after stop(), and works again after a restart", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    engine.registerGeneral((event) => seen.push(event.data));
    engine.start();
    engine.stop();
    engine.put({ type: "a", data: "while stopped" });
    expect(engine.pending).toBe(0);
    await engine.flush();
    engine.start();
    await nextMacrotask();
    expect(seen).toEqual([]);
    engine.put({ type: "a", data: "after restart" });
    await engine.flush();
    expect(seen).toEqual(["after restart"]);
  });

  it("stop() from a handler discards the rest of the batch", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    let discarded = -1;
    engine.registerGeneral((event) => {
      seen.push(event.data);
      if (event.data === 2) discarded = engine.stop();
    });
    engine.start();
    for (let i = 1; i <= 5; i++) engine.put({ type: "a", data: i });
    const flushed = engine.flush();
    await flushed;
    expect(seen).toEqual([1, 2]);
    expect(discarded).toBe(3);
    expect(engine.pending).toBe(0);
  });

  it("stop() from a handler counts the events its batch put, and a restart there delivers later ones", async () => {
    const engine = newEngine();
    const seen: unknown[] = [];
    let discarded = -1;
    engine.registerGeneral((event) => {
      seen.push(event.data);
      if (event.data === 2) {
        engine.put({ type: "a", data: "put by the batch" });
        discarded = engine.stop(); // 3, 4, 5 and the one just put
        engine.start();
        engine.put({ type: "a", data: "after restart" });
      }
    });
    engine.start();
    for (let i = 1; i <= 5; i++) engine.put({ type: "a", data: i });
    await engine.flush();
    await engine.flush();
    expect(discarded).toBe(4);
    expect(seen).toEqual([1, 2, "after restart"]);
    expect(engine.pending).toBe(0);
  });

  it("flush() resolves at once when nothing is pending", async () => {
    const engine = newEngine();
    await expect(engine.flush()).resolves.toBeUndefined();
  });

  it("rejects an invalid interval", () => {
    expect(() => new EventEngine({ interval: 0 })).toThrow(InvalidArgumentError);
    expect(() => new EventEngine({ interval: -1 })).toThrow(/positive number of seconds/);
    expect(() => new EventEngine({ interval: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => new EventEngine({ interval: 1e9 })).toThrow(InvalidArgumentError);
    expect(new EventEngine().interval).toBe(1);
  });
});

describe("EventEngine timer", () => {
  it("puts eTimer every interval while running, and stops with stop()", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const engine = newEngine({ interval: 2 });
    const timers: Event[] = [];
    engine.register(EVENT_TIMER, (event) => timers.push(event));
    vi.advanceTimersByTime(10_000);
    await engine.flush();
    expect(timers).toHaveLength(0); // not started yet

    engine.start();
    vi.advanceTimersByTime(1_999);
    await engine.flush();
    expect(timers).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await engine.flush();
    expect(timers).toHaveLength(1);
    vi.advanceTimersByTime(4_000);
    await engine.flush();
    expect(timers).toHaveLength(3);
    expect(timers[0]).toEqual({ type: EVENT_TIMER, data: undefined });

    engine.stop();
    vi.advanceTimersByTime(10_000);
    await engine.flush();
    expect(timers).toHaveLength(3);
  });

  it("fires with a real short interval", async () => {
    const engine = newEngine({ interval: 0.01 });
    const fired = new Promise<void>((resolve) => {
      let count = 0;
      engine.register(EVENT_TIMER, () => {
        count++;
        if (count === 2) resolve();
      });
    });
    engine.start();
    await fired;
  });
});
