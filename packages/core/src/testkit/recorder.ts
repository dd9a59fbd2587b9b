import type { EventEngine, EventHandler } from "../event-engine.js";
import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
  type EventData,
} from "../event-types.js";
import { WaitTimeoutError } from "./errors.js";
import { describeArrivals, showValue } from "./messages.js";

/** Event type prefixes whose data objects must be frozen, immutable snapshots. */
export const SNAPSHOT_PREFIXES: readonly string[] = Object.freeze([
  EVENT_TICK,
  EVENT_ORDER,
  EVENT_TRADE,
  EVENT_POSITION,
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
]);

// Bounds memory on fast feeds; the immutability check says how many objects it compared.
const MAX_SNAPSHOTS = 50_000;

/** One event as the {@link EventRecorder} received it. */
export interface RecordedEvent {
  /** Position in the recording, from 0. */
  readonly index: number;
  /** The event type. */
  readonly type: string;
  /** The event data, as delivered (the same object the gateway pushed). */
  readonly data: unknown;
  /** For data objects (ticks, orders, trades, positions, accounts, contracts): whether the object was frozen on receipt. */
  readonly frozen: boolean | undefined;
  /** For data objects: JSON of the object on receipt, to detect later changes. */
  readonly json: string | undefined;
}

interface Condition {
  readonly test: () => boolean;
  readonly done: () => void;
}

/**
 * Records every event an engine delivers, with a frozen flag and a JSON snapshot of each data
 * object taken on receipt, and lets a check wait for a condition over what was recorded.
 */
export class EventRecorder {
  /** Everything recorded so far, in delivery order. */
  readonly events: RecordedEvent[] = [];
  /** Data objects received after the snapshot limit, not snapshotted. */
  snapshotsSkipped = 0;

  private snapshots = 0;
  private readonly conditions = new Set<Condition>();
  private readonly eventEngine: EventEngine;
  private readonly handler: EventHandler;

  /** Starts recording every event delivered by `eventEngine`. */
  constructor(eventEngine: EventEngine) {
    this.eventEngine = eventEngine;
    this.handler = (event) => this.record(event.type, event.data);
    eventEngine.registerGeneral(this.handler);
  }

  /** Number of events recorded so far. */
  get length(): number {
    return this.events.length;
  }

  /** Data of the recorded events of exactly `type`, from index `from` on. */
  dataOf<T extends string>(type: T, from = 0): EventData<T>[] {
    const result: EventData<T>[] = [];
    for (let i = from; i < this.events.length; i++) {
      const event = this.events[i]!;
      if (event.type === type) result.push(event.data as EventData<T>);
    }
    return result;
  }

  /**
   * Resolves once `condition` holds, evaluated now and after each recorded event; rejects with a
   * {@link WaitTimeoutError} naming `what`, the events recorded meanwhile and `detail()`.
   */
  waitUntil(condition: () => boolean, timeoutMs: number, what: string, detail?: () => string): Promise<void> {
    if (condition()) return Promise.resolve();
    const start = this.events.length;
    return new Promise((resolve, reject) => {
      const entry: Condition = {
        test: condition,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.conditions.delete(entry);
        const extra = detail === undefined ? "" : ` ${detail()}`;
        reject(
          new WaitTimeoutError(what, timeoutMs, `${describeArrivals(this.events.slice(start))}${extra}`),
        );
      }, timeoutMs);
      this.conditions.add(entry);
    });
  }

  /**
   * Resolves with the first recorded data of exactly `type` (from index `from` on) that matches
   * `predicate`, waiting up to `timeoutMs` for it.
   */
  async waitFor<T extends string>(
    type: T,
    predicate: (data: EventData<T>) => boolean,
    timeoutMs: number,
    what: string,
    from = 0,
  ): Promise<EventData<T>> {
    let found: EventData<T> | undefined;
    let scanned = from;
    await this.waitUntil(
      () => {
        for (; scanned < this.events.length; scanned++) {
          const event = this.events[scanned]!;
          if (event.type === type && predicate(event.data as EventData<T>)) {
            found = event.data as EventData<T>;
            return true;
          }
        }
        return false;
      },
      timeoutMs,
      what,
      () => {
        const last = this.dataOf(type, from).at(-1);
        return last === undefined ? `No "${type}" event at all.` : `Last "${type}": ${showValue(last)}.`;
      },
    );
    return found as EventData<T>;
  }

  /** Stops recording. */
  stop(): void {
    this.eventEngine.unregisterGeneral(this.handler);
  }

  private record(type: string, data: unknown): void {
    let frozen: boolean | undefined;
    let json: string | undefined;
    if (typeof data === "object" && data !== null && SNAPSHOT_PREFIXES.some((p) => type.startsWith(p))) {
      frozen = Object.isFrozen(data);
      if (this.snapshots < MAX_SNAPSHOTS) {
        this.snapshots++;
        json = safeJson(data);
      } else {
        this.snapshotsSkipped++;
      }
    }
    this.events.push({ index: this.events.length, type, data, frozen, json });
    for (const condition of [...this.conditions]) {
      let met: boolean;
      try {
        met = condition.test();
      } catch {
        met = false;
      }
      if (met) {
        this.conditions.delete(condition);
        condition.done();
      }
    }
  }
}

/** JSON of a value, or a marker when it cannot be serialised (cycles, BigInt). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "undefined";
  } catch (error) {
    return `<not serialisable: ${error instanceof Error ? error.message : String(error)}>`;
  }
}
