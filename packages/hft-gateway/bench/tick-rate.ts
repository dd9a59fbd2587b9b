/**
 * Sustained tick rate through the whole stack with the C peer as the market source (issue 22;
 * `npx tsx bench/tick-rate.ts`, or `npm run bench:tick-rate -w @tsgate/hft-gateway`).
 *
 * `bench/run.ts` measures the rate with the JS mock server as the source, which bounds it (the
 * server's own stepping and encoding is the slowest stage). Here the C peer
 * (`latency_peer --flood`) sends TICKS market-data frames back to back, 64 KiB per send(), and TCP
 * pushes back when the library's ring is full, so the rate measured is what the library, the
 * FFI drain and the JS side sustain. Two subjects, each against a fresh peer: MainEngine +
 * HftGateway with an EVENT_TICK handler (TickData, EventEngine, OMS: what users run), and the
 * bare MdApi 'marketData' listener (the library + FFI + decode share). Rate = ticks seen ÷ the
 * time from the first to the last tick reaching its handler; every tick is checked to arrive.
 *
 * Results: a table on stdout, JSON in bench/results/tick-rate.json. Benchmarks are not tests.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { type PerformanceEntry, PerformanceObserver, performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createSubscribeRequest, EVENT_TICK, Exchange, MainEngine } from "@tsgate/core";
import { loadHftLibrary, MdApi, type TypedEmitter } from "@tsgate/hft-native";
import type * as Gateway from "../src/index.js";
import { buildPeer, connectToPeer } from "./c-peer.js";

const distEntry = new URL("../dist/index.js", import.meta.url).href;
const { HftGateway } = (await import(distEntry)) as typeof Gateway;

const TICKS = Number(process.env.BENCH_FLOOD_TICKS ?? 500_000);
/** A run that has not seen every tick by then is reported as such (bounded, never hangs). */
const RUN_TIMEOUT_MS = 120_000;
const BUSY_POLL = process.env.BENCH_BUSY_POLL === "1";
const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));

interface Counter {
  seen: number;
  first: number;
  last: number;
}

/**
 * Garbage collections during a run (PerformanceObserver 'gc'): how many and how long. Their count
 * per tick follows the bytes allocated per tick (a scavenge runs each time the young generation
 * fills), so unlike the rate it does not depend on the machine's load.
 */
interface GcTally {
  minor: number;
  major: number;
  ms: number;
}

function watchGc(): { tally: GcTally; stop: () => void } {
  const tally: GcTally = { minor: 0, major: 0, ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      // NODE_PERFORMANCE_GC_MINOR = 1 (scavenge); the others are mark-compact or incremental steps.
      if (entry.detail?.kind === 1) tally.minor++;
      else tally.major++;
      tally.ms += entry.duration;
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return { tally, stop: () => observer.disconnect() };
}

/** Counts ticks; resolves when all TICKS arrived (or the run timed out). */
function counting(): { counter: Counter; onTick: () => void; all: Promise<void> } {
  const counter: Counter = { seen: 0, first: 0, last: 0 };
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  return {
    counter,
    all,
    onTick: () => {
      const t = performance.now();
      if (counter.seen === 0) counter.first = t;
      counter.last = t;
      if (++counter.seen === TICKS) done();
    },
  };
}

interface Subject {
  start(tradePort: number, marketPort: number, onTick: () => void): Promise<void>;
  close(): Promise<void>;
}

function gatewaySubject(): Subject {
  const engine = new MainEngine();
  engine.addGateway(HftGateway);
  return {
    async start(tradePort, marketPort, onTick) {
      await connectToPeer(engine, "HFT", tradePort, marketPort, { busyPoll: BUSY_POLL });
      engine.eventEngine.register(`${EVENT_TICK}600000.SSE`, onTick);
      engine.subscribe(createSubscribeRequest({ symbol: "600000", exchange: Exchange.SSE }), "HFT");
    },
    close: () => engine.close(),
  };
}

function bareSubject(): Subject {
  let md: MdApi | undefined;
  return {
    async start(_tradePort, marketPort, onTick) {
      const m = new MdApi({
        host: "127.0.0.1",
        port: marketPort,
        library: loadHftLibrary(),
        busyPoll: BUSY_POLL,
      });
      md = m;
      const up = new Promise<void>((resolve, reject) =>
        (m as TypedEmitter<{ login: { ok: boolean } }>).on("login", (e) =>
          e.ok ? resolve() : reject(new Error("tick-rate bench: login refused")),
        ),
      );
      m.login({ user: "demo", password: "demo123" });
      await up;
      m.on("marketData", onTick);
      m.subscribe("SH", ["600000"]);
    },
    close: async () => {
      await md?.close();
    },
  };
}

async function run(
  exe: string,
  subject: Subject,
): Promise<{ counter: Counter; sendNs: number; complete: boolean; gc: GcTally }> {
  const peer = spawn(exe, ["--flood", String(TICKS)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: peer.stdout });
  let ports: (p: [number, number]) => void = () => {};
  let flooded: (ns: number) => void = () => {};
  const ready = new Promise<[number, number]>((resolve) => {
    ports = resolve;
  });
  const sent = new Promise<number>((resolve) => {
    flooded = resolve;
  });
  lines.on("line", (line) => {
    const f = line.split(" ");
    if (f[0] === "READY") ports([Number(f[1]), Number(f[2])]);
    else if (f[0] === "FLOOD") flooded(Number(f[2]));
  });
  const exited = new Promise<void>((resolve) => peer.on("exit", () => resolve()));
  const [tradePort, marketPort] = await ready;
  const { counter, onTick, all } = counting();
  let timer: NodeJS.Timeout | undefined;
  let gc: { tally: GcTally; stop: () => void } | undefined;
  try {
    await subject.start(tradePort, marketPort, onTick);
    gc = watchGc();
    peer.stdin.write("GO\n");
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), RUN_TIMEOUT_MS);
    });
    const complete = await Promise.race([all.then(() => true), timedOut]);
    // The peer reports its send time once its last send returned, which may follow the last tick.
    const sendNs = complete ? await sent : Number.NaN;
    gc.stop();
    return { counter, sendNs, complete, gc: gc.tally };
  } finally {
    gc?.stop();
    clearTimeout(timer);
    peer.stdin.write("STOP\n");
    await subject.close();
    await exited;
  }
}

async function main(): Promise<void> {
  const load0 = loadavg();
  const tmp = mkdtempSync(path.join(tmpdir(), "tsgate-tick-rate-"));
  const results: [string, Awaited<ReturnType<typeof run>>][] = [];
  try {
    const exe = buildPeer(tmp);
    results.push([
      "sustained ticks, C peer source → EVENT_TICK handler (MainEngine + HftGateway)",
      await run(exe, gatewaySubject()),
    ]);
    results.push([
      "sustained ticks, C peer source → MdApi 'marketData' (no gateway)",
      await run(exe, bareSubject()),
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const load1 = loadavg();
  const load = `load ${load0.map((l) => l.toFixed(2)).join("/")} → ${load1.map((l) => l.toFixed(2)).join("/")}`;
  console.log(
    `hft-gateway tick-rate bench: ${TICKS} ticks per run from the C peer${BUSY_POLL ? ", busyPoll" : ""}, ${load}`,
  );
  const rows = results.map(([name, r]) => {
    const seconds = (r.counter.last - r.counter.first) / 1000;
    const rate = r.counter.seen > 1 ? (r.counter.seen - 1) / seconds : 0;
    const per100k = (n: number) => ((n * 100_000) / Math.max(1, r.counter.seen)).toFixed(1);
    const gcText = `GC per 100k ticks: ${per100k(r.gc.minor)} minor, ${per100k(r.gc.major)} major, ${per100k(r.gc.ms)} ms`;
    const note = `${r.counter.seen} of ${TICKS} ticks seen${r.complete ? "" : " (timed out)"}; ${gcText}; the peer's sends took ${(r.sendNs / 1e6).toFixed(0)} ms; ${load}`;
    console.log(
      `  ${name.padEnd(80)} ${Math.round(rate).toLocaleString("en-US").padStart(10)} ticks/s  (${note})`,
    );
    return { name, backend: "koffi", value: rate, unit: "/s", note, gc: r.gc };
  });
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "tick-rate.json"),
    `${JSON.stringify({ date: new Date().toISOString(), ticks: TICKS, loadBefore: load0, loadAfter: load1, rows }, null, 2)}\n`,
  );
}

await main();
