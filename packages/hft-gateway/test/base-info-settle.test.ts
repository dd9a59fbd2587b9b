/**
 * When the vendor path's contracts (the market side's base info, with no mark of the last one)
 * count as loaded: after the market login, once no base info has come for the quiet period; at
 * most after the longest wait; at once when the gateway closes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BaseInfoSettle } from "../src/base-info-settle.js";

describe("BaseInfoSettle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const watch = (settle: BaseInfoSettle) => {
    const state = { done: false };
    void settle.settled().then(() => {
      state.done = true;
    });
    return state;
  };

  it("settles a quiet period after the market login, each base info starting it again", async () => {
    const settle = new BaseInfoSettle(300, 10_000);
    const state = watch(settle);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.done).toBe(false); // no market login yet
    settle.marketLoggedIn();
    await vi.advanceTimersByTimeAsync(200);
    settle.arrived();
    await vi.advanceTimersByTimeAsync(200);
    settle.arrived();
    await vi.advanceTimersByTimeAsync(299);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.done).toBe(true);
  });

  it("a wait that starts after the base info settled ends at once", async () => {
    const settle = new BaseInfoSettle(300, 10_000);
    settle.marketLoggedIn();
    settle.arrived();
    await vi.advanceTimersByTimeAsync(5_000);
    const state = watch(settle);
    await vi.advanceTimersByTimeAsync(0);
    expect(state.done).toBe(true);
  });

  it("a market side that never logs in holds the wait no longer than the longest wait", async () => {
    const settle = new BaseInfoSettle(300, 10_000);
    const state = watch(settle);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(state.done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.done).toBe(true);
  });

  it("closing releases a waiter at once, and a later wait needs a new market login", async () => {
    const settle = new BaseInfoSettle(300, 10_000);
    settle.marketLoggedIn();
    const first = watch(settle);
    settle.reset();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.done).toBe(true);
    const second = watch(settle);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(second.done).toBe(false);
    settle.marketLoggedIn();
    await vi.advanceTimersByTimeAsync(300);
    expect(second.done).toBe(true);
  });
});
