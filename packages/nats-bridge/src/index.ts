/**
 * `@tsgate/nats-bridge`: share one gateway connection between strategies in several processes or
 * hosts over NATS.
 *
 * - {@link NatsBridgeServer} attaches to the gateway host's `MainEngine`, publishes the gateway's
 *   events on `tsgate.<gateway>.<event>` subjects (orders, trades, positions and accounts also
 *   into a JetStream stream) and serves requests.
 * - {@link NatsBridgeClient} gives a remote strategy the local API: `register`, `subscribe`,
 *   `sendOrder`, `cancelOrder` and OMS queries.
 *
 * @packageDocumentation
 */
export { CLIENT_LOG_NAME, NatsBridgeClient, type NatsBridgeClientOptions } from "./client.js";
export type { NatsCredentials } from "./connection.js";
export {
  DEFAULT_CONSUMER_INACTIVE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_STREAM_MAX_AGE_MS,
  DEFAULT_STREAM_MAX_BYTES,
  DEFAULT_STREAM_MAX_MSGS,
  DEFAULT_SUBJECT_PREFIX,
} from "./constants.js";
export { BridgeError, type BridgeErrorCode } from "./errors.js";
export { OmsView, type Revision } from "./oms-view.js";
export { BRIDGE_LOG_NAME, NatsBridgeServer, type NatsBridgeServerOptions } from "./server.js";
export type { StreamLimits } from "./stream.js";
export { escapeId, Subjects, unescapeId } from "./subjects.js";
