import { Socket } from "node:net";
import { afterEach, expect, it, vi } from "vitest";
import {
  HFT_ABI_VERSION,
  HftArgumentError,
  HftClosedError,
  HftLibraryError,
  loadHftLibrary,
  type MarketDataEvent,
  MdApi,
  type MdApiOptions,
  type OverflowEvent,
  testLibraryPath,
} from "../src/index.js";
import { describeBackends, until } from "./helpers/backends.js";

// hft_md_test_emit needs no server: the handle is created but never logged in. Only the test
// build of the library (HFTSIM_TEST_HOOKS) has it.
const TEST_LIB = testLibraryPath();
const NO_SERVER = { host: "127.0.0.1", port: 9 };
const open: MdApi[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});

function mdApi(options: Partial<MdApiOptions> & Pick<MdApiOptions, "library">): MdApi {
  const api = new MdApi({ ...NO_SERVER, ...options });
  open.push(api);
  return api;
}

/** Counts snapshots and checks mdSeq is 1, 2, 3... */
function sequenceChecker(api: MdApi) {
  const state = { next: 1, count: 0, outOfOrder: 0, sample: new Map<number, MarketDataEvent>() };
  api.on("marketData", (md) => {
    if (md.mdSeq !== state.next) state.outOfOrder++;
    state.next = md.mdSeq + 1;
    state.count++;
    if (md.mdSeq === 1 || md.mdSeq === 12_345) state.sample.set(md.mdSeq, md);
  });
  return state;
}

describeBackends("MdApi + hft_md_test_emit", (backend) => {
  it("the library loads and reports itself", () => {
    const lib = loadHftLibrary({ backend });
    expect(lib.backend).toBe(backend);
    expect(lib.abiVersion).toBe(HFT_ABI_VERSION);
    expect(lib.info).toMatch(new RegExp(`abi ${HFT_ABI_VERSION}`));
    expect(lib.noop(41)).toBe(41);
    expect(lib.structSize("hft_event_t")).toBe(640);
    expect(lib.structSize("no_such_struct")).toBe(-1);
  });

  it("the production library has no test hook, and testEmit says where it is", () => {
    const api = mdApi({ library: { backend } });
    let thrown: unknown;
    try {
      api.testEmit(1);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HftLibraryError);
    expect((thrown as HftLibraryError).code).toBe("SYMBOL_MISSING");
    expect((thrown as Error).message).toContain("hft_md_test_emit");
    expect((thrown as Error).message).toContain(TEST_LIB);
  });

  it("wakes through the library's descriptor by default (POSIX), through the callback when asked", async () => {
    const N = 20_000;
    for (const wakeup of [undefined, "callback"] as const) {
      const api = mdApi({ library: { backend, path: TEST_LIB }, ...(wakeup ? { wakeup } : {}) });
      expect(api.wakeup).toBe(wakeup ?? (process.platform === "win32" ? "callback" : "descriptor"));
      const seen = sequenceChecker(api);
      // several bursts: each one needs a fresh wake-up after the previous drain re-armed
      for (let burst = 1; burst <= 4; burst++) {
        api.testEmit(N / 4);
        await until(() => seen.count >= (N / 4) * burst, `burst ${burst} (${wakeup ?? "default"})`, 60_000);
        seen.next = 1; // each burst numbers from 1
      }
      expect(seen.count).toBe(N);
      expect(seen.outOfOrder).toBe(0);
      await api.close();
    }
    expect(() => mdApi({ library: { backend, path: TEST_LIB }, wakeup: "poll" as never })).toThrow(
      HftArgumentError,
    );
  });

  it.skipIf(process.platform === "win32")(
    "the wake-up descriptor is read without the stream layer: no 'data' event, no Buffer per wake-up",
    async () => {
      const api = mdApi({ library: { backend, path: TEST_LIB } });
      expect(api.wakeup).toBe("descriptor");
      const emit = vi.spyOn(Socket.prototype, "emit");
      try {
        const seen = sequenceChecker(api);
        for (let burst = 1; burst <= 3; burst++) {
          api.testEmit(100);
          await until(() => seen.count >= 100 * burst, `burst ${burst}`, 60_000);
          seen.next = 1;
        }
        expect(emit.mock.calls.filter((call) => (call[0] as string) === "data")).toEqual([]);
      } finally {
        emit.mockRestore();
      }
    },
  );

  it("the listeners' microtasks run after each poll, before the next batch (records die young)", async () => {
    const POLL_BATCH = 10;
    const N = 5_000;
    const api = mdApi({ library: { backend, path: TEST_LIB }, pollBatch: POLL_BATCH });
    const seen = sequenceChecker(api);
    // Records dispatched before the first microtask queued by a listener got to run.
    let dispatchedBeforeMicrotask = -1;
    api.on("marketData", () => {
      if (seen.count === 1)
        queueMicrotask(() => {
          dispatchedBeforeMicrotask = seen.count;
        });
    });
    api.testEmit(N);
    await until(() => seen.count >= N, "all records", 60_000);
    expect(seen.outOfOrder).toBe(0);
    // With several polls per turn the EventEngine (a microtask) would see only the turn's end.
    expect(dispatchedBeforeMicrotask).toBeGreaterThan(0);
    expect(dispatchedBeforeMicrotask).toBeLessThanOrEqual(POLL_BATCH);
  });

  it("busyPoll: the JS thread finds every burst by polling, with timers still running", async () => {
    const N = 20_000;
    const api = mdApi({ library: { backend, path: TEST_LIB }, busyPoll: true });
    expect(api.busyPoll).toBe(true);
    const seen = sequenceChecker(api);
    let timers = 0;
    const timer = setInterval(() => timers++, 1);
    try {
      // The ring is never re-armed in this mode: only polling finds the bursts after the first.
      for (let burst = 1; burst <= 4; burst++) {
        api.testEmit(N / 4);
        await until(() => seen.count >= (N / 4) * burst, `busy-poll burst ${burst}`, 60_000);
        seen.next = 1;
      }
      await until(() => timers >= 3, "timers fire while busy polling", 60_000);
    } finally {
      clearInterval(timer);
    }
    expect(seen.count).toBe(N);
    expect(seen.outOfOrder).toBe(0);
    await api.close();
    expect(() => mdApi({ library: { backend, path: TEST_LIB }, busyPoll: "yes" as never })).toThrow(
      HftArgumentError,
    );
    expect(() =>
      mdApi({ library: { backend, path: TEST_LIB }, busyPoll: true, eventDelivery: "perEvent" }),
    ).toThrow(/busyPoll/);
    expect(mdApi({ library: { backend, path: TEST_LIB } }).busyPoll).toBe(false);
  });

  it("100,000 events arrive complete and in order through the batched ring, fields decoded", async () => {
    const N = 100_000;
    const api = mdApi({ library: { backend, path: TEST_LIB } });
    const seen = sequenceChecker(api);
    // The drain yields to the event loop between bounded batches: a setImmediate chain keeps ticking.
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    api.testEmit(N);
    await until(() => seen.count >= N, `${N} snapshots`, 60_000);
    ticking = false;
    expect(seen.count).toBe(N);
    expect(seen.outOfOrder).toBe(0);
    expect(ticks).toBeGreaterThan(0);

    // Known fields of the synthetic snapshots (native/sim: test_emit_chunk).
    const first = seen.sample.get(1)!;
    expect(first).toEqual({
      mdSeq: 1,
      market: "SH",
      code: "BENCH",
      tradingDay: 20240102,
      time: 93000000,
      preClose: 10,
      open: 0,
      high: 0,
      low: 0,
      last: 10.01,
      limitUp: 0,
      limitDown: 0,
      volume: 100,
      turnover: 0,
      bidPrice: [10, 9.99, 9.98, 9.97, 9.96],
      bidVolume: [1000, 2000, 3000, 4000, 5000],
      askPrice: [10.02, 10.03, 10.04, 10.05, 10.06],
      askVolume: [1000, 2000, 3000, 4000, 5000],
    });
    const later = seen.sample.get(12_345)!;
    expect(later.last).toBe(10.45);
    expect(later.volume).toBe(1_234_500);
    expect(later.bidPrice[4]).toBe(10.4);
  });

  it("per-event callback mode delivers complete and in order too", async () => {
    const N = 500;
    const api = mdApi({ library: { backend, path: TEST_LIB }, eventDelivery: "perEvent" });
    const seen = sequenceChecker(api);
    api.testEmit(N);
    await until(() => seen.count >= N, `${N} snapshots`);
    expect(seen.count).toBe(N);
    expect(seen.outOfOrder).toBe(0);
    expect(() => api.pauseEvents()).toThrow(/perEvent/);
  });

  it('overflowPolicy "dropMarketData": a paused consumer gets an overflow event with the count', async () => {
    const N = 5_000;
    const api = mdApi({
      library: { backend, path: TEST_LIB },
      eventCapacity: 16,
      overflowPolicy: "dropMarketData",
    });
    let received = 0;
    let lastSeq = 0;
    let increasing = true;
    const overflows: OverflowEvent[] = [];
    api.on("marketData", (md) => {
      if (md.mdSeq <= lastSeq) increasing = false;
      lastSeq = md.mdSeq;
      received++;
    });
    api.on("overflow", (o) => overflows.push(o));
    api.pauseEvents();
    api.testEmit(N);
    // Not a timing assertion: the pause only has to outlast the producer filling 16 slots.
    await new Promise((r) => setTimeout(r, 300));
    api.resumeEvents();
    const droppedTotal = () => overflows.at(-1)?.droppedTotal ?? 0;
    await until(() => received + droppedTotal() === N, "all snapshots received or counted as dropped");
    expect(overflows.length).toBeGreaterThan(0);
    expect(droppedTotal()).toBeGreaterThan(0);
    expect(overflows.reduce((sum, o) => sum + o.dropped, 0)).toBe(droppedTotal());
    expect(received + droppedTotal()).toBe(N);
    expect(increasing).toBe(true);
  });

  it('overflowPolicy "block": a paused consumer loses nothing', async () => {
    const N = 5_000;
    const api = mdApi({ library: { backend, path: TEST_LIB }, eventCapacity: 16, overflowPolicy: "block" });
    const seen = sequenceChecker(api);
    let overflowed = false;
    api.on("overflow", () => {
      overflowed = true;
    });
    api.pauseEvents();
    api.testEmit(N);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.count).toBe(0);
    api.resumeEvents();
    await until(() => seen.count >= N, `${N} snapshots`);
    expect(seen.count).toBe(N);
    expect(seen.outOfOrder).toBe(0);
    expect(overflowed).toBe(false);
  });

  it("close() releases the handle; later calls throw HftClosedError; no event after close", async () => {
    const api = mdApi({ library: { backend, path: TEST_LIB } });
    let after = 0;
    let closed = false;
    api.on("marketData", () => {
      if (closed) after++;
    });
    api.testEmit(50_000);
    closed = true;
    const closing = api.close();
    expect(api.closed).toBe(true);
    await closing;
    await api.close(); // idempotent
    expect(after).toBe(0);
    expect(() => api.testEmit(1)).toThrow(HftClosedError);
    expect(() => api.subscribe("SH", ["600000"])).toThrow(/MdApi.subscribe\(\) called after close\(\)/);
    expect(() => api.login({ user: "u", password: "p" })).toThrow(HftClosedError);
  });

  it("arguments are validated before anything reaches the library", () => {
    const api = mdApi({ library: { backend, path: TEST_LIB } });
    expect(() => api.subscribe("SH", ["123456789"])).toThrow(HftArgumentError);
    expect(() => api.subscribe("XX" as "SH", ["600000"])).toThrow(/market/);
    expect(() => api.testEmit(-1)).toThrow(HftArgumentError);
    expect(() => new MdApi({ host: "127.0.0.1", port: 70000, library: { backend } })).toThrow(
      /port: expected an integer/,
    );
  });
});
