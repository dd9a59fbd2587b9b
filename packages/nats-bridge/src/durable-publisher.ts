/**
 * Publishes durable events to JetStream and makes sure each is stored: a publish JetStream does
 * not acknowledge (NATS down, timeout) is retried with the same message id until it is, so a
 * retry of a message that was in fact stored is dropped by JetStream's duplicate window.
 *
 * @module
 */
import type { JetStreamClient, MsgHdrs } from "nats";
import {
  DURABLE_PUBLISH_TIMEOUT_MS,
  DURABLE_RETRY_GIVE_UP_MS,
  DURABLE_RETRY_MAX_MS,
  DURABLE_RETRY_MIN_MS,
} from "./constants.js";

interface Pending {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs;
  readonly msgID: string;
  readonly firstTry: number;
  /** Publish attempts awaiting JetStream's answer. */
  attempts: number;
  /** Stored, or given up. */
  done: boolean;
}

/** Reports a durable event that could not be stored (given up after retries). */
export type DurableFailureReporter = (message: string) => void;

/** See module doc. */
export class DurablePublisher {
  // Insertion order is publish order: re-sends keep it.
  private readonly unconfirmed = new Set<Pending>();
  private readonly retries: Pending[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = DURABLE_RETRY_MIN_MS;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  /**
   * @param js - JetStream context of the server's connection
   * @param onFailure - called when an event is dropped after retrying for the duplicate window
   */
  constructor(
    private readonly js: JetStreamClient,
    private readonly onFailure: DurableFailureReporter,
  ) {}

  /** Publishes one event; returns at once, storing is confirmed asynchronously. */
  publish(subject: string, data: Uint8Array, headers: MsgHdrs, msgID: string): void {
    if (this.closed) return;
    const item: Pending = { subject, data, headers, msgID, firstTry: Date.now(), attempts: 0, done: false };
    this.unconfirmed.add(item);
    this.send(item);
  }

  /** Events published and not yet confirmed stored. */
  get pending(): number {
    return this.unconfirmed.size;
  }

  /** Resolves when every event published so far is stored (or given up). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Sends every unconfirmed event again now, in publish order. Called when the connection is
   * back: an ack addressed to the old connection's inbox may be lost, and waiting for each
   * publish timeout would delay recovery by seconds. JetStream drops the duplicates.
   */
  resendUnconfirmed(): void {
    if (this.closed) return;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retries.length = 0;
    this.retryDelay = DURABLE_RETRY_MIN_MS;
    for (const item of this.unconfirmed) this.send(item);
  }

  /** Stops retrying; events not yet stored are dropped. */
  close(): void {
    this.closed = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.retries.length = 0;
    for (const item of this.unconfirmed) item.done = true;
    this.unconfirmed.clear();
    this.notifyIdle();
  }

  private send(item: Pending): void {
    if (this.closed || item.done) return;
    item.attempts++;
    this.js
      .publish(item.subject, item.data, {
        headers: item.headers,
        msgID: item.msgID,
        timeout: DURABLE_PUBLISH_TIMEOUT_MS,
      })
      .then(
        () => this.finish(item),
        () => this.failed(item),
      )
      .finally(() => {
        item.attempts--;
      });
  }

  private finish(item: Pending): void {
    if (item.done) return;
    item.done = true;
    this.unconfirmed.delete(item);
    this.retryDelay = DURABLE_RETRY_MIN_MS;
    this.notifyIdle();
  }

  private failed(item: Pending): void {
    // Another attempt of the same event is still waiting for its answer.
    if (item.done || item.attempts > 1) return;
    if (Date.now() - item.firstTry > DURABLE_RETRY_GIVE_UP_MS) {
      item.done = true;
      this.unconfirmed.delete(item);
      this.onFailure(
        `durable event ${item.subject} (id ${item.msgID}) could not be stored in JetStream; dropped`,
      );
      this.notifyIdle();
      return;
    }
    if (!this.retries.includes(item)) this.retries.push(item);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryDelay = Math.min(this.retryDelay * 2, DURABLE_RETRY_MAX_MS);
      const batch = this.retries.splice(0).sort((a, b) => a.firstTry - b.firstTry);
      for (const item of batch) this.send(item);
    }, this.retryDelay);
  }

  private notifyIdle(): void {
    if (this.pending > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
