/**
 * The seeded fault schedule and the code that plays it against the mock servers' control handle.
 * A schedule is a plain list made up front from the seed, so a seed always means the same faults
 * in the same order with the same parameters (timing relative to the strategy's orders still
 * varies with the machine; the ledger must hold whatever the interleaving).
 */
import type { MockControl } from "@tsgate/mock-server";
import type { Prng } from "./prng.js";

export const FAULT_KINDS = [
  "tradeDrop",
  "marketDrop",
  "tradeStall",
  "marketStall",
  "delayReports",
  "duplicateReports",
  "reorderReports",
  "marketPause",
  "tradeRestart",
  // A broker restarted without its books (issue 18.5): both servers replaced by a fresh broker on
  // the same ports; sequences, order ids and trade ids start again.
  "brokerRestart",
  // A broker restarted with its books kept (as from a state file): both servers down at once,
  // then back on the same ports with the same books and sequences.
  "brokerRestartKept",
  // one-way loss (issue 18.6): client -> server bytes vanish, server -> client still flows
  "tradeOneWayLoss",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** One scheduled fault. */
export interface FaultStep {
  readonly kind: FaultKind;
  /** Stall length, report delay, pause length or server down time, in ms (0 when unused). */
  readonly ms: number;
  /** How long a switched fault (delay, duplicate, reorder, pause) stays on. */
  readonly holdMs: number;
  /** Quiet time after the step, while the strategy keeps trading. */
  readonly gapMs: number;
}

/** Relative weights of the fault kinds; a kind left out (or 0) is never scheduled. */
export type FaultWeights = Partial<Record<FaultKind, number>>;

/** The default weights: every kind. */
export const DEFAULT_WEIGHTS: Readonly<Record<FaultKind, number>> = {
  tradeDrop: 3,
  marketDrop: 2,
  tradeStall: 2,
  marketStall: 1,
  delayReports: 2,
  duplicateReports: 2,
  reorderReports: 2,
  marketPause: 2,
  tradeRestart: 1,
  brokerRestart: 1,
  brokerRestartKept: 1,
  tradeOneWayLoss: 2,
};

function pickKind(prng: Prng, weights: FaultWeights): FaultKind {
  const total = FAULT_KINDS.reduce((sum, kind) => sum + (weights[kind] ?? 0), 0);
  let r = prng.next() * total;
  for (const kind of FAULT_KINDS) {
    r -= weights[kind] ?? 0;
    if (r < 0) return kind;
  }
  return "tradeDrop";
}

/** One step of `kind` with seeded parameters. */
function makeStep(prng: Prng, kind: FaultKind, stallMs: number): FaultStep {
  let ms = 0;
  if (kind === "tradeStall" || kind === "marketStall") ms = prng.int(stallMs, stallMs + 400);
  else if (kind === "delayReports") ms = prng.int(20, 150);
  else if (kind === "marketPause") ms = prng.int(100, 500);
  else if (kind === "tradeRestart") ms = prng.int(0, 300);
  else if (kind === "brokerRestart" || kind === "brokerRestartKept") ms = prng.int(0, 300);
  const switched = kind === "delayReports" || kind === "duplicateReports" || kind === "reorderReports";
  const holdMs = switched ? prng.int(100, 600) : 0;
  return { kind, ms, holdMs, gapMs: prng.int(50, 400) };
}

/**
 * `count` fault steps. `stallMs` is the shortest stall: pass more than the gateway's heartbeat
 * timeout so that a stall is detected as a dead connection. Each kind in `required` the draw
 * left out replaces a seeded step, so a short schedule still plays them.
 */
export function makeSchedule(
  prng: Prng,
  count: number,
  stallMs: number,
  weights: FaultWeights = DEFAULT_WEIGHTS,
  required: readonly FaultKind[] = [],
): FaultStep[] {
  if (!FAULT_KINDS.some((kind) => (weights[kind] ?? 0) > 0))
    throw new Error("fault weights: at least one kind needs a weight above 0");
  if (new Set(required).size > count)
    throw new Error(
      `fault schedule: ${count} steps cannot hold the ${new Set(required).size} required kinds`,
    );
  const steps: FaultStep[] = [];
  for (let i = 0; i < count; i++) steps.push(makeStep(prng, pickKind(prng, weights), stallMs));
  // A step may go unless it is the only one of a required kind.
  const replaceable = () =>
    steps.flatMap((step, i) =>
      required.includes(step.kind) && steps.filter((s) => s.kind === step.kind).length === 1 ? [] : [i],
    );
  for (const kind of new Set(required)) {
    if (steps.some((step) => step.kind === kind)) continue;
    const free = replaceable();
    const at = free[prng.int(0, free.length - 1)];
    if (at !== undefined) steps[at] = makeStep(prng, kind, stallMs);
  }
  return steps;
}

/** Counts of what was injected, by kind, and how many connections the drops and stalls hit. */
export type FaultCounts = Record<FaultKind, number> & { connectionsHit: number };

export function emptyCounts(): FaultCounts {
  const counts = { connectionsHit: 0 } as FaultCounts;
  for (const kind of FAULT_KINDS) counts[kind] = 0;
  return counts;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PlayOptions {
  /** Called just before a trade server restart, to have an order in flight across it. */
  beforeRestart?: () => void;
  /**
   * Replaces the broker by a fresh one (books lost) on the same ports, down for `downMs`; the
   * runner owns the servers, so it does this. Without it the step is counted but plays nothing.
   */
  restartBroker?: (downMs: number) => Promise<void>;
  /**
   * One-way loss: from now on drop what the client sends on the open trade connections (a proxy
   * between gateway and trade server); returns how many connections it hit. Required by
   * `tradeOneWayLoss` steps.
   */
  oneWayLoss?: () => number;
  /** Checked between steps: stop early when it returns true. */
  stopped?: () => boolean;
  /** Called after each step with the number of steps done. */
  afterStep?: (done: number) => void;
}

/**
 * Plays the schedule against the servers; resolves when every step (with its gap) is done. Pass
 * `servers` as a function when a broker restart replaces them: each step takes the current ones.
 */
export async function playSchedule(
  servers: MockControl | (() => MockControl),
  steps: readonly FaultStep[],
  counts: FaultCounts,
  options: PlayOptions = {},
): Promise<void> {
  let done = 0;
  for (const step of steps) {
    if (options.stopped?.()) return;
    counts[step.kind]++;
    const control = typeof servers === "function" ? servers() : servers;
    switch (step.kind) {
      case "tradeDrop":
        counts.connectionsHit += control.dropConnections({ side: "trade" });
        break;
      case "marketDrop":
        counts.connectionsHit += control.dropConnections({ side: "market" });
        break;
      case "tradeStall":
        counts.connectionsHit += control.stallConnections(step.ms, { side: "trade" });
        break;
      case "marketStall":
        counts.connectionsHit += control.stallConnections(step.ms, { side: "market" });
        break;
      case "delayReports":
        control.delayReports(step.ms);
        await sleep(step.holdMs);
        control.delayReports(0);
        break;
      case "duplicateReports":
        control.duplicateReports(true);
        await sleep(step.holdMs);
        control.duplicateReports(false);
        break;
      case "reorderReports":
        control.reorderReports(true);
        await sleep(step.holdMs);
        control.reorderReports(false);
        break;
      case "marketPause":
        control.pauseMarketData();
        await sleep(step.ms);
        control.resumeMarketData();
        break;
      case "tradeRestart":
        options.beforeRestart?.();
        await control.restartServer("trade", step.ms);
        break;
      case "brokerRestart":
        options.beforeRestart?.();
        await options.restartBroker?.(step.ms);
        break;
      case "brokerRestartKept":
        options.beforeRestart?.();
        await Promise.all([
          control.restartServer("trade", step.ms),
          control.restartServer("market", step.ms),
        ]);
        break;
      case "tradeOneWayLoss": {
        // The gateway must notice its unanswered requests and reconnect; the new connection passes.
        if (!options.oneWayLoss) throw new Error("a tradeOneWayLoss step needs PlayOptions.oneWayLoss");
        counts.connectionsHit += options.oneWayLoss();
        break;
      }
    }
    await sleep(step.gapMs);
    options.afterStep?.(++done);
  }
}
