/**
 * Cost of `HftGateway.sendOrder()` on the JS thread, stage by stage, without I/O (issue 22:
 * `sendOrder()` ≤ 5 µs p50). `npx tsx bench/send-order.ts`.
 *
 * The gateway runs over the fake native API of the tests (its `order()` only records), logged in
 * with one contract, so each row is JS only; the library call (encode, FFI, the native call and its
 * send) is measured by `bench/latency.ts` against the C peer. Per-call figures are the median of
 * batches of calls, so a GC pause or a preemption shows in p99, not in p50.
 * Benchmarks are not tests: nothing here is judged.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { buy600000, fakeLogin, fakeStack, stopFakeStacks } from "../test/helpers/fake-stack.js";

const CALLS = Number(process.env.BENCH_SEND_ORDER_CALLS ?? 200_000);
const BATCH = 100;
const GAPPED_CALLS = 2000;

function perCall(name: string, body: () => void): void {
  const samples: number[] = [];
  for (let done = 0; done < CALLS; done += BATCH) {
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) body();
    samples.push(((performance.now() - t0) * 1000) / BATCH);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) =>
    samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? Number.NaN;
  console.log(
    `  ${name.padEnd(60)} p50 ${at(0.5).toFixed(2).padStart(7)} us  p99 ${at(0.99).toFixed(2).padStart(7)} us`,
  );
}

const stack = fakeStack();
await fakeLogin(stack);
const req = buy600000();
console.log(
  `hft-gateway sendOrder() stages, ${CALLS} calls each, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join("/")}`,
);
perCall("HftGateway.sendOrder (fake native order call)", () => {
  stack.gw.sendOrder(req);
});
perCall("createOrderRequest + HftGateway.sendOrder", () => {
  stack.gw.sendOrder(buy600000()); // a new request each call, as a strategy makes them
});
/** One call per gap, `wait` filling the gap; p50/p99 of the single calls. */
async function gapped(name: string, wait: () => Promise<void>): Promise<void> {
  const xs: number[] = [];
  for (let i = 0; i < GAPPED_CALLS; i++) {
    await wait();
    const t0 = performance.now();
    stack.gw.sendOrder(req);
    xs.push((performance.now() - t0) * 1000);
  }
  xs.sort((a, b) => a - b);
  const at = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? Number.NaN;
  console.log(
    `  ${name.padEnd(60)} p50 ${at(0.5).toFixed(2).padStart(7)} us  p99 ${at(0.99).toFixed(2).padStart(7)} us`,
  );
}
// After an idle gap, as on the tick-to-order path: the thread slept, caches and predictors cooled.
await gapped("HftGateway.sendOrder, one per 1 ms idle gap", () => new Promise((r) => setTimeout(r, 1)));
// After a gap spent spinning on the event loop, as in busy-poll mode (the thread never sleeps).
await gapped("HftGateway.sendOrder, one per 1 ms spent spinning (busy-poll)", async () => {
  const until = performance.now() + 1;
  while (performance.now() < until) await new Promise((r) => setImmediate(r));
});
stopFakeStacks();
