/**
 * The JetStream stream that keeps a gateway's order, trade, position and account events, and
 * the durable consumers of clients.
 *
 * @module
 */
import {
  AckPolicy,
  type ConsumerInfo,
  DeliverPolicy,
  DiscardPolicy,
  type JetStreamManager,
  NatsError,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "nats";
import {
  CONSUMER_ACK_WAIT_MS,
  DEFAULT_STREAM_MAX_AGE_MS,
  DEFAULT_STREAM_MAX_BYTES,
  DEFAULT_STREAM_MAX_MSGS,
  STREAM_DUPLICATE_WINDOW_MS,
} from "./constants.js";
import { BridgeError } from "./errors.js";
import type { Subjects } from "./subjects.js";

/** Limits of the durable stream; every field has a default. */
export interface StreamLimits {
  /** Oldest message age kept, ms. Default 7 days. */
  readonly maxAgeMs?: number;
  /** Most messages kept. Default 5,000,000. */
  readonly maxMsgs?: number;
  /** Most bytes kept. Default 2 GiB. */
  readonly maxBytes?: number;
}

// JetStream API error codes (nats-server's JSStreamNotFoundErr, JSConsumerNotFoundErr).
const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

function isApiError(error: unknown, code: number): boolean {
  return error instanceof NatsError && error.api_error?.err_code === code;
}

/** Creates the gateway's stream, or updates its subjects and limits when it exists. */
export async function ensureStream(
  jsm: JetStreamManager,
  subjects: Subjects,
  limits: StreamLimits = {},
): Promise<void> {
  const config: Partial<StreamConfig> & { name: string } = {
    name: subjects.streamName,
    subjects: subjects.durableSubjects(),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(limits.maxAgeMs ?? DEFAULT_STREAM_MAX_AGE_MS),
    max_msgs: limits.maxMsgs ?? DEFAULT_STREAM_MAX_MSGS,
    max_bytes: limits.maxBytes ?? DEFAULT_STREAM_MAX_BYTES,
    duplicate_window: nanos(STREAM_DUPLICATE_WINDOW_MS),
    num_replicas: 1,
  };
  try {
    await jsm.streams.info(config.name);
  } catch (error) {
    if (!isApiError(error, STREAM_NOT_FOUND)) throw error;
    await jsm.streams.add(config);
    return;
  }
  await jsm.streams.update(config.name, config);
}

/**
 * Binds (or creates) a client's durable consumer. A new consumer starts at the end of the stream
 * (the client takes the current state from a snapshot); an existing one resumes after the last
 * message the client acknowledged.
 *
 * @returns the consumer info and whether it was created now
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  subjects: Subjects,
  clientId: string,
  inactiveMs: number,
): Promise<{ info: ConsumerInfo; created: boolean }> {
  const name = subjects.consumerName(clientId);
  try {
    return { info: await jsm.consumers.info(subjects.streamName, name), created: false };
  } catch (error) {
    if (isApiError(error, STREAM_NOT_FOUND)) {
      throw new BridgeError(
        "NO_SERVER",
        `no stream ${subjects.streamName}: no bridge server for ${subjects.root}.> has run on this NATS (start NatsBridgeServer.attach on the gateway host first)`,
      );
    }
    if (!isApiError(error, CONSUMER_NOT_FOUND)) throw error;
  }
  const info = await jsm.consumers.add(subjects.streamName, {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.New,
    ack_wait: nanos(CONSUMER_ACK_WAIT_MS),
    inactive_threshold: nanos(inactiveMs),
  });
  return { info, created: true };
}
