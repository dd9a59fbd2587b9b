/**
 * Defaults and wire names of the NATS bridge, in one place.
 *
 * @module
 */

/** Default first subject token: events go to `tsgate.<gateway>.<event>`. */
export const DEFAULT_SUBJECT_PREFIX = "tsgate";
/** Default time a client waits for the answer to a request, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
/** Default time between reconnect attempts of the NATS client, in milliseconds. */
export const DEFAULT_RECONNECT_WAIT_MS = 500;
/** Queue group of the bridge servers' request subscriptions (one answers each request). */
export const SERVER_QUEUE_GROUP = "tsgate-bridge";

/** How long the durable stream keeps order, trade, position and account events: 7 days. */
export const DEFAULT_STREAM_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Most messages the durable stream keeps (oldest discarded first). */
export const DEFAULT_STREAM_MAX_MSGS = 5_000_000;
/** Most bytes the durable stream keeps: 2 GiB. */
export const DEFAULT_STREAM_MAX_BYTES = 2 * 1024 ** 3;
/** Window in which JetStream drops a re-published message with the same id: 2 minutes. */
export const STREAM_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
/** A client's durable consumer is deleted after this long without the client: 7 days. */
export const DEFAULT_CONSUMER_INACTIVE_MS = 7 * 24 * 60 * 60 * 1000;
/** How long JetStream waits for a client's ack before redelivering, in milliseconds. */
export const CONSUMER_ACK_WAIT_MS = 30_000;

/** How long the server waits for JetStream to acknowledge one durable publish. */
export const DURABLE_PUBLISH_TIMEOUT_MS = 5_000;
/** First delay before re-publishing a durable event JetStream did not acknowledge. */
export const DURABLE_RETRY_MIN_MS = 200;
/** Longest delay between two re-publish attempts. */
export const DURABLE_RETRY_MAX_MS = 5_000;
/**
 * How long the server keeps retrying one durable event. Within the stream's duplicate window,
 * so a retry of a message that was in fact stored is dropped by JetStream, not stored twice.
 */
export const DURABLE_RETRY_GIVE_UP_MS = STREAM_DUPLICATE_WINDOW_MS - 10_000;

/** Longest time `NatsBridgeServer.close()` waits for JetStream to confirm pending durable events. */
export const CLOSE_FLUSH_TIMEOUT_MS = 5_000;

/**
 * Bytes kept free in each reply chunk below the server's `max_payload` for protocol overhead and
 * headers. Large replies (snapshots, queries) are split into chunks of at most
 * `max_payload - REPLY_CHUNK_MARGIN_BYTES` bytes.
 */
export const REPLY_CHUNK_MARGIN_BYTES = 4_096;
/** NATS's default `max_payload`, used when the server did not announce one. */
export const NATS_DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** Longest time each step of `NatsBridgeClient.close()` (stop consuming, drain) may take. */
export const CLIENT_CLOSE_TIMEOUT_MS = 5_000;

/** Header: which client sent a request (its `clientId`). */
export const HEADER_CLIENT = "Tsgate-Client";
/** Header: the server incarnation (start time in ms) of a durable event. */
export const HEADER_EPOCH = "Tsgate-Epoch";
/** Header: the server's revision counter of a durable event within its epoch. */
export const HEADER_REV = "Tsgate-Rev";
/** Header: the clientId that sent the order an order or trade event belongs to. */
export const HEADER_OWNER = "Tsgate-Owner";
