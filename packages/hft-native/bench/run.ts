/**
 * npm run bench -w @tsgate/hft-native
 *
 * 1. Per-call cost of hft_noop per FFI backend, beside a plain JS function call.
 * 2. Native → JS market data events/s: batched ring (hft_md_test_emit, 1,000,000 events, zero loss
 *    checked) vs one foreign-thread callback per event (50,000 events), per backend.
 * 3. End to end: market snapshots/s from the mock server through the library to a JS listener.
 *
 * Prints a table and writes JSON to bench/results/. Not part of the tests (no thresholds enforced;
 * the ≥ 200,000 events/s target of DESIGN.md §9 is reported as met or not).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { type BackendName, type HftLibrary, loadHftLibrary, MdApi, testLibraryPath } from "../src/index.js";
import { bareSocket, endToEnd } from "./end-to-end.js";

const BATCHED_EVENTS = Number(process.env.BENCH_BATCHED_EVENTS ?? 1_000_000);
const PER_EVENT_EVENTS = Number(process.env.BENCH_PER_EVENT_EVENTS ?? 50_000);
const TARGET_EVENTS_PER_S = 200_000;

interface Row {
  what: string;
  backend: string;
  value: number;
  unit: string;
  note: string;
  runs?: number[];
}

function availableBackends(): BackendName[] {
  const out: BackendName[] = ["koffi"];
  try {
    loadHftLibrary({ backend: "ffi-napi" });
    out.push("ffi-napi");
  } catch (err) {
    console.warn(`ffi-napi backend skipped: ${(err as Error).message}`);
  }
  return out;
}

function nsPerCall(iterations: number, body: (i: number) => number): number {
  let sink = 0;
  // warm-up
  for (let i = 0; i < Math.min(iterations, 10_000); i++) sink += body(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += body(i);
  const ns = Number(process.hrtime.bigint() - t0) / iterations;
  if (sink === 0.5) console.log(""); // keep the loop observable
  return ns;
}

// A JS function V8 cannot inline away: called through a megamorphic slot.
const jsFunctions: ((x: number) => number)[] = [(x) => x + 1, (x) => x + 2, (x) => x + 3, (x) => x + 4];

function callCost(lib: HftLibrary): number {
  const iterations = lib.backend === "ffi-napi" ? 100_000 : 2_000_000;
  return nsPerCall(iterations, (i) => lib.noop(i));
}

/** Delivers `count` synthetic snapshots and returns events/s, checking mdSeq 1..count without gaps. */
async function delivery(backend: BackendName, count: number, mode: "batched" | "perEvent"): Promise<number> {
  // hft_md_test_emit is in the test build of the library only
  const api = new MdApi({
    host: "127.0.0.1",
    port: 9,
    library: { backend, path: testLibraryPath() },
    eventDelivery: mode,
  });
  let next = 1;
  let gaps = 0;
  let t0 = 0n;
  const done = new Promise<bigint>((resolve) => {
    api.on("marketData", (md) => {
      if (md.mdSeq !== next) gaps++;
      next = md.mdSeq + 1;
      if (md.mdSeq === count) resolve(process.hrtime.bigint());
    });
  });
  t0 = process.hrtime.bigint();
  api.testEmit(count);
  const t1 = await done;
  await api.close();
  if (gaps !== 0 || next !== count + 1)
    throw new Error(`${backend} ${mode}: lost or reordered events (${gaps} gaps)`);
  return count / (Number(t1 - t0) / 1e9);
}

async function main(): Promise<void> {
  const backends = availableBackends();
  const rows: Row[] = [];
  const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

  // 1. per-call cost
  const jsNs = nsPerCall(50_000_000, (i) => jsFunctions[i & 3]!(i));
  rows.push({
    what: "call: plain JS function",
    backend: "-",
    value: jsNs,
    unit: "ns/call",
    note: "baseline",
  });
  for (const backend of backends) {
    const ns = callCost(loadHftLibrary({ backend }));
    rows.push({
      what: "call: hft_noop",
      backend,
      value: ns,
      unit: "ns/call",
      note: `${fmt(ns / jsNs, 1)}x JS`,
    });
  }

  // 2. native → JS delivery
  for (const backend of backends) {
    // Shared machine: warm the decoder up, then take the best of three runs (all three are in the JSON).
    await delivery(backend, 100_000, "batched");
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) runs.push(await delivery(backend, BATCHED_EVENTS, "batched"));
    const batched = Math.max(...runs);
    const perEvent = await delivery(backend, PER_EVENT_EVENTS, "perEvent");
    rows.push({
      what: `events: batched ring (${fmt(BATCHED_EVENTS)}, zero loss)`,
      backend,
      value: batched,
      unit: "events/s",
      note: `best of 3 (${runs.map((r) => fmt(r / 1000)).join("k, ")}k); ${batched >= TARGET_EVENTS_PER_S ? "meets" : "MISSES"} the ${fmt(TARGET_EVENTS_PER_S)}/s target; ${fmt(batched / perEvent, 1)}x per-event`,
      runs,
    });
    rows.push({
      what: `events: one callback per event (${fmt(PER_EVENT_EVENTS)})`,
      backend,
      value: perEvent,
      unit: "events/s",
      note: "hft_md_set_event_callback",
    });
  }

  // 3. end to end through the mock server, beside the same stepping read by a bare socket (best of 2 each)
  const best = async (f: () => Promise<{ perSecond: number; note: string; check: string }>) => {
    const a = await f();
    const b = await f();
    return a.perSecond >= b.perSecond ? a : b;
  };
  const bare = await best(bareSocket);
  rows.push({
    what: "mock server → bare TCP socket in JS (reference)",
    backend: "-",
    value: bare.perSecond,
    unit: "snapshots/s",
    note: `${bare.note}; ${bare.check}; best of 2`,
  });
  for (const backend of backends) {
    const e2e = await best(() => endToEnd(backend));
    rows.push({
      what: "end to end: mock server → library → JS listener",
      backend,
      value: e2e.perSecond,
      unit: "snapshots/s",
      note: `${fmt(e2e.perSecond / bare.perSecond, 2)}x the bare socket; ${e2e.note}; ${e2e.check}; best of 2`,
    });
  }

  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(
    `\n@tsgate/hft-native bench — node ${process.version}, ${cpus().length} cpu(s) ${cpus()[0]?.model ?? ""}`,
  );
  console.log(
    `${"what".padEnd(width)}  ${"backend".padEnd(8)}  ${"value".padStart(12)}  ${"unit".padEnd(11)}  note`,
  );
  for (const r of rows) {
    const digits = r.unit === "ns/call" ? 1 : 0;
    console.log(
      `${r.what.padEnd(width)}  ${r.backend.padEnd(8)}  ${fmt(r.value, digits).padStart(12)}  ${r.unit.padEnd(11)}  ${r.note}`,
    );
  }

  const dir = join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = join(dir, `bench-${stamp}.json`);
  const json = JSON.stringify(
    { date: new Date().toISOString(), node: process.version, cpus: cpus().length, rows },
    null,
    2,
  );
  writeFileSync(file, json);
  writeFileSync(join(dir, "latest.json"), json);
  console.log(`\nwritten ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
