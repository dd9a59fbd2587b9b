/**
 * EventEngine against vnpy's own (issue 22, DESIGN.md §9: ≥ 100× vnpy's EventEngine by the median
 * of 5 warm processes, none below 50×).
 *
 * Both engines are driven the same way: 1,000,000 events through one type handler and one
 * general handler, every event put back to back from the main thread, timed from the first put
 * until both handlers have seen the last one; three rounds in one process, the last one counted
 * (a warm JIT for V8; CPython has none, its rounds are alike). Both engines' timer events are
 * left out of the counts. Five processes of each, run in
 * turn (ours, vnpy, ours, ...) so load on the machine falls on both alike. Prints each
 * process's figure, the median and the worst of each, and the ratios.
 *
 * Each side loads its engine module alone (vnpy's `engine.py`; ours `vnpy-ratio-engine.ts`, the
 * EventEngine module and its imports) and runs it the way its users do: vnpy's source under
 * python3, ours built to JavaScript (tsup, target node20, into a temporary directory) under plain
 * `node` from `vnpy-ratio-child.mjs`, with no TypeScript loader in the process (see that file).
 *
 * vnpy is not a dependency and never enters the repository: pass the path of `vnpy/event/engine.py`
 * from a checkout of vnpy/vnpy, `npx tsx bench/vnpy-ratio.bench.ts /path/to/engine.py` or
 * `VNPY_ENGINE_PY=/path/to/engine.py`. Needs python3. Benchmarks are not tests.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildToJs } from "./build-js.js";

const EVENTS = 1_000_000;
const ROUNDS = 3;
const PROCESSES = 5;
/** DESIGN.md §9 targets. */
const TARGET_MEDIAN = 100;
const TARGET_WORST = 50;
const RESULTS_FILE = fileURLToPath(new URL("./results/vnpy-ratio.json", import.meta.url));
const OURS_CHILD = fileURLToPath(new URL("./vnpy-ratio-child.mjs", import.meta.url));
const OURS_ENGINE = fileURLToPath(new URL("./vnpy-ratio-engine.ts", import.meta.url));

/** The same driver for vnpy's engine, in python3: its worker thread drains while we put. */
const VNPY_DRIVER = `
import importlib.util, sys, threading, time
spec = importlib.util.spec_from_file_location("vnpy_event_engine", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
N, ROUNDS = int(sys.argv[2]), int(sys.argv[3])
def once():
    engine = m.EventEngine()
    counts = [0, 0]
    done = threading.Event()
    def on_type(event):
        counts[0] += 1
    def on_general(event):
        if event.type != "eTick.": return  # the engine's own eTimer events
        counts[1] += 1
        if counts[1] == N: done.set()
    engine.register("eTick.", on_type)
    engine.register_general(on_general)
    engine.start()
    data = {"last_price": 7.31}
    t0 = time.perf_counter()
    for _ in range(N): engine.put(m.Event("eTick.", data))
    done.wait()
    seconds = time.perf_counter() - t0
    engine.stop()
    assert counts == [N, N], counts
    return N / seconds
rate = 0
for _ in range(ROUNDS): rate = once()
print(rate)
`;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const enginePy = process.argv[2] ?? process.env.VNPY_ENGINE_PY ?? "";
  if (enginePy === "" || !existsSync(enginePy)) {
    console.error(
      "vnpy-ratio: give the path of vnpy/event/engine.py (argument or VNPY_ENGINE_PY) from a checkout of vnpy/vnpy",
    );
    process.exit(2);
  }
  const buildDir = mkdtempSync(join(tmpdir(), "tsgate-vnpy-ratio-"));
  const engineUrl = await buildToJs(OURS_ENGINE, buildDir, "engine");
  const load0 = loadavg();
  const ours: number[] = [];
  const vnpy: number[] = [];
  for (let p = 0; p < PROCESSES; p++) {
    const o = execFileSync(process.execPath, [OURS_CHILD, engineUrl, String(EVENTS), String(ROUNDS)], {
      encoding: "utf8",
    });
    ours.push(Number(o.trim()));
    const v = execFileSync("python3", ["-c", VNPY_DRIVER, enginePy, String(EVENTS), String(ROUNDS)], {
      encoding: "utf8",
    });
    vnpy.push(Number(v.trim()));
    console.log(
      `  process ${p + 1}: ours ${(ours[p]! / 1e6).toFixed(2)}M events/s, vnpy ${(vnpy[p]! / 1e3).toFixed(0)}k events/s`,
    );
  }
  const load1 = loadavg();
  rmSync(buildDir, { recursive: true, force: true });
  const oursMedian = median(ours);
  const vnpyMedian = median(vnpy);
  const oursWorst = Math.min(...ours);
  const ratio = oursMedian / vnpyMedian;
  const worstRatio = oursWorst / vnpyMedian;
  const load = `load ${load0.map((l) => l.toFixed(2)).join("/")} → ${load1.map((l) => l.toFixed(2)).join("/")}`;
  console.log(
    `EventEngine vs vnpy (${EVENTS} events, 1 type + 1 general handler, last of ${ROUNDS} rounds, ${PROCESSES} processes each; ${load})`,
  );
  console.log(
    `  ours median ${(oursMedian / 1e6).toFixed(2)}M/s worst ${(oursWorst / 1e6).toFixed(2)}M/s; vnpy median ${(vnpyMedian / 1e3).toFixed(0)}k/s worst ${(Math.min(...vnpy) / 1e3).toFixed(0)}k/s`,
  );
  const row = (name: string, value: number, baseline: string, baselineValue: number, note: string) => ({
    name,
    value,
    unit: "events/s",
    baseline,
    baselineValue,
    note,
  });
  mkdirSync(fileURLToPath(new URL("./results/", import.meta.url)), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        loadBefore: load0,
        loadAfter: load1,
        oursRun: "bench/vnpy-ratio-engine.ts built by tsup (node20), plain node, no TypeScript loader",
        ours,
        vnpy,
        rows: [
          row(
            "EventEngine vs vnpy: median of 5 processes",
            oursMedian,
            "vnpy EventEngine, median of 5 processes",
            vnpyMedian,
            `target ≥ ${TARGET_MEDIAN}×; ${load}`,
          ),
          row(
            "EventEngine vs vnpy: worst of 5 processes",
            oursWorst,
            "vnpy EventEngine, median of 5 processes",
            vnpyMedian,
            `target ≥ ${TARGET_WORST}×`,
          ),
        ],
      },
      null,
      2,
    )}\n`,
  );
  console.log(
    `ratio median ${ratio.toFixed(0)}x (target ≥ ${TARGET_MEDIAN}x), worst process ${worstRatio.toFixed(0)}x (target ≥ ${TARGET_WORST}x)`,
  );
}

await main();
